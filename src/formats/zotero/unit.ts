/**
 * One annotation as Zotero Integration templates write it: a callout
 *
 *   > [!quote|#5fb236]+ Highlight ([page. 21](zotero://open-pdf/…?page=21&annotation=KEY))
 *   > The highlighted text ^blockid
 *   > - **the comment**
 *
 * (the link in the title or after the text; `**💬 Comment:**` lines, or a
 * `---` rule, before the comment), or a list item
 * `- <mark class="hltr-yellow">"text"</mark> [Page 5](zotero://open-pdf/…)`
 * with the comment as a sub-item. The page is the link label's (`Page 12`);
 * the link's `page=` (the physical page) only stands in for it. Pure.
 */
import type { ListItem } from 'mdast';
import { foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { wikiOrHashTags } from '../../extract/values.js';
import { plainText, sourceOf } from '../../parse/markdown.js';
import { ANNOTATION_LINK, colorOf, linkTarget, markColor, pageOfLabel, plainSnippet, unquote } from './values.js';

/** What a callout or `<mark>` line with no text of its own says about the next annotation. */
export interface Pending {
  color: string | null;
  /** The next blockquote is a highlight even without a link (`<mark>Quote</mark>` then `> text`). */
  quote: boolean;
}

export interface CalloutHeader {
  type: string;
  color: string | null;
  /** The title after `[!type]`, without the link. */
  title: string;
  /** Nothing but the title and at most a short label (`🟢 Reference`) follows. */
  onlyTitle: boolean;
}

const HEADER = /^\[!([^\]|]+)(?:\|([^\]]*))?\][+-]?[ \t]*(.*)$/;
const IMAGE_ONLY = /^(?:!\[\[[^\]\n]+\]\]|!\[[^\]\n]*\]\([^)\n]+\))$/;
const BLOCK_ID = /\s*\^[A-Za-z0-9-]+$/;
/** One annotation link (ANNOTATION_LINK is global: for `replace` and `matchAll` only). */
const ONE_LINK = new RegExp(ANNOTATION_LINK.source);

/** A blockquote's lines without their `>`. */
function quoteLines(raw: string): string[] {
  return raw.split('\n').map((line) => line.replace(/^[ \t]*>[ \t]?/, ''));
}

export function calloutHeader(raw: string): CalloutHeader | null {
  const lines = quoteLines(raw);
  const match = HEADER.exec(lines[0]!.trim());
  if (!match) return null;
  const title = match[3]!.replace(ANNOTATION_LINK, '').trim();
  const rest = lines.slice(1).map((line) => line.trim()).filter((line) => line !== '');
  return {
    type: match[1]!.trim().toLowerCase(),
    color: colorOf(match[2] ?? '') ?? markColor(match[3]!),
    title,
    onlyTitle: !ONE_LINK.test(lines[0]!) && rest.length <= 1 && (rest[0] ?? '').length <= 40 && !IMAGE_ONLY.test(rest[0] ?? ''),
  };
}

/** The first annotation link in some lines, and the lines without it (and the `(…)` or `|` around it). */
function takeLink(lines: string[]): { label: string; url: string; lines: string[] } | null {
  for (let i = 0; i < lines.length; i++) {
    const match = ONE_LINK.exec(lines[i]!);
    if (!match) continue;
    const line = lines[i]!;
    let before = line.slice(0, match.index);
    let after = line.slice(match.index + match[0].length);
    if (/\($/.test(before) && /^\)/.test(after)) {
      before = before.slice(0, -1);
      after = after.slice(1);
    }
    const out = [...lines];
    out[i] = `${before.replace(/[\s|]+$/, '')}${after.replace(/^\s+(?=\^)/, ' ')}`;
    return { label: match[1]!, url: match[2]!, lines: out };
  }
  return null;
}

/** The highlighted text as written: marks, block ids and the template's quotes removed. */
function cleanText(lines: string[]): string {
  const text = lines
    .join('\n')
    .replace(/<\/?mark\b[^>]*>/gi, '')
    .replace(BLOCK_ID, '')
    .trim();
  return unquote(text);
}

function located(highlight: FoundHighlight, link: { label: string; url: string } | null, titlePage: string | null): void {
  const target = link ? linkTarget(link.url) : null;
  const page = (link ? pageOfLabel(link.label) : null) ?? titlePage ?? target?.page ?? null;
  highlight.url = link?.url ?? null;
  highlight.id = target?.annotation ?? null;
  highlight.page = page;
  highlight.location = page === null ? null : `Page ${page}`;
}

/**
 * A blockquote that is an annotation: it holds an annotation link (or
 * follows a `<mark>` line); `null` when it is something else.
 */
export function unitHighlight(raw: string, pending: Pending | null, groupColor: string | null): FoundHighlight | null {
  let lines = quoteLines(raw);
  const header = HEADER.exec(lines[0]!.trim());
  const link = takeLink(lines);
  if (!link && !pending?.quote) return null;
  if (link) lines = link.lines;
  let titlePage: string | null = null;
  let color = pending?.color ?? null;
  if (header) {
    const title = lines[0]!.replace(HEADER, '$3');
    color = colorOf(header[2] ?? '') ?? markColor(header[3]!) ?? color;
    titlePage = pageOfLabel(title);
    lines = lines.slice(1);
  }
  color ??= lines.map(markColor).find((found) => found !== null) ?? groupColor;

  const text: string[] = [];
  const note: string[] = [];
  const tags: string[] = [];
  let inNote = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (/^%%.*%%$/.test(trimmed) || /^\^[\w-]+$/.test(trimmed)) continue;
    // `**Tags:** #a #[[b c]]` under the text (a lazy line of the quote, as templates write it).
    const tagLine = /^\*\*Tags:\*\*\s*(.*)$/i.exec(trimmed);
    if (tagLine) {
      tags.push(...[...tagLine[1]!.matchAll(/#?\[\[([^\]\n]+)\]\]|#([^\s#,[\]]+)/gu)].map((match) => (match[1] ?? match[2]!).trim()));
      inNote = false;
      continue;
    }
    const categories = /^\*\*Categories:\*\*\s*(.*)$/i.exec(trimmed);
    if (categories) {
      // `_add here your categories using tags_` is the template's placeholder; only `#tags` count.
      tags.push(...wikiOrHashTags(categories[1]!).filter((tag) => tag.startsWith('#')));
      inNote = false;
      continue;
    }
    const comment = /^\*\*(?:💬\s*)?(?:Comments?|Notes?):?\*\*:?\s*(.*)$/iu.exec(trimmed);
    if (comment) {
      inNote = true;
      if (comment[1] !== '') note.push(comment[1]!);
      continue;
    }
    if (/^-{3,}$/.test(trimmed)) {
      inNote = true;
      continue;
    }
    const bullet = /^[-*]\s+(.*)$/.exec(trimmed);
    if (bullet && !inNote && text.some((entry) => entry.trim() !== '')) {
      inNote = true;
      note.push(bullet[1]!);
      continue;
    }
    (inNote ? note : text).push(line);
  }
  return build(text, note, tags, color, link, titlePage);
}

function build(
  textLines: string[],
  noteLines: string[],
  tags: string[],
  color: string | null,
  link: { label: string; url: string } | null,
  titlePage: string | null,
): FoundHighlight {
  const markdown = cleanText(textLines);
  const image = IMAGE_ONLY.test(markdown);
  const highlight = foundHighlight(image ? '' : plainSnippet(markdown), markdown);
  located(highlight, link, titlePage);
  highlight.color = color;
  highlight.tags = tags;
  const note = noteLines
    .join('\n')
    .replace(/<br\s*\/?>\n?/gi, '\n')
    .trim();
  highlight.note = note === '' ? null : plainSnippet(note);
  return highlight;
}

/**
 * A list item that is an annotation (an annotation link or a `<mark>`), its
 * sub-items the comment; an item that is only an image is marked
 * `imageOnly` (an image annotation when its siblings are annotations).
 */
export function listItemHighlight(item: ListItem, body: string, groupColor: string | null): { highlight: FoundHighlight; imageOnly: boolean; nested: ListItem[] } | null {
  const [first, ...others] = item.children;
  if (!first || first.type !== 'paragraph') return null;
  const raw = sourceOf(body, first);
  const link = takeLink(raw.split('\n'));
  const marked = /<mark\b/i.test(raw);
  const imageOnly = IMAGE_ONLY.test(raw.trim());
  if (!link && !marked && !imageOnly) return null;
  const lines = link ? link.lines : raw.split('\n');
  // A sub-item with an annotation link of its own is an annotation (a template that nests them), not this one's comment.
  const nested: ListItem[] = [];
  const note = others.flatMap((child) => {
    if (child.type !== 'list') return [plainText([child]).replace(/^- /gm, '')];
    const comment = child.children.filter((sub) => {
      const head = sub.children[0];
      const own = head?.type === 'paragraph' && takeLink(sourceOf(body, head).split('\n')) !== null;
      if (own) nested.push(sub);
      return !own;
    });
    return comment.length === 0 ? [] : [plainText([{ ...child, children: comment }]).replace(/^- /gm, '')];
  });
  const highlight = build(lines, note, [], markColor(raw) ?? groupColor, link, null);
  return { highlight, imageOnly: imageOnly && !link, nested };
}
