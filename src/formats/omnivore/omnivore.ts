/**
 * Omnivore's Obsidian plugin (omnivore-app/obsidian-omnivore), default and
 * custom templates, `format: "omnivore"`: one note per saved article.
 *
 *   ---
 *   id: 86b8042b-…
 *   title: …
 *   author: …
 *   tags: [label]
 *   date_saved: 2023-02-20 09:35:11
 *   date_published: 2021-10-13 08:00:00
 *   ---
 *   # Title
 *   #Omnivore
 *
 *   [Read on Omnivore](https://omnivore.app/me/slug-1866c75e75c)
 *   [Read Original](https://blog.example.com/post)
 *
 *   ## Highlights
 *
 *   > The quote [⤴️](https://omnivore.app/me/slug-1866c75e75c#<highlight id>)  #label ^8bc5bbed
 *
 *   the user's note
 *
 * Recognised by its links to `omnivore.app/me/…`: a highlight's (with a
 * `#id` fragment) or the Read on Omnivore link. Only a quote ending in a
 * highlight link is a highlight: the article's own quotes and lists, which
 * templates with `{{{content}}}` add, are text. Pure.
 */
import type { Blockquote, List, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { emptyFields, firstStated, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { frontmatterFields, firstString, urlPlace } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { authorNames, decodeEntities } from '../../extract/values.js';
import { mapPosition, type Position } from '../../messages.js';
import { parseMarkdown, plainText, sourceOf } from '../../parse/markdown.js';
import { placeInNodes } from '../../parse/node-place.js';
import type { SourceFormat } from '../format.js';
import { readMarkdown, textFields, type MarkdownDocument } from '../../extract/markdown-document.js';

const FORMAT = 'omnivore';

/** `[⤴️](https://omnivore.app/me/<slug>#<highlight id>)`: the link that ends a highlight (the label is bounded so a line of `[` stays linear). */
const HIGHLIGHT_LINK = /\[([^\]\n]{0,200})\]\((https:\/\/omnivore\.app\/me\/[^\s)#]+#([^\s)]+))\)/u;
const HIGHLIGHT_LINKS = new RegExp(HIGHLIGHT_LINK.source, 'gu');
const READ_ON_OMNIVORE = /\[Read on Omnivore\]\(https:\/\/omnivore\.app\/me\/[^\s)]+\)/u;
/** The template's link lines; custom templates put them in a list. */
const READ_LINK_LABEL = /^(Read on Omnivore|Read Original)$/u;
/** `<mark class="omni omni-red">` (Omnivore) or `<mark class="hltr-red">` (Highlightr): the highlight's colour. */
const MARK_COLOR = /<mark\b[^>]*\bclass="(?:[^"]*\s)?[\w]+-([a-z]+)"/iu;

export const omnivore: SourceFormat = {
  detect: (document) => isOmnivoreNote(document.text),
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    const fields: Fields = parsed.tree ? readNote(parsed, parsed.tree, document.name) : textFields(parsed, { name: document.name, kind: 'highlights', format: FORMAT });
    return { works: [{ fields, key: null, messages }] };
  },
};


export function isOmnivoreNote(text: string): boolean {
  if (!text.includes('](https://omnivore.app/me/')) return false;
  return READ_ON_OMNIVORE.test(text) || HIGHLIGHT_LINK.test(text);
}

function readNote(parsed: MarkdownDocument, tree: Root, fileName: string): Fields {
  const { frontmatter } = parsed;
  const body = frontmatter.body;
  const fields = emptyFields('highlights', FORMAT);
  const textNodes: RootContent[] = [];
  const bodyTags: string[] = [];
  let h1: string | null = null;
  let originalUrl: string | null = null;
  /** Where it is written, in the body. */
  let originalAt: Position | null = null;
  let omnivoreUrl: string | null = null;
  /** Before the article's own text: where the template's `#Omnivore` line and links are. */
  let top = true;
  /** The depth of the `## Highlights` heading while inside its section. */
  let highlightsDepth: number | null = null;
  /** The highlight that plain paragraphs after it annotate (inside the Highlights section). */
  let last: FoundHighlight | null = null;

  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = plainText(node.children).replace(/\s+/g, ' ').trim();
      if (/^highlights:?$/iu.test(heading)) {
        highlightsDepth = node.depth;
        last = null;
        continue;
      }
      if (highlightsDepth !== null && node.depth <= highlightsDepth) highlightsDepth = null;
      last = null;
      if (node.depth === 1 && h1 === null && top) {
        h1 = heading;
        continue;
      }
      top = false;
      textNodes.push(node);
      continue;
    }
    if (node.type === 'blockquote') {
      const found = quoteHighlights(node, body);
      if (found.length > 0) {
        fields.highlights.push(...found);
        last = highlightsDepth === null ? null : found[found.length - 1]!;
        top = false;
        continue;
      }
    }
    if (top && node.type === 'paragraph' && isTagLine(node, body)) {
      bodyTags.push(...(sourceOf(body, node).match(/(?<!\[)#[^\s#[\]]+/gu) ?? []));
      continue;
    }
    const links = readLinks(node, body);
    if (links) {
      if (originalUrl === null) [originalUrl, originalAt] = [links.original, links.originalAt];
      omnivoreUrl ??= links.omnivore;
      continue;
    }
    if (last) {
      // The default template writes a highlight's note as plain paragraphs after it (or a `> note` quote).
      const note = plainText(node.type === 'blockquote' ? (node.children as Nodes[]) : [node as Nodes]).trim();
      if (note !== '') last.note = last.note ? `${last.note}\n\n${note}` : note;
      continue;
    }
    top = false;
    textNodes.push(node);
  }

  const front = frontmatter.data ? frontmatterFields(frontmatter.data) : null;
  const stated = front?.fields ?? {};
  const extra: Record<string, unknown> = { ...(front?.extra ?? {}) };
  fields.title = stated.title ?? (h1 === null ? null : decodeEntities(h1)) ?? stated.alias ?? titleFromFileName(fileName);
  // Omnivore writes `unknown` when the page names no author.
  fields.authors = (stated.authors ?? []).flatMap(authorNames).filter((name) => name.toLowerCase() !== 'unknown');
  const url = firstStated([stated.url, () => urlPlace(frontmatter, front)], [originalUrl, () => originalAt && mapPosition(frontmatter.bodyStart, originalAt)]);
  fields.url = url.value;
  fields.at = { url: url.at, extra: frontmatter.keyAt };
  fields.site = takeString(extra, 'site_name') ?? takeString(extra, 'site');
  fields.published = stated.published ?? null;
  fields.category = stated.category ?? null;
  fields.tags = [...(stated.tags ?? []), ...bodyTags];
  fields.summary = stated.summary ?? null;
  fields.image = stated.image ?? null;
  if (omnivoreUrl !== null && extra['omnivore_url'] === undefined) extra['omnivore_url'] = omnivoreUrl;
  fields.extra = extra;
  fields.paragraphs = textNodes.length > 0 ? [plainText(textNodes as Nodes[])] : [];
  return fields;
}

/** A frontmatter string that the record has a field for: taken out of `extra`. */
function takeString(extra: Record<string, unknown>, key: string): string | null {
  const value = firstString(extra[key]);
  if (value !== null) delete extra[key];
  return value;
}

/** `#Omnivore` (or `[[Omnivore]]`) under the title: the template's tag line. Only hashtags are tags; the wikilink is a link. */
function isTagLine(paragraph: Paragraph, body: string): boolean {
  const source = sourceOf(body, paragraph).trim();
  return /^(?:(?:#[^\s#]+|\[\[[^\]]+\]\])[ \t]*)+$/u.test(source);
}

/** A paragraph or list of nothing but `[Read on Omnivore](…)` and `[Read Original](…)` links. */
function readLinks(node: RootContent, body: string): { original: string | null; originalAt: Position | null; omnivore: string | null } | null {
  const paragraphs: Paragraph[] =
    node.type === 'paragraph'
      ? [node]
      : node.type === 'list'
        ? (node as List).children.flatMap((item) => (item.children.length === 1 && item.children[0]!.type === 'paragraph' ? [item.children[0]] : []))
        : [];
  if (paragraphs.length === 0 || (node.type === 'list' && paragraphs.length !== (node as List).children.length)) return null;
  const found = { original: null as string | null, originalAt: null as Position | null, omnivore: null as string | null };
  for (const paragraph of paragraphs) {
    for (const child of paragraph.children) {
      if (child.type === 'break' || (child.type === 'text' && child.value.trim() === '')) continue;
      if (child.type !== 'link') return null;
      const label = plainText(child.children).trim();
      if (!READ_LINK_LABEL.test(label)) return null;
      if (label === 'Read Original') {
        found.originalAt ??= placeInNodes(body, child.url, child);
        found.original ??= child.url;
      } else found.omnivore ??= child.url;
    }
  }
  return found.original !== null || found.omnivore !== null ? found : null;
}

/**
 * The highlights of one quote: each ends at a highlight link, followed on its
 * line by ` #label` tags and a `^block-id`. What the quote holds after the
 * last link is that highlight's note. No link, no highlight.
 */
function quoteHighlights(quote: Blockquote, body: string): FoundHighlight[] {
  const source = sourceOf(body, quote);
  if (!source.includes('](https://omnivore.app/me/')) return [];
  const markdown = source.replace(/^[ \t]*> ?/gmu, '');
  const highlights: FoundHighlight[] = [];
  let start = 0;
  for (const link of markdown.matchAll(HIGHLIGHT_LINKS)) {
    const piece = markdown.slice(start, link.index).trim();
    const lineEnd = markdown.indexOf('\n', link.index + link[0].length);
    const after = markdown.slice(link.index + link[0].length, lineEnd === -1 ? markdown.length : lineEnd);
    start = lineEnd === -1 ? markdown.length : lineEnd + 1;
    const highlight = foundHighlight(blockText(parseMarkdown(piece).children), piece);
    highlight.url = link[2]!;
    highlight.id = link[3]!;
    highlight.color = MARK_COLOR.exec(piece)?.[1] ?? null;
    const words = after.trim().split(/\s+/u).filter(Boolean);
    highlight.tags = words.filter((word) => word.startsWith('#') && word.length > 1);
    // Anything else on the line but the block id (`^8bc5bbed`) is the user's own: kept as the note.
    const rest = words.filter((word) => !word.startsWith('#') && !/^\^[\w-]+$/u.test(word)).join(' ');
    if (rest !== '') highlight.note = rest;
    highlights.push(highlight);
  }
  const tail = markdown.slice(start).trim();
  const lastHighlight = highlights[highlights.length - 1];
  if (lastHighlight && tail !== '') {
    const note = plainText(parseMarkdown(tail).children).trim();
    if (note !== '') lastHighlight.note = lastHighlight.note ? `${lastHighlight.note}\n\n${note}` : note;
  }
  return highlights;
}

/**
 * A highlight's plain text: markup removed, blocks apart by a blank line,
 * list items one per line. Bullets are markup and go; an ordered list's
 * numbers are the author's and stay; inline HTML goes. Recursion follows container nesting,
 * which the parse guard caps.
 */
function blockText(nodes: readonly RootContent[]): string {
  const blocks: string[] = [];
  for (const node of nodes) {
    if (node.type === 'list') {
      const first = node.start ?? 1;
      blocks.push(node.children.map((item, index) => `${node.ordered ? `${first + index}. ` : ''}${blockText(item.children)}`).join('\n'));
    } else if (node.type === 'blockquote') {
      blocks.push(blockText(node.children));
    } else if (node.type === 'paragraph' || node.type === 'heading') {
      // Inline HTML (the colour option's `<mark>`s) is markup; plainText would set it apart as a block.
      const text = plainText(node.children.filter((child) => child.type !== 'html'));
      blocks.push(text.split('\n').map((line) => line.trim()).join('\n'));
    } else {
      blocks.push(plainText([node as Nodes]));
    }
  }
  return blocks.filter((block) => block.trim() !== '').join('\n\n');
}
