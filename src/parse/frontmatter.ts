/**
 * Frontmatter: finds the `---` block at the top of a document and parses it
 * with gray-matter, safely. Pure.
 *
 * - gray-matter is always called with an options object: its option-less
 *   calls fill a process-wide cache that never shrinks and hides a parse
 *   error on the second call.
 * - Its `js`/`javascript` engines `eval` the frontmatter; both are replaced
 *   by one that refuses, and any language but YAML or JSON is refused before
 *   gray-matter sees it.
 * - YAML is parsed by `yaml` (YAML 1.2 core schema): dates stay strings,
 *   aliases are capped, duplicate keys and syntax errors are reported with
 *   their line and column.
 * - We find the closing delimiter ourselves (gray-matter would take a whole
 *   unterminated file as frontmatter, or stop at a `---x` line).
 */
import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isNode, isPair, isScalar, visit, type Document } from 'yaml';
import { offsetWithin, type Messages, type Place, type Point, type Position } from '../messages.js';
import { jsonKeyPlace, jsonValuePlace } from './json-places.js';
import { DUPLICATE_KEY, errorPosition, firstLine, plain, sourceLine, warnTypes, withDuplicateKeys } from './yaml-checks.js';

export interface Frontmatter {
  /** The parsed mapping; `null` when there is no frontmatter or it could not be read. */
  data: Record<string, unknown> | null;
  /** The 1-based line (in the YAML) of each top-level key. */
  keyLines: Map<string, number>;
  /** Where each top-level key is written in the document (for a diagnostic about its value). */
  keyAt: ReadonlyMap<string, Place>;
  /**
   * Where `value`, read from the top-level `key`, is written in the
   * document: inside the key's value (after a quote, in a list), else at
   * the value's start; `null` when there is no such key.
   */
  valueAt(key: string, value: string): Place | null;
  /**
   * Values YAML read as comments (`category: #articles` is null to YAML):
   * the text after the colon, used only where nothing better gives the field.
   */
  commented: Map<string, string>;
  /** The Markdown after the frontmatter. */
  body: string;
  /** Where `body` starts in the document. */
  bodyStart: Position;
}

const OPENING = /^---([^\n-][^\n]*)?$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;
/** A YAML document expands at most this many aliases (a few hundred bytes can otherwise expand to gigabytes). */
export const MAX_YAML_ALIASES = 100;

export function parseFrontmatter(text: string, messages: Messages): Frontmatter {
  const none: Frontmatter = { data: null, keyLines: new Map(), keyAt: new Map(), valueAt: nowhere, commented: new Map(), body: text, bodyStart: { line: 1, column: 1 } };
  if (!text.startsWith('---')) return none;
  const firstEnd = text.indexOf('\n');
  const firstLine = firstEnd === -1 ? text : text.slice(0, firstEnd);
  const opening = OPENING.exec(firstLine);
  if (!opening) return none; // `----` and longer rules are thematic breaks, not frontmatter
  if (firstEnd === -1) return none;

  // Find the closing line.
  let offset = firstEnd + 1;
  let line = 2;
  let closeStart = -1;
  let closeEnd = -1;
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    if (CLOSING.test(text.slice(offset, end))) {
      closeStart = offset;
      closeEnd = newline === -1 ? text.length : newline + 1;
      break;
    }
    if (newline === -1) break;
    offset = newline + 1;
    line += 1;
  }
  if (closeStart === -1) {
    messages.warn(
      'frontmatter-unterminated',
      'frontmatter opened here is never closed by a `---` line; read the document as Markdown without frontmatter',
      { line: 1, column: 1 },
    );
    return none;
  }

  const body = text.slice(closeEnd);
  const bodyStart = { line: line + 1, column: 1 };
  const source = text.slice(firstEnd + 1, closeStart);
  const language = (opening[1] ?? '').trim().toLowerCase();
  const result: Frontmatter = { data: null, keyLines: new Map(), keyAt: new Map(), valueAt: nowhere, commented: new Map(), body, bodyStart };
  const yamlMessages = messages.child({ line: 2, column: 1 });

  if (language !== '' && language !== 'yaml' && language !== 'yml' && language !== 'json') {
    messages.error(
      'frontmatter-language',
      `refused \`---${language}\` frontmatter: only YAML (\`---\`) and JSON (\`---json\`) frontmatter is read, nothing is run`,
      { line: 1, column: 4 },
    );
    return result;
  }

  const refuse = (): never => {
    throw new Error('executable frontmatter is refused');
  };
  let parsed: unknown;
  let trusted = true;
  const yamlEngine = (yaml: string): object => {
    // gray-matter hands over the text after `---`, starting with that line's newline.
    const outcome = parseYaml(yaml.startsWith('\n') ? yaml.slice(1) : yaml, yamlMessages, result);
    trusted = outcome.ok;
    return outcome.value as object;
  };
  try {
    const file = matter(`---${language === 'json' ? 'json' : ''}\n${source}---\n`, {
      language: 'yaml',
      excerpt: false,
      engines: {
        yaml: yamlEngine,
        js: refuse,
        javascript: refuse,
      },
    });
    parsed = file.data;
    if (language === 'json' && isPlainObject(parsed)) jsonPlaces(source, parsed, result);
  } catch (error) {
    messages.warn('frontmatter-syntax', `could not read the frontmatter: ${(error as Error).message}`, { line: 2, column: 1 });
    return result;
  }

  if (!trusted) return result;
  if (parsed === null || parsed === undefined) {
    result.data = {};
  } else if (isPlainObject(parsed)) {
    result.data = parsed;
  } else {
    messages.warn(
      'frontmatter-not-mapping',
      `frontmatter is ${Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`}, expected a mapping such as \`title: My note\``,
      { line: 2, column: 1 },
    );
    result.data = {};
  }
  return result;
}

const nowhere = (): null => null;
/** The YAML starts on the document's second line. */
const YAML_START: Point = { line: 2, column: 1, offset: 0 };

/** `---json` frontmatter (gray-matter's JSON.parse read it): its places, found in its text when asked. */
function jsonPlaces(source: string, data: Record<string, unknown>, result: Frontmatter): void {
  result.keyAt = new Map(Object.keys(data).map((key) => [key, jsonKeyPlace(source, [key], YAML_START)]));
  result.valueAt = (key, value) => (Object.hasOwn(data, key) ? jsonValuePlace(source, [key], value, YAML_START) : null);
}

/** The YAML engine given to gray-matter; `ok: false` when the YAML cannot be trusted. */
function parseYaml(source: string, messages: Messages, result: Frontmatter): { ok: boolean; value: unknown } {
  const { keyLines, commented } = result;
  const lineCounter = new LineCounter();
  // yaml's own check of unique keys compares each key with every key before it: 40,000 keys took 10 s. Ours is linear.
  const document = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false, schema: 'core', logLevel: 'error' });
  let fatal = false;
  for (const error of withDuplicateKeys(document)) {
    if ('duplicate' in error) {
      messages.warn('yaml-duplicate-key', `${DUPLICATE_KEY}; the last value is kept`, toPosition(lineCounter.linePos(error.duplicate)));
    } else if (!fatal) {
      // Only the first syntax error: the ones after it are usually its echoes.
      fatal = true;
      messages.warn('yaml-syntax', `${firstLine(error)}; the frontmatter was ignored`, errorPosition(error, lineCounter));
    }
  }
  if (fatal) return { ok: false, value: {} };
  for (const warning of document.warnings) {
    messages.warn('yaml-warning', firstLine(warning), errorPosition(warning, lineCounter));
  }
  // Only those types make values JSON has not: without them there is nothing to convert.
  const convert = warnTypes(document, lineCounter, messages) ? plain : (value: unknown): unknown => value;
  let value: unknown;
  try {
    value = convert(document.toJS({ maxAliasCount: MAX_YAML_ALIASES }));
  } catch (error) {
    // An alias bomb: the fields that use no alias are kept.
    const fields = isMap(document.contents) ? readFieldsAlone(document, lineCounter, messages, convert) : null;
    if (fields === null) {
      messages.warn('yaml-alias-limit', `${(error as Error).message}; the frontmatter was ignored (at most ${MAX_YAML_ALIASES} aliases are expanded)`, { line: 1, column: 1 });
      return { ok: false, value: {} };
    }
    value = fields;
  }
  if (isMap(document.contents) && isPlainObject(value)) {
    const keyAt = new Map<string, Position>();
    /** Where each key's value is written in the YAML: its node, or the rest of the key's line (a value YAML read as a comment). */
    const spans = new Map<string, [number, number]>();
    for (const pair of document.contents.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      const keyPosition = lineCounter.linePos(pair.key.range[0]);
      const keyLine = keyPosition.line;
      keyLines.set(key, keyLine);
      keyAt.set(key, { line: keyLine + 1, column: keyPosition.col });
      const range = isNode(pair.value) ? pair.value.range : null;
      const lineEnd = range ? -1 : source.indexOf('\n', pair.key.range[1]);
      spans.set(key, range ? [range[0], range[1]] : [pair.key.range[1], lineEnd === -1 ? source.length : lineEnd]);
      // `category: #articles`: YAML reads `#…` as a comment and the value as null.
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
        const rawLine = sourceLine(source, lineCounter, keyLine);
        const comment = /:[ \t]+(#\S.*)$/.exec(rawLine);
        if (comment) {
          messages.warn(
            'yaml-hash-comment',
            `\`${key}: ${comment[1]}\` is read by YAML as an empty value followed by a comment; quote it (\`${key}: "${comment[1]}"\`). Used the Metadata list, or else the text after the colon`,
            { line: keyLine, column: rawLine.indexOf('#') + 1 },
          );
          commented.set(key, comment[1]!.trim());
        }
      }
    }
    result.keyAt = keyAt;
    result.valueAt = (key, text) => {
      const span = spans.get(key);
      if (!span) return null;
      const at = lineCounter.linePos(offsetWithin(source, span[0], span[1], text));
      return { line: at.line + 1, column: at.col };
    };
  }
  return { ok: true, value };
}

/**
 * An alias bomb's fields that use no alias, read alone; those that do are
 * dropped, named in one warning. (Reading each field with its own alias
 * budget would let many fields expand a large anchor many times over.)
 */
function readFieldsAlone(document: Document, lineCounter: LineCounter, messages: Messages, convert: (value: unknown) => unknown): Record<string, unknown> | null {
  if (!isMap(document.contents)) return null;
  const out: Record<string, unknown> = {};
  const dropped: string[] = [];
  let firstDropped: Position | null = null;
  for (const pair of document.contents.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    let usesAlias = false;
    if (isNode(pair.value)) {
      visit(pair.value, {
        Alias: () => {
          usesAlias = true;
          return visit.BREAK;
        },
      });
    }
    if (!usesAlias) {
      out[key] = convert(isNode(pair.value) ? pair.value.toJS(document) : pair.value);
      continue;
    }
    dropped.push(`\`${key}\``);
    if (firstDropped === null && pair.key.range) {
      const at = lineCounter.linePos(pair.key.range[0]);
      firstDropped = { line: at.line, column: at.col };
    }
  }
  messages.warn(
    'yaml-alias-limit',
    `the aliases expand to more than ${MAX_YAML_ALIASES} values (a resource exhaustion attack?): ${dropped.join(', ')} ignored, the fields without aliases are read`,
    firstDropped ?? { line: 1, column: 1 },
  );
  return out;
}

function toPosition(at: { line: number; col: number }): Position {
  return { line: at.line, column: at.col };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
