/**
 * Notes made by the Obsidian Zotero Integration plugin
 * (obsidian-zotero-desktop-connector; `format: "zotero-integration"`).
 * Users write the templates, so no layout is fixed; what the plugin gives
 * every template is the annotation's link,
 * `[Page 12](zotero://open-pdf/library/items/KEY?page=12&annotation=KEY)`,
 * and its `%% begin annotations %%` … `%% end annotations %%` and
 * `%% Import Date: … %%` markers. An annotation is the callout, list item
 * or paragraph that holds such a link (see unit.ts); the item's
 * metadata comes from the frontmatter (`citekey`, `title`, `authors`,
 * `year`, `DOI`, `itemType`, …) or the body's fields. Pure.
 */
import type { List, Nodes, RootContent } from 'mdast';
import type { FoundHighlight } from '../../extract/fields.js';
import { plainText, sourceOf } from '../../parse/markdown.js';
import { placeInNodes } from '../../parse/node-place.js';
import type { SourceFormat } from '../format.js';
import { orLoose } from '../../extract/loose-frontmatter.js';
import { readMarkdown, textFields } from '../../extract/markdown-document.js';
import { readInlineAnnotation } from './annotation.js';
import { withoutLeadMarks } from '../../extract/lead-marks.js';
import { calloutType, headingText, metadataOfBlock, nodesText } from './blocks.js';
import { calloutHeader, listItemHighlight, unitHighlight, type Pending } from './unit.js';
import { ANNOTATION_LINK, NOTE_DATE, withoutDuplicates, addMetadata, colorOf, isSectionHeading, itemFields, markColor, titleOr, type Metadata } from './values.js';

/** `{% persist "annotations" %}` blocks and the plugin's last-import trailer. */
const PERSIST = /%% (?:begin [^%\n]+|Import Date: [^%\n]+) %%/;
const CITEKEY = /^---[ \t]*\n(?:[^\n]*\n){0,80}?citekey:/i;
/** Lines that only mark the template's structure: `%% … %%`, `^blockid`, `*Imported: 2023-11-30 14:16*`. */
const MARKER = /^(?:%%[^\n]*%%|\^[\w-]+|[*_]{0,2}Imported(?: on)?:?\s[^\n]*)$/i;

export const zoteroIntegration: SourceFormat = {
  detect: (document) => {
    const { text } = document;
    if (!text.includes('zotero://')) return false;
    let links = 0;
    for (const match of text.matchAll(ANNOTATION_LINK)) {
      // Zotero's own export labels its link `pdf`; a footnote pointing into a PDF is no annotation.
      if (match[1]!.trim().toLowerCase() === 'pdf' || /\]:[ \t]*$/.test(text.slice(Math.max(0, match.index - 8), match.index))) continue;
      links += 1;
      if (links >= 2) break;
    }
    const marked = PERSIST.test(text);
    return marked || (links >= 1 && (links >= 2 || CITEKEY.test(text)));
  },
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    if (!parsed.tree) {
      const fields = textFields(parsed, { name: document.name, kind: 'highlights', format: 'zotero-integration' });
      return { works: [{ fields, key: null, messages }] };
    }
    const body = parsed.frontmatter.body;
    const highlights: FoundHighlight[] = [];
    const textNodes: RootContent[] = [];
    const metadata: Metadata = new Map();
    const { bodyStart } = parsed.frontmatter;
    /** The block being read, and the one the Metadata's url was read from. */
    let node: RootContent | null = null;
    let urlFrom: RootContent | null = null;
    const add = (key: string, value: string): void => {
      if (key === 'url' && value !== '' && !metadata.has('url')) urlFrom = node;
      addMetadata(metadata, key, value);
    };
    let summary: string | null = null;
    let h1: string | null = null;
    /** The colour a group heading (`# Red`) gives the annotations under it. */
    let groupColor: string | null = null;
    /** A callout or `<mark>` line with no text of its own: its colour is the next annotation's. */
    let pending: Pending | null = null;
    /** A highlight read from `from` (the block, or an item of its list). */
    const found = (highlight: FoundHighlight, from: Nodes | null = node): void => {
      if (highlight.url !== null && from !== null) highlight.urlAt = placeInNodes(body, highlight.url, from, from, false, bodyStart);
      highlights.push(highlight);
      // A heading right above annotations groups them (`#### ✅ Key point`): it is no text.
      while (textNodes.length > 0 && textNodes[textNodes.length - 1]!.type === 'heading') textNodes.pop();
      pending = null;
    };

    for (node of parsed.tree.children) {
      const raw = sourceOf(body, node);
      if (node.type === 'heading') {
        const heading = headingText(node);
        pending = null;
        groupColor = isSectionHeading(heading) ? colorOf(heading) : null;
        if (isSectionHeading(heading) && /annotations?|^imported\b/i.test(heading)) continue;
        if (node.depth === 1 && h1 === null && highlights.length === 0 && !isSectionHeading(heading)) {
          h1 = heading;
          continue;
        }
        textNodes.push(node);
        continue;
      }
      if (node.type === 'paragraph') {
        const trimmed = raw.trim();
        if (MARKER.test(trimmed) || /^\*\*Imported:?[^\n]*$/.test(trimmed)) continue;
        // A template imitating Zotero's note writes its `(date)` line too: when the note was imported.
        if (NOTE_DATE.test(trimmed) && highlights.length === 0) continue;
        // remark reads no tables here: a colour legend keeps its rows, without the `<mark>` tags (its marks are no annotations).
        if (trimmed.split('\n').every((line) => line.trim().startsWith('|'))) {
          if (highlights.length === 0 && metadataOfBlock(raw, add)) continue;
          textNodes.push({ type: 'paragraph', children: [{ type: 'text', value: trimmed.replace(/<[^>\n]*>/g, '') }] });
          continue;
        }
        const inline = readInlineAnnotation(trimmed);
        if (inline) {
          inline.highlight.color ??= groupColor;
          found(inline.highlight);
          continue;
        }
        // `<mark style="background-color: #f0ff00">Quote</mark>` above a `> quote`: the quote's colour.
        if (/^<mark\b[^>]*>[^<\n]*<\/mark>$/.test(trimmed)) {
          pending = { color: markColor(trimmed), quote: true };
          continue;
        }
        if (highlights.length === 0 && metadataOfBlock(raw, add)) continue;
      }
      if (node.type === 'blockquote') {
        const header = calloutHeader(raw);
        const highlight = unitHighlight(raw, pending, groupColor);
        if (highlight) {
          found(highlight);
          continue;
        }
        if (header && header.type === 'abstract') {
          summary ??= nodesText(body, node);
          continue;
        }
        if (header && header.onlyTitle && (header.color || header.title !== '')) {
          pending = { color: header.color, quote: false };
          continue;
        }
        if (calloutType(body, node) !== null && metadataOfBlock(raw.split('\n').slice(1).join('\n'), add)) continue;
      }
      if (node.type === 'list') {
        const rest = readList(node, body, groupColor, found);
        if (rest) textNodes.push(rest);
        continue;
      }
      if (node.type === 'thematicBreak' || node.type === 'html') continue;
      textNodes.push(node);
    }
    const fields = itemFields(highlights.length > 0 ? 'highlights' : 'markdown', 'zotero-integration', orLoose(parsed.frontmatter, document.text), metadata, (url) => urlFrom && placeInNodes(body, url, urlFrom, urlFrom, false, bodyStart));
    fields.title = titleOr(fields, h1, document.name);
    fields.summary ??= summary;
    fields.highlights = withoutLeadMarks(withoutDuplicates(highlights, messages));
    fields.paragraphs = textNodes.length > 0 ? [plainText(textNodes as Nodes[])] : [];
    return { works: [{ fields, key: null, messages }] };
  },
};

/**
 * A list's annotation items are highlights (an image item among them is an
 * image annotation); the other items stay text, returned as a list.
 */
function readList(list: List, body: string, groupColor: string | null, found: (highlight: FoundHighlight, from: Nodes) => void): List | null {
  const read = list.children.map((item) => listItemHighlight(item, body, groupColor));
  const annotations = read.filter((entry) => entry !== null && !entry.imageOnly).length;
  const rest = list.children.filter((_item, index) => {
    const entry = read[index];
    if (!entry || (entry.imageOnly && annotations === 0)) return true;
    found(entry.highlight, list.children[index]!);
    for (const sub of entry.nested) readList({ ...list, children: [sub] }, body, groupColor, found);
    return false;
  });
  return rest.length === 0 ? null : { ...list, children: rest };
}
