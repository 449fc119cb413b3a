/**
 * Logseq pages (`format: "readwise-logseq"` for Readwise's Logseq export,
 * `"logseq"` for other templates): page properties, then an outline.
 *
 *   title:: Atomic Habits (highlights)
 *   author:: [[James Clear]]
 *   full-title:: "Atomic Habits"
 *   category:: #books
 *
 *   - Highlights first synced by [[Readwise]] [[Dec 5th, 2023]]
 *   	- A highlight ([Location 12](https://readwise.io/to_kindle?…))
 *   		- **Note**: a note
 *   		- **Tags**: #[[multi word]] #habits
 *
 * Highlights sit under sync blocks (whose date they take), under chapter
 * blocks inside those, or at the top level; their child blocks are their
 * note, tags, date, colour or location. Recognised by the page's shape:
 * `key:: value` lines first, then `- ` blocks. Pure.
 */
import { emptyFields, firstStated, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { highlightFromMarkdown, syncTime } from '../readwise/trailer.js';
import { titleFromFileName } from '../../extract/title.js';
import { authorNames, decodeEntities, isKnownCategory, unescapeMarkdown } from '../../extract/values.js';
import { offsetWithin, positionAt, type Messages, type Place } from '../../messages.js';
import type { SourceFormat } from '../format.js';
import { parseOutline, type Block, type Property } from './outline.js';

const PROPERTY_LINE = /^[A-Za-z][\w-]*::(?:[ \t]|$)/;
const BLOCK_LINE = /^[ \t]*[-*](?:[ \t]|$)/;
/** A block that holds a sync's highlights: `Highlights first synced by [[Readwise]] [[date]]`, `New highlights added …`, `Highlights`, `[[Readwise]] [[2023-03-27]]`. */
const GROUP = /^(?:(?:highlights first synced by|new highlights added|highlights)\b.*|(?:\[\[[^\]\n]*\]\]\s*)+(?:at\s+\d{1,2}:\d{2}.*)?)$/i;
const ANNOTATION = /^(?:>\s*)?(?:\*\*)?(note|tags|date|colou?r|location|page)(?:\*\*)?\s*::?\s*(?:\*\*)?\s*/i;
const TAG = String.raw`#\[\[[^\]\n]+\]\]|#[^\s#,\[\]]+`;
const TAGS_ONLY = new RegExp(String.raw`^(?:${TAG})(?:[\s,]+(?:${TAG}))*$`, 'u');
const IMAGE_ONLY = /^!\[[^\]]*\]\([^)]*\)$/;
/** Properties that say the page is about a source (a book, an article): its blocks are highlights. */
const SOURCE_PROPERTIES = new Set(['author', 'authors', 'full-title', 'category', 'url', 'source', 'source-url']);
const READ = new Set(['title', 'full-title', 'alias', 'author', 'authors', 'url', 'source', 'source-url', 'link', 'category', 'tags', 'summary', 'published', 'published-date', 'cover', 'image', 'image-url']);

export const logseq: SourceFormat = {
  detect: (document) => {
    // `key:: value` lines first (a cover image line may follow them), then blocks.
    let properties = 0;
    let other = 0;
    for (const line of document.text.slice(0, 8192).split('\n', 200)) {
      if (line.trim() === '') continue;
      if (BLOCK_LINE.test(line)) return properties > 0;
      if (PROPERTY_LINE.test(line.trim())) properties += 1;
      else if (properties === 0 || ++other > 2) return false;
    }
    return false;
  },
  read: (document, messages) => {
    const outline = parseOutline(document.text);
    // Logseq may write the page's properties as its first block (`- file:: …`).
    const first = outline.blocks[0];
    if (first && first.content.trim() === '' && first.properties.length > 0) {
      outline.properties.push(...first.properties);
      outline.blocks.shift();
    }
    const props = new Map<string, string>();
    // Markdown escapes are no part of a value: `url:: https://example\-site.org/a\-b`.
    for (const property of outline.properties) if (!props.has(property.key.toLowerCase())) props.set(property.key.toLowerCase(), unescapeMarkdown(property.value.trim()));
    const readwise = /\[\[Readwise\]\]|readwise\.io\//i.test(document.text);
    const fields = emptyFields('highlights', readwise ? 'readwise-logseq' : 'logseq');
    readProperties(props, outline.properties, fields, document.text);
    const sourcePage = [...props.keys()].some((key) => SOURCE_PROPERTIES.has(key));
    // Logseq's own PDF highlights (`hls__` pages): blocks with `ls-type:: annotation`.
    const annotations = hasAnnotations(outline.blocks);
    for (const block of outline.blocks) {
      if (annotations) {
        if (isPdfAnnotation(block)) fields.highlights.push(...pdfHighlights(block, messages, document.text));
        else if (!isMetadata(block)) fields.paragraphs.push(outlineText(block));
      } else if (GROUP.test(block.content) && block.children.length > 0) {
        fields.highlights.push(...highlightsOf(block.children, syncTime(block.content), document.text));
      } else if (isMetadata(block)) {
        continue;
      } else if (sourcePage || isMarked(block)) {
        fields.highlights.push(...highlightsOf([block], null, document.text));
      } else {
        fields.paragraphs.push(outlineText(block));
      }
    }
    if (fields.highlights.length === 0) fields.kind = 'markdown';
    // Logseq names a page's file by its title.
    fields.title ??= titleFromFileName(document.name);
    return { works: [{ fields, key: null, messages }] };
  },
};

function readProperties(props: Map<string, string>, all: readonly Property[], fields: Fields, page: string): void {
  const fullTitle = props.get('full-title');
  const title = props.get('title')?.replace(/\s*\(highlights\)$/i, '');
  // A PDF's highlights page names the PDF: `file:: [Paper_1674720393793_0.pdf](../assets/…)`.
  const pdf = /^\[([^\]]+?)(?:_\d{13}_\d+)?\.pdf\]/i.exec(props.get('file') ?? '')?.[1];
  fields.title = decodeEntities(unquote(fullTitle || props.get('alias') || (title?.startsWith('hls__') ? '' : title) || pdf || '')) || null;
  fields.authors = authorNames(props.get('author') ?? props.get('authors') ?? '').filter((name) => name !== 'None');
  const linked = (value: string | undefined): string | null => (value ? (/\((https?:\/\/[^)\s]+)\)/.exec(value)?.[1] ?? (/^https?:\/\/\S+$/.test(value) ? value : null)) : null);
  // The first property of a name is the one read (see props).
  const from = (key: string) => (): Place | null => {
    const property = all.find((candidate) => candidate.key.toLowerCase() === key);
    return property ? placeIn(page, property, linked(props.get(key))!, false) : null;
  };
  const url = firstStated(...['url', 'source-url', 'source', 'link'].map((key): [string | null, () => Place | null] => [linked(props.get(key)), from(key)]));
  fields.url = url.value;
  fields.at = { url: url.at };
  fields.published = props.get('published') || props.get('published-date') || null;
  // `type:: [[Articles]]`, or as Readwise's Logseq templates name it, `media:: #articles`.
  const type = props.get('type') ?? props.get('media') ?? '';
  const categories = logseqTags(props.get('category') ?? (isKnownCategory(logseqTags(type)[0] ?? type) ? type : ''));
  fields.category = categories[0] ?? null;
  fields.tags = [...logseqTags(props.get('tags') ?? ''), ...categories.slice(1)];
  fields.summary = props.get('summary') || null;
  const cover = props.get('cover') ?? props.get('image') ?? props.get('image-url') ?? '';
  fields.image = /\((https?:\/\/[^)\s]+)\)/.exec(cover)?.[1] ?? (/^https?:\/\//.test(cover) ? cover : null);
  for (const property of all) {
    const key = property.key.toLowerCase();
    if (!READ.has(key) && !(key in fields.extra)) fields.extra[property.key] = property.value.trim();
  }
}

/** `"Ego Is the Enemy"` → `Ego Is the Enemy`; one pair only, so `""Conan O'Brien""` → `"Conan O'Brien"`. */
function unquote(value: string): string {
  const text = value.trim();
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/** `#[[multi word]] #tag [[page]]`, or `a, b` → names. */
export function logseqTags(value: string): string[] {
  const found = [...value.matchAll(/#?\[\[([^\]\n]+)\]\]|#([^\s#,[\]]+)/gu)].map((match) => (match[1] ?? match[2]!).trim());
  if (found.length > 0) return found;
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

/**
 * The highlights among sibling blocks. When some of them are chapters (they
 * hold highlights of their own), the highlights are one level down and the
 * chapters with none are only headings.
 */
function highlightsOf(blocks: readonly Block[], date: string | null, page: string): FoundHighlight[] {
  const chapters = blocks.filter(isChapter);
  const out: FoundHighlight[] = [];
  for (const block of blocks) {
    if (isMetadata(block)) continue;
    if (chapters.includes(block)) out.push(...highlightsOf(block.children, date, page));
    else if (chapters.length > 0 && block.children.length === 0 && !isMarked(block)) continue;
    else out.push(...withNested(block, date, page));
  }
  return out;
}

/**
 * A highlight block and the highlights nested under it: a child with a
 * highlight link of its own (`([View Highlight](…))`) is a highlight, not
 * the parent's note (Readwise nests the items of a highlighted list so).
 */
function withNested(block: Block, date: string | null, page: string): FoundHighlight[] {
  const nested = block.children.filter(ownHighlight);
  if (nested.length === 0) return [highlightOf(block, date, page)];
  const own = { ...block, children: block.children.filter((child) => !nested.includes(child)) };
  return [highlightOf(own, date, page), ...nested.flatMap((child) => withNested(child, date, page))];
}

/** A block with text and its own link to where it was highlighted. */
function ownHighlight(block: Block): boolean {
  const { marked, highlight } = readBlock(block);
  return marked && highlight.url !== null && highlight.text.trim() !== '';
}

function hasAnnotations(blocks: readonly Block[]): boolean {
  return blocks.some((block) => isPdfAnnotation(block) || hasAnnotations(block.children));
}

function isPdfAnnotation(block: Block): boolean {
  return block.properties.some((property) => property.key === 'ls-type' && property.value.trim() === 'annotation');
}

/**
 * A PDF highlight (`hl-page:: 4`, `hl-color:: yellow`, `id:: …`) and the
 * highlights nested under it; its other children are its note. An area
 * highlight (`hl-type:: area`, a picture of the page) has no text.
 */
function pdfHighlights(block: Block, messages: Messages, page: string): FoundHighlight[] {
  const property = (key: string): string | undefined => block.properties.find((candidate) => candidate.key === key)?.value.trim();
  const nested = block.children.filter(isPdfAnnotation);
  const own = { ...block, children: block.children.filter((child) => !isPdfAnnotation(child)) };
  const out: FoundHighlight[] = [];
  if (property('hl-type') === 'area') {
    messages.info('area-highlight', `an area highlight (a picture of page ${property('hl-page') ?? '?'}) has no text; skipped`, { line: block.line, column: 1 });
  } else {
    const highlight = highlightOf(own, null, page);
    const pageNumber = property('hl-page');
    if (pageNumber) {
      highlight.page = pageNumber;
      highlight.location = `Page ${pageNumber}`;
    }
    highlight.color = property('hl-color') || null;
    highlight.id = property('id') || null;
    out.push(highlight);
  }
  for (const child of nested) out.push(...pdfHighlights(child, messages, page));
  return out;
}

/** A chapter block holds highlights: a child with annotations or a location of its own, or several plain children. */
function isChapter(block: Block): boolean {
  if (isMarked(block)) return false;
  const content = block.children.filter((child) => !isAnnotation(child));
  return content.some((child) => isMarked(child) || child.children.some(isAnnotation)) || content.length >= 2;
}

/** Where `value`, read from the block's own lines (its trailing link: the last), is written in the page; found when asked. */
function placeIn(page: string, from: { start: number; end: number }, value: string, last: boolean): Place {
  return () => positionAt(page, offsetWithin(page, from.start, from.end, value, last));
}

function highlightOf(block: Block, date: string | null, page: string): FoundHighlight {
  const quoted = /^>\s?/.test(block.content);
  const raw = quoted ? block.content.replace(/^>\s?/gm, '') : block.content;
  const { highlight } = highlightFromMarkdown(raw);
  if (highlight.url !== null) highlight.urlAt = placeIn(page, block, highlight.url, true);
  highlight.text = plainWords(highlight.text);
  highlight.highlightedAt = date;
  const notes: string[] = [];
  for (const child of block.children) {
    if (!annotate(highlight, child, page)) notes.push(outlineText(child));
  }
  if (notes.length > 0) highlight.note = [highlight.note, ...notes].filter(Boolean).join('\n\n');
  return highlight;
}

/** Applies a `**Note**:`, `**Tags**:`, `**Date**:`, colour, location or tags-only child; false for any other child. */
function annotate(highlight: FoundHighlight, child: Block, page: string): boolean {
  const label = ANNOTATION.exec(child.content);
  if (label) {
    const value = child.content.slice(label[0].length).trim();
    switch (label[1]!.toLowerCase()) {
      case 'note': {
        const note = [plainWords(highlightFromMarkdown(value).highlight.text), ...child.children.map(outlineText)].filter(Boolean).join('\n\n');
        highlight.note = highlight.note ? `${highlight.note}\n\n${note}` : note || null;
        return true;
      }
      case 'tags':
        highlight.tags.push(...logseqTags(value));
        return true;
      case 'date':
        highlight.highlightedAt = syncTime(value) ?? highlight.highlightedAt;
        return true;
      case 'location':
      case 'page': {
        const place = highlightFromMarkdown(`(${label[1]} ${value.replace(/^\(|\)$/g, '')})`).highlight;
        highlight.location ??= place.location;
        highlight.page ??= place.page;
        return true;
      }
      default:
        highlight.color ??= value || null;
        return true;
    }
  }
  if (TAGS_ONLY.test(child.content.trim())) {
    highlight.tags.push(...logseqTags(child.content));
    return true;
  }
  const place = readBlock(child);
  if (child.children.length === 0 && place.marked && place.highlight.text === '') {
    highlight.location ??= place.highlight.location;
    highlight.page ??= place.highlight.page;
    if (highlight.url === null && place.highlight.url !== null) [highlight.url, highlight.urlAt] = [place.highlight.url, placeIn(page, child, place.highlight.url, true)];
    highlight.id ??= place.highlight.id;
    return true;
  }
  return child.content.trim() === '';
}

function isAnnotation(block: Block): boolean {
  if (ANNOTATION.test(block.content) || TAGS_ONLY.test(block.content.trim()) || block.content.trim() === '') return true;
  const place = readBlock(block);
  return place.marked && place.highlight.text === '';
}

const readings = new WeakMap<Block, ReturnType<typeof highlightFromMarkdown>>();

/** A block's text read as a highlight, once: chapters, annotations and markers all look at it. Read only; highlightOf reads its own copy to change. */
function readBlock(block: Block): ReturnType<typeof highlightFromMarkdown> {
  let reading = readings.get(block);
  if (!reading) {
    reading = highlightFromMarkdown(block.content);
    readings.set(block, reading);
  }
  return reading;
}

/** A block ending with a location link (`([View Highlight](…))`, `([Location 12](…))`) or written as a quote. */
function isMarked(block: Block): boolean {
  return /^>\s?/.test(block.content) || readBlock(block).marked;
}

/** Page furniture among the top blocks: a tags line, a cover image, an empty or separator block. */
function isMetadata(block: Block): boolean {
  const text = block.content.trim();
  return text === '' || text === '-' || TAGS_ONLY.test(text.replace(/^#?tags\s+/i, '')) || IMAGE_ONLY.test(text);
}

/** A block and its children as plain text, one line per block. */
function outlineText(block: Block): string {
  return [plainWords(readBlock(block).highlight.text), ...block.children.map(outlineText)].filter(Boolean).join('\n');
}

/** `[[page links]]`, `[[page|alias]]`, `#[[multi word]]`, `#tags` and `==marks==` as the words they are. */
function plainWords(text: string): string {
  return text
    .replace(/==([^=\n]+)==/g, '$1')
    .replace(/#?\[\[([^\]|\n]+)\|([^\]\n]+)\]\]/g, '$2')
    .replace(/#?\[\[([^\]\n]+)\]\]/g, '$1')
    .replace(/(^|[\s(])#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)/gu, '$1$2');
}
