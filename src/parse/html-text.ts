/**
 * Raw HTML inside Markdown, as a reader sees it. Pure.
 *
 * Highlights from programming books are full of text that looks like HTML:
 * `The <script> tag`, `List<T>`, `<div> and <span> are block elements`.
 * CommonMark makes each of those an `html` node, and dropping them loses
 * what the reader highlighted. So only *real* inline elements are markup: a
 * phrasing element (`<b>`, `<mark>`, `<kbd>`, …) whose opening tag is closed
 * later in the same paragraph (or HTML block) gives its text; `<br>` a line
 * break. Every other tag is text, kept as written. A comment is nothing in a
 * rendered note, but text in a highlight (Readwise writes what the reader
 * highlighted as it was: a book about HTML shows its comments).
 */

/** HTML's phrasing elements whose tags are markup around text (not `script`, `style`, `img`, whose text a reader never sees). */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark',
  'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var',
]);
/** Void elements that stand for something in the text. */
const VOID: Record<string, string> = { br: '\n', wbr: '' };

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?\s*(\/?)>|<!--[\s\S]*?-->/g;

interface Tag {
  /** Index of the piece (an inline html node, or 0 for a block) and the tag's offsets in it. */
  piece: number;
  start: number;
  end: number;
  name: string;
  closing: boolean;
  comment: boolean;
  selfClosing: boolean;
}

/**
 * What each piece of raw HTML reads as, given all the raw HTML of one
 * paragraph in order (inline `html` nodes hold one tag each, so an element
 * is paired across pieces). Returns the pieces' texts in the same order.
 */
export function htmlPiecesText(pieces: readonly string[], keepComments = false): string[] {
  const tags: Tag[] = [];
  pieces.forEach((piece, index) => {
    for (const match of piece.matchAll(TAG)) {
      const comment = match[0].startsWith('<!--');
      tags.push({
        piece: index,
        start: match.index,
        end: match.index + match[0].length,
        name: comment ? '' : match[2]!.toLowerCase(),
        closing: match[1] === '/',
        comment,
        selfClosing: match[3] === '/',
      });
    }
  });
  const markup = new Map<Tag, string>();
  const open = new Map<string, Tag[]>();
  for (const tag of tags) {
    if (tag.comment) {
      if (!keepComments) markup.set(tag, '');
    } else if (tag.name in VOID && !tag.closing) {
      markup.set(tag, VOID[tag.name]!);
    } else if (PHRASING.has(tag.name) && !tag.selfClosing) {
      const stack = open.get(tag.name) ?? [];
      open.set(tag.name, stack);
      if (!tag.closing) {
        stack.push(tag);
      } else if (stack.length > 0) {
        // A closed element: both its tags are markup.
        markup.set(stack.pop()!, '');
        markup.set(tag, '');
      }
    }
  }
  const out = pieces.map((piece) => ({ piece, cuts: [] as Array<{ start: number; end: number; text: string }> }));
  for (const [tag, text] of markup) out[tag.piece]!.cuts.push({ start: tag.start, end: tag.end, text });
  return out.map(({ piece, cuts }) => {
    if (cuts.length === 0) return piece;
    cuts.sort((a, b) => a.start - b.start);
    let text = '';
    let at = 0;
    for (const cut of cuts) {
      text += piece.slice(at, cut.start) + cut.text;
      at = cut.end;
    }
    return text + piece.slice(at);
  });
}

/** Whether an HTML block is only comments (a template's `<!-- … -->`): nothing a reader sees. */
export function isHtmlComment(html: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)+$/.test(html);
}
