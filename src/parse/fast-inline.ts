/**
 * The inline half of the fast path (fast-blocks.ts, fast-lists.ts): one
 * line of text → the phrasing nodes remark-parse 11 (micromark 4) builds for
 * it, or null when the line holds anything whose reading is not proven
 * here; and the join of a paragraph's lines. Pure.
 *
 * The grammar is text in which no character can start inline Markdown, plus
 * the shapes real notes use: `[[wikilinks]]` (plain text to CommonMark
 * when the document has no link definitions, which the caller checks), a
 * link `[label](url)` and an image `![alt](url)`, each with a plain label
 * and a url of URL characters only; `*emphasis*` and `**strong**` of plain
 * text (emphasisAt says when); and a code span `` `code` `` of one
 * backtick on each side.
 * What each character can do in CommonMark (no GFM), and why it is allowed:
 *
 * - `\` escapes, `<` autolinks and HTML: refused.
 * - `` ` ``: only a code span of single backticks closed on the same line,
 *   whose content has no backtick, control character or space at either
 *   end (one would be stripped). Code spans bind first: what is inside is
 *   literal, and nothing outside reaches in (`[`, `<` and `\` are refused).
 * - `*`: only the delimiters of the emphasis of emphasisAt.
 * - `_` emphasis: allowed only between two ASCII letters or digits, where
 *   a `_` run is both left- and right-flanking and so can neither open nor
 *   close emphasis (`utm_source`).
 * - `&` character references: allowed only when the letters, digits and `#`
 *   after it are not followed by `;`, which every reference needs.
 * - `[` and `]`: only in the three shapes, which only start after a space,
 *   a `(` or the line's start. `!` is literal unless right before `[`.
 * - `~` and `|` are literal in CommonMark but refused: GFM would read them.
 * - Controls (NUL becomes U+FFFD, tabs expand) are refused; other Unicode is text.
 * - Trailing spaces end the text node but not the paragraph; a one-line
 *   paragraph has no hard break.
 */
import type { Emphasis, Image, InlineCode, Link, PhrasingContent, Strong, Text } from 'mdast';

type Point = NonNullable<Text['position']>['start'];

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const STAR = 0x2a;
const LESS = 0x3c;
const TILDE = 0x7e;
const BAR = 0x7c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const UNDERSCORE = 0x5f;
const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;
const SPACE = 0x20;
const PAREN_OPEN = 0x28;
const PAREN_CLOSE = 0x29;
const HASH = 0x23;
const BANG = 0x21;

const isAlphanumeric = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** Whether the character at `at` is literal text here (brackets are the caller's business). */
function isPlain(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  switch (code) {
    case BACKSLASH:
    case BACKTICK:
    case STAR:
    case LESS:
    case TILDE:
    case BAR:
    case OPEN:
    case CLOSE:
      return false;
    case UNDERSCORE:
      return isAlphanumeric(text.charCodeAt(at - 1)) && isAlphanumeric(text.charCodeAt(at + 1));
    case AMPERSAND: {
      let next = at + 1;
      while (isAlphanumeric(text.charCodeAt(next)) || text.charCodeAt(next) === HASH) next += 1;
      return text.charCodeAt(next) !== SEMICOLON;
    }
    default:
      return true;
  }
}

/**
 * URL characters micromark keeps as they are in a link destination: no
 * escapes, no `;` (so `&` starts no character reference), no parentheses,
 * spaces, brackets or quotes, nothing outside ASCII.
 */
function isUrl(code: number): boolean {
  if (isAlphanumeric(code)) return true;
  switch (code) {
    case 0x2d: // -
    case 0x2e: // .
    case UNDERSCORE:
    case TILDE:
    case 0x3a: // :
    case 0x2f: // /
    case 0x3f: // ?
    case HASH:
    case 0x40: // @
    case 0x21: // !
    case 0x24: // $
    case AMPERSAND:
    case 0x2b: // +
    case 0x2c: // ,
    case 0x3d: // =
    case 0x25: // %
      return true;
    default:
      return false;
  }
}

/** Points on one line: `lineStart` is the offset of its column 1. */
export function pointAt(line: number, lineStart: number, offset: number): Point {
  return { line, column: offset - lineStart + 1, offset };
}

/**
 * The phrasing nodes of `text.slice(start, end)`, one line with its trailing
 * spaces already left out, or null when it is outside the grammar.
 */
export function fastInline(text: string, start: number, end: number, line: number, lineStart: number): PhrasingContent[] | null {
  const nodes: PhrasingContent[] = [];
  let textStart = start;
  const flush = (until: number): void => {
    if (until > textStart) nodes.push(textNode(text, textStart, until, line, lineStart));
  };
  for (let at = start; at < end; ) {
    const code = text.charCodeAt(at);
    const before = at === start ? SPACE : text.charCodeAt(at - 1);
    if (code === OPEN && text.charCodeAt(at + 1) === OPEN && before === SPACE) {
      const after = wikilinkEnd(text, at, end);
      if (after < 0) return null;
      at = after;
    } else if ((code === OPEN || (code === BANG && text.charCodeAt(at + 1) === OPEN)) && (before === SPACE || before === PAREN_OPEN)) {
      const link = linkAt(text, at, end, line, lineStart);
      if (link === null) return null;
      flush(at);
      nodes.push(link);
      at = link.position!.end.offset!;
      textStart = at;
    } else if (code === BACKTICK || code === STAR) {
      const node = code === BACKTICK ? codeSpanAt(text, at, end, line, lineStart) : emphasisAt(text, at, end, before, line, lineStart);
      if (node === null) return null;
      flush(at);
      nodes.push(node);
      at = node.position!.end.offset!;
      textStart = at;
    } else if (isPlain(text, at)) {
      at += 1;
    } else {
      return null;
    }
  }
  flush(end);
  return nodes;
}

/**
 * Joins the phrasing of a paragraph's next line to what came before it, as
 * micromark does: the line ending goes into a text node (a new one after a
 * link), which ends where the next line's first text ends or, when a link
 * starts that line, at its column 1 (before the indentation).
 */
export function joinLine(nodes: PhrasingContent[], next: readonly PhrasingContent[], lineEnd: Point, nextLineStart: Point): void {
  const last = nodes[nodes.length - 1];
  const first = next[0];
  let text: Text;
  if (last?.type === 'text') {
    text = last;
    text.value += '\n';
  } else {
    text = { type: 'text', value: '\n', position: { start: { ...lineEnd }, end: { ...lineEnd } } };
    nodes.push(text);
  }
  if (first?.type === 'text') {
    text.value += first.value;
    text.position!.end = first.position!.end;
    nodes.push(...next.slice(1));
  } else {
    text.position!.end = { ...nextLineStart };
    nodes.push(...next);
  }
}

/** The offset after `[[name]]` at `at`, followed by a space or the end; -1 when it is not that shape. */
function wikilinkEnd(text: string, at: number, end: number): number {
  let close = at + 2;
  while (close < end && text.charCodeAt(close) !== CLOSE) {
    if (!isPlain(text, close)) return -1;
    close += 1;
  }
  if (close === at + 2 || text.charCodeAt(close + 1) !== CLOSE) return -1;
  const after = close + 2;
  return after === end || text.charCodeAt(after) === SPACE ? after : -1;
}

/** `[label](url)` or `![alt](url)` at `at`, followed by a space, a `)` or the end; null when it is not that shape. */
function linkAt(text: string, at: number, end: number, line: number, lineStart: number): Link | Image | null {
  const image = text.charCodeAt(at) === BANG;
  const open = image ? at + 1 : at;
  let close = open + 1;
  while (close < end && text.charCodeAt(close) !== CLOSE) {
    if (!isPlain(text, close)) return null;
    close += 1;
  }
  if (close === open + 1 || close >= end || text.charCodeAt(close + 1) !== PAREN_OPEN) return null;
  let urlEnd = close + 2;
  while (urlEnd < end && isUrl(text.charCodeAt(urlEnd))) urlEnd += 1;
  if (urlEnd === close + 2 || text.charCodeAt(urlEnd) !== PAREN_CLOSE || urlEnd >= end) return null;
  // What follows is read as any other character is, by the caller.
  const after = urlEnd + 1;
  const url = text.slice(close + 2, urlEnd);
  const position = { start: pointAt(line, lineStart, at), end: pointAt(line, lineStart, after) };
  // An image's alt is its label's plain text: the label as written, since it is plain.
  if (image) return { type: 'image', title: null, url, alt: text.slice(open + 1, close), position };
  return { type: 'link', title: null, url, children: [textNode(text, open + 1, close, line, lineStart)], position };
}

/** After a closing `*` run: whitespace, the line's end or punctuation that opens nothing, so the run cannot open. */
const CLOSED_BY = new Set([SPACE, 0x2e, 0x2c, 0x3b, 0x3a, 0x21, 0x3f, PAREN_CLOSE]);

/**
 * `*TEXT*` or `**TEXT**` at `at`, TEXT plain (no `*`, brackets or code),
 * or null. The opening run comes after a space, a `(` or the line's start
 * and before an ASCII letter or digit, so it is left-flanking and not
 * right-flanking: it can only open. The closing run comes after an ASCII
 * letter or digit and before a space, the line's end or `.,;:!?)`, so it
 * can only close. Neither can both open and close (the rule of three never
 * applies), the two runs are as long, and every other `*` of the paragraph
 * is in such a pair with only plain text between: each closer's nearest
 * opener is its own, so the delimiter algorithm pairs them as this does.
 */
function emphasisAt(text: string, at: number, end: number, before: number, line: number, lineStart: number): Emphasis | Strong | null {
  const size = text.charCodeAt(at + 1) === STAR ? 2 : 1;
  const inside = at + size;
  if ((before !== SPACE && before !== PAREN_OPEN) || !isAlphanumeric(text.charCodeAt(inside))) return null;
  let close = inside;
  while (close < end && isPlain(text, close)) close += 1;
  const after = close + size;
  if (close >= end || !isAlphanumeric(text.charCodeAt(close - 1))) return null;
  for (let star = close; star < after; star++) if (text.charCodeAt(star) !== STAR) return null;
  if (after !== end && !CLOSED_BY.has(text.charCodeAt(after))) return null;
  const position = { start: pointAt(line, lineStart, at), end: pointAt(line, lineStart, after) };
  return { type: size === 1 ? 'emphasis' : 'strong', children: [textNode(text, inside, close, line, lineStart)], position };
}

/** `` `code` `` at `at`: one backtick each side, content with no backtick or control character and no space at either end. */
function codeSpanAt(text: string, at: number, end: number, line: number, lineStart: number): InlineCode | null {
  const close = text.indexOf('`', at + 1);
  if (close === -1 || close >= end || close === at + 1 || text.charCodeAt(close + 1) === BACKTICK) return null;
  if (text.charCodeAt(at + 1) === SPACE || text.charCodeAt(close - 1) === SPACE) return null;
  for (let inside = at + 1; inside < close; inside++) {
    const code = text.charCodeAt(inside);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return null;
  }
  return { type: 'inlineCode', value: text.slice(at + 1, close), position: { start: pointAt(line, lineStart, at), end: pointAt(line, lineStart, close + 1) } };
}

function textNode(text: string, start: number, end: number, line: number, lineStart: number): Text {
  return { type: 'text', value: text.slice(start, end), position: { start: pointAt(line, lineStart, start), end: pointAt(line, lineStart, end) } };
}
