/**
 * Markdown notes: Readwise's Obsidian export and its templates (`readwise`,
 * `readwise-logseq`, `readwise-mirror`) and any other Markdown note
 * (`markdown`); see markdown.ts for what is read from them. This
 * module takes every Markdown document no more specific format took.
 */
import { walkedFields } from './markdown.js';
import type { SourceFormat } from '../format.js';
import { readMarkdownBlocks, textFields } from '../../extract/markdown-document.js';
import { ReadwiseBody } from './body.js';

export const readwiseMarkdown: SourceFormat = {
  detect: (document) => isMarkdown(document.name, document.text),
  read: (document, messages) => {
    // The blocks are walked as they are parsed: a long note's tree is never alive whole.
    const { frontmatter, result: walked } = readMarkdownBlocks(document, messages, (front, blocks, whole) => new ReadwiseBody(front.body, whole).walk(blocks));
    const fields = walked ? walkedFields(frontmatter, walked, messages, document.name) : textFields({ frontmatter, tree: null });
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

