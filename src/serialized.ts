/**
 * Records read back from the cache keep the JSON text they were read from,
 * so that NDJSON output writes that text again instead of re-serializing.
 * `JSON.stringify(JSON.parse(text))` is `text` for records (fixed key order),
 * so the output is byte-identical either way.
 */
import type { IngestRecord } from './schema.js';

const texts = new WeakMap<IngestRecord, string>();

export function rememberJson(record: IngestRecord, text: string): void {
  texts.set(record, text);
}

/** The record as compact JSON. */
export function compactJson(record: IngestRecord): string {
  return texts.get(record) ?? JSON.stringify(record);
}
