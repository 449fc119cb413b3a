/**
 * The format registry: every reader's descriptor, once, and every table
 * about formats derived from it — the schema's `format` enum, merge's
 * trust order, the digest's shelves, the files a walk reads, and the
 * formats table of docs/formats.md (`npm run docs`). Plain data: loading
 * it loads no reader (readers.ts does, for detection).
 *
 * Adding a format: its folder under src/formats/ (the reader, and its
 * descriptor in the folder's descriptor.ts), its fixtures, and one line
 * below.
 */
import { globsRegExp } from '../globs.js';
import { appleBooks } from './apple-books/descriptor.js';
import { bookcision, bookcisionText } from './bookcision/descriptor.js';
import { boox } from './boox/descriptor.js';
import type { FormatDescriptor, FormatInfo, Shelf } from './format.js';
import { glasp } from './glasp/descriptor.js';
import { hypothesis } from './hypothesis/descriptor.js';
import { ingestOutput } from './ingest-output/descriptor.js';
import { instapaper, instapaperNotes } from './instapaper/descriptor.js';
import { kindleClippings, kindlePlugin } from './kindle/descriptor.js';
import { kindleNotebook } from './kindle-notebook/descriptor.js';
import { koreaderHtml, koreaderJson, koreaderMarkdown, koreaderSidecar } from './koreader/descriptor.js';
import { koboPlugin, koboSqlite } from './kobo/descriptor.js';
import { logseq } from './logseq/descriptor.js';
import { omnivore } from './omnivore/descriptor.js';
import { raindrop } from './raindrop/descriptor.js';
import { pocket, pocketPlugin } from './pocket/descriptor.js';
import { readwiseCsv, readwiseJson, readwiseMarkdown } from './readwise/descriptor.js';
import { snipd } from './snipd/descriptor.js';
import { structural } from './structural/descriptor.js';
import { namedTemplate } from './template/descriptor.js';
import { text } from './text/descriptor.js';
import { unknownData } from './unknown/descriptor.js';
import { webClipper } from './web-clipper/descriptor.js';
import { weread } from './weread/descriptor.js';
import { zotero, zoteroIntegration } from './zotero/descriptor.js';

export type { Document, FormatDescriptor, FormatInfo, Reading, Shelf, SourceFormat, Work } from './format.js';

/** Every reader. The order is only the order of the docs table: detection never depends on it. */
export const REGISTRY = [
  kindleClippings,
  kindlePlugin,
  kindleNotebook,
  readwiseMarkdown,
  readwiseCsv,
  readwiseJson,
  bookcision,
  bookcisionText,
  koboSqlite,
  koboPlugin,
  pocket,
  pocketPlugin,
  instapaper,
  instapaperNotes,
  logseq,
  zotero,
  zoteroIntegration,
  hypothesis,
  omnivore,
  raindrop,
  glasp,
  snipd,
  appleBooks,
  koreaderSidecar,
  koreaderJson,
  koreaderMarkdown,
  koreaderHtml,
  boox,
  weread,
  webClipper,
  structural,
  namedTemplate,
  text,
  ingestOutput,
  unknownData,
] as const;

type Registered = (typeof REGISTRY)[number];
/** Every `format` value a record may have: the schema's enum. */
export type FormatName = Registered extends FormatDescriptor<infer N> ? N : never;

const ALL: readonly FormatDescriptor<FormatName>[] = REGISTRY;

/** Every format, most trusted first. */
export const FORMAT_INFOS: readonly FormatInfo<FormatName>[] = ALL.flatMap((descriptor) => descriptor.formats).sort((a, b) => b.trust - a.trust);

export const FORMAT_NAMES = FORMAT_INFOS.map((info) => info.name) as [FormatName, ...FormatName[]];

const INFO = new Map<string, FormatInfo>(FORMAT_INFOS.map((info) => [info.name, info]));

/** How much merge trusts a format (FormatInfo.trust); an unknown name least. */
export function trustOf(format: string): number {
  return INFO.get(format)?.trust ?? -1;
}

/** The digest shelf a format puts its documents on when their category names none. */
export function shelfOfFormat(format: string): Shelf | null {
  return INFO.get(format)?.shelf ?? null;
}

/** The descriptor that owns a format value. */
export function ownerOf(format: string): FormatDescriptor | undefined {
  return ALL.find((descriptor) => descriptor.formats.some((info) => info.name === format));
}

/** The most trusted format a reader owns (-1: none): which of two specific readers that accept one document reads it. */
export function topTrust(descriptor: FormatDescriptor): number {
  return Math.max(-1, ...descriptor.formats.map((info) => info.trust));
}

/** The globs a walk reads by default: every claim of every reader, once, in registry order. */
export const DEFAULT_INCLUDE: readonly string[] = [...new Set(ALL.flatMap((descriptor) => descriptor.claims))];

const claimers = new WeakMap<FormatDescriptor, RegExp>();

/** Whether the reader claims a file of this name (its base name against its globs). */
export function claims(descriptor: FormatDescriptor, name: string): boolean {
  let matcher = claimers.get(descriptor);
  if (!matcher) claimers.set(descriptor, (matcher = globsRegExp(descriptor.claims, { nocase: true })));
  return matcher.test(name.split('/').pop() ?? name);
}

/**
 * A walked file that only specific readers claim (a `.json`, a `.csv`):
 * read only if one of them accepts it, else passed over (a vault's other
 * JSON files are not notes). Files a fallback claims are always read.
 */
export function isOptional(name: string): boolean {
  return !claimedByFallback(name.split('/').pop() ?? name);
}

/** One test for every fallback's claims (of a base name): it runs on every walked file. */
const fallbackClaims = globsRegExp(
  ALL.flatMap((descriptor) => (descriptor.detection.role === 'fallback' ? [...descriptor.claims] : [])),
  { nocase: true },
);
const claimedByFallback = (name: string): boolean => fallbackClaims.test(name);
