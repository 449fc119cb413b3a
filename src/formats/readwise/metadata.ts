/**
 * The Readwise export's record of the work: the `## Metadata` list
 * (`- Author: [[A]]`), a template's callout of `Key:: value` fields, and
 * Logseq/Roam `key:: value` page properties; and the frontmatter keys only
 * Readwise templates write. Pure.
 */
import type { List, Nodes, RootContent } from 'mdast';
import { offsetWithin, positionAt, type Position } from '../../messages.js';
import { sourceOf } from '../../parse/markdown.js';
import { authorNames, decodeEntities, isKnownCategory, unescapeMarkdown, wikiOrHashTags } from '../../extract/values.js';

export interface Metadata {
  title?: string;
  authors?: string[];
  url?: string;
  /** Where `url` is written, in the body. */
  urlAt?: Position | null;
  category?: string;
  tags?: string[];
  summary?: string;
  published?: string;
  note?: string;
  /** How many Readwise metadata keys were found. */
  keys: number;
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
  // A category only when it names one (`Type:: #Readwise/category/articles`, Logseq's `media:: #articles`).
  type: 'type',
  media: 'type',
};

/** `- Author: [[A]]` list items and Logseq/Roam `author:: [[A]]` lines. */
export function readMetadata(node: RootContent, body: string, metadata: Metadata): void {
  // Each entry with where it is in the body: a list's item, a paragraph's line, else the whole callout.
  const entries: Array<[string, Span]> = [];
  if (node.type === 'list') {
    for (const item of (node as List).children) entries.push([sourceOf(body, item).replace(/^[-*+]\s+/, ''), spanOf(item)]);
  } else if (node.type === 'paragraph') {
    let start = node.position?.start.offset ?? 0;
    for (const line of sourceOf(body, node).split('\n')) {
      entries.push([line.replace(/\\$/, ''), { start, end: start + line.length }]);
      start += line.length + 1;
    }
  } else if (node.type === 'blockquote') {
    entries.push(...calloutLines(sourceOf(body, node)).map((line): [string, Span] => [line, spanOf(node)]));
  }
  for (const [entry, span] of entries) {
    const match = /^\**([A-Za-z][\w -]*?)\**\s*::?\**[ \t]*([\s\S]*)$/.exec(entry.trim());
    if (!match) continue;
    const key = METADATA_KEYS[match[1]!.toLowerCase().replace(/[-_]/g, ' ').trim()];
    // `[[]]`: the template's field with nothing in it.
    // Markdown escapes are no part of a value: Logseq writes `url:: https://example\-site.org/a\-b`.
    const raw = decodeEntities(
      unescapeMarkdown(
        match[2]!
          .split('\n')
          .map((line) => line.trim())
          .join('\n')
          .replace(/\[\[\s*\]\]/g, ''),
      ).trim(),
    );
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
    else if (key === 'url') {
      metadata.url = raw.replace(/^<(.*)>$/, '$1').replace(/^\[[^\]]*\]\((.*)\)$/, '$1');
      // After its key (`- URL: url` names it twice), counted from the block's start.
      const keyAt = body.indexOf(match[1]!, span.start);
      const from = keyAt === -1 || keyAt >= span.end ? span.start : keyAt + match[1]!.length;
      const start = node.position?.start;
      metadata.urlAt = start?.offset === undefined ? null : positionAt(body, offsetWithin(body, from, span.end, metadata.url), { line: start.line, column: start.column, offset: start.offset });
    }
    else if (key === 'title') metadata.title = pageName(raw);
    else if (key === 'summary' || key === 'published' || key === 'note') metadata[key] = raw;
  }
}

interface Span {
  start: number;
  end: number;
}

function spanOf(node: RootContent | Nodes): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** A title written as a page link: its alias, else the page's name without the vault folders (`[[Readwise/Articles/X]]` → `X`). */
function pageName(raw: string): string {
  const link = /^\[\[([^\]|]+)(?:\|([^\]]+))?\]\]$/.exec(raw.trim());
  if (!link) return raw;
  return (link[2] ?? link[1]!.split('/').pop()!).trim();
}

/** The `Key:: value` lines of a callout (`> [!note]- Readwise Information` then `> Author:: [[A]]`), or none. */
export function calloutLines(source: string): string[] {
  const lines = source.split('\n').map((line) => line.replace(/^[ \t]*>[ \t]?/, ''));
  const fields = (/^\[!/.test(lines[0] ?? '') ? lines.slice(1) : lines).filter((line) => line.trim() !== '');
  const keyed = fields.filter((line) => /^\**[A-Za-z][\w -]*?\**\s*::/.test(line.trim()));
  return keyed.length >= 2 && keyed.length * 2 >= fields.length ? keyed : [];
}

/** Frontmatter keys (compared without case, `_` or `-`) only Readwise templates write. */
const READWISE_KEYS = new Set(['readwiseurl', 'highlightsurl', 'fulltitle', 'documenttags', 'rwid', 'readwiseid', 'imageurl']);

export function isReadwiseFrontmatter(data: Record<string, unknown>): boolean {
  if (typeof data['source'] === 'string' && data['source'].trim().toLowerCase() === 'reader') return true;
  return Object.keys(data).some((key) => READWISE_KEYS.has(key.toLowerCase().replace(/[_\-\s]/g, '')));
}
