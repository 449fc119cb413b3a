/**
 * The Obsidian Hypothesis plugin (weichenw/obsidian-hypothesis-plugin and
 * its forks), `format: "hypothesis"`: one note per annotated page.
 *
 *   # Title
 *   ## Metadata
 *   - Author: [sspai.com]()
 *   - Title: Title
 *   - Reference: https://sspai.com/post/71754
 *   - Category: #article
 *   ## Page Notes
 *   A note on the whole page
 *   Tags: #a
 *   ## Highlights
 *   - The quote — [Updated on 2022-01-09 18:25:26](https://hyp.is/ID/sspai.com/post/71754) — Group: #Public
 *       - Tags: #a #b
 *       - Annotation:
 *         the user's note
 *
 * Recognised by a list item or an em dash ending in a link to `hyp.is`
 * (every template keeps it: it is the only link back to the annotation),
 * the `doc_type: hypothesis-highlights` frontmatter newer versions write, or
 * the Metadata list's `Author: [domain]()` with a `Reference:` line. A
 * re-sync appends the page's highlights again: a highlight whose hyp.is id
 * was seen before replaces it (an `info` says so). Pure.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { emptyFields, firstStated, type Fields } from '../../extract/fields.js';
import { frontmatterFields, urlPlace } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { authorNames, decodeEntities, wikiOrHashTags } from '../../extract/values.js';
import { mapPosition, offsetWithin, positionAt, type Messages, type Position } from '../../messages.js';
import { plainText, sourceOf } from '../../parse/markdown.js';
import type { SourceFormat } from '../format.js';
import { Annotations } from './annotations.js';
import { readMarkdown, textFields, type MarkdownDocument } from '../../extract/markdown-document.js';

const FORMAT = 'hypothesis';

/** The markers `detect` looks for: a link to hyp.is after an em dash or at the end of a list item's line, the Metadata list, the frontmatter key. */
const DASHED_LINK = /—[ \t]*\[[^\]\n]{0,200}\]\(https?:\/\/hyp\.is\/[\w-]+/u;
const ITEM_LINK = /^[ \t]*[-*+][ \t][^\n]*\]\(https?:\/\/hyp\.is\/[\w-]+/mu;
const METADATA_AUTHOR = /^[ \t]*[-*+][ \t]+Author:[ \t]*\[[^\]\n]*\]\(\)/mu;
const METADATA_REFERENCE = /^[ \t]*[-*+][ \t]+Reference:[ \t]*\S/mu;
const DOC_TYPE = /^doc_type:[ \t]*['"]?hypothesis-highlights['"]?[ \t]*$/mu;
/** `sspai.com`, `fengchenpupu.zhubai.love`: the plugin's "Author" is the page's host. */
const DOMAIN = /^(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}$/u;
const METADATA_LINE = /^([A-Za-z][\w -]*?)[ \t]*:[ \t]*([\s\S]*)$/u;

/** Category words the Metadata list may use; any other word (`#文章`) is the user's own name for the plugin's constant `#article`. */
const CATEGORIES: Record<string, string> = {
  article: 'articles', articles: 'articles', book: 'books', books: 'books', paper: 'papers', papers: 'papers',
  podcast: 'podcasts', podcasts: 'podcasts', tweet: 'tweets', tweets: 'tweets', video: 'videos', videos: 'videos',
};

export const hypothesis: SourceFormat = {
  detect: (document) => isHypothesisNote(document.text),
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    const fields: Fields = parsed.tree
      ? readNote(parsed, parsed.tree, document.name, messages)
      : textFields(parsed, { name: document.name, kind: 'highlights', format: FORMAT });
    return { works: [{ fields, key: null, messages }] };
  },
};


export function isHypothesisNote(text: string): boolean {
  if (text.startsWith('---')) {
    const end = text.indexOf('\n---', 3);
    if (DOC_TYPE.test(text.slice(0, end === -1 ? 8192 : Math.min(end, 65536)))) return true;
  }
  if (text.includes('](https://hyp.is/') || text.includes('](http://hyp.is/')) {
    if (DASHED_LINK.test(text) || ITEM_LINK.test(text)) return true;
  }
  return METADATA_AUTHOR.test(text) && METADATA_REFERENCE.test(text);
}

type Section = 'top' | 'metadata' | 'page-notes' | 'highlights' | 'other';

interface Metadata {
  title?: string;
  authors?: string[];
  site?: string;
  url?: string;
  /** Where `url` is written, in the document. */
  urlAt?: Position | null;
  category?: string;
  tags?: string[];
  /** Other `Key: value` lines of the Metadata list (`draft: false`). */
  extra: Record<string, string>;
}

function readNote(parsed: MarkdownDocument, tree: Root, fileName: string, messages: Messages): Fields {
  const { frontmatter } = parsed;
  const body = frontmatter.body;
  const lineOffset = frontmatter.bodyStart.line - 1;
  const at = (node: Nodes): Position => ({ line: (node.position?.start.line ?? 1) + lineOffset, column: node.position?.start.column ?? 1 });
  /** Where a value read from the node (from its line `line`, 0-based) is written, in the document. */
  const placeIn =
    (node: Nodes, line = 0) =>
    (value: string): Position | null => {
      const start = node.position?.start;
      if (start?.offset === undefined) return null;
      let from = start.offset;
      for (let skipped = 0; skipped < line; skipped++) from = body.indexOf('\n', from) + 1;
      const found = positionAt(body, offsetWithin(body, from, node.position!.end.offset!, value), { line: start.line, column: start.column, offset: start.offset });
      return mapPosition(frontmatter.bodyStart, found);
    };
  const fields = emptyFields('highlights', FORMAT);
  const metadata: Metadata = { extra: {} };
  const annotations = new Annotations(body, at, messages);
  const textNodes: RootContent[] = [];
  let h1: string | null = null;
  let section: Section = 'top';

  for (const node of tree.children) {
    if (node.type === 'heading') {
      annotations.endRun();
      const heading = plainText(node.children).replace(/\s+/g, ' ').trim();
      const role = sectionOf(heading);
      if (role === 'other' && node.depth === 1 && h1 === null && section === 'top') {
        h1 = heading;
        continue;
      }
      section = role;
      if (role === 'other') textNodes.push(node);
      continue;
    }
    if (node.type === 'list') {
      // Highlights come in any section: a re-sync appends them without a heading.
      let rest = annotations.readList(node);
      if (section === 'metadata') rest = rest.filter((item) => !readMetadataLine(sourceOf(body, item).replace(/^[-*+][ \t]+/u, ''), metadata, placeIn(item)));
      if (rest.length > 0) textNodes.push({ ...node, children: rest });
      continue;
    }
    annotations.endRun();
    if (section === 'page-notes' && node.type === 'paragraph') {
      annotations.readPageNotes(node);
      continue;
    }
    if (section === 'metadata' && node.type === 'paragraph') {
      const lines = sourceOf(body, node).split('\n');
      if (lines.every((line) => METADATA_LINE.test(line.trim()))) {
        lines.forEach((line, index) => readMetadataLine(line.trim(), metadata, placeIn(node, index)));
        continue;
      }
    }
    textNodes.push(node);
  }

  const kept = annotations.finish();
  const front = frontmatter.data ? frontmatterFields(frontmatter.data) : null;
  const stated = front?.fields ?? {};
  const disagree = (field: 'title' | 'url', fromFront: string | null | undefined, fromList: string | undefined): void => {
    if (!fromFront || fromList === undefined || comparable(fromFront) === comparable(fromList)) return;
    const keyLine = front?.keys[field] ? frontmatter.keyLines.get(front.keys[field]) : undefined;
    messages.info(
      'metadata-disagrees',
      `frontmatter ${field} "${fromFront}" differs from the Metadata list's "${fromList}"; kept the frontmatter`,
      keyLine ? { line: keyLine + 1, column: 1 } : null,
    );
  };
  disagree('title', stated.title, metadata.title);
  disagree('url', stated.url, metadata.url);

  fields.title = stated.title ?? metadata.title ?? (h1 === null ? null : decodeEntities(h1)) ?? stated.alias ?? titleFromFileName(fileName);
  fields.authors = stated.authors ? stated.authors.flatMap(authorNames) : (metadata.authors ?? []);
  fields.site = metadata.site ?? null;
  const url = firstStated([stated.url, () => urlPlace(frontmatter, front)], [metadata.url, () => metadata.urlAt]);
  fields.url = url.value;
  fields.published = stated.published ?? null;
  fields.category = stated.category ?? metadata.category ?? null;
  fields.tags = [...(stated.tags ?? []), ...(metadata.tags ?? [])];
  fields.summary = stated.summary ?? null;
  fields.image = stated.image ?? null;
  fields.highlights = kept.map((entry) => entry.highlight);
  fields.extra = { ...metadata.extra, ...(front?.extra ?? {}) };
  fields.at = { url: url.at, extra: frontmatter.keyAt };
  // Hypothesis groups (`Group: #Public`) say who may see an annotation: not tags, not text.
  const groups = [...new Set(kept.flatMap((entry) => (entry.group === null ? [] : [entry.group])))];
  if (groups.length > 0) fields.extra['groups'] = groups;
  fields.paragraphs = textNodes.length > 0 ? [plainText(textNodes as Nodes[])] : [];
  return fields;
}

function sectionOf(heading: string): Section {
  const name = heading.toLowerCase().replace(/[#:]+$/u, '').trim();
  if (name === 'metadata' || name === 'source' || name === 'about') return 'metadata';
  if (name === 'page notes' || name === 'page note') return 'page-notes';
  if (name === 'highlights' || name === 'annotations') return 'highlights';
  return 'other';
}

/** One `Key: value` of the Metadata list; false when the line is not one. */
function readMetadataLine(line: string, metadata: Metadata, placeIn: (value: string) => Position | null): boolean {
  const match = METADATA_LINE.exec(line.trim());
  if (!match) return false;
  const key = match[1]!.toLowerCase().trim();
  const value = decodeEntities(match[2]!.trim());
  if (value === '') return true;
  switch (key) {
    case 'author': {
      const name = unlinked(value);
      if (DOMAIN.test(name)) metadata.site = name;
      else metadata.authors = authorNames(name);
      break;
    }
    case 'title':
      metadata.title = value;
      break;
    case 'reference':
    case 'url':
    case 'link':
      metadata.url = unlinked(value);
      metadata.urlAt = placeIn(metadata.url);
      break;
    case 'category': {
      const word = value.replace(/^#/u, '').trim().toLowerCase();
      metadata.category = CATEGORIES[word] ?? 'articles';
      break;
    }
    case 'tags':
      metadata.tags = wikiOrHashTags(value);
      break;
    default:
      metadata.extra[key] = value;
  }
  return true;
}

/** `[sspai.com]()` → `sspai.com`; `[x](https://…)` → the target when the label is empty; `<url>` → url. */
function unlinked(value: string): string {
  const link = /^\[([^\]]*)\]\(([^)]*)\)$/u.exec(value);
  if (link) return (link[1]!.trim() || link[2]!.trim()).replace(/^\[\[(.*)\]\]$/u, '$1');
  return value.replace(/^<(.*)>$/u, '$1').replace(/^\[\[(.*)\]\]$/u, '$1');
}

function comparable(value: string): string {
  return value.replace(/\s+/g, ' ').trim().toLowerCase();
}
