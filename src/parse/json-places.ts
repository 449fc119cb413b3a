/**
 * Where a value is in a JSON text. The JSON readers parse with JSON.parse,
 * which gives no positions; a diagnostic about one of their values (an
 * invalid url, a value nested too deeply) is rare, so its place is found
 * only when one is made (a Place to be asked), by walking the text again
 * along the value's path. The text is valid JSON (JSON.parse read it). Pure.
 */
import { offsetWithin, positionAt, type Place, type Point } from '../messages.js';

/** Member names and array indexes from the text's top-level value down. */
export type JsonPath = ReadonlyArray<string | number>;

interface Span {
  /** Where the member's key starts (its quote); `null` for an array element or the top. */
  key: number | null;
  start: number;
  end: number;
}

/** The place of the value at `path`: where `value` is written inside it (a string's first character after its quote), else its start. */
export function jsonValuePlace(text: string, path: JsonPath, value: string, from?: Point): Place {
  return () => {
    const span = locateJson(text, path);
    return span ? positionAt(text, offsetWithin(text, span.start, span.end, value), from) : null;
  };
}

/** The place of the member at `path`: its key as written (the opening quote). */
export function jsonKeyPlace(text: string, path: JsonPath, from?: Point): Place {
  return () => {
    const span = locateJson(text, path);
    return span ? positionAt(text, span.key ?? span.start, from) : null;
  };
}

/** The span of the value at `path` (of the last member of a name, the one JSON.parse keeps); `null` when there is none. */
export function locateJson(text: string, path: JsonPath, from = 0): Span | null {
  let span: Span = { key: null, start: skipSpace(text, from), end: -1 };
  for (const step of path) {
    const found = typeof step === 'string' ? member(text, span.start, step) : element(text, span.start, step);
    if (!found) return null;
    span = found;
  }
  return { ...span, end: valueEnd(text, span.start) };
}

function member(text: string, start: number, name: string): Span | null {
  if (text[start] !== '{') return null;
  let found: Span | null = null;
  let at = skipSpace(text, start + 1);
  while (text[at] === '"') {
    const keyEnd = stringEnd(text, at);
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = valueEnd(text, valueStart);
    if (JSON.parse(text.slice(at, keyEnd)) === name) found = { key: at, start: valueStart, end };
    at = skipSpace(text, end);
    if (text[at] === ',') at = skipSpace(text, at + 1);
  }
  return found;
}

function element(text: string, start: number, index: number): Span | null {
  if (text[start] !== '[') return null;
  let at = skipSpace(text, start + 1);
  for (let i = 0; at < text.length && text[at] !== ']'; i++) {
    if (i === index) return { key: null, start: at, end: -1 };
    at = skipSpace(text, valueEnd(text, at));
    if (text[at] === ',') at = skipSpace(text, at + 1);
  }
  return null;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /[ \t\n\r]/.test(text[at]!)) at += 1;
  return at;
}

/** After the string that starts at `at` (its quote). */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** After the value that starts at `at`. */
function valueEnd(text: string, at: number): number {
  const open = text[at];
  if (open === '"') return stringEnd(text, at);
  if (open !== '{' && open !== '[') {
    let end = at;
    while (end < text.length && !/[\s,\]}]/.test(text[end]!)) end += 1;
    return end;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i) - 1;
    else if (c === '{' || c === '[') depth += 1;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return text.length;
}
