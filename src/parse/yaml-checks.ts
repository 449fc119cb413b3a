/**
 * What frontmatter.ts needs of a parsed YAML document besides its value:
 * warnings for YAML 1.1 types JSON has not (converted, never dropped), the
 * value made plain, error messages and positions, and duplicate keys found
 * in linear time. Pure.
 */
import { isNode, isScalar, visit, type Document, type LineCounter, type YAMLError } from 'yaml';
import type { Messages, Position } from '../messages.js';

/** YAML 1.1 types the core schema has no JSON for, and what they are read as. */
const OTHER_TYPES: Record<string, string> = {
  'tag:yaml.org,2002:set': 'a list of its members',
  'tag:yaml.org,2002:omap': 'a mapping',
  'tag:yaml.org,2002:pairs': 'a list of [key, value] pairs',
  'tag:yaml.org,2002:binary': 'its base64 text',
  'tag:yaml.org,2002:timestamp': 'an ISO 8601 date-time (UTC)',
};

/** A warning for each value of a type JSON has not (it is converted, never lost silently); whether there was one. */
export function warnTypes(document: Document, lineCounter: LineCounter, messages: Messages): boolean {
  let found = false;
  visit(document, (_key, node) => {
    if (!isNode(node) || node.tag === undefined || !(node.tag in OTHER_TYPES)) return;
    found = true;
    const at = node.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    const name = `!!${node.tag.slice('tag:yaml.org,2002:'.length)}`;
    messages.warn('yaml-type', `\`${name}\` is a YAML 1.1 type with no JSON equivalent; read as ${OTHER_TYPES[node.tag]}`, { line: at.line, column: at.col });
  });
  return found;
}

/** The value with YAML's non-JSON types made plain: Set → list, Map → object, binary → base64. */
export function plain(value: unknown, depth = 0): unknown {
  if (depth > 200 || value === null || typeof value !== 'object') return value;
  if (value instanceof Set) return [...value].map((item) => plain(item, depth + 1));
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), plain(item, depth + 1)]));
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = plain(item, depth + 1);
  return out;
}

export function firstLine(error: YAMLError): string {
  return error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

export function errorPosition(error: YAMLError, lineCounter: LineCounter): Position {
  const start = lineCounter.linePos(error.pos[0]);
  return { line: start.line, column: start.col };
}

/** Line `line` (1-based) of the source, found through the line counter: splitting the source for each key was quadratic. */
export function sourceLine(source: string, lineCounter: LineCounter, line: number): string {
  const start = lineCounter.lineStarts[line - 1];
  if (start === undefined) return '';
  const end = source.indexOf('\n', start);
  return source.slice(start, end === -1 ? source.length : end);
}

/** yaml's message for a key seen twice in one mapping. */
export const DUPLICATE_KEY = 'Map keys must be unique';

/**
 * The document's errors, with a `{ duplicate: offset }` for each key that
 * repeats an earlier key of its mapping, in the order yaml's `uniqueKeys`
 * would have reported them (by offset): the same keys (scalars of equal
 * value), found with one set per mapping instead of a scan of every key
 * before it.
 */
export function withDuplicateKeys(document: Document): Array<YAMLError | { duplicate: number }> {
  const duplicates: number[] = [];
  visit(document, {
    Map: (_key, map) => {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const value = pair.key.value;
        // yaml compares with ===, under which NaN equals nothing (a Set would match it).
        if (typeof value === 'number' && Number.isNaN(value)) continue;
        if (seen.has(value)) duplicates.push(pair.key.range[0]);
        else seen.add(value);
      }
    },
  });
  if (duplicates.length === 0) return document.errors;
  duplicates.sort((a, b) => a - b);
  const merged: Array<YAMLError | { duplicate: number }> = [];
  let next = 0;
  for (const error of document.errors) {
    while (next < duplicates.length && duplicates[next]! < error.pos[0]) merged.push({ duplicate: duplicates[next++]! });
    merged.push(error);
  }
  while (next < duplicates.length) merged.push({ duplicate: duplicates[next++]! });
  return merged;
}
