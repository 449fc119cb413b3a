/** Limits that keep one input from stalling or exhausting a run. */

/** Inputs larger than this are skipped with an error unless --max-bytes says otherwise. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
