/**
 * The lists of the fast path (fast-blocks.ts): runs of top-level `- TEXT`
 * items, whose paragraph may go on over lines indented by two spaces, each
 * with an optional nested list of one-line `- TEXT` items indented 2 to 5
 * spaces (`    - Note: …`, `    - Tags: [[x]]`), where TEXT is in the inline
 * grammar of fast-inline.ts, built as remark-parse 11 builds them. Pure.
 *
 * An item stays remark's when any of its lines is outside the grammar (tabs,
 * a marker other than `- ` with one space, another indentation, a lazy
 * line or a nested item's continuation line), or when what follows it is
 * not a blank line, another `- ` item, an ATX heading or the end (a line
 * there could be a lazy continuation), or, after blank lines, an indented
 * line (it could belong to the item). The run ends before it, where a new
 * top-level block starts anyway. Blank lines between runs of one list make
 * it loose; joinPieces (chunks.ts) sees to that.
 */
import type { List, ListItem, Paragraph, RootContent } from 'mdast';
import { fastInline, joinLine, pointAt } from './fast-inline.js';

/** A block built here: `start`/`end` are offsets into the body, `end` after any blank lines that follow. */
export interface FastRun {
  start: number;
  end: number;
  node: RootContent;
}

const DASH = 0x2d;
const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const HASH = 0x23;
const STAR = 0x2a;
const BACKTICK = 0x60;

const isAsciiAlphanumeric = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** A top-level item's marker: `- `, or an ordered `N. `/`N) ` (N of 1 to 9 digits); `width` columns up to its text. */
interface Marker {
  ordered: boolean;
  width: number;
  /** The `.` or `)` of an ordered marker (its char code), the `-` of a bullet. */
  delimiter: number;
  /** An ordered marker's number. */
  value: number | null;
}

/** The marker at `at` followed by a space and text, or null. */
export function markerAt(body: string, at: number): Marker | null {
  let digits = 0;
  while (digits < 10 && isDigit(body.charCodeAt(at + digits))) digits += 1;
  if (digits === 0 && body.charCodeAt(at) === DASH) return isBullet(body, at) ? { ordered: false, width: 2, delimiter: DASH, value: null } : null;
  const delimiter = body.charCodeAt(at + digits);
  if (digits === 0 || digits > 9 || (delimiter !== 0x2e && delimiter !== 0x29) || !markedText(body, at + digits)) return null;
  return { ordered: true, width: digits + 2, delimiter, value: Number(body.slice(at, at + digits)) };
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** Whether `at` starts an item of the same list as `marker`: with text after it, so it starts a new item either way. */
function sameMarker(body: string, at: number, marker: Marker): boolean {
  const next = markerAt(body, at);
  return next !== null && next.ordered === marker.ordered && next.delimiter === marker.delimiter;
}

/**
 * Items from `start` on while they are in the grammar, as one list; null
 * when the first is not. Items of an ordered list hold no nested lists.
 */
export function readList(body: string, start: number, line: number): { run: FastRun; line: number } | null {
  const marker = markerAt(body, start);
  if (marker === null) return null;
  const items: ListItem[] = [];
  let at = start;
  let end = start;
  let next = line;
  for (;;) {
    const item = readItem(body, at, next, marker);
    if (item === null) break;
    const follow = item.next;
    if (follow >= body.length) {
      items.push(item.node);
      end = body.length;
      next = item.line;
      break;
    }
    const another = sameMarker(body, follow, marker);
    if (another || isHeading(body, follow)) {
      // Another item (in the grammar or not: its marker starts a new item either way) or a heading: a clean cut.
      items.push(item.node);
      end = follow;
      next = item.line;
      at = follow;
      if (another) continue;
      break;
    }
    // Blank lines, then the end or a line at column 0: the item is complete and the next piece starts there.
    let after = follow;
    let afterLine = item.line;
    while (after < body.length && isBlank(body, after, lineEnd(body, after))) {
      after = Math.min(lineEnd(body, after) + 1, body.length);
      afterLine += 1;
    }
    if (after > follow && (after >= body.length || !isIndent(body.charCodeAt(after)))) {
      items.push(item.node);
      end = after;
      next = afterLine;
    }
    break;
  }
  if (items.length === 0) return null;
  const list: List = {
    type: 'list',
    ordered: marker.ordered,
    start: marker.value,
    spread: false,
    children: items,
    position: { start: { ...items[0]!.position!.start }, end: { ...items[items.length - 1]!.position!.end } },
  };
  return { run: { start, end, node: list }, line: next };
}

interface ItemRead {
  node: ListItem;
  /** The offset of the line after the item (the body's length at its end), and that line's number. */
  next: number;
  line: number;
}

/** The item whose marker (of `marker`'s list) is at `start` (column 1) with its nested items; null when outside the grammar. */
function readItem(body: string, start: number, line: number, marker: Marker): ItemRead | null {
  const top = readLine(body, start, 0, line, marker.ordered ? markerAt(body, start)?.width ?? 0 : 2);
  if (top === null) return null;
  const continued = readContinuation(body, top, line);
  let next = continued.next;
  let nextLine = continued.line;
  if (marker.ordered) return { node: top.item, next, line: nextLine };
  const nested: ListItem[] = [];
  // Every nested item has the indentation of the first: another would nest deeper or end the list.
  let indent = -1;
  while (next < body.length) {
    let spaces = 0;
    while (body.charCodeAt(next + spaces) === SPACE) spaces += 1;
    if (spaces < 2 || spaces > 5 || (indent >= 0 && spaces !== indent)) break;
    const child = readLine(body, next, spaces, nextLine, 2);
    if (child === null) break;
    indent = spaces;
    nested.push(child.item);
    next = child.next;
    nextLine += 1;
  }
  const item = top.item;
  if (nested.length > 0) {
    const list: List = {
      type: 'list',
      ordered: false,
      start: null,
      spread: false,
      children: nested,
      position: { start: { ...nested[0]!.position!.start }, end: { ...nested[nested.length - 1]!.position!.end } },
    };
    item.children.push(list);
    item.position!.end = { ...list.position!.end };
  }
  return { node: item, next, line: nextLine };
}

/**
 * Lines that continue a top-level item's paragraph: indented by exactly the
 * columns of its marker, starting with nothing that could interrupt a paragraph
 * (startsParagraph), with no trailing spaces on any line of the paragraph
 * (two would be a hard break). Anything else ends the paragraph here.
 */
function readContinuation(body: string, top: { item: ListItem; next: number; width: number }, line: number): { next: number; line: number } {
  const paragraph = top.item.children[0] as Paragraph;
  let next = top.next;
  let nextLine = line + 1;
  while (next < body.length && spacesAt(body, next, top.width)) {
    const previousEnd = paragraph.position!.end;
    const end = lineEnd(body, next);
    const contentStart = next + top.width;
    if (body.charCodeAt(previousEnd.offset! - 1) === SPACE || body.charCodeAt(end - 1) === SPACE) break;
    if (end === contentStart || !startsParagraph(body, contentStart)) break;
    const phrasing = fastInline(body, contentStart, end, nextLine, next);
    if (phrasing === null) break;
    joinLine(paragraph.children, phrasing, { ...previousEnd }, pointAt(nextLine, next, next));
    paragraph.position!.end = pointAt(nextLine, next, end);
    top.item.position!.end = pointAt(nextLine, next, end);
    next = Math.min(end + 1, body.length);
    nextLine += 1;
  }
  return { next, line: nextLine };
}

/** One `- TEXT` line (or an ordered item's line, whose marker is `width` columns) with `indent` spaces before the marker, as an item holding its paragraph. */
function readLine(body: string, lineStart: number, indent: number, line: number, width: number): { item: ListItem; next: number; width: number } | null {
  const marker = lineStart + indent;
  if (width === 2 ? body.charCodeAt(marker) !== DASH : !isDigit(body.charCodeAt(marker))) return null;
  if (width < 2 || body.charCodeAt(marker + width - 1) !== SPACE) return null;
  const contentStart = marker + width;
  const end = lineEnd(body, lineStart);
  let contentEnd = end;
  while (contentEnd > contentStart && body.charCodeAt(contentEnd - 1) === SPACE) contentEnd -= 1;
  if (contentEnd === contentStart || !startsParagraph(body, contentStart)) return null;
  const children = fastInline(body, contentStart, contentEnd, line, lineStart);
  if (children === null) return null;
  // The paragraph and the item end after trailing spaces; the text ends before them.
  const paragraph: Paragraph = {
    type: 'paragraph',
    children,
    position: { start: pointAt(line, lineStart, contentStart), end: pointAt(line, lineStart, end) },
  };
  const item: ListItem = {
    type: 'listItem',
    spread: false,
    checked: null,
    children: [paragraph],
    position: { start: pointAt(line, lineStart, marker), end: pointAt(line, lineStart, end) },
  };
  return { item, next: Math.min(end + 1, body.length), width };
}

/**
 * Whether an item's text starting at `at` is a paragraph: not a space (the
 * content would start further in), and nothing that opens another block
 * (a list marker, heading, quote, fence, HTML, thematic break, setext line).
 * A `*` before a letter or digit opens none (a marker or a break needs a
 * space or a `*` after it), nor does a backtick before anything but another
 * (a fence needs three).
 */
export function startsParagraph(body: string, at: number): boolean {
  const code = body.charCodeAt(at);
  if (code === STAR) return isAsciiAlphanumeric(body.charCodeAt(at + 1));
  if (code === BACKTICK) return body.charCodeAt(at + 1) !== BACKTICK && body.charCodeAt(at + 1) !== NEWLINE && at + 1 < body.length;
  if ('-+#>=<~|_ '.includes(body[at]!) || code === TAB) return false;
  if (code >= 0x30 && code <= 0x39) {
    let digit = at;
    while (body.charCodeAt(digit) >= 0x30 && body.charCodeAt(digit) <= 0x39) digit += 1;
    const mark = body.charCodeAt(digit);
    const after = body.charCodeAt(digit + 1);
    // `1.` or `1)` before a space or the line's end opens an ordered list; `1.5` is text.
    if ((mark === 0x2e || mark === 0x29) && (after === SPACE || after === TAB || after === NEWLINE || Number.isNaN(after))) return false;
  }
  return true;
}

export function lineEnd(body: string, offset: number): number {
  const newline = body.indexOf('\n', offset);
  return newline === -1 ? body.length : newline;
}

export function isBlank(body: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = body.charCodeAt(at);
    if (code !== SPACE && code !== TAB) return false;
  }
  return true;
}

/** Whether `count` spaces (not tabs) start at `at`. */
function spacesAt(body: string, at: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (body.charCodeAt(at + i) !== SPACE) return false;
  return true;
}

export const isIndent = (code: number): boolean => code === SPACE || code === TAB;

/** A `- ` bullet at column 0 with text after it: it starts a new item whatever precedes it. */
export function isBullet(body: string, at: number): boolean {
  return body.charCodeAt(at) === DASH && markedText(body, at);
}

/** Whether the marker character at `at` is followed by a space and text on its line. */
function markedText(body: string, at: number): boolean {
  if (body.charCodeAt(at + 1) !== SPACE) return false;
  for (let next = at + 2; next < body.length; next++) {
    const code = body.charCodeAt(next);
    if (code === NEWLINE) return false;
    if (code !== SPACE && code !== TAB) return true;
  }
  return false;
}

/** An ATX heading at column 0: it ends a list and is never a lazy continuation. */
export function isHeading(body: string, at: number): boolean {
  let hashes = 0;
  while (body.charCodeAt(at + hashes) === HASH) hashes += 1;
  if (hashes === 0 || hashes > 6) return false;
  const after = body.charCodeAt(at + hashes);
  return after === SPACE || after === TAB || after === NEWLINE || Number.isNaN(after);
}
