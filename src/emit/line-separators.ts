/**
 * U+2028 and U+2029 (LINE and PARAGRAPH SEPARATOR) are valid raw inside a
 * JSON string, and `JSON.stringify` leaves them so; but many line readers
 * (Python's `str.splitlines()`, some editors, JavaScript before ES2019) take
 * them for line breaks, and an NDJSON record would fall apart in two. Every
 * JSON ingest writes has them as the escapes `\u2028` and `\u2029`: the same
 * JSON value, parsed to the same strings, and one record stays one line.
 */
const SEPARATORS = /[\u2028\u2029]/g;

/** `json` with U+2028 and U+2029 written as escapes. They can only be inside strings, where an escape means the same. */
export function escapeLineSeparators(json: string): string {
  SEPARATORS.lastIndex = 0;
  if (!SEPARATORS.test(json)) return json;
  return json.replace(SEPARATORS, (separator) => (separator === '\u2028' ? '\\u2028' : '\\u2029'));
}
