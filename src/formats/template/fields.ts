/**
 * What a matched template's values mean: the one table from the variable
 * names the exporters' templates use to record fields, and the function
 * that applies it to a match (match.ts). Names are those of Readwise
 * (Official's `highlight_text`, `full_title`, …; Readwise Mirror's `text`,
 * `location_url`, …), the Obsidian Kindle plugin (`title`, `author`,
 * `highlight.text`, `appLink`, …) and Zotero Integration (`creators`,
 * `annotations` with `annotatedText`, `comment`, `pageLabel`, …). A
 * variable no row names is kept nowhere; its name is listed for the `info`
 * diagnostic. Pure.
 */
import { authorNames } from '../../extract/values.js';
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import type { Program } from './compile.js';
import type { Item } from './match.js';

type NoteField = 'title' | 'authors' | 'url' | 'category' | 'tags' | 'published' | 'summary' | 'image' | 'site';
type HighlightField = 'text' | 'note' | 'location' | 'page' | 'url' | 'id' | 'color' | 'tags' | 'highlightedAt';

/** The note's fields: for each, the names that give it, the first stated wins. */
const NOTE_FIELDS: Readonly<Record<NoteField, readonly string[]>> = {
  title: ['title', 'full_title', 'longTitle', 'sanitized_title', 'shortTitle', 'caseName', 'nameOfAct'],
  authors: ['author', 'authors', 'authorStr', 'creators'],
  url: ['source_url', 'url', 'URL'],
  category: ['category', 'itemType'],
  tags: ['tags', 'document_tags', 'allTags', 'hashTags'],
  published: ['published_date', 'publicationDate', 'publication', 'date', 'year'],
  summary: ['summary', 'abstractNote'],
  image: ['cover_image_url', 'image_url', 'imageUrl', 'bookImageUrl'],
  site: ['publicationTitle', 'publisher', 'site_name'],
};

/** Values kept in `extra`, under these names. */
const NOTE_EXTRA: Readonly<Record<string, string>> = {
  citekey: 'citekey',
  citationKey: 'citekey',
  DOI: 'doi',
  doi: 'doi',
  asin: 'asin',
  isbn: 'isbn',
  pages: 'pages',
  bookId: 'bookId',
  id: 'readwiseId',
  user_book_id: 'readwiseId',
  highlights_url: 'readwiseUrl',
  readwise_url: 'readwiseUrl',
  num_highlights: 'highlightsCount',
  highlightsCount: 'highlightsCount',
  last_highlight_at: 'lastHighlightedAt',
  lastAnnotatedDate: 'lastHighlightedAt',
  document_note: 'documentNote',
  desktopURI: 'zoteroUri',
  pdfZoteroLink: 'zoteroPdf',
  bibliography: 'bibliography',
  appLink: 'kindleLink',
  authorUrl: 'authorUrl',
};

/** A highlight's fields. */
const HIGHLIGHT_FIELDS: Readonly<Record<HighlightField, readonly string[]>> = {
  text: ['text', 'highlight_text', 'annotatedText'],
  note: ['note', 'highlight_note', 'comment'],
  location: ['location', 'highlight_location'],
  page: ['page', 'pageLabel'],
  url: ['url', 'highlight_url', 'location_url', 'highlight_location_url', 'appLink'],
  id: ['id', 'highlight_id'],
  color: ['color', 'highlight_color', 'colorCategory'],
  tags: ['tags', 'highlight_tags', 'hashTags', 'allTags'],
  highlightedAt: ['highlighted_at', 'highlight_highlighted_at', 'createdDate', 'created_at', 'dateAdded', 'date'],
};

/** Loops whose items are highlights. */
const HIGHLIGHT_LOOPS = new Set(['highlights', 'annotations']);
/** Loops whose items name people (`{% for creator in creators %}{{ creator.lastName }}`). */
const PEOPLE_LOOPS = new Set(['creators', 'authors', 'author']);
const TAG_LOOPS = new Set(['tags', 'highlight_tags', 'allTags']);

const NOTE_NAMES = new Set([...Object.values(NOTE_FIELDS).flat(), ...Object.keys(NOTE_EXTRA)]);
const HIGHLIGHT_NAMES = new Set(Object.values(HIGHLIGHT_FIELDS).flat());

export interface Read {
  fields: Fields;
  /** Variables the template writes that no row of the table names. */
  unknown: string[];
}

/** A matched note → its fields, by the table. */
export function fieldsOf(program: Program, root: Item, tail: string): Read {
  const fields = emptyFields('highlights', 'read-template');
  const unknown = new Set<string>();
  const values = flatValues(program, root, unknown);
  for (const [field, names] of Object.entries(NOTE_FIELDS) as Array<[NoteField, readonly string[]]>) {
    const name = names.find((candidate) => (values.get(candidate) ?? []).length > 0);
    if (name === undefined) continue;
    const list = values.get(name)!;
    if (field === 'authors') fields.authors = list.flatMap(authorNames);
    else if (field === 'tags') fields.tags = list.flatMap(splitTags);
    // A year alone (`{{ date | format("YYYY") }}`) is no date: kept as the year.
    else if (field === 'published' && /^\d{4}$/.test(list[0]!)) fields.extra['year'] = list[0];
    else fields[field] = list[0]!;
  }
  for (const [name, key] of Object.entries(NOTE_EXTRA)) {
    const list = values.get(name);
    if (list && list.length > 0 && !(key in fields.extra)) fields.extra[key] = list[0];
  }
  fields.highlights = highlightItems(program, root).map((item) => highlightOf(item, unknown));
  if (tail.trim() !== '') fields.paragraphs = tail.split(/\n[ \t]*\n/).map((paragraph) => paragraph.trim()).filter(Boolean);
  return { fields, unknown: [...unknown].sort() };
}

/** The note's values by name (loops of people and tags become lists). */
function flatValues(program: Program, root: Item, unknown: Set<string>): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const slots = program.slots;
  for (const [key, value] of root.values) {
    if (value === '') continue;
    const join = slots.find((slot) => slot.loop === null && slot.key === key)?.join ?? null;
    values.set(key, join ? value.split(join).map((part) => part.trim()).filter(Boolean) : [value]);
    if (!NOTE_NAMES.has(key)) unknown.add(key);
  }
  for (const [loop, items] of root.loops) {
    const source = program.loops[loop]!.source;
    if (HIGHLIGHT_LOOPS.has(source) || items.length === 0) continue;
    if (PEOPLE_LOOPS.has(source)) values.set(source, items.map(personName).filter(Boolean));
    else if (TAG_LOOPS.has(source)) values.set(source, items.map((item) => item.values.get('') ?? item.values.get('tag') ?? '').filter(Boolean));
    else unknown.add(`${source}[]`);
  }
  return values;
}

function personName(item: Item): string {
  const own = item.values.get('') ?? item.values.get('name');
  if (own) return own;
  return [item.values.get('firstName'), item.values.get('lastName')].filter(Boolean).join(' ');
}

/** The items of the loops over highlights (`annotations`, `highlights`), at any depth. */
function highlightItems(program: Program, item: Item): Item[] {
  return [...item.loops].flatMap(([loop, items]) => (HIGHLIGHT_LOOPS.has(program.loops[loop]!.source) ? items : items.flatMap((inner) => highlightItems(program, inner))));
}

function highlightOf(item: Item, unknown: Set<string>): FoundHighlight {
  const stated = (field: HighlightField): string | null => {
    for (const name of HIGHLIGHT_FIELDS[field]) {
      const value = item.values.get(name);
      if (value) return value;
    }
    return null;
  };
  const text = stated('text') ?? '';
  const highlight = foundHighlight(text);
  highlight.note = stated('note');
  // A location the template wrote as a bare number (the Kindle plugin's `{{ location }}`) is a Kindle location: `Location 410`, as the schema and the other readers give it.
  const location = stated('location');
  highlight.location = location !== null && /^\d+(?:[-–]\d+)?$/.test(location) ? `Location ${location}` : location;
  highlight.page = stated('page');
  highlight.url = stated('url');
  highlight.id = stated('id');
  highlight.color = stated('color');
  highlight.highlightedAt = stated('highlightedAt');
  const tags = stated('tags');
  highlight.tags = tags ? splitTags(tags) : [...item.loops.values()].flat().map((tag) => tag.values.get('') ?? tag.values.get('tag') ?? '').filter(Boolean);
  for (const key of item.values.keys()) if (!HIGHLIGHT_NAMES.has(key) && !NOTE_NAMES.has(key)) unknown.add(key);
  return highlight;
}

/** `#a, #b`, `#a #b`, `[[a]] [[b]]`, `a, b`. */
function splitTags(value: string): string[] {
  const links = [...value.matchAll(/\[\[([^[\]]+?)\]\]/g)].map((match) => match[1]!.trim());
  if (links.length > 0) return links;
  const parts = value.includes(',') ? value.split(',') : value.split(/\s+(?=#)/);
  return parts.map((part) => part.trim()).filter(Boolean);
}
