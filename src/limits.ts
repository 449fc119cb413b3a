/** Limits that keep one input from stalling or exhausting a run. */

/** Inputs larger than this are skipped with an error unless --max-bytes says otherwise. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
/**
 * Files at least this large whose format is records (Kindle clippings,
 * Readwise CSV and JSON exports) are read as a stream, a record at a time,
 * and --max-bytes limits each record instead of the file. Smaller ones are
 * read whole, like every other file: it is faster, and they are cached.
 */
export const STREAM_BYTES = 256 * 1024;
