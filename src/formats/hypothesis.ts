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
import type { List, ListItem, Nodes, Root, RootContent } from 'mdast';
import { readDateTime, stamp } from '../extract/datetime.js';
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../extract/fields.js';
import { frontmatterFields } from '../extract/frontmatter-fields.js';
import { titleFromFileName } from '../extract/markdown.js';
import { authorNames, decodeEntities, wikiOrHashTags } from '../extract/values.js';
import type { Messages, Position } from '../messages.js';
import { parseMarkdown, plainText, sourceOf } from '../parse/markdown.js';
import type { SourceFormat } from './format.js';
import { readMarkdown, textFields, type MarkdownDocument } from './markdown-document.js';

const FORMAT = 'hypothesis';

/** `[Updated on 2022-01-09 18:25:26](https://hyp.is/<annotation id>/<page>)`; the label is bounded so a line of `[` stays linear. */
const ANNOTATION_LINK = /\[([^\]\n]{0,200})\]\((https?:\/\/hyp\.is\/([\w-]+)(?:\/[^\s)]*)?)\)/u;
const DASHED_LINK = /—[ \t]*\[[^\]\n]{0,200}\]\(https?:\/\/hyp\.is\/[\w-]+/u;
const ITEM_LINK = /^[ \t]*[-*+][ \t][^\n]*\]\(https?:\/\/hyp\.is\/[\w-]+/mu;
const METADATA_AUTHOR = /^[ \t]*[-*+][ \t]+Author:[ \t]*\[[^\]\n]*\]\(\)/mu;
const METADATA_REFERENCE = /^[ \t]*[-*+][ \t]+Reference:[ \t]*\S/mu;
const DOC_TYPE = /^doc_type:[ \t]*['"]?hypothesis-highlights['"]?[ \t]*$/mu;
/** `sspai.com`, `fengchenpupu.zhubai.love`: the plugin's "Author" is the page's host. */
const DOMAIN = /^(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}$/u;
const ANNOTATION_KEY = /^(Tags|Annotation|Note|Group)[ \t]*:[ \t]*/iu;
const METADATA_LINE = /^([A-Za-z][\w -]*?)[ \t]*:[ \t]*([\s\S]*)$/u;

/** Category words the Metadata list may use; any other word (`#文章`) is the user's own name for the plugin's constant `#article`. */
const CATEGORIES: Record<string, string> = {
  article: 'articles', articles: 'articles', book: 'books', books: 'books', paper: 'papers', papers: 'papers',
  podcast: 'podcasts', podcasts: 'podcasts', tweet: 'tweets', tweets: 'tweets', video: 'videos', videos: 'videos',
};

export const hypothesis: SourceFormat = {
  names: [FORMAT],
  detect: (document) => isHypothesisNote(document.text),
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    const fields: Fields = parsed.tree
      ? readNote(parsed, parsed.tree, document.name, messages)
      : { ...textFields(parsed), kind: 'highlights', format: FORMAT };
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
      if (section === 'metadata') rest = rest.filter((item) => !readMetadataLine(sourceOf(body, item).replace(/^[-*+][ \t]+/u, ''), metadata));
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
        for (const line of lines) readMetadataLine(line.trim(), metadata);
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
  fields.url = stated.url ?? metadata.url ?? null;
  fields.published = stated.published ?? null;
  fields.category = stated.category ?? metadata.category ?? null;
  fields.tags = [...(stated.tags ?? []).flatMap(wikiOrHashTags), ...(metadata.tags ?? [])];
  fields.summary = stated.summary ?? null;
  fields.image = stated.image ?? null;
  fields.highlights = kept.map((entry) => entry.highlight);
  fields.extra = { ...metadata.extra, ...(front?.extra ?? {}) };
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
function readMetadataLine(line: string, metadata: Metadata): boolean {
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

interface Entry {
  highlight: FoundHighlight;
  /** The Hypothesis group, without `#`; null for the private group (the plugin writes none). */
  group: string | null;
  position: Position;
}

/** The highlights and page notes of a note, in order, with later copies of one annotation replacing earlier ones. */
class Annotations {
  private readonly entries: Entry[] = [];
  /** The highlight that `- Group:`, `- Tags:` and `- Annotation:` items after it belong to. */
  private current: Entry | null = null;

  constructor(
    private readonly body: string,
    private readonly at: (node: Nodes) => Position,
    private readonly messages: Messages,
  ) {}

  /** A block that is not a list ends the run of items that annotate the last highlight. */
  endRun(): void {
    this.current = null;
  }

  /** Takes the list's highlights and their annotation items; returns the items that are neither. */
  readList(list: List): ListItem[] {
    const rest: ListItem[] = [];
    for (const item of list.children) {
      const entry = this.highlightOf(item);
      if (entry) {
        this.entries.push(entry);
        this.current = entry;
        for (const child of item.children) if (child.type === 'list') for (const nested of child.children) this.annotate(entry, nested);
        continue;
      }
      // The current default template writes `- Group: #x` as an item of its own, with Tags and Annotation under it.
      if (this.current && this.annotate(this.current, item)) continue;
      rest.push(item);
    }
    return rest;
  }

  /**
   * A paragraph under `## Page Notes`: annotations of the whole page, no
   * quote. Each ends at its `Tags:` line or the paragraph's end; kept as a
   * highlight with no text and the annotation as its note (as Kindle notes
   * without a highlight are).
   */
  readPageNotes(paragraph: Nodes): void {
    let lines: string[] = [];
    const finish = (tags: string[]): void => {
      const note = lines.length > 0 ? plainText(parseMarkdown(lines.join('\n')).children).trim() : '';
      lines = [];
      if (note === '') return;
      const highlight = foundHighlight('', '');
      highlight.note = note;
      highlight.tags = tags;
      this.entries.push({ highlight, group: null, position: this.at(paragraph) });
    };
    for (const line of sourceOf(this.body, paragraph).split('\n')) {
      const tags = /^Tags[ \t]*:(.*)$/iu.exec(line.trim());
      if (tags) finish(wikiOrHashTags(tags[1]!));
      else lines.push(line);
    }
    finish([]);
  }

  /** The highlights in order; a copy of an annotation seen before replaces it in its place. */
  finish(): Entry[] {
    const kept: Entry[] = [];
    const byId = new Map<string, number>();
    for (const entry of this.entries) {
      const id = entry.highlight.id;
      const earlier = id === null ? undefined : byId.get(id);
      if (id === null || earlier === undefined) {
        if (id !== null) byId.set(id, kept.length);
        kept.push(entry);
        continue;
      }
      const first = kept[earlier]!;
      if (sameAnnotation(first, entry)) {
        this.messages.info('hypothesis-duplicate', `this highlight repeats the one at line ${first.position.line} (annotation ${id}; a re-sync appended it again); kept one`, entry.position);
      } else {
        this.messages.info('hypothesis-duplicate', `this highlight updates the one at line ${first.position.line} (annotation ${id}, edited since); kept this later version in its place`, entry.position);
        kept[earlier] = entry;
      }
    }
    return kept;
  }

  /** A list item whose text ends with a hyp.is link; null otherwise. */
  private highlightOf(item: ListItem): Entry | null {
    const content = item.children.filter((child) => child.type !== 'list');
    if (content.length === 0) return null;
    const head = sourceOf(this.body, content[0]!, content[content.length - 1]!);
    const link = ANNOTATION_LINK.exec(head);
    if (!link) return null;
    let markdown = head.slice(0, link.index).trimEnd();
    if (markdown.endsWith('—')) markdown = markdown.slice(0, -1).trimEnd();
    // The quote is Hypothesis's exact text, not Markdown: kept as written, its line breaks without their indentation.
    const text = markdown.split('\n').map((line) => line.trim()).join('\n').trim();
    const highlight = foundHighlight(text, markdown);
    highlight.url = link[2]!;
    highlight.id = link[3]!;
    highlight.highlightedAt = this.updatedAt(link[1]!.trim(), item);
    // After the link: ` — Group: #Public`, and perhaps an Obsidian block id (` ^5906dc`), which is no part of the highlight.
    const group = /Group:[ \t]*#?([^\s#]+)/u.exec(head.slice(link.index + link[0].length));
    return { highlight, group: group ? group[1]! : null, position: this.at(item) };
  }

  /** `Updated on 2022-01-09 18:25:26` (the user's date format): when Hypothesis last saved the annotation. */
  private updatedAt(label: string, item: ListItem): string | null {
    const date = readDateTime(label.replace(/^updated on\b/iu, ''));
    if (date) return stamp(date);
    if (/^updated\b/iu.test(label)) {
      this.messages.warn('hypothesis-date', `"${label}" holds no date ingest reads (such as "Updated on 2022-01-09 18:25:26"); highlightedAt is null`, this.at(item));
    }
    return null;
  }

  /** Applies a `Tags:`, `Annotation:` or `Group:` item to a highlight; false when the item is none of these. */
  private annotate(entry: Entry, item: ListItem): boolean {
    const source = sourceOf(this.body, item).replace(/^[-*+][ \t]+/u, '');
    const key = ANNOTATION_KEY.exec(source);
    if (!key || ANNOTATION_LINK.test(source.split('\n', 1)[0]!)) return false;
    const value = source.slice(key[0].length);
    switch (key[1]!.toLowerCase()) {
      case 'tags':
        entry.highlight.tags.push(...wikiOrHashTags(value.split('\n', 1)[0]!));
        break;
      case 'group': {
        const group = /^#?([^\s#]+)/u.exec(value.trim());
        if (group) entry.group = group[1]!;
        for (const child of item.children) if (child.type === 'list') for (const nested of child.children) this.annotate(entry, nested);
        break;
      }
      default: {
        // `- Annotation:` with the text on its line (older template) or indented under it (newer).
        const note = plainText(item.children).replace(ANNOTATION_KEY, '').trim();
        if (note !== '') entry.highlight.note = entry.highlight.note ? `${entry.highlight.note}\n\n${note}` : note;
      }
    }
    return true;
  }
}

/** The same annotation written again: same quote, date, note, tags and group. */
function sameAnnotation(a: Entry, b: Entry): boolean {
  const key = (entry: Entry): string =>
    JSON.stringify([entry.highlight.text, entry.highlight.highlightedAt, entry.highlight.note, entry.highlight.tags, entry.group]);
  return key(a) === key(b);
}
