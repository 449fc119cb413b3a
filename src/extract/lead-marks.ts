/**
 * Templates that mark each highlight with a symbol for its colour or kind
 * (`& text`, `@ text`, `! text`, `🔴 text`): when most highlights of a note
 * start with one symbol and a space, the symbol is the template's, not the
 * highlight's, and is taken off. One highlight alone is never changed, nor
 * text that starts with a letter, digit, quote or bracket. And what an
 * image annotation leaves as its text (`**** ![[image.png]]`) is none. Pure.
 */
import type { FoundHighlight } from './fields.js';

/** A lone symbol and a space at the start: not a letter, digit, quote, bracket or Markdown marker. */
const LEAD = /^([^\p{L}\p{N}\s"'“”‘’«»„()[\]{}<>*_`#>|~\\/.,;:-]|\p{Extended_Pictographic}\uFE0F?) +(?=\S)/u;

/** An image embed (`![[a.png]]`, `![](a.png)`), and the empty markup a template's text placeholder leaves (`****`). */
const IMAGE_OR_EMPTY_MARKUP = /!\[\[[^\]\n]+\]\]|!\[[^\]\n]*\]\([^)\n]+\)|[*_]+/g;

export function withoutLeadMarks(highlights: FoundHighlight[]): FoundHighlight[] {
  takeLeadMarks(highlights);
  withoutImageText(highlights);
  return highlights;
}

function takeLeadMarks(highlights: FoundHighlight[]): void {
  const texts = highlights.filter((highlight) => highlight.text.trim() !== '');
  const marked = texts.filter((highlight) => LEAD.test(highlight.text));
  if (marked.length < 2 || marked.length < 0.6 * texts.length) return;
  for (const highlight of highlights) {
    const lead = LEAD.exec(highlight.text);
    if (!lead) continue;
    highlight.text = highlight.text.slice(lead[0].length);
    highlight.markdown = highlight.markdown.replace(/^(\s*(?:[-*+]\s+)?)(?:\S+ +)/u, (whole, before: string) => (whole.slice(before.length).startsWith(lead[1]!) ? before : whole));
    // What is left of an image annotation: an empty bold run (`****`).
    if (/^[*_]+$/.test(highlight.text.trim())) highlight.text = '';
  }
}

/**
 * An annotation whose only content is an image (`**** ![[image-8.png]]`:
 * the template's empty text, then the image) has empty text, as the
 * readers give an image annotation; its Markdown keeps the image.
 */
function withoutImageText(highlights: FoundHighlight[]): void {
  for (const highlight of highlights) {
    const text = highlight.text.trim();
    if (/!\[/.test(text) && text.replace(IMAGE_OR_EMPTY_MARKUP, '').replace(/^[^\p{L}\p{N}]\s+/u, '').trim() === '') highlight.text = '';
  }
}
