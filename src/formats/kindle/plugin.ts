/**
 * Notes written by the Obsidian Kindle plugin (hadynz/obsidian-kindle-plugin),
 * `format: "kindle-plugin"`:
 *
 *   ---
 *   kindle-sync:
 *     bookId: '276'
 *     title: 'Savor: Mindful Eating, Mindful Life'
 *     author: Thich Nhat Hanh and Lilian Cheung
 *     asin: B00395ZYS6
 *   ---
 *   # Savor
 *   ## Metadata
 *   * Author: [Thich Nhat Hanh and Lilian Cheung](https://www.amazon.comundefined)
 *   * Reference: https://www.amazon.com/dp/B00395ZYS6
 *   * [Kindle link](kindle://book?action=open&asin=B00395ZYS6)
 *
 *   ## Highlights
 *   text — location: [30](kindle://book?action=open&asin=B00395ZYS6&location=30) ^ref-18207
 *
 *   an optional note
 *
 *   ---
 *
 * The plugin writes its text raw (no Markdown escaping), so the body is read
 * line by line, never through a Markdown tree: a highlight that starts with
 * `9.` stays text. Pure.
 */
import type { Nodes } from 'mdast';
import { emptyFields, firstStated, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { frontmatterFields, firstString, urlPlace } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import type { Messages, Position } from '../../messages.js';
import { parseMarkdown, plainText } from '../../parse/markdown.js';
import type { SourceFormat } from '../format.js';
import { readMarkdown, textFields } from '../../extract/markdown-document.js';

/** The plugin's own frontmatter key: a mapping that always holds `bookId`. */
const SYNC_KEY = /^kindle-sync:[ \t]*\n(?:[ \t]+\S.*\n)*?[ \t]+bookId:/m;
/** A highlight line: `text — location: [30](kindle://…) ^ref-18207` (the link is `()` for books without an ASIN). */
const LOCATION_LINE = /^(.*?)[ \t]*—[ \t]*(location|page):[ \t]*\[([^\]\n]*)\]\(([^()\s]*)\)(.*)$/iu;
const KINDLE_LINK = /—[ \t]*location:[ \t]*\[[\d-]+\]\(kindle:\/\/book\?action=open/u;
const BLOCK_REF = /(?:^|[ \t]+)\^ref-([\w-]+)[ \t]*$/u;
const SEPARATOR = /^-{3,}[ \t]*$/;

export const kindlePlugin: SourceFormat = {
  detect: (document) => {
    const head = document.text.slice(0, 8192);
    if (head.startsWith('---') && SYNC_KEY.test(head)) return true;
    // Without its frontmatter (copied out of the vault): the plugin's own highlight lines.
    return KINDLE_LINK.test(head) && /\^ref-\d+[ \t]*$/mu.test(head);
  },
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    const data = parsed.frontmatter.data ?? {};
    const sync = syncData(data);
    const body = parsed.tree ? readBody(parsed.frontmatter.body, parsed.frontmatter.bodyStart.line, messages) : null;
    const record: Fields = body?.fields ?? textFields(parsed);
    const h1 = body?.h1 ?? null;
    const metadata = body?.metadata ?? new Map<string, string>();
    record.kind = 'highlights';
    record.format = 'kindle-plugin';

    const rest = Object.fromEntries(Object.entries(data).filter(([key]) => key !== 'kindle-sync'));
    const front = frontmatterFields(rest);
    record.title = firstString(sync['title']) ?? front.fields.title ?? h1 ?? titleFromFileName(document.name);
    const authors = firstString(sync['author']) ?? metadataAuthor(metadata.get('author'));
    record.authors = front.fields.authors && authors === null ? front.fields.authors.flatMap(splitAuthors) : splitAuthors(authors ?? '');
    const reference = referenceUrl(metadata.get('reference'));
    const url = firstStated([front.fields.url, () => urlPlace(parsed.frontmatter, front)], [reference, () => body?.placeOf('reference', reference!)]);
    record.url = url.value;
    record.published = front.fields.published ?? metadata.get('publication') ?? null;
    record.image = firstString(sync['bookImageUrl']) ?? front.fields.image ?? null;
    record.tags = front.fields.tags ?? [];
    record.summary = front.fields.summary ?? null;
    record.category = front.fields.category ?? 'books';

    const extra: Record<string, unknown> = {};
    const asin = firstString(sync['asin']) ?? metadata.get('asin') ?? null;
    if (asin !== null) extra['asin'] = asin;
    for (const [key, value] of Object.entries(sync)) {
      if (!['title', 'author', 'asin', 'bookImageUrl'].includes(key)) extra[key] = value;
    }
    // The Metadata list's book facts the schema has no field for.
    for (const key of ['isbn', 'pages', 'publisher']) {
      const value = metadata.get(key);
      if (value !== undefined) extra[key] = value;
    }
    record.extra = { ...extra, ...front.extra };
    record.at = { url: url.at, extra: parsed.frontmatter.keyAt };
    return { works: [{ fields: record, key: null, messages }] };
  },
};

function syncData(data: Record<string, unknown>): Record<string, unknown> {
  const sync = data['kindle-sync'];
  return sync !== null && typeof sync === 'object' && !Array.isArray(sync) ? (sync as Record<string, unknown>) : {};
}

type Section = 'top' | 'metadata' | 'highlights' | 'other';

interface Body {
  fields: Fields;
  /** The first `# H1`: the plugin's short title (sometimes mangled by file-name sanitising). */
  h1: string | null;
  /** The `## Metadata` list: `author`, `asin`, `reference`, … (keys lower case). */
  metadata: Map<string, string>;
  /** Where `text`, read from the Metadata list's `key`, is written in the document. */
  placeOf(key: string, text: string): Position | null;
}

/** The body, line by line: the H1, the Metadata list, the highlights; anything else is the note's own text. */
function readBody(body: string, firstLine: number, messages: Messages): Body {
  const fields = emptyFields('highlights', 'kindle-plugin');
  const lines = body.split('\n');
  /** The line of each Metadata key (its index in `lines`). */
  const metadataLines = new Map<string, number>();
  const placeOf = (key: string, text: string): Position | null => {
    const index = metadataLines.get(key);
    if (index === undefined) return null;
    const line = lines[index]!;
    return { line: firstLine + index, column: Math.max(line.indexOf(text, line.indexOf(':') + 1), 0) + 1 };
  };
  const found: Body = { fields, h1: null, metadata: new Map(), placeOf };
  const own: string[] = [];
  let section: Section = 'top';
  let block: Array<{ line: string; at: number }> = [];
  const flush = (): void => {
    fields.highlights.push(...highlightsOf(block, firstLine, messages));
    block = [];
  };
  lines.forEach((line, index) => {
    const heading = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(line);
    // Chapter headings inside the highlights do not end them; they are the note's own text.
    if (heading && section === 'highlights' && heading[1]!.length > 2) {
      own.push(line);
      return;
    }
    if (heading) {
      if (section === 'highlights') flush();
      const name = heading[2]!.trim();
      if (heading[1] === '#' && found.h1 === null && section === 'top') {
        found.h1 = name;
        return;
      }
      section = /^metadata$/i.test(name) ? 'metadata' : /^highlights$/i.test(name) ? 'highlights' : 'other';
      if (section === 'other') own.push(line);
      return;
    }
    // The oldest template has no `## Highlights` heading either: its first location line starts them.
    if (section === 'top' && LOCATION_LINE.test(line)) section = 'highlights';
    // The oldest template has no `## Metadata` heading: its list follows the H1.
    if (section === 'metadata' || (section === 'top' && /^[*-][ \t]/.test(line))) {
      const item = /^[*-][ \t]+([A-Za-z][\w ]*?)[ \t]*:[ \t]*(.*)$/.exec(line);
      if (item) {
        found.metadata.set(item[1]!.toLowerCase(), item[2]!.trim());
        metadataLines.set(item[1]!.toLowerCase(), index);
      }
      else if (!/^[*-][ \t]+\[Kindle link\]\(/i.test(line) && line.trim() !== '') own.push(line);
      return;
    }
    if (section === 'highlights') {
      if (SEPARATOR.test(line)) flush();
      else block.push({ line, at: index });
      return;
    }
    own.push(line);
  });
  flush();
  const text = own.join('\n').trim();
  fields.paragraphs = text === '' ? [] : [plainText(parseMarkdown(text).children as Nodes[])];
  return found;
}

/**
 * The highlights between two `---` lines: usually one, its location line
 * and a note after it; custom templates without rules give several
 * location lines in one block, each ending a highlight.
 */
function highlightsOf(block: ReadonlyArray<{ line: string; at: number }>, firstLine: number, messages: Messages): FoundHighlight[] {
  const found: FoundHighlight[] = [];
  let text: string[] = [];
  let current: FoundHighlight | null = null;
  let note: string[] = [];
  const close = (): void => {
    if (current) {
      const written = note.join('\n').trim();
      if (written !== '') current.note = current.note ? `${current.note}\n${written}` : written;
      found.push(current);
    }
    current = null;
    note = [];
  };
  for (const { line, at } of block) {
    const located = LOCATION_LINE.exec(line);
    if (!located) {
      if (current) note.push(line);
      else text.push(line);
      continue;
    }
    close();
    text.push(located[1]!);
    const written = text.join('\n').trim();
    const highlight = foundHighlight(written);
    const label = located[3]!.trim();
    const page = located[2]!.toLowerCase() === 'page';
    highlight.location = label === '' ? null : `${page ? 'Page' : 'Location'} ${label}`;
    highlight.page = page && label !== '' ? label : null;
    highlight.url = located[4] === '' ? null : located[4]!;
    // The link's target: after the `](` that ends the location label (which holds no `]`).
    if (highlight.url !== null) highlight.urlAt = { line: firstLine + at, column: line.indexOf('](', line.indexOf('—', located[1]!.length)) + 3 };
    let after = located[5]!;
    const ref = BLOCK_REF.exec(after);
    if (ref) {
      highlight.id = ref[1]!;
      after = after.slice(0, ref.index);
    }
    // The oldest template glued the note right after the link (`{%- if note %}`).
    if (after.trim() !== '') highlight.note = after.trim();
    if (written === '' && highlight.note === null) {
      messages.warn('empty-highlight', `the highlight at ${highlight.location ?? 'this line'} has no text and no note; skipped`, {
        line: firstLine + at,
        column: 1,
      });
      text = [];
      continue;
    }
    current = highlight;
    text = [];
  }
  close();
  // A block with no location line: a custom template's highlight without its link.
  const rest = text.join('\n').trim();
  if (rest !== '') found.push(foundHighlight(rest));
  return found;
}

/** `[Name](https://www.amazon.comundefined)` or `[[Name]]` (whose name may itself start with `[`: `[[[日]上野千鹤子(著)]]`). */
function metadataAuthor(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const wiki = /^\[\[(.*)\]\]$/.exec(value);
  if (wiki) return wiki[1]!;
  const link = /^\[(.*)\]\([^()]*\)$/.exec(value);
  return link ? link[1]! : value;
}

/** `* Reference: https://www.amazon.com/dp/B00395ZYS6` (old template: `[[https://…]]`). */
function referenceUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  const url = value.replace(/^\[\[(.*)\]\]$/, '$1').replace(/^<(.*)>$/, '$1').trim();
  return /^https?:\/\/\S+$/i.test(url) ? url : null;
}

/**
 * Amazon's author field, one entry per person: `A and B`, `A, B, and C`,
 * `ＫｅｎｔＢｅｃｋ、和田卓人`, `[日]上野千鹤子(著),王兰(译)`, `A; B`, `A & B`.
 * Names are kept as written, with their nationality and role marks: the note
 * does not say which of them are authors and which translators. A sort-order
 * `Greene, Robert` (one comma, one Latin word before it) is one person.
 */
export function splitAuthors(value: string): string[] {
  const text = value.trim();
  if (/^[\p{Script=Latin}'’-]+,[ \t]*[\p{Script=Latin}.'’ -]+$/u.test(text) && !/\s(?:and|und)\s/i.test(text)) return [text];
  return text
    .split(/[、，,;；&]|\s+(?:and|und)\s+/u)
    .map((name) => name.trim().replace(/^(?:and|und)\s+/i, '').replace(/^(?:by|von):?\s+/i, '').trim())
    .filter((name) => name !== '');
}
