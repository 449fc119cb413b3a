import type { IngestRecord } from '../schema.js';
import type { Since } from '../since.js';
import type { DigestMemory } from './digest-memory.js';

/** What a digest says about the run as a whole (the records alone cannot tell). */
export interface EmitOptions {
  /** `--since`: the records hold only what is new since this day; the overview line says so. */
  readonly since?: Since | null;
  /** The digest's day (`--date`, else today): what the review is chosen from. */
  readonly today?: string;
  /** `--review N`: how many highlights the digest brings back (0: no review). */
  readonly review?: number;
  /**
   * A digest written to a file remembers what it showed (digest-memory.ts):
   * the memory of the last one, and where the new memory goes (written by
   * the pipeline once the digest is). Absent on stdout: no What's new.
   */
  readonly memory?: {
    readonly previous: DigestMemory | null;
    remember(next: DigestMemory, facts: { readonly fresh: number; readonly reviewed: number }): void;
  };
}

export type DigestOptions = EmitOptions;

/**
 * Every emitter: records in, chunks of text out (UTF-8 bytes where they are
 * already encoded: a cached record's NDJSON line). Serializing only; writing
 * is the caller's.
 */
export type Emitter = (records: AsyncIterable<IngestRecord>, options?: EmitOptions) => AsyncIterable<string | Uint8Array>;

/** The output formats: JSON (an array), NDJSON (one record a line), a Markdown or HTML digest, CSV (one highlight a row, for Readwise's import). */
export const OUTPUT_FORMATS = ['json', 'ndjson', 'md', 'html', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
