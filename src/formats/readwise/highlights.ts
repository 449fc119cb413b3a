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
 * `^block-id`, followed by `Tags:`/`Note:` lines and `---` rules. The end of
 * each highlight (its link, location, id, colour) is read by trailer.ts.
 * Over 300 lines on purpose: the Highlights section's reader and the loose
 * readers of custom templates share the item, note and tag helpers here.
 */
import type { BlockContent, Blockquote, Link, List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { plainText, sourceOf } from '../../parse/markdown.js';
import { placeInNodes } from '../../parse/node-place.js';
import { isHtmlComment } from '../../parse/html-text.js';
import type { FoundHighlight } from '../../extract/fields.js';
import { wikiOrHashTags } from '../../extract/values.js';
import { STRAY_NUMBERS, build, cutTail, normalizeSpaces, readTrailer, readwiseId, setLocation, syncTime } from './trailer.js';
import { statedField } from '../structural/head-fields.js';

const ANNOTATION = /^(Tags|Note|Summary|Transcript|Color|Goto)\s*:\s*/i;
/** A Logseq/Roam list item that holds a sync's highlights. */
const SYNC_HEADING = /^(highlights first synced by|new highlights added)\b/i;

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
    return { highlight: linkedIn(highlight, body, node), tookPrevious: true };
  }
  const content = node.type === 'blockquote' ? (node.children as Nodes[]) : [node as Nodes];
  return { highlight: linkedIn(build(content, raw).highlight, body, node), tookPrevious: false };
}

/** Where the highlight's url is written (in the body): the trailing link, the last in the nodes it was read from. */
function linkedIn(highlight: FoundHighlight, body: string, first: RootContent | Nodes, last: RootContent | Nodes = first): FoundHighlight {
  if (highlight.url !== null) highlight.urlAt = placeInNodes(body, highlight.url, first, last, true);
  return highlight;
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
    linkedIn(highlight, body, nodes[0]!, children[marker]!);
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
    return { highlights: [linkedIn(highlight, body, list)], rest: null };
  }
  if (count * 2 >= items.length) {
    // Unmarked items are highlights too (some have no location), but not a field of the work (`- Автор: X`).
    const fields = items.filter((item, index) => !marked[index] && isFieldLine(sourceOf(body, item).replace(/^[-*+]\s+/, '')));
    const highlights = items.filter((item) => !fields.includes(item)).flatMap((item) => highlightFromItem(item, body) ?? []);
    return { highlights, rest: fields.length > 0 ? { ...list, children: fields } : null };
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

/** `Author: X`, `**Quelle:** Y`, `作者:: Z`: a line that states a field of the work. */
function isFieldLine(line: string): boolean {
  return statedField(line)?.field !== undefined;
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
  linkedIn(highlight, body, content[0]!, content[content.length - 1]!);
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
        if (this.group.length > 0) this.close({ ...link, node });
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
        if (highlight.text !== '' || highlight.markdown !== '') this.highlights.push(linkedIn(highlight, this.body, node));
      }
    }
    for (const highlight of this.highlights) highlight.highlightedAt ??= this.highlightedAt;
  }

  /** Closes the group of blocks as a highlight; `link`: it ended with a blockquote holding only its link (`node`). */
  private close(link: { url: string | null; location: string | null; tags: string[]; node: Blockquote } | null): void {
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
      linkedIn(highlight, this.body, link.node);
    } else if (nodes.length > 0) {
      linkedIn(highlight, this.body, nodes[0]!, nodes[nodes.length - 1]!);
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

/** Removes a list item's content indentation from continuation lines. */
function dedent(source: string, item: ListItem): string {
  const first = item.children[0]?.position?.start.column ?? 1;
  const indent = Math.max(0, first - 1);
  if (indent === 0 || !source.includes('\n')) return source;
  const pattern = new RegExp(`^ {0,${indent}}`, 'gm');
  const [head, ...rest] = source.split('\n');
  return [head, ...rest.map((line) => line.replace(pattern, ''))].join('\n');
}
