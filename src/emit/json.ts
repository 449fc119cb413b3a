/**
 * A JSON array, 2-space indent, trailing newline: the bytes of
 * `JSON.stringify(records, null, 2) + "\n"` (with U+2028 and U+2029
 * escaped, see line-separators.ts), written as records finish.
 */
import type { Emitter } from './emitter.js';
import { escapeLineSeparators } from './line-separators.js';

export const emitJson: Emitter = async function* (records) {
  let first = true;
  for await (const record of records) {
    const body = escapeLineSeparators(JSON.stringify(record, null, 2)).replace(/\n/g, '\n  ');
    yield first ? `[\n  ${body}` : `,\n  ${body}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
};
