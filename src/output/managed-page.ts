/**
 * A page in a user's vault that ingest manages a part of, and the user owns
 * the rest. Pure.
 *
 *   ---
 *   title: Atomic Habits          ingest's properties (and any the user added: kept)
 *   …
 *   managed_by: ingest
 *   ---
 *   (the user's text: kept)
 *   <!-- ingest:begin … -->
 *   # Atomic Habits               ingest's part: rewritten on every run
 *   …
 *   <!-- ingest:end -->
 *   (the user's text: kept)
 *
 * The markers are HTML comments: Obsidian, Logseq and every CommonMark
 * renderer show nothing of them. What ingest wrote (its properties' values
 * and the text between the markers) has a fingerprint in the manifest; a page
 * whose part differs from it was edited by hand and is not replaced.
 */
import { createHash } from 'node:crypto';
import { parseDocument, isMap, isScalar, stringify } from 'yaml';

export const BEGIN = '<!-- ingest:begin · ingest rewrites the text from here to ingest:end on every run: write yours above or below -->';
export const END = '<!-- ingest:end -->';

const BEGIN_LINE = /^<!-- ingest:begin\b.*-->[ \t]*$/;
const END_LINE = /^<!-- ingest:end\b.*-->[ \t]*$/;

/** What ingest writes in a page: its properties and its part of the text. */
export interface ManagedPart {
  readonly properties: Record<string, unknown>;
  readonly body: string;
}

/** A page as read back: ingest's part, and the user's text and properties around it. */
export interface ReadPage {
  /** ingest's properties as they are now in the page (only the keys ingest wrote). */
  readonly properties: Record<string, unknown>;
  readonly body: string;
  /** The user's own properties, as their YAML text (`key: value` lines, comments with them). */
  readonly userProperties: string;
  /** The user's text between the frontmatter and the begin marker, and after the end marker. */
  readonly before: string;
  readonly after: string;
}

/** The fingerprint of ingest's part: the same for the same values, however a vault app rewrote their YAML. */
export function fingerprint(part: ManagedPart): string {
  return createHash('sha256').update(canonical(part.properties)).update('\0').update(part.body).digest('hex').slice(0, 32);
}

/** The page's text: properties, the user's text kept from `old`, ingest's part between the markers. */
export function composePage(part: ManagedPart, old: ReadPage | null): string {
  const yaml = propertiesYaml(part.properties);
  const user = old?.userProperties ? withFinalNewline(old.userProperties) : '';
  const before = old?.before ?? '';
  const after = old?.after ?? '';
  return `---\n${yaml}${user}---\n${before}${BEGIN}\n${withFinalNewline(part.body)}${END}\n${after}`;
}

/**
 * Reads a page back: null when it is not one ingest can read its part
 * from (no frontmatter, frontmatter that does not parse, markers missing or
 * twice): such a page was changed by hand.
 */
export function readPage(text: string, keys: readonly string[]): ReadPage | null {
  const match = /^---\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return null;
  const yamlText = match[1] ?? '';
  const rest = text.slice(match[0].length);
  const lines = rest.split('\n');
  const begins = lines.flatMap((line, i) => (BEGIN_LINE.test(line.replace(/\r$/, '')) ? [i] : []));
  const ends = lines.flatMap((line, i) => (END_LINE.test(line.replace(/\r$/, '')) ? [i] : []));
  if (begins.length !== 1 || ends.length !== 1 || ends[0]! < begins[0]!) return null;
  const document = parseDocument(yamlText, { prettyErrors: false });
  if (document.errors.length > 0) return null;
  const contents = document.contents;
  const properties: Record<string, unknown> = {};
  const userSlices: string[] = [];
  if (contents !== null && !isMap(contents)) return null;
  const wanted = new Set(keys);
  const items = isMap(contents) ? contents.items : [];
  items.forEach((pair, i) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    if (key !== null && wanted.has(key)) {
      properties[key] = (pair.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? (isScalar(pair.value) ? pair.value.value : null);
      return;
    }
    // The user's own property: its text as written, up to the next key (its comments and nested lines with it).
    const start = (pair.key as { range?: [number, number, number] } | null)?.range?.[0];
    const next = items[i + 1]?.key as { range?: [number, number, number] } | undefined;
    if (start === undefined) return;
    userSlices.push(lineStart(yamlText, start) === start ? yamlText.slice(start, next?.range ? lineStart(yamlText, next.range[0]) : yamlText.length) : '');
  });
  return {
    properties,
    body: lines.slice(begins[0]! + 1, ends[0]!).join('\n') + '\n',
    userProperties: userSlices.join(''),
    before: lines.slice(0, begins[0]!).join('\n') + (begins[0]! > 0 ? '\n' : ''),
    after: lines.slice(ends[0]! + 1).join('\n'),
  };
}

/** Whether the page still holds what ingest wrote (`print` is the manifest's fingerprint). */
export function unedited(page: ReadPage, print: string): boolean {
  return fingerprint(page) === print;
}

/** Whether the user wrote anything of their own in the page (properties or text around ingest's part). */
export function hasUserText(page: ReadPage): boolean {
  return page.userProperties.trim() !== '' || page.before.trim() !== '' || page.after.trim() !== '';
}

/**
 * Properties as YAML that every reader takes the same way: strings that a
 * YAML 1.1 reader (gray-matter, js-yaml) would take for a date, a number or
 * a boolean (`yes`, `2018-10-16` as a title) quoted; dates (YYYY-MM-DD
 * values) plain, so that Obsidian and gray-matter see dates.
 */
export function propertiesYaml(properties: Record<string, unknown>): string {
  return Object.entries(properties)
    .map(([key, value]) => {
      if (typeof value === 'string' && DATE.test(value) && DATE_KEYS.has(key)) return `${key}: ${value}\n`;
      if (typeof value === 'string') return `${key}: ${scalar(value)}\n`;
      if (typeof value === 'number' && Number.isFinite(value)) return `${key}: ${value}\n`;
      if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) return `${key}:\n${value.map((item) => `  - ${scalar(item as string)}\n`).join('')}`;
      // Anything else (a template's own property: a nested map, a boolean): the YAML library's way.
      return stringify({ [key]: value }, { version: '1.1', lineWidth: 0 });
    })
    .join('');
}

/**
 * A string as a YAML scalar: plain when no YAML reader (1.1 or 1.2) could
 * take it for anything but that string, else double-quoted (a JSON string
 * is a YAML double-quoted scalar).
 */
function scalar(text: string): string {
  const plain = /^[\p{L}_][^\n:#\\"]*$/u.test(text) && !/\s$/.test(text) && !YAML_11_WORDS.test(text);
  return plain ? text : JSON.stringify(text);
}

/** Plain words a YAML 1.1 reader takes for booleans or null. */
const YAML_11_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The properties that hold dates (page-view.ts pageProperties). */
const DATE_KEYS = new Set(['published', 'first_highlighted', 'last_highlighted']);

/** The text without the newlines it ends with (a loop: `/\n*$/` tries every position of a long text). */
export function trimFinalNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

/** The text ending in exactly one newline. */
export function withFinalNewline(text: string): string {
  return `${trimFinalNewlines(text)}\n`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** JSON with sorted keys and dates as their day: the same text for the same values. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString().slice(0, 10));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
