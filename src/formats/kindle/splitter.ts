/**
 * Kindle's `My Clippings.txt` → its clippings, line by line as the lines
 * come (see kindle-clippings.ts for the format). Pure.
 */
import { looksLikeHeader, readHeader, type Header } from './header.js';

const SEPARATOR = /^\uFEFF*={10}\s*$/u;

export interface Clipping {
  titleLine: string;
  headerLine: string;
  /** 1-based line of the header in the document. */
  line: number;
  header: Header;
  body: string;
  /** Set (to the limit) when the clipping was longer than the limit: it was not kept. */
  tooLong?: number;
}

/**
 * Splits lines into clippings as they come. A clipping starts with a title
 * line and a header line: after a `==========` line (or at the top), any
 * header-shaped line will do; elsewhere (files whose separators were lost)
 * only after a blank line and with a header we can read. So a `==========`
 * inside a clipping's text stays text. A clipping is complete when the next
 * one starts (or the text ends); whether a line starts one is known once
 * the line after it is there.
 */
export class ClippingSplitter {
  /** 0-based index of the next line. */
  private index = 0;
  /** The line before, not yet known to start a clipping or not. */
  private previous: string | null = null;
  /** The line before was the header line of a clipping just started. */
  private headerLast = false;
  private afterSeparator = true;
  private previousBlank = true;
  private current: { start: number; lines: string[]; size: number; header: Header | null; long: boolean } | null = null;

  constructor(
    private readonly done: (clipping: Clipping) => void,
    /** Characters of one clipping's lines kept at most; a longer clipping is dropped (`tooLong`). */
    private readonly maxRecord: number,
  ) {}

  push(raw: string, long: boolean): void {
    const line = withoutBom(raw);
    const at = this.index++;
    const previous = this.previous;
    let started = false;
    if (previous !== null && !this.headerLast) {
      if (previous.trim() === '') this.previousBlank = true;
      else {
        let header: Header | null = null;
        // A header line is read only when its shape says it may be one, and then once.
        const known = (): boolean => (header ??= readHeader(line.trim())).type !== null;
        if (line.trim() !== '' && looksLikeHeader(line) && ((this.afterSeparator && (line.includes('|') || known())) || (this.previousBlank && known()))) {
          this.close(true);
          this.current = { start: at - 1, lines: [previous], size: previous.length, header, long: false };
          started = true;
          this.afterSeparator = false;
          this.previousBlank = false;
        } else {
          this.afterSeparator = SEPARATOR.test(previous);
          this.previousBlank = false;
        }
      }
    }
    this.headerLast = started;
    this.previous = line;
    const current = this.current;
    if (!current) return;
    if (long || current.size + line.length > this.maxRecord) current.long = true;
    // A clipping too long to keep keeps its title and header lines, for the error.
    if (!current.long || current.lines.length < 2) current.lines.push(line);
    current.size += line.length + 1;
  }

  end(): void {
    this.close(false);
  }

  /** Hands on the clipping being read; `cut`: its last line is the title line of the next one. */
  private close(cut: boolean): void {
    const current = this.current;
    if (!current) return;
    this.current = null;
    const { lines, start } = current;
    if (cut && !current.long) lines.pop();
    let end = lines.length;
    while (end > 2 && (lines[end - 1]!.trim() === '' || SEPARATOR.test(lines[end - 1]!))) {
      end -= 1;
      if (SEPARATOR.test(lines[end]!)) break;
    }
    const headerLine = lines[1]!.trim();
    const body = current.long ? '' : lines.slice(2, end).join('\n').trim();
    const header = current.header ?? readHeader(headerLine);
    this.done({ titleLine: lines[0]!.trim(), headerLine, line: start + 2, header, body, tooLong: current.long ? this.maxRecord : undefined });
  }
}

export function withoutBom(line: string): string {
  return line.replace(/^\uFEFF+/u, '');
}
