/**
 * A Lua file that is data: `return { … }` (what KOReader's DocSettings and
 * LuaSettings write) → its table as plain values, read with luaparse and
 * never run. Anything that is not a literal (a call, a name, an operator
 * other than a number's minus) makes the file not data. String literals are
 * decoded here from their raw text (luaparse leaves them undecoded in its
 * default `encodingMode`): escapes `\n`, `\\`, `\` + line end, `\ddd` and
 * `\xXX` bytes (decoded as UTF-8 together with the text around them, as Lua
 * strings are bytes), `\u{XXX}`, `\z`, and long brackets `[==[…]==]`.
 * luaparse is loaded on the first file read, not with the reader. Pure.
 */
import { createRequire } from 'node:module';
import type { Expression, Chunk } from 'luaparse';

export type LuaValue = string | number | boolean | null | LuaTable;
/** A table: its keys in the order written (positional entries get 1, 2, …). */
export type LuaTable = Map<string | number, LuaValue>;

type Parse = (code: string, options: Record<string, unknown>) => Chunk;
let parser: Parse | null = null;

function parse(code: string): Chunk {
  parser ??= (createRequire(import.meta.url)('luaparse') as { parse: Parse }).parse;
  return parser(code, { comments: false, scope: false, locations: false, ranges: false, luaVersion: '5.3', encodingMode: 'none' });
}

/** Thrown when the text is Lua but not a returned table of literals. */
export class NotLuaData extends Error {}

/** The table a Lua file returns. Throws luaparse's SyntaxError (with its line and column) or NotLuaData. */
export function readLuaTable(code: string): LuaTable {
  const chunk = parse(code);
  const statement = chunk.body.length === 1 ? chunk.body[0] : undefined;
  if (statement?.type !== 'ReturnStatement' || statement.arguments.length !== 1) throw new NotLuaData('the file does not just return a table');
  const value = valueOf(statement.arguments[0]!);
  if (!(value instanceof Map)) throw new NotLuaData('the file returns no table');
  return value;
}

function valueOf(node: Expression): LuaValue {
  switch (node.type) {
    case 'StringLiteral':
      return decodeString(node.raw);
    case 'NumericLiteral':
      return node.value;
    case 'BooleanLiteral':
      return node.value;
    case 'NilLiteral':
      return null;
    case 'UnaryExpression':
      if (node.operator === '-' && node.argument.type === 'NumericLiteral') return -node.argument.value;
      break;
    case 'TableConstructorExpression': {
      const table: LuaTable = new Map();
      let position = 0;
      for (const field of node.fields) {
        if (field.type === 'TableValue') table.set(++position, valueOf(field.value));
        else if (field.type === 'TableKeyString') table.set(field.key.name, valueOf(field.value));
        else {
          const key = valueOf(field.key);
          if (typeof key !== 'string' && typeof key !== 'number') throw new NotLuaData('a table key is not a string or a number');
          table.set(key, valueOf(field.value));
        }
      }
      return table;
    }
    default:
      break;
  }
  throw new NotLuaData(`a value is not a literal (${node.type})`);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'", '\n': '\n' };

/** A string literal's raw source → its value. */
export function decodeString(raw: string): string {
  const long = /^\[(=*)\[\n?([\s\S]*)\]\1\]$/.exec(raw);
  if (long) return long[2]!;
  const body = raw.slice(1, -1);
  const out: number[] = [];
  const encoder = new TextEncoder();
  const push = (text: string): void => {
    for (const byte of encoder.encode(text)) out.push(byte);
  };
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      const point = body.codePointAt(i)!;
      const whole = String.fromCodePoint(point);
      push(whole);
      i += whole.length - 1;
      continue;
    }
    const next = body[++i] ?? '';
    if (next in SIMPLE_ESCAPES) {
      push(SIMPLE_ESCAPES[next]!);
      // `\` + CR LF is one line end.
      if (next === '\r' && body[i + 1] === '\n') i++;
    } else if (next === '\r') {
      push('\n');
      if (body[i + 1] === '\n') i++;
    } else if (/\d/.test(next)) {
      const digits = /^\d{1,3}/.exec(body.slice(i))![0];
      out.push(Number(digits) & 0xff);
      i += digits.length - 1;
    } else if (next === 'x') {
      out.push(parseInt(body.slice(i + 1, i + 3), 16) & 0xff);
      i += 2;
    } else if (next === 'u') {
      const code = /^\{([0-9a-fA-F]+)\}/.exec(body.slice(i + 1));
      if (code) {
        push(String.fromCodePoint(Math.min(parseInt(code[1]!, 16), 0x10ffff)));
        i += code[0].length;
      }
    } else if (next === 'z') {
      while (/\s/.test(body[i + 1] ?? '')) i++;
    } else push(next);
  }
  return new TextDecoder().decode(new Uint8Array(out));
}

/** A table's positional or numbered entries (`[1] = …`, `[34] = …`) in key order; KOReader writes them sorted, older versions not. */
export function entries(table: LuaTable): Array<[number, LuaValue]> {
  return [...table].filter((entry): entry is [number, LuaValue] => typeof entry[0] === 'number').sort((a, b) => a[0] - b[0]);
}

/** The table at `key`, if that is a table. */
export function tableAt(table: LuaTable | null | undefined, key: string): LuaTable | null {
  const value = table?.get(key);
  return value instanceof Map ? value : null;
}

/** The string at `key`, trimmed, or null when there is none or it is empty. */
export function stringAt(table: LuaTable | null | undefined, key: string): string | null {
  const value = table?.get(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The number at `key`. */
export function numberAt(table: LuaTable | null | undefined, key: string): number | null {
  const value = table?.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
