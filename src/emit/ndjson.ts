/** One record per line (NDJSON / JSON Lines), written as records finish. */
import { compactJson, ndjsonLine } from '../serialized.js';
import type { Emitter } from './emitter.js';
import { escapeLineSeparators } from './line-separators.js';

export const emitNdjson: Emitter = async function* (records) {
  // A record read back from the cache and never parsed goes out as the entry's bytes.
  for await (const record of records) yield ndjsonLine(record) ?? `${escapeLineSeparators(compactJson(record))}\n`;
};
