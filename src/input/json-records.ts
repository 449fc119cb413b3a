/**
 * A JSON export read in pieces → its records, each as a JSON text of its
 * own: the top-level value or the elements of a top-level array ("items"),
 * and the elements of a `results` array directly inside an item object
 * ("results", the books of an export page). An item that held a `results`
 * array is handed on with the array left empty, after its results.
 *
 * Only the structure around records is checked here (brackets, commas,
 * strings and their escapes); a record's own text is checked by whoever
 * parses it. Memory is one record's text. Pure.
 */

export interface JsonRecord {
  kind: 'item' | 'result';
  /** The record's JSON text; `null` when it was longer than the limit (not kept). */
  text: string | null;
  /** Where the record starts (1-based; the column in characters). */
  line: number;
  column: number;
  /** An item whose `results` array was taken out (its elements came as results). */
  results: boolean;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

type Role = 'top' | 'item' | 'results' | 'inner';

interface Frame {
  close: '}' | ']';
  role: Role;
  /** An object: the next string is a key. */
  key: boolean;
  /** An item: its key being read, and the last key read. */
  lastKey: string | null;
  /** A top or results array: what may come next. */
  expect: 'first' | 'value' | 'comma';
}

interface Capture {
  kind: JsonRecord['kind'];
  /** Frames below the record's value: it ends when the stack is back to this. */
  depth: number;
  /** A string or a literal (true, 12, null), not an object or array. */
  scalar: boolean;
  parts: string[];
  size: number;
  /** Where in the current piece of text the part not yet kept starts. */
  from: number;
  line: number;
  column: number;
  results: boolean;
  long: boolean;
}

/** Where a string stops being plain: its end, an escape, or a line end (counted, though JSON allows none there). */
const STRING_STOP = /["\\\n]/g;
const DELIMITER = /[\s,\]}:"[{]/;

export class JsonRecords {
  private readonly stack: Frame[] = [];
  private capture: Capture | null = null;
  /** The item whose `results` array is being read. */
  private paused: Capture | null = null;
  private inString = false;
  private escape = false;
  private inLiteral = false;
  /** Characters of an item's key being read, when the string is one. */
  private keyParts: string[] | null = null;
  private topSeen = false;
  private done = false;
  private line = 1;
  /** Offset (in the whole text) where the current line starts, and where the current piece starts. */
  private lineStart = 0;
  private base = 0;
  private out: JsonRecord[] = [];

  constructor(private readonly limit: number) {}

  /** The records completed by this piece of text. Throws JsonSyntaxError. */
  write(text: string): JsonRecord[] {
    this.out = [];
    if (this.capture) this.capture.from = 0;
    const n = text.length;
    let i = 0;
    let keyFrom = 0;
    while (i < n) {
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          i += 1;
          continue;
        }
        STRING_STOP.lastIndex = i;
        const stop = STRING_STOP.exec(text);
        if (!stop) break;
        i = stop.index;
        const ch = text[i];
        if (ch === '\\') {
          this.escape = true;
          i += 1;
        } else if (ch === '\n') {
          this.newLine(i);
          i += 1;
        } else {
          this.inString = false;
          if (this.keyParts) {
            this.keyParts.push(text.slice(keyFrom, i));
            this.top()!.lastKey = this.keyParts.join('');
            this.keyParts = null;
          }
          i += 1;
          const capture = this.capture;
          if (capture && capture.scalar && this.stack.length === capture.depth) this.finish(text, i);
        }
        continue;
      }
      const ch = text[i]!;
      if (this.inLiteral) {
        if (!DELIMITER.test(ch)) {
          i += 1;
          continue;
        }
        this.inLiteral = false;
        const capture = this.capture;
        if (capture && capture.scalar && this.stack.length === capture.depth) this.finish(text, i);
      }
      switch (ch) {
        case ' ':
        case '\t':
        case '\r':
          break;
        case '\n':
          this.newLine(i);
          break;
        case '"': {
          const top = this.top();
          if (top?.role === 'item' && top.key) {
            this.keyParts = [];
            keyFrom = i + 1;
          } else this.startValue(text, i, true);
          this.inString = true;
          break;
        }
        case '{':
        case '[':
          this.open(text, i, ch);
          break;
        case '}':
        case ']':
          this.closeFrame(text, i, ch);
          break;
        case ',':
          this.comma(i);
          break;
        case ':': {
          const top = this.top();
          if (!top || top.close !== '}') throw this.error(`unexpected ":"`, i);
          top.key = false;
          break;
        }
        default:
          this.startValue(text, i, true);
          this.inLiteral = true;
      }
      i += 1;
    }
    if (this.keyParts) this.keyParts.push(text.slice(keyFrom));
    const capture = this.capture;
    if (capture) this.keep(capture, text.slice(capture.from));
    this.base += n;
    return this.out;
  }

  /** The records completed by the end of the text. Throws JsonSyntaxError when the JSON is not complete. */
  end(): JsonRecord[] {
    this.out = [];
    if (this.inLiteral && this.capture?.scalar && this.stack.length === 0) this.finish('', 0);
    if (this.inString || this.stack.length > 0) throw this.error('the JSON ends inside a value (a bracket or a quote is not closed)', 0);
    if (!this.topSeen) throw this.error('no JSON value', 0);
    return this.out;
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** A value starts at `i`: a record when it is the top-level value or an element of the top or a results array. */
  private startValue(text: string, i: number, scalar: boolean): void {
    const top = this.top();
    let kind: JsonRecord['kind'];
    if (!top) {
      if (this.done) throw this.error('more text after the JSON value', i);
      this.topSeen = true;
      if (text[i] === '[') return;
      kind = 'item';
    } else if (top.role === 'top' || top.role === 'results') {
      if (top.expect === 'comma') throw this.error(`expected "," or "]" before this value`, i);
      top.expect = 'comma';
      kind = top.role === 'top' ? 'item' : 'result';
    } else return;
    const at = this.position(i);
    this.capture = { kind, depth: this.stack.length, scalar, parts: [], size: 0, from: i, line: at.line, column: at.column, results: false, long: false };
  }

  private open(text: string, i: number, ch: '{' | '['): void {
    const top = this.top();
    let role: Role = 'inner';
    if (top?.role === 'item' && ch === '[' && !top.key && top.lastKey === 'results') {
      // The item's results: each element is a record of its own; the item keeps `[]`.
      const item = this.capture!;
      this.keep(item, text.slice(item.from, i + 1));
      item.results = true;
      this.paused = item;
      this.capture = null;
      role = 'results';
    } else {
      if (!top) role = ch === '[' ? 'top' : 'item';
      else if (top.role === 'top' && ch === '{') role = 'item';
      this.startValue(text, i, false);
    }
    this.stack.push({ close: ch === '{' ? '}' : ']', role, key: ch === '{', lastKey: null, expect: 'first' });
  }

  private closeFrame(text: string, i: number, ch: '}' | ']'): void {
    const frame = this.stack.pop();
    if (!frame || frame.close !== ch) throw this.error(`unexpected "${ch}"`, i);
    if ((frame.role === 'top' || frame.role === 'results') && frame.expect === 'value') throw this.error(`a value was expected after ","`, i);
    if (frame.role === 'results') {
      this.capture = this.paused;
      this.paused = null;
      this.capture!.from = i;
    }
    const capture = this.capture;
    if (capture && !capture.scalar && this.stack.length === capture.depth) this.finish(text, i + 1);
    if (this.stack.length === 0) this.done = true;
  }

  private comma(i: number): void {
    const top = this.top();
    if (!top) throw this.error('unexpected ","', i);
    if (top.role === 'top' || top.role === 'results') {
      if (top.expect !== 'comma') throw this.error('unexpected ","', i);
      top.expect = 'value';
    } else if (top.close === '}') top.key = true;
  }

  private finish(text: string, end: number): void {
    const capture = this.capture!;
    this.keep(capture, text.slice(capture.from, end));
    this.capture = null;
    if (this.stack.length === 0) this.done = true;
    const { kind, line, column, results } = capture;
    this.out.push({ kind, text: capture.long ? null : capture.parts.join(''), line, column, results });
  }

  private keep(capture: Capture, part: string): void {
    capture.from = Number.MAX_SAFE_INTEGER;
    if (capture.long || part === '') return;
    capture.size += part.length;
    if (capture.size > this.limit) {
      capture.long = true;
      capture.parts = [];
      return;
    }
    capture.parts.push(part);
  }

  private newLine(i: number): void {
    this.line += 1;
    this.lineStart = this.base + i + 1;
  }

  private position(i: number): { line: number; column: number } {
    return { line: this.line, column: this.base + i - this.lineStart + 1 };
  }

  private error(message: string, i: number): JsonSyntaxError {
    const at = this.position(i);
    return new JsonSyntaxError(message, at.line, at.column);
  }
}
