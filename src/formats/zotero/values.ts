/**
 * What Zotero's notes and the Obsidian plugins built on it share: the
 * `zotero://` links (an annotation's `open-pdf` link, an item's `select`
 * link), page labels, colours, section headings that are never a title, and
 * the item's metadata as templates write it (frontmatter, `Key: value`
 * lines, `**Key**:: value` fields, two-column tables). Pure.
 */
import { parseDate } from '../../extract/dates.js';
import { emptyFields, firstStated, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { firstString, frontmatterFields, stringList, urlPlace } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { authorNames, cleanAuthor, decodeEntities, tagsOf, wikiOrHashTags } from '../../extract/values.js';
import type { Messages, Place } from '../../messages.js';
import type { Frontmatter } from '../../parse/frontmatter.js';
import { parseMarkdown, plainText } from '../../parse/markdown.js';

/** Zotero item keys are 8 upper-case letters and digits; ZotLit's stricter alphabet fits inside. */
const KEY = '[0-9A-Z]{8}';
const LIBRARY = String.raw`(?:library|groups/\d+)`;
/** `zotero://open-pdf/library/items/KEY?page=3&annotation=KEY`: where an annotation is in its PDF. */
export const OPEN_PDF = new RegExp(String.raw`^zotero://open-pdf/${LIBRARY}/items/${KEY}(?:\?\S*)?$`);
/** `zotero://select/library/items/KEY`: the annotated item itself (the citation's link). */
export const SELECT = new RegExp(String.raw`^zotero://select/${LIBRARY}/items/${KEY}$`);
/** A Markdown link to an annotation: `[Page 12](zotero://open-pdf/…?page=12&annotation=…)`. */
export const ANNOTATION_LINK = new RegExp(String.raw`\[([^\]\n]*)\]\((zotero://open-pdf/${LIBRARY}/items/${KEY}\?[^)\s]*)\)`, 'g');

export interface LinkTarget {
  /** The annotation's key (`annotation=` or the shorter `a=`). */
  annotation: string | null;
  /** `page=`: the PDF's physical page (index + 1), not its printed label. */
  page: string | null;
}

export function linkTarget(url: string): LinkTarget {
  const query = url.split('?')[1] ?? '';
  const params = new Map(query.split(/&(?:amp;|#x26;|#38;)?/).map((pair) => [pair.split('=')[0]!, pair.split('=')[1] ?? ''] as const));
  const annotation = params.get('annotation') ?? params.get('a') ?? '';
  const page = params.get('page') ?? '';
  return { annotation: /^[0-9A-Z]{8}$/.test(annotation) ? annotation : null, page: /^\d+$/.test(page) ? page : null };
}

/**
 * The page a label states: `p. 12`, `pp. 12-13` (Zotero's citation),
 * `Page 12`, `page. 21`, `(p. 2)`, `pdf, p. 2`, `View in local Zotero: page 1`.
 * `null` for labels without one (`Go to annotation`, a citekey).
 */
export function pageOfLabel(label: string): string | null {
  const match = /(?:^|[\s(,:])(?:pp?|pages?)\.?\s*([0-9]+[a-z]?(?:\s*[-–]\s*[0-9]+)?|[ivxlcdm]+(?:\s*[-–]\s*[ivxlcdm]+)?)\)?\s*$/i.exec(label.trim());
  return match ? match[1]!.replace(/\s+/g, '') : null;
}

/** `(4/29/2024, 7:02:34 PM)`, `(23/04/2025, 18:06:07)` under `# Annotations`: when the note was made, no highlight's date. */
export const NOTE_DATE = /^\(\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s[^()\n]*\)$/;

/** Zotero's eight highlight colours and the names templates give them. */
const COLOR_NAMES = ['yellow', 'red', 'green', 'blue', 'purple', 'magenta', 'orange', 'gray', 'grey', 'black', 'white', 'pink', 'cyan'];

/** A colour named at the start of a value: `green`, `Yellow⭐ Interesting point`, `#5fb236`, `hltr-yellow`. */
export function colorOf(value: string): string | null {
  const text = value.trim().replace(/^hltr-/i, '');
  const hex = /^#[0-9a-f]{6}(?:[0-9a-f]{2})?\b/i.exec(text);
  if (hex) return hex[0];
  const word = /^[a-z]+/i.exec(text)?.[0].toLowerCase();
  return word && COLOR_NAMES.includes(word) ? word : null;
}

/** The colour of a `<mark class="hltr-yellow">` or `<mark style="background(-color): #hex">` in a line. */
export function markColor(html: string): string | null {
  const mark = /<mark\b([^>]*)>/i.exec(html);
  if (!mark) return null;
  const style = /background(?:-color)?\s*:\s*(#[0-9a-f]{3,8})/i.exec(mark[1]!);
  if (style) return style[1]!;
  const klass = /class="([^"]*)"/i.exec(mark[1]!);
  return klass ? colorOf(klass[1]!) : null;
}

/**
 * Headings that name a section of the note, never the document: Zotero's
 * `Annotations (date)`, `Notes`, template sections (`PDF Annotations`,
 * `Imported on …`) and colour groups (`# Red`).
 */
export function isSectionHeading(heading: string): boolean {
  const text = heading.replace(/%%[^%]*%%/g, '').replace(/[^\p{L}\p{N}\s()/:,.-]/gu, '').trim().toLowerCase();
  if (/^(?:pdf |in-text |extracted |zotero )?(?:annotations?|notes?|highlights?|comments?|references|bibliography)\b/.test(text)) return true;
  if (/^imported\b/.test(text)) return true;
  return colorOf(text) !== null;
}

/** A Zotero item type or a template's `type:` → the record's category; `null` when it names none (`literature-note`). */
export function categoryOf(type: string): string | null {
  const name = type.replace(/^\[\[(.*)\]\]$/, '$1').replace(/[\s_-]/g, '').toLowerCase();
  if (/^(journalarticle|conferencepaper|preprint|paper|papers|article|manuscript|thesis|report|dissertation)$/.test(name)) return 'papers';
  if (/^(book|books|booksection|ebook)$/.test(name)) return 'books';
  if (/^(webpage|blogpost|magazinearticle|newspaperarticle|forumpost)$/.test(name)) return 'articles';
  if (/^(podcast|audiorecording)$/.test(name)) return 'podcasts';
  if (/^(videorecording|film|tvbroadcast)$/.test(name)) return 'videos';
  return null;
}

/**
 * Plain text of a snippet of Markdown (a highlight, a comment): markup
 * removed when it parses as paragraphs; otherwise (a quote that starts
 * `2. Results` would be a list) as written, each line trimmed.
 */
export function plainSnippet(markdown: string): string {
  const tree = parseMarkdown(markdown);
  if (tree.children.length > 0 && tree.children.every((node) => node.type === 'paragraph')) return plainText(tree.children).trim();
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

/** `“…”` or `"…"` around a whole highlight: Zotero's (or a template's) quotes, not the author's. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  // Either mark at either end: a template's `"{{text}}”` wraps Zotero's text in a straight and a curly quote.
  const pair = /^["“]([\s\S]*)["”]$/.exec(trimmed);
  return pair ? pair[1]! : trimmed;
}

/** Metadata a note states outside its frontmatter (`Title: …` lines, `**Authors**:: …` fields, table rows). */
export type Metadata = Map<string, string>;

/** Metadata keys, compared without case, spaces, `_`, `-` or `*`. */
const METADATA_KEYS = new Set(['title', 'authors', 'author', 'firstauthor', 'year', 'date', 'doi', 'url', 'citekey', 'itemtype', 'tags', 'keywords', 'abstract']);

export function metadataKey(key: string): string | null {
  const name = key.replace(/[\s_*-]/g, '').toLowerCase();
  return METADATA_KEYS.has(name) ? name : null;
}

/**
 * A `Key: value` line as templates write it: `Title: …`, `*tags:* #a`,
 * `**Authors**: …`, `**Title**:: …` (Dataview); the key is known, else null.
 */
export function metadataLine(line: string): { key: string; value: string } | null {
  // `**Key**:: v`, `**Key:** v`, `Key:: v`, `Key: v` (the double colon tried first: `Key:: v` is no `: v`).
  const match = /^\s*(?:[-*]\s+)?(\*{0,2})([A-Za-z][\w -]{0,30}?)(?:\1::?|:\1)\*{0,2}[ \t]*(.*)$/.exec(line);
  if (!match) return null;
  const key = metadataKey(match[2]!);
  return key ? { key, value: match[3]!.trim() } : null;
}

/** Adds a value to the metadata: the first of a key wins, but authors accumulate (`**Author**::` per person). */
export function addMetadata(metadata: Metadata, key: string, value: string): void {
  if (value === '') return;
  // The first author alone (`**FirstAuthor**::`) stands in only where no list of authors is written.
  if (key === 'firstauthor') {
    if (!metadata.has(key)) metadata.set(key, value);
    return;
  }
  if (key === 'author' || key === 'authors') {
    const previous = metadata.get('authors');
    metadata.set('authors', previous ? `${previous}; ${value}` : value);
    return;
  }
  if (!metadata.has(key)) metadata.set(key, value);
}

/** A wikilink, Markdown link or `<…>` around a value: the value (or the link's target for URLs). */
function bare(value: string): string {
  return value
    .trim()
    .replace(/^\[\[([^\]|]*)(?:\|[^\]]*)?\]\]$/, '$1')
    .replace(/^\[([^\]]*)\]\(([^)]*)\)$/, (_whole, label: string, target: string) => (/^https?:/.test(target) ? target : label))
    .replace(/^<(.*)>$/, '$1')
    .trim();
}

/** Authors in a body field: `A, B and C`, or `Last, First; Last, First` (one `**Author**::` per person). */
function metadataAuthors(value: string): string[] {
  if (value.includes(';')) return value.split(';').map((name) => cleanAuthor(bare(name))).filter(Boolean);
  return authorNames(value);
}

/** The DOI as a URL: `10.1109/X` or `https://doi.org/10.1109/X`. */
function doiUrl(value: string): string | null {
  const doi = /\b(10\.\d{4,9}\/\S+)$/.exec(bare(value))?.[1];
  return doi ? `https://doi.org/${doi}` : null;
}

/**
 * The item's fields from the frontmatter and the body's metadata: title,
 * authors, DOI (as the URL, before a `url:`), date, item type, tags and
 * keywords. Frontmatter keys not read go to `extra`; a bare year stays
 * there too, since `published` is a date.
 */
export function itemFields(kind: Fields['kind'], format: string, frontmatter: Frontmatter, metadata: Metadata, metadataUrlAt: (url: string) => Place | null): Fields {
  const fields = emptyFields(kind, format);
  const data = frontmatter.data;
  const front = data ? frontmatterFields(data) : null;
  const extra: Record<string, unknown> = { ...(front?.extra ?? {}) };
  const take = (...names: string[]): unknown => {
    for (const key of Object.keys(extra)) {
      if (!names.includes(key.replace(/[\s_-]/g, '').toLowerCase())) continue;
      const value = extra[key];
      if (firstString(value) === null) continue;
      delete extra[key];
      return value;
    }
    return undefined;
  };
  const found = front?.fields ?? {};
  // Aliases written as the citekey (`@geva2021`) are no title.
  const alias = stringList(data?.['aliases'] ?? data?.['alias']).find((name) => !/^@\S+$/.test(name)) ?? null;
  // Better Notes names the parent item in `parent:`; the note's own H1 is the note's title.
  const parent = firstString(take('parent'));
  fields.title = found.title ?? metadata.get('title') ?? parent ?? null;
  if (fields.title !== null) fields.title = decodeEntities(bare(fields.title));
  // An alias is the title only when the note has no H1 either (titleOr): aliases decorate it (`Louf et al. (2014) Title`).
  if (alias !== null) aliases.set(fields, decodeEntities(bare(alias)));

  const frontAuthors = data ? authorList(data) : [];
  fields.authors = frontAuthors.length > 0 ? frontAuthors : metadataAuthors(metadata.get('authors') ?? metadata.get('firstauthor') ?? '');

  const doi = firstString(take('doi')) ?? metadata.get('doi') ?? null;
  const listed = bareUrl(metadata.get('url'));
  // A DOI's URL is made here, always valid: no place.
  const url = firstStated([doi === null ? null : doiUrl(doi), () => null], [found.url, () => urlPlace(frontmatter, front)], [listed, () => metadataUrlAt(listed!)]);
  fields.url = url.value;
  if (doi !== null && found.url && fields.url !== found.url) extra['url'] = found.url;

  const date = found.published ?? metadata.get('date') ?? null;
  fields.published = date !== null && parseDate(date) !== null ? date : null;
  if (date !== null && fields.published === null) extra['date'] ??= date;
  if (fields.published === null && !('year' in extra) && metadata.has('year')) extra['year'] = metadata.get('year');

  const type = firstString(extra['itemType'] ?? extra['itemtype'] ?? extra['type']) ?? metadata.get('itemtype') ?? null;
  fields.category = found.category ?? (type === null ? null : categoryOf(type));
  if (fields.category !== null && type !== null && categoryOf(type) !== null) take('itemtype', 'type');
  // A `journal:` field means a journal article even when the template's `type:` names the note.
  if (fields.category === null && data && firstString(data['journal'] ?? data['publicationTitle']) !== null) fields.category = 'papers';

  // Zotero's own tags (`tags-zotero:`) and the item's keywords are the document's tags too.
  const tags = [...(found.tags ?? [])];
  for (let more = take('tagszotero', 'keywords'); more !== undefined; more = take('tagszotero', 'keywords')) tags.push(...tagsOf(more));
  if (found.tags === undefined && metadata.has('tags')) tags.push(...wikiOrHashTags(metadata.get('tags')!));
  if (data?.['keywords'] === undefined && metadata.has('keywords')) tags.push(...wikiOrHashTags(metadata.get('keywords')!));
  fields.tags = tags;
  fields.summary = found.summary ?? metadata.get('abstract') ?? null;
  fields.image = found.image ?? null;
  if (metadata.has('citekey') && !Object.keys(extra).some((key) => /^cite-?key$/i.test(key))) extra['citekey'] = metadata.get('citekey');
  fields.extra = extra;
  fields.at = { url: url.at, extra: frontmatter.keyAt };
  return fields;
}

/** Frontmatter authors: a list holds one person per item (`Last, First`); a string may name several. */
function authorList(data: Record<string, unknown>): string[] {
  for (const [key, value] of Object.entries(data)) {
    if (!/^(authors?|creators?)$/i.test(key)) continue;
    if (Array.isArray(value)) return stringList(value).map((name) => cleanAuthor(bare(name))).filter(Boolean);
    const text = firstString(value);
    if (text !== null) return authorNames(text);
  }
  return [];
}

function bareUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  const url = bare(value);
  return /^https?:\/\//i.test(url) ? url : null;
}

/**
 * The title a note states, else its H1, else its alias, else (exporters
 * name files by title) its file name. A frontmatter title that is the H1
 * made safe for a file name (` - ` for `:`) gives way to the H1.
 */
export function titleOr(fields: Fields, h1: string | null, name: string): string | null {
  if (fields.title !== null && h1 !== null && comparable(fields.title) === comparable(h1)) return h1;
  return fields.title ?? h1 ?? aliases.get(fields) ?? titleFromFileName(name);
}

/** The alias itemFields found, for titleOr. */
const aliases = new WeakMap<Fields, string>();

function comparable(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * A note may show a highlight twice (a pasted Zotero note and the
 * template's own list; a quote copied into the user's own section): the first is kept, with what only the second gives
 * (a colour, a note), and an info diagnostic.
 */
export function withoutDuplicates(highlights: FoundHighlight[], messages: Messages): FoundHighlight[] {
  const seen = new Map<string, FoundHighlight>();
  const kept: FoundHighlight[] = [];
  for (const highlight of highlights) {
    const key = highlight.text.replace(/\s+/g, ' ').trim();
    const earlier = key === '' ? undefined : seen.get(key);
    if (!earlier) {
      if (key !== '') seen.set(key, highlight);
      kept.push(highlight);
      continue;
    }
    earlier.color ??= highlight.color;
    earlier.note ??= highlight.note;
    earlier.page ??= highlight.page;
    earlier.location ??= highlight.location;
    if (earlier.url === null) [earlier.url, earlier.urlAt] = [highlight.url, highlight.urlAt];
    earlier.id ??= highlight.id;
    messages.info('zotero-duplicate', `the highlight "${key.slice(0, 60)}" appears twice; kept the first, with the second's colour and note where the first had none`);
  }
  return kept;
}
