/**
 * What micromark cannot parse in reasonable time: it is quadratic in the
 * depth of nested containers (`"* ".repeat(8000)` takes about 17 s) and in
 * link destinations that are opened and never closed (`[a](` repeated).
 * These checks look at structure, not size: a real export with 10,000
 * closed links parses in linear time and passes. They are linear and run
 * before remark; a document that fails one is read as plain text instead.
 */

/** Containers (list items, blockquotes, indentation) deeper than this are refused. */
export const MAX_NESTING = 64;
/** More link destinations opened (`](`) and not closed on their line than this are refused (real notes have none). */
export const MAX_OPEN_LINKS = 2_000;

/** Why the Markdown is too costly to parse, or null. */
export function tooCostly(markdown: string): string | null {
  let openLinks = 0;
  let open = 0;
  let depth = 0;
  let maxDepth = 0;
  let atLineStart = true;
  let indent = 0;
  for (let i = 0; i < markdown.length; i++) {
    const code = markdown.charCodeAt(i);
    if (code === 0x5d && markdown.charCodeAt(i + 1) === 0x28) open += 1; // ](
    else if (code === 0x29 && open > 0) open -= 1; // )
    if (code === 0x0a) {
      openLinks += open;
      open = 0;
      atLineStart = true;
      depth = 0;
      indent = 0;
      continue;
    }
    if (!atLineStart) continue;
    // Indentation before the first marker nests too; the space after a marker does not add to it.
    if (code === 0x20) indent += depth === 0 ? 1 : 0;
    else if (code === 0x09) indent += depth === 0 ? 4 : 0;
    else if ((code === 0x2a || code === 0x2b || code === 0x2d || code === 0x3e) && isSpaceOrEnd(markdown, i + 1)) depth += 1; // * + - >
    else if (code >= 0x30 && code <= 0x39) {
      let j = i;
      while (j < markdown.length && j - i < 9 && markdown.charCodeAt(j) >= 0x30 && markdown.charCodeAt(j) <= 0x39) j += 1;
      const mark = markdown.charCodeAt(j);
      if ((mark === 0x2e || mark === 0x29) && isSpaceOrEnd(markdown, j + 1)) {
        depth += 1;
        i = j;
      } else atLineStart = false;
    } else atLineStart = false;
    maxDepth = Math.max(maxDepth, depth + Math.floor(indent / 2));
  }
  if (maxDepth > MAX_NESTING) return `containers nested ${maxDepth} deep (at most ${MAX_NESTING} are parsed as Markdown)`;
  openLinks += open;
  if (openLinks > MAX_OPEN_LINKS) return `${openLinks} link destinations opened with "](" and never closed (at most ${MAX_OPEN_LINKS} are parsed as Markdown)`;
  return null;
}

function isSpaceOrEnd(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return Number.isNaN(code) || code === 0x20 || code === 0x09 || code === 0x0a;
}
