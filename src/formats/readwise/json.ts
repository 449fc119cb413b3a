/**
 * Readwise's export API as JSON (`format: "readwise-json"`): a page
 * `{count, nextPageCursor, results: [book…]}`, several pages in an array, or
 * an array of books; each book has its `highlights`. One record per book.
 * Every field is mapped; the book's other fields go to `extra`. Pure.
 */
import { parseJsonDocument } from '../../extract/json-document.js';
import { emptyFields, foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { authorNames } from '../../extract/values.js';
import { isPlainObject } from '../../parse/frontmatter.js';
import { Messages, type Point } from '../../messages.js';
import { jsonKeyPlace, jsonValuePlace, type JsonPath } from '../../parse/json-places.js';
import { JsonRecords, JsonSyntaxError, type JsonRecord } from '../../input/json-records.js';
import { isIngestOutput } from '../ingest-output/ingest-output.js';
import type { SourceFormat, RecordOptions, Streamed, Work } from '../format.js';
import { readwiseTime, setReadwiseLocation } from './values.js';

type Book = Record<string, unknown>;

/** Book fields read into the record; the rest go to `extra`. */
const READ = new Set(['title', 'readable_title', 'author', 'source_url', 'unique_url', 'cover_image_url', 'summary', 'book_tags', 'category', 'highlights']);

/**
 * Keys only Readwise's export API writes: a page's `results` list and
 * `nextPageCursor`, a book's `user_book_id`, `readable_title`,
 * `source_url`, …, a highlight's `location_type`, `highlighted_at`, ….
 * `"highlights":` alone is no Readwise export: other tools' JSON (a
 * Bookcision export, ingest's own records) has it too. A key in a string
 * value is written `\"key\":`, which this does not match.
 */
const READWISE_KEY =
  /"(?:nextPageCursor|user_book_id|readable_title|source_url|unique_url|book_tags|cover_image_url|readwise_url|document_note|location_type|highlighted_at|is_favorite|is_discard)"\s*:|"results"\s*:\s*\[/;

export const readwiseJson: SourceFormat = {
  // ingest's own records have `highlights` too: they are not an export (ingest-output reads them).
  detect: (document) =>
    /\.json$/i.test(document.name) && /^\s*[[{]/.test(document.text) && /"highlights"\s*:/.test(document.text) && READWISE_KEY.test(document.text) && !isIngestOutput(document.name, document.text),
  read: (document, messages) => {
    const data = parseJsonDocument(document.text, messages);
    if (data === undefined) return { works: null, messages };
    const list = booksOf(data);
    if (list === null) {
      messages.error('unknown-format', NOT_READWISE, null);
      return { works: null, messages };
    }
    return { works: list.map(({ item, path }, index) => book(item, index === 0 ? messages : messages.fork(), { text: document.text, path })) };
  },
  records: streamBooks,
};

const NOT_READWISE = 'this JSON is not a Readwise export (expected {"results": [{"title", "highlights": […]}]} from the export API)';

/**
 * The same books from the text as it comes: each book (an element of a
 * page's `results`, or of an array of books) is parsed and handed on alone,
 * with its own text for placing diagnostics. What booksOf refuses is
 * refused here too, at the first record that shows it.
 */
async function streamBooks(text: AsyncIterable<string>, messages: Messages, { maxRecord, emit, fail }: RecordOptions): Promise<Streamed> {
  const splitter = new JsonRecords(maxRecord);
  let first = true;
  const take = async (record: JsonRecord): Promise<boolean> => {
    const origin = { line: record.line, column: record.column };
    if (record.text === null) {
      const skipped = messages.fork();
      skipped.error('too-large', `a ${record.kind === 'result' ? 'book' : 'value'} of the JSON is more than --max-bytes ${maxRecord} characters long; skipped`, origin);
      fail(skipped);
      return true;
    }
    let value: unknown;
    try {
      value = JSON.parse(record.text);
    } catch (error) {
      throw new JsonSyntaxError((error as Error).message, record.line, record.column);
    }
    if (record.kind === 'result' && !isPlainObject(value)) return true;
    if (!isPlainObject(value)) return false;
    // A page (its results came before it, as records of their own), or a book.
    if (record.kind === 'item' && record.results) return true;
    if (!Array.isArray(value['highlights'])) return false;
    // The first book takes the file's diagnostics (a copy: should a later record fail the file, they are its failure's).
    const own = new Messages(origin, first ? [...messages.list] : []);
    first = false;
    // Its places are in its own text, which starts where `own` does.
    await emit(book(value, own, { text: record.text, path: [] }));
    return true;
  };
  try {
    for await (const piece of text) for (const record of splitter.write(piece)) if (!(await take(record))) return refuse(messages, NOT_READWISE);
    for (const record of splitter.end()) if (!(await take(record))) return refuse(messages, NOT_READWISE);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    messages.error('json-syntax', `the JSON could not be read: ${error.message}`, { line: error.line, column: error.column });
    return { ok: false, messages };
  }
  return { ok: true };
}

function refuse(messages: Messages, message: string): Streamed {
  messages.error('unknown-format', message, null);
  return { ok: false, messages };
}

/** The books of an export page, of an array of pages, or of an array of books, and where each is in the JSON; null for anything else. */
function booksOf(data: unknown): Array<{ item: Book; path: JsonPath }> | null {
  const pages = Array.isArray(data) ? data : [data];
  const books: Array<{ item: Book; path: JsonPath }> = [];
  for (const [index, page] of pages.entries()) {
    if (!isPlainObject(page)) return null;
    const path = Array.isArray(data) ? [index] : [];
    if (Array.isArray(page['results'])) {
      page['results'].forEach((item: unknown, at) => {
        if (isPlainObject(item)) books.push({ item, path: [...path, 'results', at] });
      });
    } else if (Array.isArray(page['highlights'])) books.push({ item: page, path });
    else return null;
  }
  return books.every(({ item }) => Array.isArray(item['highlights'])) ? books : null;
}

/** Where a book is: the JSON text it is in, its path there, and where that text starts in the document (its start when absent). */
interface BookText {
  text: string;
  path: JsonPath;
  from?: Point;
}

function book(item: Book, messages: Messages, where: BookText): Work {
  const fields = emptyFields('highlights', 'readwise-json');
  fields.title = text(item['readable_title']) ?? text(item['title']);
  fields.authors = authorNames(text(item['author']) ?? '');
  const urlKey = text(item['source_url']) !== null ? 'source_url' : 'unique_url';
  fields.url = text(item[urlKey]);
  fields.image = text(item['cover_image_url']);
  fields.summary = text(item['summary']);
  fields.category = text(item['category']);
  fields.tags = names(item['book_tags']);
  for (const [key, value] of Object.entries(item)) if (!READ.has(key) && value !== null && value !== '') fields.extra[key] = value;
  if (text(item['unique_url']) !== null && fields.url !== text(item['unique_url'])) fields.extra['unique_url'] = item['unique_url'];
  const { text: json, path, from } = where;
  fields.at = {
    url: fields.url === null ? null : jsonValuePlace(json, [...path, urlKey], fields.url, from),
    extra: new Map(Object.keys(fields.extra).map((key) => [key, jsonKeyPlace(json, [...path, key], from)])),
  };
  fields.highlights = (item['highlights'] as unknown[]).flatMap((highlight, index) => (isPlainObject(highlight) ? [highlightOf(highlight, { text: json, path: [...path, 'highlights', index], from })] : []));
  const key = String(item['user_book_id'] ?? `${fields.title ?? ''}\0${text(item['author']) ?? ''}`);
  return { fields, key, messages };
}

function highlightOf(item: Record<string, unknown>, where: BookText): FoundHighlight {
  const highlight = foundHighlight(text(item['text']) ?? '');
  highlight.id = item['id'] === undefined || item['id'] === null ? null : String(item['id']);
  const urlKey = text(item['url']) !== null ? 'url' : 'readwise_url';
  highlight.url = text(item[urlKey]);
  if (highlight.url !== null) highlight.urlAt = jsonValuePlace(where.text, [...where.path, urlKey], highlight.url, where.from);
  highlight.note = text(item['note']);
  highlight.color = text(item['color']);
  highlight.tags = names(item['tags']);
  if (item['is_favorite'] === true) highlight.tags.push('favorite');
  if (item['is_discard'] === true) highlight.tags.push('discard');
  const location = item['location'];
  setReadwiseLocation(highlight, text(item['location_type']) ?? '', typeof location === 'number' || typeof location === 'string' ? String(location) : '');
  highlight.highlightedAt = readwiseTime(item['highlighted_at']);
  return highlight;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `[{id, name}]` or `["a"]` → names. */
function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((tag) => (typeof tag === 'string' ? [tag] : isPlainObject(tag) && typeof tag['name'] === 'string' ? [tag['name']] : []));
}
