/**
 * Records read back from the cache keep the JSON they were read from, so
 * that NDJSON output writes it again instead of re-serializing: as the
 * entry's bytes, never decoded, when the record is not parsed at all.
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
  let text = texts.get(record);
  if (text === undefined) {
    const entry = cached.get(record);
    text = entry ? decode(entry.line) : JSON.stringify(record);
  }
  return text;
}

/** What an outcome read back from the cache holds before its record is parsed. */
interface Cached {
  /** The record's compact JSON and a line feed, in UTF-8, as the cache entry holds them. */
  readonly line: Uint8Array;
  readonly highlights: number;
  /** Whether the line holds a raw U+2028 or U+2029 (the cache entry says, so the line is not searched for them). */
  readonly separators: boolean;
}

const cached = new WeakMap<object, Cached>();

const decoder = new TextDecoder();
/** The line's JSON: its bytes without the line feed. */
const decode = (line: Uint8Array): string => decoder.decode(line.subarray(0, line.length - 1));

/**
 * An outcome read back from the cache whose record is parsed only when it
 * is first read (`outcome.record`): a warm NDJSON run writes the cached
 * bytes of every record and decodes none (pipeline/run.ts recordsOf). Its
 * diagnostics and highlight count come from the entry itself. `line`: the
 * record's JSON and its line feed.
 */
export function lazyOutcome(path: string, diagnostics: Outcome['diagnostics'], line: Uint8Array, highlights: number, separators: boolean): Outcome {
  let record: IngestRecord | null = null;
  const outcome = {
    path,
    get record(): IngestRecord {
      if (record === null) {
        const json = decode(line);
        record = JSON.parse(json) as IngestRecord;
        rememberJson(record, json);
      }
      return record;
    },
    diagnostics,
  };
  cached.set(outcome, { line, highlights, separators });
  return outcome;
}

/**
 * For a cached outcome whose record is not parsed yet: a stand-in record that
 * only the NDJSON emitter may be given (it asks for the bytes, through
 * ndjsonLine, or the text, through compactJson), and highlightCount answers
 * for. `null` for any other outcome.
 */
export function standIn(outcome: Outcome): IngestRecord | null {
  const entry = cached.get(outcome);
  if (!entry) return null;
  const stand = {} as IngestRecord;
  cached.set(stand, entry);
  return stand;
}

/**
 * A cached record's NDJSON line as bytes, ready to write: `null` when the
 * record has none or its JSON holds a raw U+2028 or U+2029 (then the
 * emitter writes its text, escaped).
 */
export function ndjsonLine(record: IngestRecord): Uint8Array | null {
  const entry = cached.get(record);
  // LINE and PARAGRAPH SEPARATOR are written as escapes (emit/line-separators.ts): a line holding one is rewritten.
  return !entry || entry.separators ? null : entry.line;
}

/** How many highlights a record has: a stand-in's from its entry. */
export function highlightCount(record: IngestRecord): number {
  return cached.get(record)?.highlights ?? record.highlights.length;
}
