import type { IngestRecord } from '../schema.js';
import type { Since } from '../since.js';

/** What a digest says about the run as a whole (the records alone cannot tell). */
export interface EmitOptions {
  /** `--since`: the records hold only what is new since this day; the overview line says so. */
  readonly since?: Since | null;
}

/**
 * Every emitter: records in, chunks of text out (UTF-8 bytes where they are
 * already encoded: a cached record's NDJSON line). Serializing only; writing
 * is the caller's.
 */
export type Emitter = (records: AsyncIterable<IngestRecord>, options?: EmitOptions) => AsyncIterable<string | Uint8Array>;

/** The output formats: JSON (an array), NDJSON (one record a line), a Markdown digest, CSV (one highlight a row, for Readwise's import). */
export const OUTPUT_FORMATS = ['json', 'ndjson', 'md', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
