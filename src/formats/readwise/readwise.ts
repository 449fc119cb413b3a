/**
 * Markdown notes: Readwise's Obsidian export and its templates (`readwise`,
 * `readwise-logseq`, `readwise-mirror`) and any other Markdown note
 * (`markdown`); see markdown.ts for what is read from them. This
 * module takes every Markdown document no more specific format took.
 */
import { extractMarkdown } from './markdown.js';
import type { SourceFormat } from '../format.js';
import { readMarkdown, textFields } from '../../extract/markdown-document.js';

export const readwiseMarkdown: SourceFormat = {
  detect: (document) => isMarkdown(document.name, document.text),
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    const fields = parsed.tree ? extractMarkdown(parsed.frontmatter, parsed.tree, messages, document.name) : textFields(parsed);
    return { works: [{ fields, key: null, messages }] };
  },
};

/**
 * Markdown by extension; for `.txt` and unnamed documents, by content:
 * frontmatter, ATX headings or Readwise markers mean Markdown.
 */
export function isMarkdown(name: string, text: string): boolean {
  if (/\.(md|markdown|mdown|mkd)$/i.test(name)) return true;
  if (/^---[ \t]*\w*[ \t]*\n/.test(text)) return true;
  if (/^#{1,6}[ \t]+\S/m.test(text)) return true;
  return /!\[rw-book-cover\]|\(\[(?:View Highlight|Location[\s\u00a0]\d+)\]\(/.test(text);
}

