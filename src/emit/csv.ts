/**
 * `-f csv`: one row per highlight in the columns of Readwise's CSV import
 * (`Highlight,Title,Author,URL,Note,Location,Date`), so that highlights from
 * Kindle, Kobo, KOReader or any other source can go into Readwise (or Anki,
 * or a spreadsheet). Rows go out as records arrive, in record order; a record
 * with no highlight gives no row. Quoting is csv-stringify's (RFC 4180:
 * a field with a comma, quote, CR or LF is quoted, quotes doubled), UTF-8
 * with no BOM, LF line ends. Cells are written as they are, never prefixed
 * against spreadsheet formulas: Readwise, not a spreadsheet, is the reader.
 * Pure.
 */
import { stringify } from 'csv-stringify/sync';
import type { Highlight, IngestRecord } from '../schema.js';
import type { Emitter } from './emitter.js';
import { displayTitle } from './labels.js';

/** Readwise's import columns, in its template's order. */
export const CSV_COLUMNS = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;

export const emitCsv: Emitter = async function* (records) {
  yield stringify([CSV_COLUMNS]);
  for await (const record of records) {
    if (record.highlights.length === 0) continue;
    yield stringify(csvRows(record));
  }
};

/** A record's rows: one per highlight, the document's title, authors and URL on each. */
export function csvRows(record: IngestRecord): string[][] {
  // Readwise files highlights under their Title: an untitled document gets the name the digest gives it, not one shared empty title.
  const title = displayTitle(record);
  const author = record.authors.join(', ');
  const url = record.url ?? '';
  return record.highlights.map((highlight) => {
    const { text, note } = highlightAndNote(highlight);
    return [text, title, author, url, note, locationNumber(highlight), readwiseDate(highlight.highlightedAt)];
  });
}

/**
 * The Highlight cell is the plain text; a highlight with none (an image)
 * gives its Markdown (`![](…)`), and a note with no highlight (Kindle) is
 * the Highlight itself: Readwise needs one, and no row is dropped. Tags go
 * at the start of the Note as Readwise's inline tags (`.tag`, one word:
 * spaces become `-`), unless the note already starts with them.
 */
function highlightAndNote(highlight: Highlight): { text: string; note: string } {
  const noteAsText = highlight.text === '' && highlight.markdown === '';
  const text = highlight.text !== '' ? highlight.text : highlight.markdown !== '' ? highlight.markdown : (highlight.note ?? '');
  const note = noteAsText ? '' : (highlight.note ?? '');
  const present = new Set(note.split(/\s+/).filter((word) => word.startsWith('.')));
  const tags = highlight.tags.map((tag) => `.${tag.trim().replace(/\s+/g, '-')}`).filter((tag) => tag !== '.' && !present.has(tag));
  return { text, note: [...new Set(tags), ...(note === '' ? [] : [note])].join(' ') };
}

/**
 * Readwise's Location is a number it orders highlights by: the first number
 * of `Location 170-171` or `Page 12` (170, 12), the seconds of `Time 0:12:34`
 * (754: what Readwise counts in for a podcast), else the page as a number.
 * Anything else (an EPUB CFI, a roman page `ix`, a chapter's name) is left
 * empty; the rows are in the document's order (Readwise's API orders
 * highlights with no location by their order in the list).
 */
export function locationNumber(highlight: Pick<Highlight, 'location' | 'page'>): string {
  const location = highlight.location ?? '';
  const counted = /^(?:Location|Page) (\d+)/.exec(location);
  if (counted) return String(Number(counted[1]));
  const time = /^Time (\d+):(\d{2}):(\d{2})$/.exec(location);
  if (time) return String(Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3]));
  const page = /^(\d+)(?:\D|$)/.exec(highlight.page ?? '');
  return page ? String(Number(page[1])) : '';
}

/** `2020-04-27T16:31:00` → `2020-04-27 16:31:00` (a stated offset kept, `Z` as `+00:00`, as Readwise's own CSV writes them); a day stays a day. */
export function readwiseDate(highlightedAt: string | null): string {
  if (highlightedAt === null) return '';
  return highlightedAt.replace('T', ' ').replace(/Z$/, '+00:00');
}
