/**
 * Zotero's own notes (`format: "zotero"`): the "Annotations" note that
 * Zotero 6/7 makes from a PDF's annotations ("Add Note from Annotations"),
 * as Markdown (Zotero's export, copy-paste) or as the note's HTML (Better
 * Notes' sync keeps it, with each annotation's colour); and other notes
 * Better Notes syncs (`$itemKey:` frontmatter). One annotation is one
 * paragraph (see zotero-annotation.ts); the `# Annotations` heading and its
 * `(date)` line (when the note was made) are no title, text or highlight
 * date. Pure.
 */
import type { Nodes, RootContent } from 'mdast';
import type { FoundHighlight } from '../../extract/fields.js';
import { positionAt } from '../../messages.js';
import { placeInNodes } from '../../parse/node-place.js';
import { plainText } from '../../parse/markdown.js';
import type { SourceFormat } from '../format.js';
import { orLoose } from '../../extract/loose-frontmatter.js';
import { readMarkdown, textFields } from '../../extract/markdown-document.js';
import { citedAuthors, readHtmlAnnotation, readInlineAnnotation, type Citation } from './annotation.js';
import { calloutType, groupBlocks, headingText, metadataOfBlock, nodesText } from './blocks.js';
import { NOTE_DATE, addMetadata, withoutDuplicates, isSectionHeading, itemFields, titleOr, type Metadata } from './values.js';

const ITEM = String.raw`zotero://select/(?:library|groups/\d+)/items/[0-9A-Z]{8}`;
/** `“…” ([Author, 2021, p. 12](zotero://select/…))` or `“…” ([pdf](zotero://open-pdf/…))`: Zotero's exported annotation. */
const EXPORTED_QUOTE = new RegExp(String.raw`” \(\[(?:[^\]\n]+\]\(${ITEM}|pdf\]\(zotero://open-pdf/)`);
/** A note annotation: a paragraph that starts with its citation. */
const EXPORTED_NOTE = new RegExp(String.raw`^\(\[[^\]\n]+\]\(${ITEM}\)\) \S`, 'm');
const HTML_ANNOTATION = /<span class="(?:highlight|citation)" data-(?:annotation|citation)="%7B/;
/** Better Notes' frontmatter: keys no other exporter writes. */
const BETTER_NOTES = /^---[ \t]*\n(?:[^\n]*\n){0,40}?\$(?:itemKey|libraryID):/;

export const zotero: SourceFormat = {
  detect: (document) => {
    const { text } = document;
    if (!text.includes('zotero://') && !text.includes('$itemKey') && !text.includes('data-annotation=')) return false;
    return BETTER_NOTES.test(text) || HTML_ANNOTATION.test(text) || EXPORTED_QUOTE.test(text) || EXPORTED_NOTE.test(text);
  },
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    if (!parsed.tree) {
      const fields = textFields(parsed, { name: document.name, kind: 'highlights', format: 'zotero' });
      return { works: [{ fields, key: null, messages }] };
    }
    const body = parsed.frontmatter.body;
    const highlights: FoundHighlight[] = [];
    const citations: Citation[] = [];
    const textNodes: RootContent[] = [];
    const metadata: Metadata = new Map();
    const { bodyStart } = parsed.frontmatter;
    /** The block the Metadata's url was read from. */
    let urlFrom: { first: RootContent; last: RootContent } | null = null;
    let summary: string | null = null;
    let h1: string | null = null;
    let afterAnnotationsHeading = false;
    for (const block of groupBlocks(body, parsed.tree.children)) {
      const first = block.nodes[0]!;
      if (first.type === 'heading') {
        const heading = headingText(first);
        // The `# Annotations (date)` heading names Zotero's note; other sections (`# Notes`) are the user's text.
        afterAnnotationsHeading = isSectionHeading(heading) && /annotations?/i.test(heading);
        if (afterAnnotationsHeading) continue;
        if (first.depth === 1 && h1 === null && highlights.length === 0 && !isSectionHeading(heading)) {
          h1 = heading;
          continue;
        }
        textNodes.push(first);
        continue;
      }
      const lines = block.raw.split('\n');
      // Zotero's export puts the `(date)` line right under the heading, sometimes in one block with it.
      if (afterAnnotationsHeading && NOTE_DATE.test(lines[0]!.trim())) {
        afterAnnotationsHeading = false;
        if (lines.length === 1) continue;
      }
      afterAnnotationsHeading = false;
      const html = readHtmlAnnotation(block.raw);
      const read = html ?? readInlineAnnotation(block.raw);
      if (read) {
        if (html?.invalid) {
          messages.warn('zotero-annotation-data', 'the annotation\'s data-annotation attribute is not URL-encoded JSON; its colour and page label are lost', positionOf(parsed.frontmatter.bodyStart, body, block.start));
        }
        if (read.highlight.url !== null) read.highlight.urlAt = placeInNodes(body, read.highlight.url, first, block.nodes[block.nodes.length - 1], false, bodyStart);
        highlights.push(read.highlight);
        if (read.citation) citations.push(read.citation);
        continue;
      }
      const callout = first.type === 'blockquote' ? calloutType(body, first) : null;
      if (callout === 'abstract' && first.type === 'blockquote' && block.nodes.length === 1) {
        summary ??= nodesText(body, first);
        continue;
      }
      if (highlights.length === 0 && first.type === 'paragraph' && metadataOfBlock(block.raw, (key, value) => {
          if (key === 'url' && value !== '' && !metadata.has('url')) urlFrom = { first, last: block.nodes[block.nodes.length - 1]! };
          addMetadata(metadata, key, value);
        })) continue;
      textNodes.push(...block.nodes);
    }
    const fields = itemFields(highlights.length > 0 ? 'highlights' : 'markdown', 'zotero', orLoose(parsed.frontmatter, document.text), metadata, (url) => urlFrom && placeInNodes(body, url, urlFrom.first, urlFrom.last, false, bodyStart));
    // A note that names its item nowhere else still names the authors in every citation.
    const cited = citations.map((citation) => citedAuthors(citation.label)).find((found) => found.authors.length > 0);
    if (fields.authors.length === 0 && cited) fields.authors = cited.authors;
    if (cited?.year && fields.published === null && !('year' in fields.extra)) fields.extra['year'] = cited.year;
    fields.title = titleOr(fields, h1, document.name);
    fields.summary ??= summary;
    fields.highlights = withoutDuplicates(highlights, messages);
    fields.paragraphs = textNodes.length > 0 ? [plainText(textNodes as Nodes[])] : [];
    return { works: [{ fields, key: null, messages }] };
  },
};

function positionOf(bodyStart: { line: number; column: number }, body: string, offset: number): { line: number; column: number } {
  const at = positionAt(body, offset);
  return { line: bodyStart.line + at.line - 1, column: at.line === 1 ? bodyStart.column + at.column - 1 : at.column };
}
