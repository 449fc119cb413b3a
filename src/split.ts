/**
 * Bundles: a line that is exactly `<<<FILE>>>` or `<<<FILE: name>>>`
 * (surrounding spaces allowed) starts a new document. Pure.
 *
 * Each segment keeps its origin: its index in the bundle, the delimiter's
 * name and line, and the physical line its text starts on, so that
 * diagnostics point into the bundle file.
 */
import type { Bundle } from './schema.js';
import type { Messages, Origin } from './messages.js';

export interface Segment {
  /** `null` for a file without delimiters. */
  bundle: Bundle | null;
  /** The document's text: trailing blank lines removed, ending in one LF unless empty. */
  text: string;
  /** Where `text` starts in the physical file. */
  origin: Origin;
}

const DELIMITER = /^[ \t]*<<<FILE(?::[ \t]*(.*?))?[ \t]*>>>[ \t]*$/;

/** The name on a delimiter line (`null` when none is given), or `undefined` when the line is no delimiter. */
export function delimiterName(line: string): string | null | undefined {
  const match = DELIMITER.exec(line);
  if (!match) return undefined;
  const name = match[1]?.trim();
  return name ? name : null;
}

export function split(text: string, messages: Messages): Segment[] {
  if (!text.includes('<<<FILE')) {
    return [{ bundle: null, text: documentText(text), origin: { line: 1, column: 1 } }];
  }
  const segments: Segment[] = [];
  let start = 0; // offset of the current segment's text
  let startLine = 1; // its physical line
  let current: { name: string | null; line: number } | null = null;
  let lineNumber = 1;
  let offset = 0;
  const close = (end: number): void => {
    const body = text.slice(start, end);
    if (current) {
      segments.push({
        bundle: { index: segments.length, name: current.name, line: current.line },
        text: documentText(body),
        origin: { line: startLine, column: 1 },
      });
    } else if (body.trim() !== '') {
      messages.warn(
        'bundle-preamble',
        'text before the first <<<FILE>>> delimiter; read it as a document of its own (start a bundle with a `<<<FILE: name>>>` line)',
        { line: 1, column: 1 },
      );
      segments.push({ bundle: { index: 0, name: null, line: 1 }, text: documentText(body), origin: { line: 1, column: 1 } });
    }
  };
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(offset, end);
    const name = line.includes('<<<FILE') ? delimiterName(line) : undefined;
    if (name !== undefined) {
      close(offset);
      current = { name, line: lineNumber };
      start = newline === -1 ? text.length : newline + 1;
      startLine = lineNumber + 1;
    }
    if (newline === -1) break;
    offset = newline + 1;
    lineNumber += 1;
  }
  close(text.length);
  return segments;
}

/** Trailing blank lines removed; one final LF unless the document is empty. */
export function documentText(body: string): string {
  // Most files are that already: the same string, not a copy (a 50 MB note was held twice, read and as a document).
  if (body.length >= 2 && body.endsWith('\n') && !/\s/.test(body[body.length - 2]!)) return body;
  const trimmed = body.trimEnd();
  return trimmed === '' ? '' : `${trimmed}\n`;
}
