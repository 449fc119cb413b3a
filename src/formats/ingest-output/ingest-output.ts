/**
 * ingest's own `-f json` or `-f ndjson` output, named as an input: refused
 * with a clear error, never read as a Readwise JSON export (its records have
 * `highlights` too, and would come back as empty books).
 */
import type { SourceFormat } from '../format.js';

/** The keys every record has, in the order the emitters write them. */
const RECORD_START = /^\s*\[?\s*\{\s*"id"\s*:\s*"[0-9a-f]{16}"\s*,\s*"work"\s*:\s*"[^"\n]*"\s*,\s*"kind"\s*:\s*"[a-z]+"\s*,\s*"format"\s*:/;

export const ingestOutput: SourceFormat = {
  detect: (document) => isIngestOutput(document.name, document.text),
  read: (_document, messages) => {
    messages.error(
      'ingest-output',
      "this is ingest's own output (records), not notes to read: run ingest on the notes it was made from, or compare two outputs with `ingest diff OLD NEW`",
      { line: 1, column: 1 },
    );
    return { works: null, messages };
  },
};

/** Whether a document is ingest's own JSON or NDJSON output (its records start with the keys every record has, in order). */
export function isIngestOutput(name: string, text: string): boolean {
  return /\.(json|ndjson|jsonl)$/i.test(name) && RECORD_START.test(text.slice(0, 512));
}
