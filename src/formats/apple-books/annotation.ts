/**
 * bandantonio's annotations: blocks of `- <emoji> Key:: value` items between
 * `----` rules, in the default template or custom ones (single colons,
 * `<small>` dates, `<mark>` colours, bold highlights). A value runs over
 * unprefixed lines until the next item. Pure.
 */
import { readDateTime, stamp } from '../../extract/datetime.js';
import { foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { decodeEntities, wikiOrHashTags } from '../../extract/values.js';
import type { Messages, Position } from '../../messages.js';

type Key = 'chapter' | 'context' | 'highlight' | 'note' | 'link' | 'created' | 'modified' | 'tags';

const KEYS: Record<string, Key> = {
  chapter: 'chapter',
  context: 'context',
  highlight: 'highlight',
  note: 'note',
  'highlight link': 'link',
  'highlight taken on': 'created',
  'highlight modified on': 'modified',
  tags: 'tags',
};

/** `- 🎯 Highlight:: …`, `- <small>📅 Highlight taken on:: …</small>`, `- 📖 Chapter: …` (single-colon custom templates). */
const ITEM = /^[-*+][ \t]+(?:<small>[ \t]*)?(?:(?:\p{Extended_Pictographic}|\u200d|\ufe0f)+[ \t]*)?([A-Za-z][A-Za-z ]*?)[ \t]*::?[ \t]?(.*)$/u;

/** The colours of the "Colored highlights" template, by the rgb() it writes for Apple's highlight styles 1–5. */
const STYLE_COLOURS: Record<string, string> = {
  '175,213,151': 'green',
  '181,205,238': 'blue',
  '249,213,108': 'yellow',
  '242,178,188': 'pink',
  '214,192,238': 'purple',
};

/** Whether a line is one of an annotation's items. */
export function isAnnotation(line: string): boolean {
  const item = ITEM.exec(line);
  return item !== null && KEYS[item[1]!.toLowerCase()] !== undefined;
}

/** Whether a line is an annotation's `Highlight::` item: what tells bandantonio's notes from atfzl's. */
export function isHighlightItem(line: string): boolean {
  return ITEM.exec(line)?.[1]!.toLowerCase() === 'highlight';
}

/** The annotations in these lines (from the first annotation or rule to the end of the note); `firstLine` is the first one's line. */
export function annotationsOf(lines: readonly string[], firstLine: number, messages: Messages): FoundHighlight[] {
  const highlights: FoundHighlight[] = [];
  let block: Item[] = [];
  const flush = (): void => {
    const highlight = annotation(block, messages);
    if (highlight) highlights.push(highlight);
    block = [];
  };
  lines.forEach((line, index) => {
    if (/^-{3,}[ \t]*$/.test(line)) {
      flush();
      return;
    }
    const item = ITEM.exec(line);
    const key = item ? KEYS[item[1]!.toLowerCase()] : undefined;
    if (item && key) {
      block.push({ key, value: [item[2]!], line: firstLine + index, column: line.length - item[2]!.length + 1 });
      return;
    }
    // A value continues on the lines after its item (a multi-line highlight or context).
    const last = block[block.length - 1];
    if (last) last.value.push(line);
  });
  flush();
  return highlights;
}

/** An item of an annotation: its lines (the first after its key), its line in the document and the column its value starts at. */
interface Item {
  key: Key;
  value: string[];
  line: number;
  column: number;
}

/** Where `text`, read from the item, is written: on the first of its lines that holds it. */
function placeIn(item: Item, text: string): Position | null {
  const index = item.value.findIndex((line) => line.includes(text));
  if (index === -1) return { line: item.line, column: item.column };
  return { line: item.line + index, column: (index === 0 ? item.column : 1) + item.value[index]!.indexOf(text) };
}

function annotation(items: readonly Item[], messages: Messages): FoundHighlight | null {
  const value = (key: Key): { text: string; line: number } | null => {
    const item = items.find((candidate) => candidate.key === key);
    if (!item) return null;
    const text = item.value.join('\n').trim().replace(/<\/small>$/u, '').trim();
    return text === '' || text === 'N/A' ? null : { text, line: item.line };
  };
  const highlighted = value('highlight');
  const note = value('note');
  if (!highlighted && !note) return null;
  const markdown = highlighted?.text ?? '';
  const { text, color } = styled(markdown);
  const highlight = foundHighlight(text, markdown);
  highlight.color = color;
  highlight.note = note ? decodeEntities(note.text) : null;
  const link = value('link');
  highlight.url = link ? (linkTarget(link.text) ?? null) : null;
  if (highlight.url !== null) highlight.urlAt = placeIn(items.find((item) => item.key === 'link')!, highlight.url);
  // Where in the book: the chapter when the note names one, else the EPUB CFI of the highlight link.
  const chapter = value('chapter');
  const cfi = highlight.url ? /#(epubcfi\(.*\))$/u.exec(highlight.url)?.[1] : undefined;
  highlight.location = chapter ? decodeEntities(chapter.text) : (cfi ?? null);
  const tags = value('tags');
  if (tags) highlight.tags = wikiOrHashTags(tags.text);
  const when = value('created') ?? value('modified');
  if (when) {
    highlight.highlightedAt = appleDate(when.text);
    if (highlight.highlightedAt === null) {
      messages.warn('invalid-date', `"${when.text}" is not a date such as 2024-03-11 03:04:53 PM -04:00; highlightedAt set to null`, { line: when.line, column: 1 });
    }
  }
  return highlight;
}

/**
 * The highlight's text without the template's wrapping, and the colour that
 * wrapping names: `<mark style="background:rgb(249,213,108)…">…</mark>`
 * (yellow), `<u>…</u>` (Apple's underline style), `**…**`. The rest is the
 * book's text: HTML-escaped when the template used `{{highlight}}`.
 */
function styled(markdown: string): { text: string; color: string | null } {
  let text = markdown;
  let color: string | null = null;
  const mark = /^<mark\b([^>]*)>([\s\S]*)<\/mark>$/u.exec(text);
  if (mark) {
    const rgb = /background(?:-color)?:\s*rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)/u.exec(mark[1]!);
    const hex = /background(?:-color)?:\s*(#[0-9a-f]{3,8})\b/iu.exec(mark[1]!);
    color = rgb ? (STYLE_COLOURS[`${rgb[1]},${rgb[2]},${rgb[3]}`] ?? `rgb(${rgb[1]},${rgb[2]},${rgb[3]})`) : (hex?.[1] ?? null);
    text = mark[2]!;
  }
  const underline = /^<u>([\s\S]*)<\/u>$/u.exec(text);
  if (underline) {
    color = 'underline';
    text = underline[1]!;
  }
  const bold = /^(\*\*|__)([\s\S]+)\1$/u.exec(text);
  if (bold) text = bold[2]!;
  text = text.replace(/<br\s*\/?>/giu, '\n');
  return { text: decodeEntities(text).trim(), color };
}

/**
 * The target of `[label](target)`, read with balanced parentheses: an EPUB
 * CFI holds `(`, `)`, `[` and `]` (`#epubcfi(/6/24[id158]!/4/4,:0,:25)`).
 */
export function linkTarget(value: string): string | undefined {
  const open = value.indexOf('](');
  if (open === -1) return /^\S+:\/\/\S+$/u.test(value) ? value : undefined;
  let depth = 0;
  for (let i = open + 1; i < value.length; i++) {
    if (value[i] === '(') depth += 1;
    else if (value[i] === ')' && --depth === 0) return value.slice(open + 2, i).trim() || undefined;
  }
  return undefined;
}

/**
 * When a highlight was made, as the template printed it: `dateFormat …
 * "YYYY-MM-DD hh:mm:ss A Z"` gives `2024-03-11 03:04:53 PM -04:00` (a
 * 12-hour clock); a raw `{{highlightCreationDate}}` prints Apple's Core
 * Data time, seconds since 2001-01-01 UTC (`743629925.898202`).
 */
export function appleDate(value: string): string | null {
  const formatted = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?[ \t]*([AaPp][Mm])?[ \t]*(Z|[+-]\d{2}:?\d{2})?$/u.exec(value);
  if (formatted) {
    let hour = Number(formatted[2]);
    const meridiem = formatted[5]?.toUpperCase();
    if (meridiem === 'PM' && hour < 12) hour += 12;
    if (meridiem === 'AM' && hour === 12) hour = 0;
    if (hour > 23) return null;
    const zone = formatted[6] === undefined ? '' : formatted[6] === 'Z' ? 'Z' : formatted[6].replace(/^([+-]\d{2}):?(\d{2})$/u, '$1:$2');
    return `${formatted[1]}T${String(hour).padStart(2, '0')}:${formatted[3]}:${formatted[4] ?? '00'}${zone}`;
  }
  if (/^\d{8,10}(?:\.\d+)?$/u.test(value)) {
    const since2001 = Date.UTC(2001, 0, 1) + Math.floor(Number(value)) * 1000;
    return `${new Date(since2001).toISOString().slice(0, 19)}Z`;
  }
  const read = readDateTime(value);
  return read ? stamp(read) : null;
}
