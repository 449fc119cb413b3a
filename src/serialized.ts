/**
 * Records read back from the cache keep the JSON text they were read from,
 * so that NDJSON output writes that text again instead of re-serializing.
 * `JSON.stringify(JSON.parse(text))` is `text` for records (fixed key order),
 * so the output is byte-identical either way.
 */
import type { Outcome } from './process.js';
import type { IngestRecord } from './schema.js';

const texts = new WeakMap<IngestRecord, string>();

export function rememberJson(record: IngestRecord, text: string): void {
  texts.set(record, text);
}

/** The record as compact JSON. */
export function compactJson(record: IngestRecord): string {
  return texts.get(record) ?? JSON.stringify(record);
}

/** What an outcome read back from the cache holds before its record is parsed. */
interface Cached {
  readonly json: string;
  readonly highlights: number;
}

const cached = new WeakMap<object, Cached>();

/**
 * An outcome read back from the cache whose record is parsed only when it
 * is first read (`outcome.record`): a warm NDJSON run writes the cached text
 * of every record and parses none (pipeline/run.ts recordsOf). Its
 * diagnostics and highlight count come from the entry itself.
 */
export function lazyOutcome(path: string, diagnostics: Outcome['diagnostics'], json: string, highlights: number): Outcome {
  let record: IngestRecord | null = null;
  const outcome = {
    path,
    get record(): IngestRecord {
      if (record === null) {
        record = JSON.parse(json) as IngestRecord;
        rememberJson(record, json);
      }
      return record;
    },
    diagnostics,
  };
  cached.set(outcome, { json, highlights });
  return outcome;
}

/**
 * For a cached outcome whose record is not parsed yet: a stand-in record that
 * only the NDJSON emitter may be given (it asks for the text alone, through
 * compactJson), and highlightCount answers for. `null` for any other outcome.
 */
export function standIn(outcome: Outcome): IngestRecord | null {
  const entry = cached.get(outcome);
  if (!entry) return null;
  const stand = {} as IngestRecord;
  texts.set(stand, entry.json);
  cached.set(stand, entry);
  return stand;
}

/** How many highlights a record has: a stand-in's from its entry. */
export function highlightCount(record: IngestRecord): number {
  return cached.get(record)?.highlights ?? record.highlights.length;
}
