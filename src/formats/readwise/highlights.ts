/**
 * Readwise highlights, from the shapes export templates give them. Pure.
 *
 *   - Text with [a link](…) ([View Highlight](https://read.readwise.io/read/ID))
 *       - Tags: [[a]] [[b]]
 *       - Note: a note that may
 *         span lines
 *
 * and, in custom templates, paragraphs or blockquotes that end with a
 * location link (`[](…)`, `([351](…))`), a `> [View Highlight](…)` line, or a
 * `^block-id`, followed by `Tags:`/`Note:` lines and `---` rules.
 */
import type { BlockContent, Blockquote, Link, List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { parseMarkdown, plainText, sourceOf } from '../../parse/markdown.js';
import { isHtmlComment } from '../../parse/html-text.js';
import { readDateTime, stamp } from '../../extract/datetime.js';
import { foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { wikiOrHashTags } from '../../extract/values.js';

const LABEL = String.raw`View Highlight|View Tweet|View Post|View Quote|Location\s+[\d,–-]+|Page\s+[\w,–-]+|Time\s+[\d:]+|Note|[\d][\d,–-]*|`;
/** The trailing location link as written: `([View Highlight](url))`, `[Location 12](url)`, `[](url)`, `([505]())`. */
const TRAILING_LINK = new RegExp(
  String.raw`\s*\(?\[(${LABEL})\]\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?(?:\s+"[^"]*")?\s*\)\)?[.,;]?\s*$`,
  'u',
);
/** A trailing bare location without a link: `(Location 12)`, `(Page 0)`. */
const TRAILING_BARE = /\s*\((Location\s+[\d,–-]+|Page\s+[\w,–-]+)\)\s*$/u;
/** A trailing block reference: `^rw446961085`, `^607666686`. */
const BLOCK_REF = /(?:^|\s+)\^([\w-]+)\s*$/u;
/** A trailing footnote reference: `[^1]`. */
const FOOTNOTE = /\s*\[\^[^\]\s]+\]\s*$/u;
/** A trailing Obsidian comment: `%% Color: yellow %%`. */
const COMMENT = /\s*%%([^%]*)%%\s*$/u;
const ANNOTATION = /^(Tags|Note|Summary|Transcript|Color|Goto)\s*:\s*/i;
/** A Logseq/Roam list item that holds a sync's highlights. */
const SYNC_HEADING = /^(highlights first synced by|new highlights added)\b/i;
/** Lines holding only a small number: a template artefact some vaults put between highlights. */
const STRAY_NUMBERS = /(?:\n[ \t]*\d{1,3}[ \t]*)+$/u;
/** Only these links count as a location when their label is a bare number or empty. */
const HIGHLIGHT_URL = /readwise\.io|twitter\.com|x\.com\/\w+\/status|snipd\.com|kindle|^$/i;

interface Trailer {
  markdown: string;
  url: string | null;
  location: string | null;
  id: string | null;
  color: string | null;
  /** Whether the text ended with a location link, a bare location or a block reference. */
  marked: boolean;
  /** Whether it ended with a location link (the only marker trusted outside a Highlights section). */
  linked: boolean;
  /** How to cut the same trailer off the plain text. */
  plainCuts: Array<(text: string) => string>;
}

/**
 * Runs an end-anchored pattern over the last few KiB of a text only: patterns
 * that start with `\s*` are quadratic over a long run of spaces, and what they
 * look for is always near the end.
 */
const WINDOW = 4096;
function execTail(pattern: RegExp, text: string): RegExpExecArray | null {
  const start = Math.max(0, text.length - WINDOW);
  const match = pattern.exec(start === 0 ? text : text.slice(start));
  if (match) match.index += start;
  return match;
}

/** Cuts the location link, block reference and comments off the end of a highlight's Markdown. */
function readTrailer(raw: string): Trailer {
  const trailer: Trailer = {
    markdown: cutTail(raw.trimEnd(), STRAY_NUMBERS),
    url: null,
    location: null,
    id: null,
    color: null,
    marked: false,
    linked: false,
    plainCuts: [(text) => cutTail(text, STRAY_NUMBERS)],
  };
  for (let changed = true; changed; ) {
    changed = false;
    const spaced = normalizeSpaces(trailer.markdown);
    const ref = execTail(BLOCK_REF, spaced);
    if (ref) {
      trailer.id ??= ref[1]!.replace(/^rw(?=\d+$)/, '');
      trailer.markdown = trailer.markdown.slice(0, ref.index);
      trailer.plainCuts.push((text) => cutTail(text, BLOCK_REF));
      trailer.marked = changed = true;
      continue;
    }
    const footnote = execTail(FOOTNOTE, spaced);
    if (footnote) {
      trailer.markdown = trailer.markdown.slice(0, footnote.index);
      changed = true;
      continue;
    }
    const comment = execTail(COMMENT, spaced);
    if (comment) {
      const color = /^\s*colou?r\s*:\s*([\w-]+)\s*$/i.exec(comment[1]!);
      if (color) trailer.color ??= color[1]!;
      trailer.markdown = trailer.markdown.slice(0, comment.index);
      trailer.plainCuts.push((text) => cutTail(text, COMMENT));
      changed = true;
      continue;
    }
    if (trailer.linked) break;
    const link = execTail(TRAILING_LINK, spaced);
    if (link && (!/^[\d,–-]*$/.test(link[1]!) || HIGHLIGHT_URL.test(link[2]!))) {
      const label = normalizeSpaces(link[1]!);
      trailer.location = label === '' ? null : /^\d/.test(label) ? `Location ${label}` : label;
      trailer.url = link[2] === '' ? null : link[2]!;
      trailer.id ??= trailer.url ? readwiseId(trailer.url) : null;
      trailer.markdown = trailer.markdown.slice(0, link.index);
      trailer.plainCuts.push((text) => stripTrailingLabel(text, label));
      trailer.marked = changed = trailer.linked = true;
      continue;
    }
    const bare = execTail(TRAILING_BARE, spaced);
    if (bare) {
      trailer.location = normalizeSpaces(bare[1]!);
      trailer.markdown = trailer.markdown.slice(0, bare.index);
      trailer.plainCuts.push((text) => stripTrailingLabel(text, trailer.location!));
      trailer.marked = changed = true;
      break;
    }
  }
  // Plain text is cut in the order the Markdown was.
  return trailer;
}

function build(content: Nodes[], raw: string): { highlight: FoundHighlight; marked: boolean } {
  const trailer = readTrailer(raw);
  let text = plainText(content, 'written');
  for (const cut of trailer.plainCuts) text = cut(normalizeTrailing(text));
  const highlight = foundHighlight(text.trim(), trailer.markdown.trim());
  highlight.url = trailer.url;
  highlight.id = trailer.id;
  setLocation(highlight, trailer.location);
  highlight.color = trailer.color;
  return { highlight, marked: trailer.marked };
}

/**
 * One highlight written as Markdown on its own (an outline block's text):
 * its trailing location link, block reference and colour comment read off
 * as everywhere else. `marked` says whether it ended with such a marker.
 */
export function highlightFromMarkdown(raw: string): { highlight: FoundHighlight; marked: boolean } {
  return build(parseMarkdown(raw).children as Nodes[], raw);
}

/**
 * A paragraph or blockquote outside a Highlights section that ends with a
 * location link is a highlight of its own (custom templates scatter them
 * through the document's headings); `null` when it is text.
 */
export function looseHighlight(
  node: RootContent,
  body: string,
  previous: RootContent | undefined,
): { highlight: FoundHighlight; tookPrevious: boolean } | null {
  if (node.type !== 'paragraph' && node.type !== 'blockquote') return null;
  const raw = unquote(sourceOf(body, node), node);
  const trailer = readTrailer(raw);
  if (!trailer.linked) return null;
  if (trailer.markdown.trim() === '' && previous && previous.type !== 'heading' && previous.type !== 'thematicBreak') {
    // `[](link)` on a line of its own marks the block before it (a code block, an image).
    const content = previous.type === 'blockquote' ? (previous.children as Nodes[]) : [previous as Nodes];
    const { highlight } = build(content, unquote(sourceOf(body, previous), previous));
    highlight.url = trailer.url;
    highlight.id = trailer.id;
    setLocation(highlight, trailer.location);
    return { highlight, tookPrevious: true };
  }
  const content = node.type === 'blockquote' ? (node.children as Nodes[]) : [node as Nodes];
  return { highlight: build(content, raw).highlight, tookPrevious: false };
}

/** An inline link that marks the end of a highlight: `[](https://read.readwise.io/read/ID)`. */
function isMarkerLink(node: PhrasingContent): node is Link {
  if (node.type !== 'link') return false;
  const label = plainText(node.children).trim();
  return (label === '' || /^(View Highlight|View Tweet)$/.test(label)) && /readwise\.io|twitter\.com|x\.com\/\w+\/status|instapaper\.com/.test(node.url);
}

/**
 * A paragraph with location links in the middle (`…behavior [](link). I came
 * across …`): each run up to a link is a highlight, what follows the last one is text.
 * `null` when the paragraph has no such link, or only one at its end.
 */
export function splitAtMarkers(paragraph: Paragraph, body: string): { highlights: FoundHighlight[]; rest: Paragraph | null } | null {
  const children = paragraph.children;
  const markers: number[] = [];
  children.forEach((child, index) => {
    if (isMarkerLink(child)) markers.push(index);
  });
  if (markers.length === 0) return null;
  const tail = children.slice(markers[markers.length - 1]! + 1);
  const tailText = plainText(tail).trim();
  if (markers.length === 1 && /^[).,;:]*(\s*(\^[\w-]+|%%[^%]*%%))*$/.test(tailText)) return null;
  const highlights: FoundHighlight[] = [];
  let start = 0;
  for (const marker of markers) {
    const nodes = children.slice(start, marker + 1);
    start = marker + 1;
    const from = nodes[0]!.position?.start.offset;
    const to = children[marker]!.position?.end.offset;
    if (from === undefined || to === undefined) continue;
    const raw = body.slice(from, to).replace(/^[\s).,;:]+/, '');
    const { highlight } = build(nodes, raw);
    highlight.text = highlight.text.replace(/^[\s).,;:]+/, '');
    if (highlight.text !== '' || highlight.markdown !== '') highlights.push(highlight);
  }
  // The text after the last highlight starts where it did (`, and this rest…`): drop that punctuation.
  const first = tail[0];
  if (first?.type === 'text') tail[0] = { ...first, value: first.value.replace(/^[).,;:]+\s*/, '') };
  const restStart = tail[0]?.position?.start;
  const rest: Paragraph | null =
    tailText.replace(/^[).,;:\s]+/, '') === '' || !restStart || !paragraph.position
      ? null
      : { type: 'paragraph', children: tail, position: { start: restStart, end: paragraph.position.end } };
  return { highlights, rest };
}

/**
 * A list outside a Highlights section. When most items end with a location
 * marker, every item is a highlight (a custom template without the heading);
 * when only the last item does, the whole list is one highlight; otherwise
 * the items that end with a location link are highlights and the rest is text.
 */
export function readLooseList(list: List, body: string): { highlights: FoundHighlight[]; rest: List | null } {
  // Logseq: `- Highlights first synced by [[Readwise]] [[date]]` with the highlights nested under it.
  const synced = list.children.filter((item) => SYNC_HEADING.test(plainText(item.children.slice(0, 1)).trim()));
  if (synced.length > 0) {
    const highlights = synced.flatMap((item) => {
      // `[[Dec 5th, 2023]]`, perhaps with a time: when these highlights were made.
      const when = syncTime(plainText(item.children.slice(0, 1)));
      return item.children.flatMap((child) =>
        child.type === 'list'
          ? child.children.flatMap((nested) => {
              const highlight = highlightFromItem(nested, body);
              if (highlight) highlight.highlightedAt ??= when;
              return highlight ?? [];
            })
          : [],
      );
    });
    const rest = list.children.filter((item) => !synced.includes(item));
    return { highlights, rest: rest.length > 0 ? { ...list, children: rest } : null };
  }
  const items = list.children;
  const marked = items.map((item) => itemIsMarked(item, body));
  const count = marked.filter(Boolean).length;
  if (count === 0) return { highlights: [], rest: list };
  if (count === 1 && marked[items.length - 1] && items.length > 1) {
    const { highlight } = build([list], sourceOf(body, list));
    return { highlights: [highlight], rest: null };
  }
  if (count * 2 >= items.length) {
    return { highlights: items.flatMap((item) => highlightFromItem(item, body) ?? []), rest: null };
  }
  const highlights: FoundHighlight[] = [];
  const rest: ListItem[] = [];
  for (const item of items) {
    const content = item.children.filter((child) => !(child.type === 'list' && isAnnotationList(child, body)));
    const linked = content.length > 0 && readTrailer(sourceOf(body, content[0]!, content[content.length - 1]!)).linked;
    const highlight = linked ? highlightFromItem(item, body) : null;
    if (highlight) highlights.push(highlight);
    else rest.push(item);
  }
  return { highlights, rest: rest.length > 0 ? { ...list, children: rest } : null };
}

/** Applies a `Tags: …` or `Note: …` paragraph to the highlight before it; false when the paragraph is no annotation. */
export function annotateWith(highlight: FoundHighlight, node: RootContent, body: string): boolean {
  if (node.type !== 'paragraph') return false;
  const raw = sourceOf(body, node);
  if (!ANNOTATION.test(raw) || endsWithMarker(raw)) return false;
  for (const line of raw.split(/\n(?=(?:Tags|Note|Color|Goto)\s*:)/i)) annotate(highlight, line.trim(), [node]);
  return true;
}

/** Whether a block's source ends with a location link, bare location or block reference. */
export function endsWithMarker(raw: string): boolean {
  return readTrailer(raw).marked;
}

/** One highlight per list item (the standard Readwise template). */
export function highlightFromItem(item: ListItem, body: string): FoundHighlight | null {
  const content: Nodes[] = [];
  const nested: ListItem[] = [];
  for (const child of item.children) {
    if (child.type === 'list' && isAnnotationList(child, body)) nested.push(...child.children);
    else content.push(child);
  }
  if (content.length === 0) return null;
  const raw = dedent(sourceOf(body, content[0]!, content[content.length - 1]!), item);
  const { highlight } = build(content, raw);
  for (const child of nested) annotate(highlight, dedent(sourceOf(body, child).replace(/^[-*+]\s+/, ''), child), child.children);
  return highlight;
}

/** Whether a list item carries its own location marker. */
export function itemIsMarked(item: ListItem, body: string): boolean {
  const content = item.children.filter((child) => !(child.type === 'list' && isAnnotationList(child, body)));
  if (content.length === 0) return false;
  return endsWithMarker(sourceOf(body, content[0]!, content[content.length - 1]!));
}

/** A nested list of `Tags:`/`Note:` items belongs to the highlight, not to its text. */
function isAnnotationList(list: List, body: string): boolean {
  return list.children.length > 0 && list.children.every((child) => ANNOTATION.test(sourceOf(body, child).replace(/^\s*[-*+]\s+/, '')));
}

/** Applies a `Tags:`, `Note:`, `Summary:`, `Transcript:` or `Color:` annotation to a highlight. */
function annotate(highlight: FoundHighlight, raw: string, nodes: readonly Nodes[]): void {
  const label = ANNOTATION.exec(raw);
  if (!label) return;
  const value = cutTail(raw.slice(label[0].length).trimEnd(), STRAY_NUMBERS).trim();
  const plain = cutTail(plainText(nodes as Nodes[]).trimEnd(), STRAY_NUMBERS).replace(ANNOTATION, '').trim();
  switch (label[1]!.toLowerCase()) {
    case 'tags':
      highlight.tags.push(...wikiOrHashTags(value));
      break;
    case 'color':
      highlight.color ??= value || null;
      break;
    case 'goto':
      // Snipd's `Goto: [episode](link)`: where to listen, not part of the highlight.
      break;
    case 'note':
      highlight.note = highlight.note ? `${highlight.note}\n\n${plain}` : plain || null;
      break;
    default:
      // Podcast summaries and transcripts stay with their highlight, in its note.
      highlight.note = [highlight.note, `${label[1]}: ${plain}`].filter(Boolean).join('\n\n');
  }
}

/**
 * Reads the blocks of a Highlights section that is not a plain list:
 * paragraphs, blockquotes and lists grouped until a location marker,
 * `---` rules between highlights, `Tags:`/`Note:` paragraphs after them.
 */
export class HighlightSection {
  readonly highlights: FoundHighlight[] = [];
  /** Blocks that turned out not to be highlights: they belong to the text. */
  readonly leftover: RootContent[] = [];
  private group: RootContent[] = [];
  private marked = 0;

  /** `highlightedAt` for every highlight of the section: a `## New highlights added December 5, 2023 at 10:12 AM` heading's time. */
  constructor(
    private readonly body: string,
    private readonly highlightedAt: string | null = null,
  ) {}

  add(node: RootContent): void {
    if (node.type === 'thematicBreak') {
      this.flushUnmarked();
      return;
    }
    if (node.type === 'heading' || node.type === 'definition' || node.type === 'footnoteDefinition') {
      this.flushUnmarked();
      return;
    }
    const raw = sourceOf(this.body, node);
    if (node.type === 'list') {
      const items = node.children;
      const markedItems = items.filter((item) => itemIsMarked(item, this.body)).length;
      const onlyLast = markedItems === 1 && itemIsMarked(items[items.length - 1]!, this.body);
      if (this.group.length > 0 && onlyLast && items.length > 1) {
        this.group.push(node);
        this.close(null);
        return;
      }
      this.flushUnmarked();
      for (const item of items) {
        const highlight = highlightFromItem(item, this.body);
        if (!highlight) continue;
        this.highlights.push(highlight);
        this.marked += 1;
      }
      return;
    }
    if (node.type === 'blockquote') {
      const link = linkOnly(node, this.body);
      if (link !== null) {
        if (this.group.length > 0) this.close(link);
        return;
      }
    }
    if (this.group.length === 0 && this.highlights.length > 0 && annotateWith(this.highlights[this.highlights.length - 1]!, node, this.body)) {
      return;
    }
    if ((node.type === 'html' && isHtmlComment(node.value)) || (node.type === 'paragraph' && /^(%%[\s\S]*%%|\d{1,3})$/.test(raw.trim()))) return;
    this.group.push(node);
    if (endsWithMarker(raw)) this.close(null);
  }

  /** Ends the section: unmarked blocks are highlights only when nothing in the section was marked. */
  finish(): void {
    this.flushUnmarked();
    if (this.marked === 0 && this.leftover.length > 0) {
      for (const node of this.leftover.splice(0)) {
        const content = node.type === 'blockquote' ? (node.children as Nodes[]) : [node as Nodes];
        const { highlight } = build(content, unquote(sourceOf(this.body, node), node));
        if (highlight.text !== '' || highlight.markdown !== '') this.highlights.push(highlight);
      }
    }
    for (const highlight of this.highlights) highlight.highlightedAt ??= this.highlightedAt;
  }

  private close(link: { url: string | null; location: string | null; tags: string[] } | null): void {
    const nodes = this.group;
    this.group = [];
    const content = nodes.flatMap((node) => (node.type === 'blockquote' ? (node.children as Nodes[]) : [node as Nodes]));
    const raw = nodes.map((node) => unquote(sourceOf(this.body, node), node)).join('\n\n');
    const { highlight } = build(content, raw);
    if (link) {
      highlight.url = link.url;
      setLocation(highlight, link.location);
      highlight.id ??= link.url ? readwiseId(link.url) : null;
      highlight.tags.push(...link.tags);
    }
    this.highlights.push(highlight);
    this.marked += 1;
  }

  private flushUnmarked(): void {
    this.leftover.push(...this.group);
    this.group = [];
  }
}

/** `> [View Highlight](url)`: a blockquote holding only a location link (and perhaps `#tag` lines). */
function linkOnly(node: Blockquote, body: string): { url: string | null; location: string | null; tags: string[] } | null {
  const [first = '', ...more] = unquote(sourceOf(body, node), node).trim().split('\n');
  const match = /^\(?\[([^\]]*)\]\(\s*<?([^\s()<>]*)>?\s*\)\)?$/.exec(first.trim());
  if (!match) return null;
  const tags = more.join(' ').trim();
  if (tags !== '' && !/^(#[^\s#]+[\s,]*)+$/.test(tags)) return null;
  return { url: match[2] || null, location: normalizeSpaces(match[1]!) || null, tags: tags === '' ? [] : wikiOrHashTags(tags) };
}

/** The source of a blockquote without its `>` markers. */
function unquote(raw: string, node: RootContent | BlockContent): string {
  if (node.type !== 'blockquote') return raw;
  return raw.replace(/^[ \t]*> ?/gm, '');
}

function stripTrailingLabel(text: string, label: string): string {
  const spaced = normalizeSpaces(text);
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  const match = execTail(new RegExp(String.raw`\s*\(?${escaped}\)?\s*$`, 'u'), spaced);
  return match ? text.slice(0, match.index) : text;
}

function normalizeTrailing(text: string): string {
  return text.trimEnd();
}

/** The text without what an end-anchored pattern matches at its end. */
function cutTail(text: string, pattern: RegExp): string {
  const match = execTail(pattern, text);
  return match ? text.slice(0, match.index) : text;
}

/** The Readwise id in a highlight link: `read.readwise.io/read/ID`, `readwise.io/open/ID`. */
export function readwiseId(url: string): string | null {
  const match = /readwise\.io\/(?:read|open|bookreview\/\d+\/highlight|highlights?)\/([0-9a-z]+)(?:[/?#]|$)/i.exec(url);
  return match ? match[1]! : null;
}

/** The location label (a place: `Location 12`, `Page 12`, `Time 0:12:34`), and the page when the label is one. */
function setLocation(highlight: FoundHighlight, location: string | null): void {
  // `View Highlight`, `View Tweet`: a link's label, not a place in the work.
  highlight.location = location !== null && /^View\b/i.test(location) ? null : location;
  highlight.page = location === null ? null : (/^Page\s+([\w–-]+)$/i.exec(location)?.[1] ?? null);
}

/** When a sync heading says the highlights under it were made: `New highlights added December 5, 2023 at 10:12 AM`, `[[Dec 5th, 2023]]`. */
export function syncTime(heading: string): string | null {
  const found = readDateTime(heading);
  return found ? stamp(found) : null;
}

/** Removes a list item's content indentation from continuation lines. */
function dedent(source: string, item: ListItem): string {
  const first = item.children[0]?.position?.start.column ?? 1;
  const indent = Math.max(0, first - 1);
  if (indent === 0 || !source.includes('\n')) return source;
  const pattern = new RegExp(`^ {0,${indent}}`, 'gm');
  const [head, ...rest] = source.split('\n');
  return [head, ...rest.map((line) => line.replace(pattern, ''))].join('\n');
}

function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2007]/g, ' ');
}
