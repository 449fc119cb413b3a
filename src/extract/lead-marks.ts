/**
 * Templates that mark each highlight with a symbol for its colour or kind
 * (`& text`, `@ text`, `! text`, `🔴 text`): when most highlights of a note
 * start with one symbol and a space, the symbol is the template's, not the
 * highlight's, and is taken off. One highlight alone is never changed, nor
 * text that starts with a letter, digit, quote or bracket. Pure.
 */
import type { FoundHighlight } from './fields.js';

/** A lone symbol and a space at the start: not a letter, digit, quote, bracket or Markdown marker. */
const LEAD = /^([^\p{L}\p{N}\s"'“”‘’«»„()[\]{}<>*_`#>|~\\/.,;:-]|\p{Extended_Pictographic}\uFE0F?) +(?=\S)/u;

export function withoutLeadMarks(highlights: FoundHighlight[]): FoundHighlight[] {
  const texts = highlights.filter((highlight) => highlight.text.trim() !== '');
  const marked = texts.filter((highlight) => LEAD.test(highlight.text));
  if (marked.length < 2 || marked.length < 0.6 * texts.length) return highlights;
  for (const highlight of highlights) {
    const lead = LEAD.exec(highlight.text);
    if (!lead) continue;
    highlight.text = highlight.text.slice(lead[0].length);
    highlight.markdown = highlight.markdown.replace(/^(\s*(?:[-*+]\s+)?)(?:\S+ +)/u, (whole, before: string) => (whole.slice(before.length).startsWith(lead[1]!) ? before : whole));
    // What is left of an image annotation: an empty bold run (`****`).
    if (/^[*_]+$/.test(highlight.text.trim())) highlight.text = '';
  }
  return highlights;
}
