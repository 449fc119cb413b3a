/**
 * A page as Logseq keeps it (`--style logseq`): page properties as
 * `key:: value` lines, then an outline of blocks. ingest manages its
 * properties and one top-level block (marked `ingest:: managed`) with a
 * child block per highlight (its note, tags and link as children of that,
 * its block id as Logseq's `id::` property, a UUID made from its key). The
 * user owns every other block and property line: kept as written. Pure.
 *
 *   title:: Atomic Habits
 *   managed-by:: ingest
 *   rating:: 5                           ← yours: kept
 *
 *   - Highlights · …                     ← ingest's block: rewritten on every run
 *     ingest:: managed
 *   	- Good habits make time your ally.
 *   	  id:: 7cc38ed0-f941-5bdc-…
 *   		- **Note**: Time compounds both ways.
 *   - My own thoughts                    ← yours: kept
 */
import { createHash } from 'node:crypto';
import type { Highlight } from '../schema.js';
import { withFinalNewline, type ManagedPart, type ReadPage } from './managed-page.js';

/** The property line that marks ingest's block. */
export const MANAGED_LINE = 'ingest:: managed';
/** What ingest's block says of itself. */
export const MANAGED_NOTE = 'ingest rewrites this block and the blocks under it on every run: write in blocks of your own';

const PROPERTY = /^([A-Za-z][\w-]*):: ?(.*)$/;
const TOP_BLOCK = /^-(?: |$)/;

/** A highlight's Logseq block id: a UUID (the form `id::` takes) made from its key, the same on every run. */
export function logseqBlockId(key: string): string {
  const hex = createHash('sha1').update(`ingest:${key}`).digest('hex');
  // Version 5 and the RFC 4122 variant, as a name-based UUID has them.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The block ids in a page's text (`id:: …` lines). */
export function logseqIdsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/^\s*id:: ([0-9a-f-]{36})\s*$/gm)].map((match) => match[1]!));
}

/** Property values as Logseq writes them: a list as `a, b`, everything on one line. */
export function logseqValue(value: unknown): string {
  const one = (item: unknown) => String(item).replace(/\s*\n\s*/g, ' ');
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

export function composeLogseqPage(part: ManagedPart, old: ReadPage | null): string {
  const properties = Object.entries(part.properties).map(([key, value]) => `${key}:: ${logseqValue(value)}\n`);
  const user = old?.userProperties ? withFinalNewline(old.userProperties) : '';
  const before = old?.before ? withFinalNewline(old.before) : '';
  const after = old?.after ? `${old.after.replace(/^\n*/, '')}` : '';
  return `${properties.join('')}${user}\n${before}${withFinalNewline(part.body)}${after}`;
}

/** Reads a page back; null when ingest's block is missing or there twice (the page was changed by hand). */
export function readLogseqPage(text: string, keys: readonly string[]): ReadPage | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let at = 0;
  const properties: Record<string, unknown> = {};
  const user: string[] = [];
  const wanted = new Set(keys);
  for (; at < lines.length; at++) {
    const match = PROPERTY.exec(lines[at]!);
    if (!match) break;
    if (wanted.has(match[1]!)) properties[match[1]!] = match[2]!.trim();
    else user.push(lines[at]!);
  }
  // The outline: top-level blocks, each with the lines under it.
  const blocks: string[][] = [];
  for (; at < lines.length; at++) {
    const line = lines[at]!;
    if (TOP_BLOCK.test(line) || blocks.length === 0) blocks.push([line]);
    else blocks[blocks.length - 1]!.push(line);
  }
  const managed = blocks.flatMap((block, i) => (block.some((line) => line.trim() === MANAGED_LINE) && TOP_BLOCK.test(block[0]!) ? [i] : []));
  if (managed.length !== 1) return null;
  const join = (list: string[][]) => list.map((block) => block.join('\n')).join('\n');
  const index = managed[0]!;
  const body = withFinalNewline(blocks[index]!.join('\n'));
  return {
    properties,
    body,
    userProperties: user.length > 0 ? `${user.join('\n')}\n` : '',
    before: join(blocks.slice(0, index)).replace(/^\n+/, ''),
    after: join(blocks.slice(index + 1)),
  };
}

/** A highlight as Logseq blocks, one level under ingest's block: its text, its id, then its note, tags and link as children. */
export function logseqHighlight(highlight: Highlight & { block?: string }, escape: (line: string) => string): string {
  const paragraphs = (highlight.text.trim() === '' ? highlight.markdown : highlight.text)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const [first = '', ...rest] = paragraphs.map(escape);
  const lines = [`\t- ${first}`, ...rest.map((line) => `\t  ${line}`), `\t  id:: ${highlight.block ?? logseqBlockId(highlight.key)}`];
  if (highlight.note) lines.push(`\t\t- **Note**: ${highlight.note.split('\n').map((line) => escape(line.trim())).filter(Boolean).join(' ')}`);
  if (highlight.tags.length > 0) lines.push(`\t\t- Tags: ${highlight.tags.map((tag) => (/\s/.test(tag) ? `#[[${tag}]]` : `#${tag}`)).join(' ')}`);
  if (highlight.url) lines.push(`\t\t- [${escape(highlight.location ?? 'View Highlight')}](${highlight.url.replace(/[()\s]/g, encodeURIComponent)})`);
  else if (highlight.location) lines.push(`\t\t- ${escape(highlight.location)}`);
  return lines.join('\n');
}
