/**
 * Readwise's CSV export (`format: "readwise-csv"`): one row per highlight,
 * `Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location
 * Type,Location,Highlighted at,Document tags`; one record per book, in order
 * of first appearance. Parsed by csv-parse (quoted fields span lines). Pure.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CsvError, parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { emptyFields, foundHighlight } from '../../extract/fields.js';
import { authorNames } from '../../extract/values.js';
import type { Messages } from '../../messages.js';
import type { SourceFormat, RecordOptions, Streamed, Work } from '../format.js';
import { commaList, readwiseTime, setReadwiseLocation } from './values.js';

/** The columns that make a CSV a Readwise export; the others are read when present. */
const REQUIRED = ['Highlight', 'Book Title'];
const KNOWN = new Set([
  'Highlight', 'Book Title', 'Book Author', 'Amazon Book ID', 'Note', 'Color', 'Tags', 'Location Type', 'Location', 'Highlighted at', 'Document tags',
]);

export const readwiseCsv: SourceFormat = {
  detect: (document) => {
    if (!/\.csv$/i.test(document.name)) return false;
    const header = headerColumns(document.text);
    return REQUIRED.every((column) => header.includes(column));
  },
  read: (document, messages) => {
    let rows: Array<{ record: Row }>;
    try {
      rows = parse(document.text, CSV_OPTIONS);
    } catch (error) {
      csvError(error, messages, Infinity);
      return { works: null, messages };
    }
    const books = new Books(messages);
    for (const { record } of rows) books.add(record);
    return { works: books.works() };
  },
  records: streamRows,
};

type Row = Record<string, string>;

const CSV_OPTIONS = { columns: true, info: true, bom: true, relax_column_count: true, skip_empty_lines: true, trim: false } as const;

/**
 * The same books from the text as it comes, through csv-parse's stream: a
 * row is held until it is added to its book. A row longer than `maxRecord`
 * characters stops the parser (it cannot find the next row without reading
 * this one: a quote left open makes the rest of the file one field).
 */
async function streamRows(text: AsyncIterable<string>, messages: Messages, { maxRecord, emit }: RecordOptions): Promise<Streamed> {
  const books = new Books(messages);
  const limit = Number.isFinite(maxRecord) ? { max_record_size: maxRecord } : {};
  try {
    await pipeline(Readable.from(text), parseStream({ ...CSV_OPTIONS, ...limit }), async (rows: AsyncIterable<{ record: Row }>) => {
      for await (const { record } of rows) books.add(record);
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    csvError(error, messages, maxRecord);
    return { ok: false, messages };
  }
  for (const work of books.works()) await emit(work);
  return { ok: true };
}

function csvError(error: unknown, messages: Messages, maxRecord: number): void {
  const line = error instanceof CsvError ? ((error as CsvError & { lines?: number }).lines ?? null) : null;
  const at = line ? { line, column: 1 } : null;
  if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
    messages.error('too-large', `a row of the CSV is more than --max-bytes ${maxRecord} characters long; the CSV could not be read past it (is a quote left open?)`, at);
  } else {
    messages.error('csv-syntax', `the CSV could not be read: ${(error as Error).message}`, at);
  }
}

function headerColumns(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  return first.split(',').map((column) => column.trim().replace(/^"(.*)"$/, '$1'));
}

/** A CSV's books, one per title, author and Amazon id, in order of first appearance; rows are added as they are read. */
class Books {
  private readonly byKey = new Map<string, Work>();

  constructor(private readonly messages: Messages) {}

  add(row: Row): void {
    const works = this.byKey;
    const key = [row['Book Title'] ?? '', row['Book Author'] ?? '', row['Amazon Book ID'] ?? ''].join('\0');
    let work = works.get(key);
    if (!work) {
      const fields = emptyFields('highlights', 'readwise-csv');
      fields.title = row['Book Title']?.trim() || null;
      fields.authors = authorNames(row['Book Author'] ?? '');
      fields.tags = commaList(row['Document tags']);
      const asin = row['Amazon Book ID']?.trim();
      if (asin) {
        fields.extra['asin'] = asin;
        // An Amazon book id is a Kindle book's; Readwise's CSV has no category column.
        fields.category = 'books';
      }
      for (const [column, value] of Object.entries(row)) if (!KNOWN.has(column) && value !== '') fields.extra[column] = value;
      work = { fields, key, messages: works.size === 0 ? this.messages : this.messages.fork() };
      works.set(key, work);
    }
    const highlight = foundHighlight(row['Highlight'] ?? '');
    highlight.note = row['Note']?.trim() || null;
    highlight.color = row['Color']?.trim() || null;
    highlight.tags = commaList(row['Tags']);
    setReadwiseLocation(highlight, row['Location Type'] ?? '', row['Location'] ?? '');
    highlight.highlightedAt = readwiseTime(row['Highlighted at']);
    work.fields.highlights.push(highlight);
    for (const tag of commaList(row['Document tags'])) if (!work.fields.tags.includes(tag)) work.fields.tags.push(tag);
  }

  works(): Work[] {
    return [...this.byKey.values()];
  }
}
