/**
 * A CSV export read by csv-parse, whole or as a stream, into works: what
 * every CSV reader shares (Readwise's, Instapaper's). A reader gives the
 * columns that make a CSV its own and a collector that turns rows into
 * works as they are read; this module parses (quoted fields span lines),
 * recognises the header and reports a CSV that cannot be read. Pure.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CsvError, parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { Messages } from '../messages.js';
import type { RecordOptions, SourceFormat, Streamed, Work } from '../formats/format.js';

export type CsvRow = Record<string, string>;

/** Rows → works, one collector per document: a row is held only until it is added. */
export interface RowCollector {
  add(row: CsvRow): void;
  works(): Work[];
}

const CSV_OPTIONS = { columns: true, info: true, bom: true, relax_column_count: true, skip_empty_lines: true, trim: false } as const;

/** A `.csv` reader: taken when its header has every `required` column; read whole or streamed through `collect`. */
export function csvExport(required: readonly string[], collect: (messages: Messages) => RowCollector): SourceFormat {
  return {
    detect: (document) => {
      if (!/\.csv$/i.test(document.name)) return false;
      const header = headerColumns(document.text);
      return required.every((column) => header.includes(column));
    },
    read: (document, messages) => {
      let rows: Array<{ record: CsvRow }>;
      try {
        rows = parse(document.text, CSV_OPTIONS);
      } catch (error) {
        csvError(error, messages, Infinity);
        return { works: null, messages };
      }
      const collector = collect(messages);
      for (const { record } of rows) collector.add(record);
      return { works: collector.works() };
    },
    records: (text, messages, options) => streamRows(text, messages, options, collect(messages)),
  };
}

/**
 * The same works from the text as it comes, through csv-parse's stream: a
 * row is held until it is added to its work. A row longer than `maxRecord`
 * characters stops the parser (it cannot find the next row without reading
 * this one: a quote left open makes the rest of the file one field).
 */
async function streamRows(text: AsyncIterable<string>, messages: Messages, { maxRecord, emit }: RecordOptions, collector: RowCollector): Promise<Streamed> {
  const limit = Number.isFinite(maxRecord) ? { max_record_size: maxRecord } : {};
  try {
    await pipeline(Readable.from(text), parseStream({ ...CSV_OPTIONS, ...limit }), async (rows: AsyncIterable<{ record: CsvRow }>) => {
      for await (const { record } of rows) collector.add(record);
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    csvError(error, messages, maxRecord);
    return { ok: false, messages };
  }
  for (const work of collector.works()) await emit(work);
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
