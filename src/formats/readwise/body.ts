/**
 * The body of a Readwise export (or any Markdown note), walked block by
 * block, each block handed to the handler of the section it is in:
 *
 * - `heading`: a heading opens a section (Metadata, Highlights, Summary,
 *   Document Note, or the note's own), or is the title (the first H1);
 * - `metadataBlock`: the `## Metadata` list;
 * - `highlightsBlock`: the blocks of a Highlights section (highlights.ts);
 * - `looseBlock`: custom templates' highlights outside such a section
 *   (`text ([Location 12](…))` paragraphs, marked list items) and the
 *   notes that follow them;
 * - `sectionBlock`: Summary and Document Note text;
 * - `templateBlock`: what templates put at the top (a cover image, a
 *   callout of fields, `%% ID %%` comments, page properties, a bare URL
 *   and date);
 * - anything else is the note's text. Pure.
 */
import type { Heading, RootContent } from 'mdast';
import type { Position } from '../../messages.js';
import { plainText, sourceOf } from '../../parse/markdown.js';
import { placeInNodes } from '../../parse/node-place.js';
import { TextBlocks } from '../../parse/text-blocks.js';
import type { FoundHighlight } from '../../extract/fields.js';
import { HighlightSection, annotateWith, looseHighlight, readLooseList, splitAtMarkers } from './highlights.js';
import { syncTime } from './trailer.js';
import { calloutLines, readMetadata, type Metadata } from './metadata.js';

type Section = 'top' | 'metadata' | 'highlights' | 'summary' | 'note' | 'other';

/** What the walk found; markdown.ts turns it, with the frontmatter, into fields. */
export class ReadwiseBody {
  readonly metadata: Metadata = { keys: 0 };
  readonly highlights: FoundHighlight[] = [];
  /** The note's text: made plain text as the walk goes, unless the walk is given the whole tree. */
  readonly textNodes: TextBlocks;
  readonly summaryNodes: RootContent[] = [];
  readonly noteNodes: RootContent[] = [];
  image: string | null = null;
  bodyUrl: string | undefined;
  headingUrl: string | undefined;
  /** Where `bodyUrl` and `headingUrl` are written, in the body. */
  bodyUrlAt: Position | null = null;
  headingUrlAt: Position | null = null;
  bodyDate: string | undefined;
  h1: string | null = null;
  /** Evidence of a highlights export: a highlight with a link or location, a cover, a loose highlight. */
  readwiseShape = false;
  /** readwise-mirror's template: a `# About` list and a `%% ID: … %%` comment. */
  mirrored = false;
  /** Logseq's page properties (`author:: [[A]]`). */
  logseq = false;
  private section: Section = 'top';
  private sectionDepth = 0;
  private reader: HighlightSection | null = null;
  private lastLoose: FoundHighlight | null = null;

  /** `whole`: the walk is given the blocks of a whole tree, and keeps them (see TextBlocks). */
  constructor(
    private readonly body: string,
    whole = true,
  ) {
    this.textNodes = new TextBlocks(!whole, 'text');
  }

  /** Reads every top-level block, then closes the last section. */
  walk(nodes: Iterable<RootContent>): this {
    for (const node of nodes) this.add(node);
    this.endSection();
    if (this.textNodes.last()?.type === 'heading') this.textNodes.pop();
    return this;
  }

  private add(node: RootContent): void {
    if (node.type === 'heading') return this.heading(node);
    if (this.section === 'metadata') return readMetadata(node, this.body, this.metadata);
    if (this.section === 'highlights') return this.reader!.add(node);
    if (this.looseBlock(node)) return;
    this.lastLoose = null;
    if (this.sectionBlock(node)) return;
    if (this.templateBlock(node)) return;
    this.textNodes.push(node);
  }

  private heading(node: Heading): void {
    // Chapter headings inside a Highlights section do not end it.
    if (this.section === 'highlights' && node.depth > this.sectionDepth) return;
    const heading = headingText(node);
    const role = sectionOf(heading);
    if (role === 'other' && node.depth === 1 && this.h1 === null && this.section === 'top') {
      this.h1 = heading;
      // `# [The World's Deadliest Thing](https://…)`: the link's text is the title, its target the URL.
      const only = node.children.length === 1 ? node.children[0]! : null;
      if (only?.type === 'link') {
        this.headingUrl = only.url;
        this.headingUrlAt = placeInNodes(this.body, only.url, only);
      }
      return;
    }
    this.endSection();
    this.section = role;
    this.sectionDepth = node.depth;
    if (role === 'highlights') this.reader = new HighlightSection(this.body, syncTime(heading));
    if (role === 'metadata' && /^about$/i.test(heading)) this.mirrored = true;
    // A heading whose section turned out empty (a Full Document link only) is no text.
    if (this.textNodes.last()?.type === 'heading') this.textNodes.pop();
    if (role === 'other') this.textNodes.push(node);
  }

  private endSection(): void {
    const reader = this.reader;
    if (!reader) return;
    reader.finish();
    this.highlights.push(...reader.highlights);
    if (reader.highlights.some((highlight) => highlight.url || highlight.location)) this.readwiseShape = true;
    this.textNodes.push(...reader.leftover);
    this.reader = null;
  }

  /** Custom templates' highlights outside a Highlights section, and the notes under them. */
  private looseBlock(node: RootContent): boolean {
    const body = this.body;
    const split = node.type === 'paragraph' ? splitAtMarkers(node, body) : null;
    if (split) {
      this.highlights.push(...split.highlights);
      this.readwiseShape = true;
      this.lastLoose = null;
      if (split.rest) this.textNodes.push(split.rest);
      return true;
    }
    const loose = looseHighlight(node, body, this.textNodes.last());
    if (loose) {
      if (loose.tookPrevious) this.textNodes.pop();
      this.highlights.push(loose.highlight);
      this.lastLoose = loose.highlight;
      this.readwiseShape = true;
      return true;
    }
    // Custom templates put highlight lists under the title or under a Summary.
    if (node.type === 'list') {
      const { highlights, rest } = readLooseList(node, body);
      if (highlights.length > 0) {
        this.highlights.push(...highlights);
        // Items marked by a block id alone (`- idea ^abc123`) may be anyone's: evidence only with a place.
        if (highlights.some((highlight) => highlight.url || highlight.location)) this.readwiseShape = true;
        if (rest) this.textNodes.push(rest);
        return true;
      }
    }
    return this.lastLoose !== null && annotateWith(this.lastLoose, node, body);
  }

  /** The text of a Summary or Document Note section. */
  private sectionBlock(node: RootContent): boolean {
    if (this.section === 'summary') this.summaryNodes.push(node);
    else if (this.section === 'note') this.noteNodes.push(node);
    else return false;
    return true;
  }

  /** What templates write at the top of a note besides its text. */
  private templateBlock(node: RootContent): boolean {
    const body = this.body;
    const cover = coverImage(node);
    if (cover !== null) {
      this.image = cover;
      this.readwiseShape = true;
      return true;
    }
    if (node.type === 'blockquote' && calloutLines(sourceOf(body, node)).length > 0) {
      // Custom templates: `> [!note]- Readwise Information` with `> Author:: [[A]]` fields.
      readMetadata(node, body, this.metadata);
      return true;
    }
    if (isComment(node, body)) {
      if (/^%%\s*ID:\s*\d+\s*%%$/.test(sourceOf(body, node).trim())) this.mirrored = true;
      return true;
    }
    if (isFullDocumentLink(node, body)) return true;
    if (this.section === 'top' && node.type === 'paragraph' && /^[\w-]+::/.test(sourceOf(body, node))) {
      // Logseq/Roam page properties: `author:: [[A]]`.
      readMetadata(node, body, this.metadata);
      this.logseq = true;
      return true;
    }
    if (this.section === 'top' && node.type === 'paragraph') {
      // A bare source URL and date under the title (custom templates).
      const lines = sourceOf(body, node).split('\n').map((line) => line.trim());
      const urls = lines.filter((line) => /^https?:\/\/\S+$/.test(line));
      const dates = lines.filter((line) => /^\d{4}-\d{2}-\d{2}$/.test(line));
      if (urls.length + dates.length === lines.length && urls.length <= 1 && dates.length <= 1) {
        if (this.bodyUrl === undefined && urls[0] !== undefined) {
          this.bodyUrl = urls[0];
          this.bodyUrlAt = placeInNodes(body, urls[0], node);
        }
        this.bodyDate ??= dates[0];
        return true;
      }
    }
    return false;
  }
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

function coverImage(node: RootContent): string | null {
  if (node.type !== 'paragraph' || node.children.length !== 1) return null;
  const image = node.children[0]!;
  return image.type === 'image' && image.alt === 'rw-book-cover' ? image.url : null;
}

/** `[[Full Document Contents/…|See full document content →]]` points elsewhere; it is not text. */
function isFullDocumentLink(node: RootContent, body: string): boolean {
  return node.type === 'paragraph' && /^\[\[Full Document Contents\/[^\]]*\]\]$/.test(sourceOf(body, node).trim());
}
