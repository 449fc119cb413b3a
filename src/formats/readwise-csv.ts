/**
 * Readwise's CSV export (`format: "readwise-csv"`): one row per highlight,
 * `Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location
 * Type,Location,Highlighted at,Document tags`; one record per book, in order
 * of first appearance. Parsed by csv-parse (quoted fields span lines). Pure.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { emptyFields, foundHighlight } from '../extract/fields.js';
import { authorNames } from '../extract/values.js';
import type { Messages } from '../messages.js';
import type { SourceFormat, Work } from './format.js';
import { commaList, readwiseTime, setReadwiseLocation } from './readwise-values.js';

/** The columns that make a CSV a Readwise export; the others are read when present. */
const REQUIRED = ['Highlight', 'Book Title'];
const KNOWN = new Set([
  'Highlight', 'Book Title', 'Book Author', 'Amazon Book ID', 'Note', 'Color', 'Tags', 'Location Type', 'Location', 'Highlighted at', 'Document tags',
]);

export const readwiseCsv: SourceFormat = {
  names: ['readwise-csv'],
  detect: (document) => {
    if (!/\.csv$/i.test(document.name)) return false;
    const header = headerColumns(document.text);
    return REQUIRED.every((column) => header.includes(column));
  },
  read: (document, messages) => {
    let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
    try {
      rows = parse(document.text, { columns: true, info: true, bom: true, relax_column_count: true, skip_empty_lines: true, trim: false });
    } catch (error) {
      const line = error instanceof CsvError ? ((error as CsvError & { lines?: number }).lines ?? null) : null;
      messages.error('csv-syntax', `the CSV could not be read: ${(error as Error).message}`, line ? { line, column: 1 } : null);
      return { works: null, messages };
    }
    return { works: books(rows, messages) };
  },
};

function headerColumns(text: string): string[] {
  const first = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  return first.split(',').map((column) => column.trim().replace(/^"(.*)"$/, '$1'));
}

function books(rows: Array<{ record: Record<string, string> }>, messages: Messages): Work[] {
  const works = new Map<string, Work>();
  for (const { record: row } of rows) {
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
      work = { fields, key, messages: works.size === 0 ? messages : messages.fork() };
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
  return [...works.values()];
}
