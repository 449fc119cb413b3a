/**
 * What every Markdown format reads first: the frontmatter (gray-matter,
 * safely) and the body's syntax tree (remark), unless the body is too
 * costly to parse, in which case the reason is a warning and the format
 * reads the body as plain text (`textFields`). Pure.
 */
import type { Root } from 'mdast';
import { extractText } from './text.js';
import type { Fields } from './fields.js';
import { frontmatterFields } from './frontmatter-fields.js';
import { titleFromFileName } from './title.js';
import { decodeEntities } from './values.js';
import type { Kind } from '../schema.js';
import type { Messages } from '../messages.js';
import { parseFrontmatter, type Frontmatter } from '../parse/frontmatter.js';
import { tooCostly } from '../parse/guard.js';
import { parseBlockByBlock, parseMarkdownUntil, type Parsed } from '../parse/markdown.js';
import type { Document } from '../formats/format.js';

export interface MarkdownDocument {
  frontmatter: Frontmatter;
  /** The body's tree; `null` when it could not be parsed (a warning says why). */
  tree: Root | null;
}

export function readMarkdown(document: Document, messages: Messages): MarkdownDocument {
  const frontmatter = parseFrontmatter(document.text, messages);
  const deadline = document.deadline ?? Infinity;
  // Too costly to parse whole: read block by block, so that highlight lists are still read item by item.
  if (document.noMarkdown) {
    messages.warn('markdown-timeout', `${document.noMarkdown}; read the document block by block, blocks too costly to parse as plain text`, frontmatter.bodyStart);
    return { frontmatter, tree: outOfTime(parseBlockByBlock(frontmatter.body, deadline, document.meter), frontmatter, messages) };
  }
  const costly = tooCostly(frontmatter.body);
  if (costly) {
    messages.warn('markdown-too-complex', `${costly}; read the document block by block, blocks too costly to parse as plain text`, frontmatter.bodyStart);
    return { frontmatter, tree: outOfTime(parseBlockByBlock(frontmatter.body, deadline, document.meter), frontmatter, messages) };
  }
  try {
    return { frontmatter, tree: outOfTime(parseMarkdownUntil(frontmatter.body, deadline, undefined, document.meter), frontmatter, messages) };
  } catch (error) {
    // A stack overflow on some structure we did not foresee: the document still comes out, as text.
    messages.warn('markdown-parse', `could not parse the Markdown (${(error as Error).message}); read it as plain text`, frontmatter.bodyStart);
    return { frontmatter, tree: null };
  }
}

/** The tree, and a warning at the line where parsing ran out of time, if it did. */
function outOfTime(parsed: Parsed, frontmatter: Frontmatter, messages: Messages): Root {
  if (parsed.plainFrom === null) return parsed.tree;
  const { body, bodyStart } = frontmatter;
  let line = bodyStart.line;
  for (let at = body.indexOf('\n'); at !== -1 && at < parsed.plainFrom; at = body.indexOf('\n', at + 1)) line += 1;
  messages.warn(
    'markdown-timeout',
    'parsing took longer than the time limit; from here on the document was read without the Markdown parser: what was parsed before is kept, highlight lists, headings and one-line paragraphs are still read, other blocks as plain text',
    { line, column: 1 },
  );
  return parsed.tree;
}

/**
 * The body as plain text, for a document whose tree could not be had. Given
 * the format it is (`as`), the fields keep its kind and format and the
 * title the note states (frontmatter, its `# H1`), else its file name.
 */
export function textFields(markdown: MarkdownDocument, as?: { name: string; kind: Kind; format: string }): Fields {
  const fields = extractText(markdown.frontmatter.body);
  if (!as) return fields;
  fields.kind = as.kind;
  fields.format = as.format;
  const stated = markdown.frontmatter.data ? frontmatterFields(markdown.frontmatter.data).fields.title : undefined;
  const h1 = /^# +(\S[^\n]*)$/mu.exec(markdown.frontmatter.body)?.[1]?.replace(/[ \t]+#*[ \t]*$/u, '').trim();
  fields.title = stated ?? (h1 ? decodeEntities(h1) : null) ?? titleFromFileName(as.name);
  return fields;
}
