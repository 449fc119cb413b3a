/**
 * Bookcision's JSON download (`format: "bookcision"`): the bookmarklet at
 * readwise.io/bookcision reads one book's Kindle notebook page
 * (read.amazon.com/notebook) and writes it with `JSON.stringify`, keys in
 * this order:
 *
 *   {"asin": "B000QCTNIM", "title": "…", "authors": "Steven Pinker",
 *    "highlights": [{"text": "…", "isNoteOnly": false,
 *      "location": {"url": "kindle://book?action=open&asin=…&location=157", "value": 157},
 *      "note": null}]}
 *
 * One record per file. A note written without a highlight has
 * `isNoteOnly: true` and `text: ""`; it is a highlight with no text and the
 * note (as Zotero's comment-only annotations are). An entry the page gave no
 * location has `value: null` and a link ending `location=NaN`: no location,
 * no link. Recognised by that shape: an object with `asin`, `title`,
 * `authors` and `highlights`, whose entries have `isNoteOnly`. Pure.
 */
import { parseJsonDocument } from '../../extract/json-document.js';
import { emptyFields, foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { isPlainObject } from '../../parse/frontmatter.js';
import { jsonValuePlace } from '../../parse/json-places.js';
import { isIngestOutput } from '../ingest-output/ingest-output.js';
import { splitAuthors } from '../kindle/plugin.js';
import type { SourceFormat } from '../format.js';

const FORMAT = 'bookcision';

/** The book's keys, and a highlight's `isNoteOnly` (or no highlights at all). A key quoted in a string is written `\"key\":` and does not match. */
const BOOK_KEYS = [/"asin"\s*:/, /"title"\s*:/, /"authors"\s*:/, /"highlights"\s*:\s*\[/];
const NOTE_ONLY_KEY = /"isNoteOnly"\s*:\s*(?:true|false)|"highlights"\s*:\s*\[\s*\]/;

const NOT_BOOKCISION = 'this JSON is not a Bookcision export (expected {"asin", "title", "authors", "highlights": [{"text", "isNoteOnly", "location": {"url", "value"}, "note"}]})';

export const bookcision: SourceFormat = {
  // ingest's own records of a Kindle book have `asin`, `title`, `authors` and `highlights` too (ingest-output reads them).
  detect: (document) =>
    /\.json$/i.test(document.name) &&
    /^\s*\{/.test(document.text) &&
    BOOK_KEYS.every((key) => key.test(document.text)) &&
    NOTE_ONLY_KEY.test(document.text) &&
    !isIngestOutput(document.name, document.text),
  read: (document, messages) => {
    const data = parseJsonDocument(document.text, messages);
    if (data === undefined) return { works: null, messages };
    if (!isPlainObject(data) || !Array.isArray(data['highlights'])) {
      messages.error('unknown-format', NOT_BOOKCISION, null);
      return { works: null, messages };
    }
    const fields = emptyFields('highlights', FORMAT);
    fields.title = text(data['title']);
    fields.authors = authorsOf(data['authors']);
    // A Kindle notebook is a Kindle book's.
    fields.category = 'books';
    const asin = text(data['asin']);
    if (asin !== null) fields.extra['asin'] = asin;
    fields.highlights = data['highlights'].flatMap((item: unknown, index) => {
      if (!isPlainObject(item)) return [];
      const highlight = highlightOf(item);
      if (highlight.url !== null) highlight.urlAt = jsonValuePlace(document.text, ['highlights', index, 'location', 'url'], highlight.url);
      return [highlight];
    });
    return { works: [{ fields, key: null, messages }] };
  },
};

/** The notebook's byline: a string as Amazon writes it (`A, B, C`, `A and B`), one entry per person; some copies have an array. */
function authorsOf(value: unknown): string[] {
  if (typeof value === 'string') return splitAuthors(value);
  if (Array.isArray(value)) return value.flatMap((name) => (typeof name === 'string' ? splitAuthors(name) : []));
  return [];
}

function highlightOf(item: Record<string, unknown>): FoundHighlight {
  const written = text(item['text']);
  const note = text(item['note']);
  // A note on its own: its text is "" and the note is `note`; a copy that put the note in `text` is read the same.
  const noteOnly = item['isNoteOnly'] === true;
  const highlight = foundHighlight(noteOnly && note === null ? '' : (written ?? ''));
  highlight.note = note ?? (noteOnly ? written : null);
  const location = isPlainObject(item['location']) ? item['location'] : {};
  const value = location['value'];
  const where = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value) : typeof value === 'string' && /^\d+$/.test(value.trim()) ? value.trim() : null;
  if (where !== null) highlight.location = `Location ${where}`;
  const url = text(location['url']);
  // `location=NaN`: Bookcision's link for an entry without a location opens nothing.
  if (url !== null && !/location=NaN$/i.test(url)) highlight.url = url;
  return highlight;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
