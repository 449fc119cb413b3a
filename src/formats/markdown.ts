/**
 * Markdown notes: Readwise's Obsidian export and its templates (`readwise`,
 * `readwise-logseq`, `readwise-mirror`) and any other Markdown note
 * (`markdown`). Frontmatter by gray-matter, the body by remark; see
 * extract/markdown.ts for what is read from them.
 */
import { extractMarkdown } from '../extract/markdown.js';
import { extractText } from '../extract/text.js';
import { parseFrontmatter } from '../parse/frontmatter.js';
import { tooCostly } from '../parse/guard.js';
import { parseMarkdown } from '../parse/markdown.js';
import type { Root } from 'mdast';
import type { SourceFormat } from './format.js';

export const markdown: SourceFormat = {
  names: ['readwise', 'readwise-logseq', 'readwise-mirror', 'markdown'],
  detect: (document) => isMarkdown(document.name, document.text),
  read: (document, messages) => {
    const frontmatter = parseFrontmatter(document.text, messages);
    let tree: Root | undefined;
    const costly = document.noMarkdown ?? tooCostly(frontmatter.body);
    if (document.noMarkdown) {
      messages.warn('markdown-timeout', `${document.noMarkdown}; read the document as plain text`, frontmatter.bodyStart);
    } else if (costly) {
      messages.warn('markdown-too-complex', `${costly}; read the document as plain text`, frontmatter.bodyStart);
    } else {
      try {
        tree = parseMarkdown(frontmatter.body);
      } catch (error) {
        // A stack overflow on some structure we did not foresee: the document still comes out, as text.
        messages.warn('markdown-parse', `could not parse the Markdown (${(error as Error).message}); read it as plain text`, frontmatter.bodyStart);
      }
    }
    const fields = tree ? extractMarkdown(frontmatter, tree, messages, document.name) : extractText(frontmatter.body);
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

