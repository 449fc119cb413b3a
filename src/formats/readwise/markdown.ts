/**
 * Markdown notes and Readwise exports → fields. Pure.
 *
 * A Readwise export is a `# Title`, a cover image, a `## Metadata` list and
 * `## Highlights` (plus `## New highlights added …`) lists; frontmatter, when
 * present, wins over the Metadata list. Anything else is the document's text.
 */
import type { Heading, List, Nodes, Root, RootContent } from 'mdast';
import type { Messages } from '../../messages.js';
import type { Frontmatter } from '../../parse/frontmatter.js';
import { plainText, sourceOf } from '../../parse/markdown.js';
import { emptyFields, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { frontmatterFields } from '../../extract/frontmatter-fields.js';
import { HighlightSection, annotateWith, looseHighlight, readLooseList, splitAtMarkers, syncTime } from './highlights.js';
import { authorNames, decodeEntities, isKnownCategory, wikiOrHashTags } from '../../extract/values.js';

type Section = 'top' | 'metadata' | 'highlights' | 'summary' | 'note' | 'other';

interface Metadata {
  title?: string;
  authors?: string[];
  url?: string;
  category?: string;
  tags?: string[];
  summary?: string;
  published?: string;
  note?: string;
  /** How many Readwise metadata keys were found. */
  keys: number;
}

export function extractMarkdown(frontmatter: Frontmatter, tree: Root, messages: Messages, fileName: string): Fields {
  const body = frontmatter.body;
  const fields = emptyFields('markdown', 'markdown');
  const metadata: Metadata = { keys: 0 };
  const textNodes: RootContent[] = [];
  const summaryNodes: RootContent[] = [];
  const noteNodes: RootContent[] = [];
  let bodyUrl: string | undefined;
  let headingUrl: string | undefined;
  let bodyDate: string | undefined;
  let h1: string | null = null;
  let section: Section = 'top';
  let sectionDepth = 0;
  let reader: HighlightSection | null = null;
  let readwiseShape = false;
  /** readwise-mirror's template: a `# About` list and a `%% ID: … %%` comment. */
  let mirrored = false;
  /** Logseq's page properties (`author:: [[A]]`). */
  let logseq = false;
  let lastLoose: FoundHighlight | null = null;

  const endSection = (): void => {
    if (!reader) return;
    reader.finish();
    fields.highlights.push(...reader.highlights);
    if (reader.highlights.some((highlight) => highlight.url || highlight.location)) readwiseShape = true;
    textNodes.push(...reader.leftover);
    reader = null;
  };

  for (const node of tree.children) {
    if (node.type === 'heading') {
      // Chapter headings inside a Highlights section do not end it.
      if (section === 'highlights' && node.depth > sectionDepth) continue;
      const heading = headingText(node);
      const role = sectionOf(heading);
      if (role === 'other' && node.depth === 1 && h1 === null && section === 'top') {
        h1 = heading;
        // `# [The World's Deadliest Thing](https://…)`: the link's text is the title, its target the URL.
        const only = node.children.length === 1 ? node.children[0]! : null;
        if (only?.type === 'link') headingUrl = only.url;
        continue;
      }
      endSection();
      section = role;
      sectionDepth = node.depth;
      if (role === 'highlights') reader = new HighlightSection(body, syncTime(heading));
      if (role === 'metadata' && /^about$/i.test(heading)) mirrored = true;
      // A heading whose section turned out empty (a Full Document link only) is no text.
      if (textNodes[textNodes.length - 1]?.type === 'heading') textNodes.pop();
      if (role === 'other') textNodes.push(node);
      continue;
    }
    if (section === 'metadata') {
      readMetadata(node, body, metadata);
      continue;
    }
    if (section === 'highlights') {
      reader!.add(node);
      continue;
    }
    const split = node.type === 'paragraph' ? splitAtMarkers(node, body) : null;
    if (split) {
      fields.highlights.push(...split.highlights);
      readwiseShape = true;
      lastLoose = null;
      if (split.rest) textNodes.push(split.rest);
      continue;
    }
    const loose = looseHighlight(node, body, textNodes[textNodes.length - 1]);
    if (loose) {
      if (loose.tookPrevious) textNodes.pop();
      fields.highlights.push(loose.highlight);
      lastLoose = loose.highlight;
      readwiseShape = true;
      continue;
    }
    // Custom templates put highlight lists under the title or under a Summary.
    if (node.type === 'list') {
      const { highlights, rest } = readLooseList(node, body);
      if (highlights.length > 0) {
        fields.highlights.push(...highlights);
        readwiseShape = true;
        if (rest) textNodes.push(rest);
        continue;
      }
    }
    if (lastLoose && annotateWith(lastLoose, node, body)) continue;
    lastLoose = null;
    switch (section) {
      case 'summary':
        summaryNodes.push(node);
        continue;
      case 'note':
        noteNodes.push(node);
        continue;
      default:
        break;
    }
    const cover = coverImage(node);
    if (cover !== null) {
      fields.image = cover;
      readwiseShape = true;
      continue;
    }
    if (node.type === 'blockquote' && calloutLines(sourceOf(body, node)).length > 0) {
      // Custom templates: `> [!note]- Readwise Information` with `> Author:: [[A]]` fields.
      readMetadata(node, body, metadata);
      continue;
    }
    if (isComment(node, body)) {
      if (/^%%\s*ID:\s*\d+\s*%%$/.test(sourceOf(body, node).trim())) mirrored = true;
      continue;
    }
    if (isFullDocumentLink(node, body)) continue;
    if (section === 'top' && node.type === 'paragraph' && /^[\w-]+::/.test(sourceOf(body, node))) {
      // Logseq/Roam page properties: `author:: [[A]]`.
      readMetadata(node, body, metadata);
      logseq = true;
      continue;
    }
    if (section === 'top' && node.type === 'paragraph') {
      // A bare source URL and date under the title (custom templates).
      const lines = sourceOf(body, node).split('\n').map((line) => line.trim());
      const urls = lines.filter((line) => /^https?:\/\/\S+$/.test(line));
      const dates = lines.filter((line) => /^\d{4}-\d{2}-\d{2}$/.test(line));
      if (urls.length + dates.length === lines.length && urls.length <= 1 && dates.length <= 1) {
        bodyUrl ??= urls[0];
        bodyDate ??= dates[0];
        continue;
      }
    }
    textNodes.push(node);
  }
  endSection();
  if (textNodes[textNodes.length - 1]?.type === 'heading') textNodes.pop();

  const fromFrontmatter = frontmatter.data ? frontmatterFields(frontmatter.data) : null;
  const front = fromFrontmatter?.fields ?? {};
  // Values YAML lost to a `#` comment come last, after the Metadata list.
  const commented = frontmatterFields(Object.fromEntries(frontmatter.commented)).fields;
  fields.extra = fromFrontmatter?.extra ?? {};
  if (fromFrontmatter && isReadwiseFrontmatter(frontmatter.data!)) readwiseShape = true;
  if (metadata.keys >= 2) readwiseShape = true;

  const keyPosition = (key: string | undefined): { line: number; column: number } | null => {
    const line = key ? frontmatter.keyLines.get(key) : undefined;
    return line ? { line: line + 1, column: 1 } : null;
  };
  const disagree = (field: 'title' | 'url' | 'category', fromFront: string | undefined, fromList: string | undefined): void => {
    if (fromFront === undefined || fromList === undefined) return;
    if (comparable(fromFront) === comparable(fromList)) return;
    messages.info(
      'metadata-disagrees',
      `frontmatter ${field} "${fromFront}" differs from the Metadata list's "${fromList}"; kept the frontmatter`,
      keyPosition(fromFrontmatter?.keys[field]),
    );
  };
  disagree('title', front.title ?? undefined, metadata.title);
  disagree('url', front.url ?? undefined, metadata.url);
  disagree('category', front.category?.replace(/^#/, '') ?? undefined, metadata.category);

  const summary = summaryNodes.length > 0 ? plainText(summaryNodes as Nodes[]).trim() : undefined;
  const note = noteNodes.length > 0 ? plainText(noteNodes as Nodes[]).trim() : undefined;
  fields.kind = readwiseShape ? 'highlights' : 'markdown';
  fields.format = !readwiseShape ? 'markdown' : mirrored ? 'readwise-mirror' : logseq ? 'readwise-logseq' : 'readwise';
  // Readwise and the Obsidian Web Clipper name files by title: use the name when the note states none.
  const clipping = frontmatter.data !== null && (front.url ?? null) !== null;
  const fallbackTitle = readwiseShape || clipping ? titleFromFileName(fileName) : null;
  fields.title =
    front.title ?? metadata.title ?? commented.title ?? (h1 === null ? null : decodeEntities(h1)) ?? front.alias ?? commented.alias ?? fallbackTitle;
  const authors = front.authors ?? commented.authors;
  // The Metadata list is Readwise's own record of the work; a template's frontmatter author may be the vault's owner.
  fields.authors = metadata.authors ?? (authors ?? []).flatMap(authorNames);
  if (metadata.authors && front.authors && comparable(front.authors.flatMap(authorNames).join(', ')) !== comparable(metadata.authors.join(', '))) {
    messages.info(
      'metadata-disagrees',
      `frontmatter author "${front.authors.join(', ')}" differs from the Metadata list's "${metadata.authors.join(', ')}"; kept the Metadata list`,
      keyPosition(fromFrontmatter?.keys.authors),
    );
  }
  fields.url = front.url ?? metadata.url ?? commented.url ?? bodyUrl ?? headingUrl ?? null;
  // In a highlights template a bare `date` is when the note was made, not when the work was published.
  const frontPublished = readwiseShape && /^date$/i.test(fromFrontmatter?.keys.published ?? '') ? undefined : front.published;
  fields.published = frontPublished ?? metadata.published ?? commented.published ?? bodyDate ?? null;
  fields.category = front.category ?? metadata.category ?? commented.category ?? null;
  // Tags from the frontmatter and the Document Tags line are merged.
  const frontTags = front.tags ?? (metadata.tags ? undefined : commented.tags);
  fields.tags = [...(frontTags ?? []), ...(metadata.tags ?? [])];
  fields.summary = front.summary ?? metadata.summary ?? commented.summary ?? (summary || null);
  fields.image = front.image ?? commented.image ?? fields.image;
  const documentNote = metadata.note ?? note;
  if (documentNote) fields.extra['document_note'] ??= documentNote;
  fields.paragraphs = textNodes.length > 0 ? [plainText(textNodes as Nodes[], 'text')] : [];
  return fields;
}

/** Readwise (and every highlights exporter and web clipper) names its files by title: `Atomic Habits.md`. */
export function titleFromFileName(fileName: string): string | null {
  const base = fileName.split('/').pop() ?? fileName;
  const stem = base.replace(/\.(md|markdown|mdown|mkd|txt)$/i, '').trim();
  return stem === '' ? null : decodeEntities(stem);
}

/** `%% … %%`: an Obsidian comment, not text. */
function isComment(node: RootContent, body: string): boolean {
  return node.type === 'paragraph' && /^%%[\s\S]*%%$/.test(sourceOf(body, node).trim());
}

function headingText(node: Heading): string {
  return plainText(node.children).replace(/\s+/g, ' ').trim();
}

function sectionOf(heading: string): Section {
  const name = heading.toLowerCase().replace(/[#:]+$/, '').trim();
  if (name === 'metadata' || name === 'about' || name === 'book info' || name === 'document info') return 'metadata';
  if (/^(highlights|new highlights added\b.*|highlights first synced\b.*)$/.test(name)) return 'highlights';
  if (name === 'summary') return 'summary';
  if (name === 'document note') return 'note';
  return 'other';
}

const METADATA_KEYS: Record<string, Exclude<keyof Metadata, 'keys'> | 'type'> = {
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
  'document url': 'url',
  source: 'url',
  published: 'published',
  'published date': 'published',
  'publication date': 'published',
  'document note': 'note',
  // A category only when it names one (`Type:: #Readwise/category/articles`).
  type: 'type',
};

/** `- Author: [[A]]` list items and Logseq/Roam `author:: [[A]]` lines. */
function readMetadata(node: RootContent, body: string, metadata: Metadata): void {
  const entries: string[] = [];
  if (node.type === 'list') {
    for (const item of (node as List).children) entries.push(sourceOf(body, item).replace(/^[-*+]\s+/, ''));
  } else if (node.type === 'paragraph') {
    entries.push(...sourceOf(body, node).split('\n').map((line) => line.replace(/\\$/, '')));
  } else if (node.type === 'blockquote') {
    entries.push(...calloutLines(sourceOf(body, node)));
  }
  for (const entry of entries) {
    const match = /^\**([A-Za-z][\w -]*?)\**\s*::?\**[ \t]*([\s\S]*)$/.exec(entry.trim());
    if (!match) continue;
    const key = METADATA_KEYS[match[1]!.toLowerCase().replace(/[-_]/g, ' ').trim()];
    // `[[]]`: the template's field with nothing in it.
    const raw = decodeEntities(match[2]!.split('\n').map((line) => line.trim()).join('\n').replace(/\[\[\s*\]\]/g, '').trim());
    if (!key || raw === '') continue;
    if (key === 'type') {
      if (!isKnownCategory(raw)) continue;
      metadata.category ??= raw.replace(/^#/, '').replace(/^\[\[(.*)\]\]$/, '$1');
      metadata.keys += 1;
      continue;
    }
    metadata.keys += 1;
    if (key === 'authors') metadata.authors = authorNames(raw);
    else if (key === 'tags') metadata.tags = wikiOrHashTags(raw);
    else if (key === 'category') metadata.category = raw.replace(/^#/, '').replace(/^\[\[(.*)\]\]$/, '$1');
    else if (key === 'url') metadata.url = raw.replace(/^<(.*)>$/, '$1').replace(/^\[[^\]]*\]\((.*)\)$/, '$1');
    else if (key === 'title') metadata.title = pageName(raw);
    else if (key === 'summary' || key === 'published' || key === 'note') metadata[key] = raw;
  }
}

/** A title written as a page link: its alias, else the page's name without the vault folders (`[[Readwise/Articles/X]]` → `X`). */
function pageName(raw: string): string {
  const link = /^\[\[([^\]|]+)(?:\|([^\]]+))?\]\]$/.exec(raw.trim());
  if (!link) return raw;
  return (link[2] ?? link[1]!.split('/').pop()!).trim();
}

/** The `Key:: value` lines of a callout (`> [!note]- Readwise Information` then `> Author:: [[A]]`), or none. */
function calloutLines(source: string): string[] {
  const lines = source.split('\n').map((line) => line.replace(/^[ \t]*>[ \t]?/, ''));
  const fields = (/^\[!/.test(lines[0] ?? '') ? lines.slice(1) : lines).filter((line) => line.trim() !== '');
  const keyed = fields.filter((line) => /^\**[A-Za-z][\w -]*?\**\s*::/.test(line.trim()));
  return keyed.length >= 2 && keyed.length * 2 >= fields.length ? keyed : [];
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

/** Frontmatter keys (compared without case, `_` or `-`) only Readwise templates write. */
const READWISE_KEYS = new Set(['readwiseurl', 'highlightsurl', 'fulltitle', 'documenttags', 'rwid', 'readwiseid', 'imageurl']);

function isReadwiseFrontmatter(data: Record<string, unknown>): boolean {
  if (typeof data['source'] === 'string' && data['source'].trim().toLowerCase() === 'reader') return true;
  return Object.keys(data).some((key) => READWISE_KEYS.has(key.toLowerCase().replace(/[_\-\s]/g, '')));
}

function comparable(value: string): string {
  return value.replace(/\s+/g, ' ').trim().toLowerCase();
}
