/**
 * Markdown notes and Readwise exports → fields. Pure.
 *
 * A Readwise export is a `# Title`, a cover image, a `## Metadata` list and
 * `## Highlights` (plus `## New highlights added …`) lists; frontmatter, when
 * present, wins over the Metadata list. Anything else is the document's text.
 */
import type { Heading, List, Nodes, Root, RootContent } from 'mdast';
import type { Messages } from '../messages.js';
import type { Frontmatter } from '../parse/frontmatter.js';
import { plainText, sourceOf } from '../parse/markdown.js';
import { emptyFields, type Fields } from './fields.js';
import { frontmatterFields } from './frontmatter-fields.js';
import { highlightFromItem } from './highlight.js';
import { authorNames, decodeEntities, wikiOrHashTags, wikilinks } from './values.js';

type Section = 'top' | 'metadata' | 'highlights' | 'other';

interface Metadata {
  title?: string;
  authors?: string[];
  url?: string;
  category?: string;
  tags?: string[];
  summary?: string;
  published?: string;
  note?: string;
}

export function extractMarkdown(frontmatter: Frontmatter, tree: Root, messages: Messages): Fields {
  const body = frontmatter.body;
  const fields = emptyFields('markdown');
  const metadata: Metadata = {};
  const textNodes: RootContent[] = [];
  let h1: string | null = null;
  let section: Section = 'top';
  let readwiseShape = false;

  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = headingText(node);
      if (node.depth === 1 && h1 === null && section === 'top') {
        h1 = heading;
        continue;
      }
      if (node.depth <= 3) {
        section = sectionOf(heading);
        if (section !== 'other') continue;
      }
    }
    if (section === 'metadata') {
      readMetadata(node, body, metadata);
      continue;
    }
    if (section === 'highlights' && node.type === 'list') {
      for (const item of node.children) {
        const highlight = highlightFromItem(item, body);
        if (!highlight) continue;
        if (highlight.url || highlight.location) readwiseShape = true;
        fields.highlights.push(highlight);
      }
      continue;
    }
    const cover = coverImage(node);
    if (cover !== null) {
      fields.image = cover;
      readwiseShape = true;
      continue;
    }
    if (isFullDocumentLink(node, body)) continue;
    textNodes.push(node);
  }

  const fromFrontmatter = frontmatter.data ? frontmatterFields(frontmatter.data) : null;
  const front = fromFrontmatter?.fields ?? {};
  fields.extra = fromFrontmatter?.extra ?? {};
  if (fromFrontmatter && isReadwiseFrontmatter(frontmatter.data!)) readwiseShape = true;

  const firstLine = (key: string | undefined): { line: number; column: number } | null => {
    const line = key ? frontmatter.keyLines.get(key) : undefined;
    return line ? { line: line + 1, column: 1 } : null;
  };
  const disagree = (field: string, fromFront: string | undefined, fromList: string | undefined): void => {
    if (fromFront === undefined || fromList === undefined) return;
    if (comparable(fromFront) === comparable(fromList)) return;
    messages.info(
      'metadata-disagrees',
      `frontmatter ${field} "${fromFront}" differs from the Metadata list's "${fromList}"; kept the frontmatter`,
      firstLine(fromFrontmatter?.keys[field as keyof typeof front]),
    );
  };
  disagree('title', front.title ?? undefined, metadata.title);
  disagree('url', front.url ?? undefined, metadata.url);
  disagree('category', front.category ?? undefined, metadata.category);

  fields.title = front.title ?? metadata.title ?? (h1 === null ? null : decodeEntities(h1)) ?? front.alias ?? null;
  fields.authors = front.authors ? front.authors.flatMap(authorNames) : (metadata.authors ?? []);
  fields.url = front.url ?? metadata.url ?? null;
  fields.published = front.published ?? metadata.published ?? null;
  fields.category = front.category ?? metadata.category ?? null;
  fields.tags = front.tags ? front.tags.flatMap(wikiOrHashTags) : (metadata.tags ?? []);
  fields.summary = front.summary ?? metadata.summary ?? null;
  fields.image = front.image ?? fields.image;
  if (metadata.note !== undefined) fields.extra['document_note'] ??= metadata.note;
  fields.kind = readwiseShape ? 'readwise' : 'markdown';
  fields.paragraphs = textNodes.length > 0 ? [plainText(textNodes as Nodes[])] : [];
  return fields;
}

function headingText(node: Heading): string {
  return plainText(node.children).replace(/\s+/g, ' ').trim();
}

function sectionOf(heading: string): Section {
  const name = heading.toLowerCase();
  if (name === 'metadata') return 'metadata';
  if (name === 'highlights' || name.startsWith('new highlights added') || name === 'highlights first synced by #readwise') {
    return 'highlights';
  }
  return 'other';
}

const METADATA_KEYS: Record<string, keyof Metadata> = {
  author: 'authors',
  authors: 'authors',
  'full title': 'title',
  'full-title': 'title',
  title: 'title',
  category: 'category',
  'document tags': 'tags',
  tags: 'tags',
  summary: 'summary',
  url: 'url',
  'source url': 'url',
  source: 'url',
  date: 'published',
  published: 'published',
  'published date': 'published',
  'document note': 'note',
};

/** `- Author: [[A]]` list items and Logseq/Roam `author:: [[A]]` lines. */
function readMetadata(node: RootContent, body: string, metadata: Metadata): void {
  const entries: string[] = [];
  if (node.type === 'list') {
    for (const item of (node as List).children) entries.push(sourceOf(body, item).replace(/^[-*+]\s+/, ''));
  } else if (node.type === 'paragraph') {
    entries.push(...sourceOf(body, node).split('\n'));
  }
  for (const entry of entries) {
    const match = /^([A-Za-z][\w -]*?)\s*::?[ \t]*([\s\S]*)$/.exec(entry.trim());
    if (!match) continue;
    const key = METADATA_KEYS[match[1]!.toLowerCase().trim()];
    const raw = decodeEntities(match[2]!.replace(/\n[ \t]+/g, '\n').trim());
    if (!key || raw === '') continue;
    if (key === 'authors') metadata.authors = authorNames(raw);
    else if (key === 'tags') metadata.tags = wikiOrHashTags(raw);
    else if (key === 'category') metadata.category = raw.replace(/^#/, '').replace(/^\[\[(.*)\]\]$/, '$1');
    else if (key === 'url') metadata.url = raw.replace(/^<(.*)>$/, '$1').replace(/^\[[^\]]*\]\((.*)\)$/, '$1');
    else if (key === 'title') metadata.title = wikilinks(raw)[0] ?? raw;
    else metadata[key] = raw;
  }
}

function coverImage(node: RootContent): string | null {
  if (node.type !== 'paragraph' || node.children.length !== 1) return null;
  const image = node.children[0]!;
  return image.type === 'image' && image.alt === 'rw-book-cover' ? image.url : null;
}

/** `[[Full Document Contents/…|See full document content →]]` points elsewhere; it is not text. */
function isFullDocumentLink(node: RootContent, body: string): boolean {
  return node.type === 'paragraph' && /^\[\[Full Document Contents\/[^\]]*\]\]$/.test(sourceOf(body, node).trim());
}

const READWISE_KEYS = new Set(['readwise_url', 'highlights_url', 'full_title', 'readwiseurl', 'rw_id', 'readwise_id']);

function isReadwiseFrontmatter(data: Record<string, unknown>): boolean {
  return Object.keys(data).some((key) => READWISE_KEYS.has(key.toLowerCase()));
}

function comparable(value: string): string {
  return value.replace(/\s+/g, ' ').trim().toLowerCase();
}
