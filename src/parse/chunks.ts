/**
 * Keeps micromark linear on large documents. Pure.
 *
 * - micromark rewrites its whole event list each time a nested container
 *   closes, so a long list whose items hold sub-lists (a Readwise export of
 *   9,000 highlights with `- Note:` children) takes quadratic time: 30 s for
 *   1.5 MB. A large body is therefore parsed in pieces that start where
 *   CommonMark starts a new top-level block anyway (a line at column 0 after
 *   a blank line, or a bullet at column 0), and the pieces' trees are joined
 *   with their positions shifted: the same blocks, at the same offsets.
 *   The blocks can be had one at a time (joinedBlocks), so that a long
 *   note's tree need never be alive whole.
 * - Backtick runs that nothing can close: see ticks.ts.
 */
import type { List, Nodes, Root, RootContent } from 'mdast';

export { neutralizeTicks, restoreTicks, TICK } from './ticks.js';

/** Bodies larger than this are parsed in pieces of about this size. */
export const PIECE = 32 * 1024;

/** Constructs that may span a blank line at column 0, or act at a distance: the body is parsed whole. */
export const UNSPLITTABLE = /^ {0,3}(?:\[[^\]\n]+\]:|<(?:script|pre|style|textarea)\b|<!--|<\?|<![A-Za-z]|<!\[CDATA\[)/im;
/** A line that opens or closes a fenced code block (a backtick fence's info string holds no backtick: else it is no fence). */
export const FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
/**
 * A bullet that starts a new block even right after a paragraph line,
 * interrupting it (micromark's `interrupt`): one with text, and no quote or
 * other list's marker first, which could not interrupt.
 */
const INTERRUPTING_BULLET = /^[-*+][ \t]+(?![-*+](?:[ \t]|$)|\d{1,9}[.)]|>)\S/;
/** A line that starts a container: a quote, or a list item. */
const CONTAINER_START = /^(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/;
/** A fence after container markers or indentation: a code block opened inside a container. */
export const NESTED_FENCE = /^(?:[ \t>*+-]|\d{1,9}[.)])*(?:`{3,}|~{3,})/;
/** An HTML block that may start after container markers or indentation: like a fence, it may stay open to the container's end. */
export const NESTED_HTML = /^(?:[ \t>*+-]|\d{1,9}[.)])+<[A-Za-z/!?]/;
/** A line indented four columns or more: indented code, unless a container holds it. */
export const INDENTED = /^(?: {0,3}\t| {4})/;
/** Whether a blank line four columns wide or more (four spaces, or a tab) is one, or follows one with no text between. */
export const widens = (blankLine: string, afterWide: boolean): boolean => afterWide || blankLine.length >= 4 || blankLine.includes('\t');
/** The first character of a line at column 0 that is in no container: anything but indentation, a marker, a quote or a line's end. */
export const CLOSES_CONTAINERS = /^[^ \t>*+\-0-9\n]/;
/** An HTML block of the kinds that end only at a blank line: no bullet inside it starts a list. */
export const HTML_START = /^ {0,3}<[A-Za-z/]/;

/** Parses a piece of the body: its text, and where it starts in the body. */
export type PieceParser = (text: string, start: number) => Root;

/** Read block by block (after a time-out or a guard), every top-level block is a piece of its own. */
export const SAFE_PIECE = 1;
/** A block this large is read as plain text when reading block by block. */
const SAFE_LIMIT = 64 * 1024;

/**
 * The body read block by block: each top-level block is parsed on its own,
 * and a block that is too costly for remark (`costly` says why) or too large
 * becomes a plain paragraph of its text. Highlight lists are still read
 * item by item; only the pathological block loses its Markdown.
 */
export function parseSafely(body: string, parse: PieceParser, costly: (text: string) => string | null): Root {
  return parsePieces(
    body,
    (text, start) => (text.length > SAFE_LIMIT || costly(text) ? plainRoot(text) : parse(text, start)),
    SAFE_PIECE,
    true,
  );
}

/** A piece as one paragraph of its text, with positions. */
function plainRoot(text: string): Root {
  const lines = text.replace(/\s+$/u, '').split('\n');
  const end = { line: lines.length, column: lines[lines.length - 1]!.length + 1, offset: lines.join('\n').length };
  const position = { start: { line: 1, column: 1, offset: 0 }, end };
  return { type: 'root', children: text.trim() === '' ? [] : [{ type: 'paragraph', children: [{ type: 'text', value: lines.join('\n'), position }], position }], position };
}

/**
 * A piece as plain paragraphs, one per run of lines between blank lines,
 * with positions: what is left of the body once parsing is out of time.
 * Linear, and far lighter than a tree of every inline node.
 */
export function plainBlocks(text: string): Root {
  const children: RootContent[] = [];
  let line = 1;
  let start = -1;
  let startLine = 1;
  let lastEnd = 0;
  let lastLine = 1;
  const close = (): void => {
    if (start === -1) return;
    const position = { start: { line: startLine, column: 1, offset: start }, end: { line: lastLine, column: lastEnd - text.lastIndexOf('\n', lastEnd - 1), offset: lastEnd } };
    children.push({ type: 'paragraph', children: [{ type: 'text', value: text.slice(start, lastEnd), position }], position });
    start = -1;
  };
  for (let offset = 0; offset < text.length; line += 1) {
    const newline = text.indexOf('\n', offset);
    const end = newline === -1 ? text.length : newline;
    if (/^[ \t]*$/.test(text.slice(offset, end))) close();
    else {
      if (start === -1) {
        start = offset;
        startLine = line;
      }
      lastEnd = end;
      lastLine = line;
    }
    offset = end + 1;
  }
  close();
  const lastStart = text.lastIndexOf('\n') + 1;
  // The loop counted one line past the last; a text that ends in a line ending does end on that line.
  const endLine = text === '' || text.endsWith('\n') ? line : line - 1;
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: endLine, column: text.length - lastStart + 1, offset: text.length } } };
}

/** Offsets where the body may be cut into pieces; none when it must be parsed whole. */
export function pieceStarts(body: string, piece = PIECE, always = false): number[] {
  if (body.length <= piece || (!always && UNSPLITTABLE.test(body))) return [];
  const starts: number[] = [];
  let fence: string | null = null;
  let html = false;
  let previousBlank = false;
  // After an indented code block micromark keeps it open over blank lines: their whitespace past its indent is its
  // text when one is four columns wide (`wide`: no piece starts after them), and a list after them interrupts it
  // (`indented`), as a list right after a paragraph does.
  let wide = false;
  let indented = false;
  // A fence or an HTML block opened inside a container may stay open to the container's end (fast-blocks.ts): no piece
  // starts until a line at column 0 has closed every container, that line included.
  let nested = false;
  let last = 0;
  for (let offset = 0; offset < body.length; ) {
    const newline = body.indexOf('\n', offset);
    const end = newline === -1 ? body.length : newline;
    const line = body.slice(offset, end);
    const opened = FENCE.exec(line);
    if (fence !== null) {
      // A closing fence closes and opens nothing: the next fence line opens a new block.
      if (opened && opened[1]![0] === fence[0] && opened[1]!.length >= fence.length && /^[ \t]*$/.test(line.slice(opened[0].length))) fence = null;
    } else {
      // Never at a U+FEFF: the parser drops one at the start of what it parses, and a piece would lose it.
      // After a blank line anything starts clean, unless indented code before it is still open: then, as right after a
      // paragraph, a container starts only where it may interrupt.
      const clean = previousBlank ? !indented || !CONTAINER_START.test(line) || INTERRUPTING_BULLET.test(line) : !html && INTERRUPTING_BULLET.test(line);
      if (nested && CLOSES_CONTAINERS.test(line)) nested = false;
      else if (offset - last >= piece && line !== '' && !nested && !wide && !/^[ \t\uFEFF]/.test(line) && clean) {
        starts.push(offset);
        last = offset;
      }
      // Inside an HTML block a fence is text, and opens nothing. A fence indented one to three spaces may be in a list
      // item left open over blank lines, and then ends with it, where one at column 0 would not: no piece starts after it.
      if (opened && !html && line.charCodeAt(0) === 0x20) return starts;
      if (opened && !html) fence = opened[1]!;
      else if (NESTED_FENCE.test(line) || NESTED_HTML.test(line)) nested = true;
    }
    // Blank for CommonMark is spaces and tabs only: a line of no-break spaces is a paragraph.
    previousBlank = /^[ \t]*$/.test(line);
    wide = previousBlank && widens(line, wide);
    if (!previousBlank) indented = INDENTED.test(line);
    if (previousBlank) html = false;
    else if (HTML_START.test(line)) html = true;
    offset = end + 1;
  }
  return starts;
}

/** Parses the body in pieces (or whole), with positions as if it had been parsed whole. */
export function parsePieces(body: string, parse: PieceParser, piece = PIECE, always = false): Root {
  const starts = pieceStarts(body, piece, always);
  if (starts.length === 0) return parse(body, 0);
  return joinPieces(body, [0, ...starts, body.length], (start, end, line) => parseShifted(body, start, end, line, parse));
}

/**
 * The blocks of `body.slice(start, end)` parsed alone, with positions
 * shifted into the body (`line` is its first line). Blank lines at the end
 * of a piece before another are left out: a construct left open in a
 * container (a fence in a list item) ends where the container closes,
 * before them, as in a whole parse, not at the piece's end after them. (No
 * piece starts inside a fence at column 0: only the last may end in one,
 * which runs to the end of the body, blank lines and all.)
 */
export function parseShifted(body: string, start: number, end: number, line: number, parse: PieceParser): RootContent[] {
  const tree = parse(body.slice(start, end < body.length ? beforeBlankLines(body, start, end) : end), start);
  shift(tree, line - 1, start);
  return tree.children;
}

/** `end` moved back over the blank lines that end `body.slice(start, end)`; its first line always stays. */
function beforeBlankLines(body: string, start: number, end: number): number {
  let cut = end;
  for (;;) {
    const lineStart = body.lastIndexOf('\n', cut - 2) + 1;
    if (lineStart <= start || lineStart >= cut || !/^[ \t]*\n?$/.test(body.slice(lineStart, cut))) return cut;
    cut = lineStart;
  }
}

/** A stretch of the body that is parsed (or built) on its own. */
export interface Piece {
  start: number;
  end: number;
}

/**
 * The root of `body` from the blocks of its pieces: `bounds` are the pieces'
 * offsets (0 first, the body's length last), each a place where CommonMark
 * starts a new top-level block anyway; `blocks` gives a piece's blocks with
 * positions into the body. A list cut in two is joined again.
 */
export function joinPieces(body: string, bounds: readonly number[], blocks: (start: number, end: number, line: number) => RootContent[]): Root {
  const pieces = bounds.slice(1).map((end, i) => ({ start: bounds[i]!, end }));
  return rootOf(body, [...joinedBlocks(body, pieces, (piece, line) => blocks(piece.start, piece.end, line))]);
}

/**
 * joinPieces one block at a time, each piece parsed only when its blocks
 * are asked for: `pieces` cover the body in order. A block is handed on once
 * the next piece's first block is known (a list may go on in it).
 */
export function* joinedBlocks<P extends Piece>(body: string, pieces: Iterable<P>, blocks: (piece: P, line: number) => RootContent[]): Generator<RootContent> {
  let previous: RootContent | undefined;
  let line = 1;
  for (const piece of pieces) {
    const [first, ...rest] = blocks(piece, line);
    line += countLines(body, piece.start, piece.end);
    let next: RootContent[] = rest;
    if (first?.type === 'list' && previous?.type === 'list' && sameList(body, previous, first)) {
      for (const item of first.children) previous.children.push(item);
      // Blank lines between two items make the whole list loose, as they would have in one parse.
      previous.spread = previous.spread || first.spread || /\n[ \t]*\n/.test(body.slice(previous.position!.end.offset, first.position!.start.offset));
      previous.position!.end = first.position!.end;
    } else if (first) {
      next = [first, ...rest];
    }
    for (const block of next) {
      if (previous) yield previous;
      previous = block;
    }
  }
  if (previous) yield previous;
}

/** The root of the whole body, holding `children`. */
export function rootOf(body: string, children: RootContent[]): Root {
  const lastLine = body.lastIndexOf('\n') + 1;
  return {
    type: 'root',
    children,
    position: {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 1 + countLines(body), column: body.length - lastLine + 1, offset: body.length },
    },
  };
}

/** parsePieces one block at a time (see joinedBlocks). */
export function* pieceBlocks(body: string, parse: PieceParser): Generator<RootContent> {
  const starts = pieceStarts(body);
  if (starts.length === 0) {
    yield* parse(body, 0).children;
    return;
  }
  const bounds = [0, ...starts, body.length];
  const pieces = starts.concat(body.length).map((end, i) => ({ start: bounds[i]!, end }));
  yield* joinedBlocks(body, pieces, (piece, line) => parseShifted(body, piece.start, piece.end, line, parse));
}

/** Two lists that CommonMark would have made one: the same bullet, or ordered with the same delimiter (`.` or `)`). */
function sameList(body: string, a: List, b: List): boolean {
  if (a.ordered !== b.ordered) return false;
  const marker = (list: List): string => {
    let at = list.position?.start.offset ?? -1;
    if (list.ordered) while (/[0-9]/.test(body[at] ?? '')) at += 1;
    return body[at] ?? '';
  };
  return marker(a) === marker(b);
}

/** Line endings in `text.slice(start, end)`. */
function countLines(text: string, start = 0, end = text.length): number {
  let lines = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

function shift(tree: Root, lines: number, offset: number): void {
  const stack: Nodes[] = [...tree.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.position) {
      for (const point of [node.position.start, node.position.end]) {
        point.line += lines;
        if (point.offset !== undefined) point.offset += offset;
      }
    }
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
}
