/** One record per line (NDJSON / JSON Lines), written as records finish. */
import { compactJson } from '../serialized.js';
import type { Emitter } from './emitter.js';
import { escapeLineSeparators } from './line-separators.js';

export const emitNdjson: Emitter = async function* (records) {
  for await (const record of records) yield `${escapeLineSeparators(compactJson(record))}\n`;
};
