/**
 * The fast path's paragraphs, blockquotes and fenced code blocks
 * (fast-blocks.ts places them), built as remark-parse 11 builds them,
 * positions included, or null when outside the grammar below. Pure.
 *
 * - A paragraph: lines at column 0 in the inline grammar of fast-inline.ts;
 *   a line goes on the paragraph when it could start no other block
 *   (startsParagraph: no list marker, heading, quote, fence, HTML, setext
 *   underline, indentation) and the line before has no trailing space (one
 *   would be stripped, two a hard break).
 * - A blockquote: lines `> TEXT` (one space), TEXT a paragraph as above:
 *   one paragraph, no nested blocks, no line that is `>` alone.
 * - A fenced code block: a fence of three or more backticks or tildes at
 *   column 0, with no info string or one word of letters, digits and
 *   `_+.#-` (no escapes or references to decode), content lines with no
 *   control character but tabs, closed by a line of the same fence
 *   character at column 0, at least as long and with nothing after it. An
 *   unclosed fence, or a line that might close it otherwise (indented, or
 *   followed by spaces), is remark's.
 * What follows a paragraph or a blockquote must be the end, a blank line or
 * an ATX heading (anything else could be a lazy line or an underline); the
 * caller checks that, and what comes before.
 */
import type { Blockquote, Code, Paragraph } from 'mdast';
import { fastInline, joinLine, pointAt } from './fast-inline.js';
import { isBlank, lineEnd, startsParagraph } from './fast-lists.js';

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x3e;

/** Where the content of the line at `lineStart` starts when it goes on the paragraph; -1 when it does not. */
type Continues = (body: string, lineStart: number) => number;

/** A paragraph read from here: the line after it, and that line's number. */
export interface Read<T> {
  node: T;
  next: number;
  line: number;
}

/** Top-level paragraph lines: at column 0, starting a paragraph, not blank. */
const topLevel: Continues = (body, lineStart) => (startsParagraph(body, lineStart) && !isBlank(body, lineStart, lineEnd(body, lineStart)) ? lineStart : -1);
/** Blockquote lines: `> ` and then a paragraph line. */
const quoted: Continues = (body, lineStart) => (body.charCodeAt(lineStart) === QUOTE && body.charCodeAt(lineStart + 1) === SPACE ? topLevel(body, lineStart + 2) : -1);

/** The paragraph whose first line's content starts at `contentStart` (on line `line`, which starts at `lineStart`). */
function readParagraph(body: string, lineStart: number, contentStart: number, line: number, continues: Continues): Read<Paragraph> | null {
  let end = lineEnd(body, lineStart);
  const children = fastInline(body, contentStart, trimEnd(body, contentStart, end), line, lineStart);
  if (children === null) return null;
  const node: Paragraph = { type: 'paragraph', children, position: { start: pointAt(line, lineStart, contentStart), end: pointAt(line, lineStart, end) } };
  let next = Math.min(end + 1, body.length);
  let nextLine = line + 1;
  while (next < body.length && !isTrailing(body.charCodeAt(end - 1))) {
    const content = continues(body, next);
    if (content === -1) break;
    const nextEnd = lineEnd(body, next);
    const phrasing = fastInline(body, content, trimEnd(body, content, nextEnd), nextLine, next);
    if (phrasing === null) break;
    joinLine(children, phrasing, { ...node.position!.end }, pointAt(nextLine, next, next));
    node.position!.end = pointAt(nextLine, next, nextEnd);
    end = nextEnd;
    next = Math.min(end + 1, body.length);
    nextLine += 1;
  }
  // A line that stopped it may still go on it in remark's reading (a hard break, a line outside the grammar): the caller checks that what follows is a blank line, a heading or the end.
  return { node, next, line: nextLine };
}

/** A paragraph at column 0 from `start` (the start of line `line`). */
export function paragraphAt(body: string, start: number, line: number): Read<Paragraph> | null {
  return readParagraph(body, start, start, line, topLevel);
}

/** A blockquote of `> TEXT` lines from `start`: one paragraph. */
export function blockquoteAt(body: string, start: number, line: number): Read<Blockquote> | null {
  if (quoted(body, start) === -1) return null;
  const read = readParagraph(body, start, start + 2, line, quoted);
  if (read === null) return null;
  const node: Blockquote = { type: 'blockquote', children: [read.node], position: { start: pointAt(line, start, start), end: { ...read.node.position!.end } } };
  return { node, next: read.next, line: read.line };
}

const INFO = /^[A-Za-z0-9_+.#-]*$/;

/** A fenced code block whose opening fence starts at `start` (column 0 of line `line`). */
export function fencedCodeAt(body: string, start: number, line: number): Read<Code> | null {
  const mark = body.charCodeAt(start);
  let size = 0;
  while (body.charCodeAt(start + size) === mark) size += 1;
  const openEnd = lineEnd(body, start);
  const info = body.slice(start + size, openEnd);
  if (size < 3 || !INFO.test(info)) return null;
  let lineNumber = line + 1;
  for (let at = openEnd + 1; at < body.length; lineNumber += 1) {
    const end = lineEnd(body, at);
    const closes = closingFence(body, at, end, mark, size);
    if (closes === null) return null;
    if (closes) {
      const value = at > openEnd + 1 ? body.slice(openEnd + 1, at - 1) : '';
      const node: Code = { type: 'code', lang: info === '' ? null : info, meta: null, value, position: { start: pointAt(line, start, start), end: pointAt(lineNumber, at, end) } };
      return { node, next: Math.min(end + 1, body.length), line: lineNumber + 1 };
    }
    for (let inside = at; inside < end; inside++) {
      const code = body.charCodeAt(inside);
      if ((code < 0x20 && code !== TAB) || (code >= 0x7f && code <= 0x9f)) return null;
    }
    at = end + 1;
  }
  // Unclosed: the block runs to the end of the document.
  return null;
}

/** Whether the line closes the fence (true), is content (false), or might close it in a way not read here (null). */
function closingFence(body: string, start: number, end: number, mark: number, size: number): boolean | null {
  let at = start;
  while (at < end && at - start < 4 && body.charCodeAt(at) === SPACE) at += 1;
  if (at - start > 3 || body.charCodeAt(at) !== mark) return false;
  let run = 0;
  while (body.charCodeAt(at + run) === mark) run += 1;
  if (run < size || !isBlank(body, at + run, end)) return false;
  return at === start && at + run === end ? true : null;
}

function trimEnd(body: string, start: number, end: number): number {
  let contentEnd = end;
  while (contentEnd > start && body.charCodeAt(contentEnd - 1) === SPACE) contentEnd -= 1;
  return contentEnd;
}

const isTrailing = (code: number): boolean => code === SPACE || code === TAB;
