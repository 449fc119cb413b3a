/**
 * An exact fast path for what highlight exports and long notes are made
 * of: highlight lists and ordered lists (fast-lists.ts), ATX headings,
 * paragraphs, blockquotes of one paragraph and fenced code blocks
 * (fast-leaves.ts), each with text in the inline grammar of
 * fast-inline.ts. For each such block this builds the mdast remark-parse 11
 * builds, positions included; markdown.ts has remark parse only the rest of
 * the body, and joins the pieces as chunks.ts joins them. Pure.
 *
 * Anything outside the grammar stays remark's, so the fast path can only be
 * slower, never different:
 * - the whole body, when it holds a link definition (`]:`, which acts at a
 *   distance: `[[x]]` would be a link), a carriage return (a line ending to
 *   micromark), or an HTML block that may span blank lines (chunks.ts
 *   UNSPLITTABLE);
 * - any line inside fenced code or an HTML block (followed as chunks.ts
 *   follows them), and any line not at column 0;
 * - everything after a fence indented one to three spaces (it may be in a
 *   list item or not, and ends differently in each);
 * - a paragraph or a blockquote, unless it comes after the start, a blank
 *   line or a heading, and before the end, a blank line or a heading (a
 *   line next to it could continue it, underline it or be lazy);
 * - a fenced code block, unless it comes after the start, a blank line or
 *   a heading;
 * - a `- ` list, unless it starts after the start, a blank line, a heading
 *   or a bullet line, and an ordered list (which starts with any number
 *   only where it interrupts nothing), unless it starts after the start, a
 *   blank line or a heading (see fast-lists.ts for what ends them).
 * A blank line four columns wide or more (four spaces, or a tab) is no
 * clean start for what follows it, up to the next line that is not blank:
 * micromark keeps its whitespace in an indented code block before it.
 * Nor is a blank line after a line indented four columns or more a clean
 * start for a list: an indented code block there is still open, and a list
 * after it interrupts it.
 * An ATX heading is one line and leaves no block open, so it may stand
 * anywhere else, and so may anything after a closing fence.
 */
import type { Heading, RootContent } from 'mdast';
import { CLOSES_CONTAINERS, FENCE, HTML_START, INDENTED, NESTED_FENCE, NESTED_HTML, UNSPLITTABLE, widens } from './chunks.js';
import { fastInline, pointAt } from './fast-inline.js';
import { blockquoteAt, fencedCodeAt, paragraphAt, type Read } from './fast-leaves.js';
import { isBlank, isHeading, lineEnd, readList, startsParagraph, type FastRun } from './fast-lists.js';

export type { FastRun } from './fast-lists.js';

const DASH = 0x2d;
const HASH = 0x23;
const SPACE = 0x20;
const QUOTE = 0x3e;
const BACKTICK = 0x60;
const TILDE = 0x7e;

/** What the line before says about this one. */
type Before = 'start' | 'blank' | 'indented' | 'wide' | 'heading' | 'bullet' | 'other';

/** The blocks of the body that the fast path builds, in order; none when the body must go to remark whole. */
export function fastBlocks(body: string): FastRun[] {
  return [...fastRuns(body)];
}

/** fastBlocks one block at a time: a long note's blocks need not all be alive at once (markdown.ts markdownBlocks). */
export function* fastRuns(body: string): Generator<FastRun> {
  if (body.includes(']:') || body.includes('\r') || UNSPLITTABLE.test(body)) return;
  let fence: string | null = null;
  let html = false;
  // A fence or an HTML block opened inside a container (a list item, a quote) may stay open to the container's end,
  // which micromark places after the next item's marker, or before or after the line ending by what closes it:
  // nothing is built until a line at column 0 has closed every container, that line included.
  let nested = false;
  let before: Before = 'start';
  // A whitespace-only line four columns wide or more may belong to an indented code block before it: micromark keeps
  // what is past the code's indent, up to the next line that is not blank, so that line does not start clean.
  let wide = false;
  // An indented code block stays open over the blank lines after it, so a list after them interrupts it, and micromark
  // starts no ordered list there unless at 1: after a line indented four columns or more, the blank lines are 'indented'.
  let indented = false;
  let line = 1;
  for (let offset = 0; offset < body.length; ) {
    if (fence === null && !html && !nested) {
      const built = buildAt(body, offset, line, before);
      if (built) {
        yield built.run;
        offset = built.run.end;
        line = built.line;
        before = beforeEnd(body, built.run);
        indented = false;
        continue;
      }
    }
    const end = lineEnd(body, offset);
    const text = body.slice(offset, end);
    const opened = FENCE.exec(text);
    if (fence !== null) {
      if (opened && opened[1]![0] === fence[0] && opened[1]!.length >= fence.length && /^[ \t]*$/.test(text.slice(opened[0].length))) fence = null;
    } else if (opened && !html) {
      // Inside an HTML block a fence is text, and opens nothing. A fence indented one to three spaces may be in a list
      // item left open over blank lines, and then ends with it, where a fence at column 0 would stay open: which one it
      // is depends on the item's content column, so nothing more is built.
      if (text.charCodeAt(0) === SPACE) return;
      fence = opened[1]!;
    } else if (nested && CLOSES_CONTAINERS.test(text)) {
      nested = false;
    } else if (NESTED_FENCE.test(text) || NESTED_HTML.test(text)) {
      nested = true;
    }
    const blank = isBlank(body, offset, end);
    if (blank) html = false;
    else if (HTML_START.test(text)) html = true;
    wide = blank && widens(text, wide);
    if (!blank) indented = INDENTED.test(text);
    before = wide ? 'wide' : blank ? (indented ? 'indented' : 'blank') : isHeading(body, offset) ? 'heading' : /^ *- /.test(text) ? 'bullet' : 'other';
    offset = end + 1;
    line += 1;
  }
}

/** What the last line of a built block says about the line after it. */
function beforeEnd(body: string, run: FastRun): Before {
  const last = body.lastIndexOf('\n', run.end - 2) + 1;
  if (run.end > run.start && isBlank(body, last, run.end - 1)) return 'blank';
  // A list ends before another item or a heading, a paragraph before a heading: neither is blank.
  return run.node.type === 'list' ? 'bullet' : run.node.type === 'heading' ? 'heading' : 'other';
}

/** The block at `offset` (the start of line `line`), when it is in the grammar; with the line after it. */
function buildAt(body: string, offset: number, line: number, before: Before): { run: FastRun; line: number } | null {
  if (before === 'wide') return null;
  const code = body.charCodeAt(offset);
  if (code === HASH) return isHeading(body, offset) ? heading(body, offset, line) : null;
  if (code === DASH) return before === 'other' || before === 'indented' ? null : readList(body, offset, line);
  // What follows a list, a paragraph or anything else could continue it: only after these does a block start clean.
  if (before === 'bullet' || before === 'other') return null;
  if (code >= 0x30 && code <= 0x39 && !startsParagraph(body, offset)) return before === 'indented' ? null : readList(body, offset, line);
  if (code === BACKTICK || code === TILDE) {
    const fenced = fencedCodeAt(body, offset, line);
    return fenced && withBlankLines(body, offset, fenced);
  }
  if (code === QUOTE) return followed(body, offset, blockquoteAt(body, offset, line));
  if (isBlank(body, offset, lineEnd(body, offset)) || !startsParagraph(body, offset)) return null;
  return followed(body, offset, paragraphAt(body, offset, line));
}

/** A paragraph or blockquote followed by the end, blank lines or a heading, as a run with those blank lines; null otherwise. */
function followed(body: string, start: number, read: Read<RootContent> | null): { run: FastRun; line: number } | null {
  if (read === null) return null;
  if (read.next < body.length && !isHeading(body, read.next) && !isBlank(body, read.next, lineEnd(body, read.next))) return null;
  return withBlankLines(body, start, read);
}

/** The block as a run, with the blank lines after it: the next run or piece starts at a line that starts a block. */
function withBlankLines(body: string, start: number, read: Read<RootContent>): { run: FastRun; line: number } {
  const after = skipBlank(body, read.next, read.line);
  return { run: { start, end: after.offset, node: read.node }, line: after.line };
}

/** `# TEXT` to `###### TEXT` with no closing sequence; blank lines after it are part of its piece (anything may follow a heading). */
function heading(body: string, start: number, line: number): { run: FastRun; line: number } | null {
  const end = lineEnd(body, start);
  let depth = 0;
  while (body.charCodeAt(start + depth) === HASH) depth += 1;
  let contentStart = start + depth;
  while (contentStart < end && body.charCodeAt(contentStart) === SPACE) contentStart += 1;
  let contentEnd = end;
  while (contentEnd > contentStart && body.charCodeAt(contentEnd - 1) === SPACE) contentEnd -= 1;
  // Empty, or ending in `#` (a closing sequence, or text that looks like one): remark's.
  if (contentStart === contentEnd || body.charCodeAt(contentEnd - 1) === HASH) return null;
  const children = fastInline(body, contentStart, contentEnd, line, start);
  if (children === null) return null;
  const node: Heading = {
    type: 'heading',
    depth: depth as Heading['depth'],
    children,
    position: { start: pointAt(line, start, start), end: pointAt(line, start, end) },
  };
  const after = skipBlank(body, Math.min(end + 1, body.length), line + 1);
  return { run: { start, end: after.offset, node }, line: after.line };
}

/** The offset and number of the first line from `offset` on that is not blank (the body's length at its end). */
function skipBlank(body: string, offset: number, line: number): { offset: number; line: number } {
  let next = offset;
  let nextLine = line;
  while (next < body.length && isBlank(body, next, lineEnd(body, next))) {
    next = Math.min(lineEnd(body, next) + 1, body.length);
    nextLine += 1;
  }
  return { offset: next, line: nextLine };
}
