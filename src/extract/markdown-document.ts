/**
 * What every Markdown format reads first: the frontmatter (gray-matter,
 * safely) and the body's syntax tree (remark), unless the body is too
 * costly to parse, in which case the reason is a warning and the format
 * reads the body as plain text (`textFields`). Pure.
 */
import type { Root, RootContent } from 'mdast';
import { extractText } from './text.js';
import type { Fields } from './fields.js';
import { frontmatterFields } from './frontmatter-fields.js';
import { titleFromFileName } from './title.js';
import { decodeEntities } from './values.js';
import type { Kind } from '../schema.js';
import type { Messages } from '../messages.js';
import { parseFrontmatter, type Frontmatter } from '../parse/frontmatter.js';
import { tooCostly } from '../parse/guard.js';
import { markdownBlocks, parseBlockByBlock, parseMarkdownUntil } from '../parse/markdown.js';
import { WholeTreeNeeded } from '../parse/text-blocks.js';
import type { Document } from '../formats/format.js';

export interface MarkdownDocument {
  frontmatter: Frontmatter;
  /** The body's tree; `null` when it could not be parsed (a warning says why). */
  tree: Root | null;
}

export function readMarkdown(document: Document, messages: Messages): MarkdownDocument {
  const frontmatter = parseFrontmatter(document.text, messages);
  const guarded = blockByBlock(document, frontmatter, messages);
  if (guarded) return { frontmatter, tree: guarded };
  return { frontmatter, tree: wholeTree(document, frontmatter, messages) };
}

/** The tree read block by block, when Markdown must not be parsed (a warning says why); `null` otherwise. */
function blockByBlock(document: Document, frontmatter: Frontmatter, messages: Messages): Root | null {
  const deadline = document.deadline ?? Infinity;
  // Too costly to parse whole: read block by block, so that highlight lists are still read item by item.
  const how = 'read the document block by block, blocks too costly to parse as plain text';
  if (document.noMarkdown) messages.warn('markdown-timeout', `${document.noMarkdown}; ${how}`, frontmatter.bodyStart);
  else {
    const costly = tooCostly(frontmatter.body);
    if (!costly) return null;
    messages.warn('markdown-too-complex', `${costly}; ${how}`, frontmatter.bodyStart);
  }
  return outOfTime(parseBlockByBlock(frontmatter.body, deadline, document.meter), frontmatter, messages);
}

/** The body's tree, or `null` when the parser failed (a warning says so). */
function wholeTree(document: Document, frontmatter: Frontmatter, messages: Messages): Root | null {
  try {
    return outOfTime(parseMarkdownUntil(frontmatter.body, document.deadline ?? Infinity, undefined, document.meter), frontmatter, messages);
  } catch (error) {
    return parseFailed(error, frontmatter, messages);
  }
}

function parseFailed(error: unknown, frontmatter: Frontmatter, messages: Messages): null {
  // A stack overflow on some structure we did not foresee: the document still comes out, as text.
  messages.warn('markdown-parse', `could not parse the Markdown (${(error as Error).message}); read it as plain text`, frontmatter.bodyStart);
  return null;
}

/** A failure of the parser, not of the reader of its blocks. */
class ParseFailure extends Error {
  constructor(readonly error: unknown) {
    super((error as Error).message);
  }
}

/**
 * readMarkdown for a reader that takes the body's top-level blocks one at
 * a time (`read`): each piece of the body is parsed only when its blocks are
 * asked for, so that a long note's tree is never alive whole. A reader that
 * finds it needs blocks it has let go throws WholeTreeNeeded: it is then
 * given the whole tree's blocks (`whole`). `result` is `null` when the body
 * could not be parsed (a warning says why, as readMarkdown's).
 */
export function readMarkdownBlocks<T>(
  document: Document,
  messages: Messages,
  read: (frontmatter: Frontmatter, blocks: Iterable<RootContent>, whole: boolean) => T,
): { frontmatter: Frontmatter; result: T | null } {
  const frontmatter = parseFrontmatter(document.text, messages);
  const guarded = blockByBlock(document, frontmatter, messages);
  if (guarded) return { frontmatter, result: read(frontmatter, guarded.children, true) };
  try {
    const parsed = markdownBlocks(frontmatter.body, document.deadline ?? Infinity, undefined, document.meter);
    const result = read(frontmatter, failingApart(parsed.blocks), false);
    outOfTime({ tree: null, plainFrom: parsed.plainFrom() }, frontmatter, messages);
    return { frontmatter, result };
  } catch (error) {
    if (error instanceof ParseFailure) return { frontmatter, result: parseFailed(error.error, frontmatter, messages) };
    if (!(error instanceof WholeTreeNeeded)) throw error;
  }
  const tree = wholeTree(document, frontmatter, messages);
  return { frontmatter, result: tree ? read(frontmatter, tree.children, true) : null };
}

/** The blocks, a failure to parse them told apart from one of their reader's. */
function* failingApart(blocks: Iterable<RootContent>): Generator<RootContent> {
  const iterator = blocks[Symbol.iterator]();
  for (;;) {
    let next: IteratorResult<RootContent>;
    try {
      next = iterator.next();
    } catch (error) {
      throw new ParseFailure(error);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** The tree, and a warning at the line where parsing ran out of time, if it did. */
function outOfTime<T>(parsed: { tree: T; plainFrom: number | null }, frontmatter: Frontmatter, messages: Messages): T {
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
