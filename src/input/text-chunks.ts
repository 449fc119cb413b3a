/**
 * Pieces of decoded text → the pieces of the document's text, as split()
 * and documentText() (src/split.ts) make it for a whole file: trailing
 * whitespace removed and one final LF; and lines of it. Pure.
 */
import { createHash, type Hash } from 'node:crypto';

/** What makes a file a bundle (see split.ts): such a file is not read as a stream. */
const BUNDLE_MARK = '<<<FILE';
/** Whitespace as String.prototype.trimEnd sees it. */
const SPACE = /\s/u;

export class DocumentChunks {
  /** Whitespace at the end of the text so far: written only if something follows it. */
  private pending = '';
  /** The end of the text so far, to find a bundle mark cut between two pieces. */
  private tail = '';
  private written = false;
  private readonly hash: Hash = createHash('sha256');
  /** Set once the text holds `<<<FILE`: the file may be a bundle. */
  bundle = false;

  /** The document's text in this piece, as far as it is known (whitespace at its end may be the document's end). */
  write(text: string): string {
    const probe = this.tail + text;
    if (probe.includes(BUNDLE_MARK)) this.bundle = true;
    this.tail = probe.slice(1 - BUNDLE_MARK.length);
    const joined = this.pending + text;
    const end = solidEnd(joined);
    this.pending = joined.slice(end);
    return this.out(joined.slice(0, end));
  }

  /** The final LF (none for an empty document). */
  end(): string {
    return this.written ? this.out('\n') : '';
  }

  /** SHA-256 of the document's text, as a SourceFile hashes it; once `end` was called. */
  sha256(): string {
    return this.hash.digest('hex');
  }

  private out(text: string): string {
    if (text === '') return '';
    this.written = true;
    this.hash.update(text);
    return text;
  }
}

/** Where the text's trailing whitespace starts. */
function solidEnd(text: string): number {
  let end = text.length;
  while (end > 0 && SPACE.test(text[end - 1]!)) end -= 1;
  return end;
}

/** A line of text, cut to the limit when longer (`long` then says so). */
export interface Line {
  text: string;
  long: boolean;
}

/** Text in pieces → its lines, as text.split('\n') gives them; a line longer than `limit` characters is cut there. */
export class LineSplitter {
  private parts: string[] = [];
  private size = 0;
  private long = false;

  constructor(private readonly limit: number) {}

  write(text: string, each: (line: Line) => void): void {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.add(text.slice(start, newline));
      each(this.take());
      start = newline + 1;
    }
    if (start < text.length) this.add(text.slice(start));
  }

  /** The last line (empty when the text ended with LF). */
  end(each: (line: Line) => void): void {
    each(this.take());
  }

  private add(part: string): void {
    if (this.long) return;
    if (this.size + part.length > this.limit) {
      part = part.slice(0, Math.max(0, this.limit - this.size));
      this.long = true;
    }
    this.parts.push(part);
    this.size += part.length;
  }

  private take(): Line {
    const line = { text: detached(this.parts.length === 1 ? this.parts[0]! : this.parts.join('')), long: this.long };
    this.parts = [];
    this.size = 0;
    this.long = false;
    return line;
  }
}

/**
 * A copy of the text that does not point into the piece it was cut from: V8
 * keeps a slice as a view of its parent, so a title or a highlight kept
 * from a line would keep the whole piece (256 KiB) alive, and in the end
 * the whole file.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
