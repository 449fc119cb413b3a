/** One record per line (NDJSON / JSON Lines), written as records finish. */
import type { Emitter } from './emitter.js';

export const emitNdjson: Emitter = async function* (records) {
  for await (const record of records) yield `${JSON.stringify(record)}\n`;
};
