/**
 * Readwise's CSV export (`format: "readwise-csv"`): one row per highlight,
 * `Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location
 * Type,Location,Highlighted at,Document tags`; one record per book, in order
 * of first appearance. Parsed by csv-parse (extract/csv-export.ts). Pure.
 */
import { csvExport, type CsvRow, type RowCollector } from '../../extract/csv-export.js';
import { emptyFields, foundHighlight } from '../../extract/fields.js';
import { authorNames } from '../../extract/values.js';
import type { Messages } from '../../messages.js';
import type { SourceFormat, Work } from '../format.js';
import { commaList, readwiseTime, setReadwiseLocation } from './values.js';

/** The columns that make a CSV a Readwise export; the others are read when present. */
const REQUIRED = ['Highlight', 'Book Title'];
const KNOWN = new Set([
  'Highlight', 'Book Title', 'Book Author', 'Amazon Book ID', 'Note', 'Color', 'Tags', 'Location Type', 'Location', 'Highlighted at', 'Document tags',
]);

export const readwiseCsv: SourceFormat = csvExport(REQUIRED, (messages) => new Books(messages));

type Row = CsvRow;

/** A CSV's books, one per title, author and Amazon id, in order of first appearance; rows are added as they are read. */
class Books implements RowCollector {
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
