/**
 * KOReader's JSON export (`format: "koreader-json"`), written by
 * plugins/exporter.koplugin/target/json.lua (2022 on) with rapidjson:
 *
 *   one book:   {"title", "author", "file", "number_of_pages", "md5sum"?, "entries": [clipping…], "created_on", "version": "json/1.0.0"}
 *   all books:  {"created_on", "version": "json/1.0.0", "documents": [{"title", "author", "file", "number_of_pages", "entries": […]}…]}
 *   a clipping: {"sort": "highlight", "page", "time" (seconds since the epoch), "text", "note"?, "chapter"?, "drawer", "color"?, "pn_xp"?}
 *
 * Keys come in any order (a Lua table has none). One record per book, every
 * clipping with text or a note a highlight; `author` is the sidecar's
 * `doc_props.authors`, one author per line. `time` is UTC: `…Z`.
 * Recognised by that shape: a `.json` object with an `entries` list and
 * the exporter's `"version": "json/…"` or a clipping's `"sort":
 * "highlight"`. Pure.
 */
import { epochTime } from '../../extract/datetime.js';
import { parseJsonDocument } from '../../extract/json-document.js';
import { isPlainObject } from '../../parse/frontmatter.js';
import { isIngestOutput } from '../ingest-output/ingest-output.js';
import type { SourceFormat } from '../format.js';
import { authorLines, bookKeys, bookWork, pageText, type ExportBook, type ExportClipping } from './export-book.js';

const FORMAT = 'koreader-json';

/** A key in a string value is written `\"key\":`, which these do not match. */
const ENTRIES = /"entries"\s*:\s*\[/;
const EXPORTER = /"version"\s*:\s*"json\/|"sort"\s*:\s*"highlight"/;

const NOT_KOREADER = 'this JSON is not a KOReader export (expected {"entries": […]} or {"documents": [{"entries": […]}]} from its exporter)';

export const koreaderJson: SourceFormat = {
  detect: (document) =>
    /\.json$/i.test(document.name) && /^\s*\{/.test(document.text) && ENTRIES.test(document.text) && EXPORTER.test(document.text) && !isIngestOutput(document.name, document.text),
  read: (document, messages) => {
    const data = parseJsonDocument(document.text, messages);
    if (data === undefined) return { works: null, messages };
    const list = isPlainObject(data) ? (Array.isArray(data['documents']) ? (data['documents'] as unknown[]) : [data]) : null;
    if (list === null || !list.every((item) => isPlainObject(item) && Array.isArray(item['entries']))) {
      messages.error('unknown-format', NOT_KOREADER, null);
      return { works: null, messages };
    }
    const books = (list as Array<Record<string, unknown>>).map(bookOf);
    const keys = bookKeys(books);
    return { works: books.map((book, index) => bookWork(FORMAT, book, index === 0 ? messages : messages.fork(), keys[index]!)) };
  },
};

function bookOf(item: Record<string, unknown>): ExportBook {
  const pages = item['number_of_pages'];
  return {
    title: text(item['title']),
    authors: authorLines(text(item['author'])),
    file: text(item['file']),
    pages: typeof pages === 'number' && Number.isFinite(pages) ? pages : null,
    clippings: (item['entries'] as unknown[]).flatMap((entry) => (isPlainObject(entry) && isHighlight(entry) ? [clippingOf(entry)] : [])),
  };
}

/** What the exporter writes is highlights (`sort: "highlight"`); a clipping of another sort (none so far) is not one. */
function isHighlight(entry: Record<string, unknown>): boolean {
  return entry['sort'] === undefined || entry['sort'] === 'highlight';
}

function clippingOf(entry: Record<string, unknown>): ExportClipping {
  return {
    text: typeof entry['text'] === 'string' ? entry['text'] : '',
    note: text(entry['note']),
    chapter: text(entry['chapter']),
    page: pageText(entry['page']),
    highlightedAt: epochTime(entry['time']),
    color: text(entry['color']),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
