/**
 * Kindle's `My Clippings.txt` (`format: "kindle-clippings"`): one record per
 * book, in order of first appearance.
 *
 *   Title (Author; Other Author)
 *   - Your Highlight on page 12 | Location 170-171 | Added on Monday, March 13, 2023 10:21:33 PM
 *
 *   The text, which may span lines (empty for bookmarks).
 *   ==========
 *
 * Recognised by that shape, never by the file's name. Notes are clippings
 * of their own at the end of their highlight: they are attached to the
 * highlight whose range holds them. Kindle only appends, so an extended or
 * edited highlight appears twice: the later one is kept. Pure.
 */
import { emptyFields, foundHighlight, type FoundHighlight } from '../extract/fields.js';
import type { Messages } from '../messages.js';
import type { Document, SourceFormat, Work } from './format.js';
import { looksLikeHeader, readHeader, type Header, type Range } from './kindle-header.js';

const SEPARATOR = /^\uFEFF*={10}\s*$/u;
/** `<You have reached the clipping limit for this item>`, `<您已达到本内容的剪贴上限>`: Kindle's word in angle brackets, never a highlight. */
const CLIPPING_LIMIT = /^[<‹＜][^<>‹›＜＞\n]{6,}[>›＞]$/u;
/** The same message after text cut off at the limit: only the known wordings, so that a text ending in `<…>` stays whole. */
const TRAILING_LIMIT =
  /\s*[<‹＜]([^<>‹›＜＞\n]*(?:clipping limit|剪贴上限|剪貼上限|クリップの上限|Clipboard-Einträgen|Höchstgrenze|limite maximale|límite de|limite de|limite di|лимит)[^<>‹›＜＞\n]*)[>›＞]$/iu;

interface Clipping {
  titleLine: string;
  headerLine: string;
  /** 1-based line of the header in the document. */
  line: number;
  header: Header;
  body: string;
}

export const kindleClippings: SourceFormat = {
  names: ['kindle-clippings'],
  detect: (document) => {
    // The first clipping's header must be one we read: a title line, then `- Your Highlight … | Added on …`.
    const head = document.text.slice(0, 4096).split('\n', 40).map(withoutBom);
    const first = head.findIndex((line) => line.trim() !== '');
    if (first === -1 || first + 1 >= head.length || !looksLikeHeader(head[first + 1]!)) return false;
    const header = readHeader(head[first + 1]!.trim());
    return header.type !== null && (header.added !== null || header.location !== null || header.page !== null);
  },
  read: (document, messages) => ({ works: books(document, messages) }),
};

function books(document: Document, messages: Messages): Work[] {
  const byTitle = new Map<string, Clipping[]>();
  for (const clipping of clippings(document.text)) {
    const list = byTitle.get(clipping.titleLine) ?? [];
    list.push(clipping);
    byTitle.set(clipping.titleLine, list);
  }
  return [...byTitle].map(([titleLine, list], index) => book(titleLine, list, index === 0 ? messages : messages.fork()));
}

/**
 * Splits the text into clippings. A clipping starts with a title line and a
 * header line: after a `==========` line (or at the top), any header-shaped
 * line will do; elsewhere (files whose separators were lost) only after a
 * blank line and with a header we can read. So a `==========` inside a
 * clipping's text stays text.
 */
function clippings(text: string): Clipping[] {
  const lines = text.split('\n').map(withoutBom);
  const starts: number[] = [];
  const headers = new Map<number, Header>();
  let afterSeparator = true;
  let previousBlank = true;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      previousBlank = true;
      continue;
    }
    const next = lines[i + 1]!;
    // Each header line is read once: kept for the clipping it starts.
    const known = (): boolean => {
      if (!headers.has(i + 1)) headers.set(i + 1, readHeader(next.trim()));
      return headers.get(i + 1)!.type !== null;
    };
    if (next.trim() !== '' && looksLikeHeader(next) && ((afterSeparator && (next.includes('|') || known())) || (previousBlank && known()))) {
      starts.push(i);
      i += 1;
      afterSeparator = false;
      previousBlank = false;
      continue;
    }
    afterSeparator = SEPARATOR.test(line);
    previousBlank = false;
  }
  return starts.map((start, index) => {
    let end = index + 1 < starts.length ? starts[index + 1]! : lines.length;
    while (end > start + 2 && (lines[end - 1]!.trim() === '' || SEPARATOR.test(lines[end - 1]!))) {
      end -= 1;
      if (SEPARATOR.test(lines[end]!)) break;
    }
    const headerLine = lines[start + 1]!.trim();
    const body = lines.slice(start + 2, end).join('\n').trim();
    return { titleLine: lines[start]!.trim(), headerLine, line: start + 2, header: headers.get(start + 1) ?? readHeader(headerLine), body };
  });
}

function withoutBom(line: string): string {
  return line.replace(/^\uFEFF+/u, '');
}

/** `Title (Author)`: the author is the last parenthesised group, so titles may hold parentheses too. */
export function splitTitleLine(line: string): { title: string; authors: string[] } {
  if (!line.endsWith(')')) return { title: line, authors: [] };
  let depth = 0;
  for (let i = line.length - 1; i >= 0; i--) {
    if (line[i] === ')') depth += 1;
    else if (line[i] === '(' && --depth === 0) {
      const title = line.slice(0, i).trim();
      if (title === '') break;
      const authors = line.slice(i + 1, -1).split(';').map((name) => name.trim()).filter(Boolean);
      return { title, authors };
    }
  }
  return { title: line, authors: [] };
}

interface Entry {
  clipping: Clipping;
  highlight: FoundHighlight;
  /** Its range and whitespace-squashed text, for comparing. */
  range: Range | null;
  squashed: string;
}

function book(titleLine: string, list: Clipping[], messages: Messages): Work {
  const { title, authors } = splitTitleLine(titleLine);
  const fields = emptyFields('highlights', 'kindle-clippings');
  fields.title = title;
  fields.authors = authors;
  fields.category = 'books';
  let bookmarks = 0;
  const kept: Entry[] = [];
  const notes: Clipping[] = [];
  for (const clipping of list) {
    const at = { line: clipping.line, column: 1 };
    if (clipping.header.type === null) {
      messages.warn('kindle-header', `"${clipping.headerLine}" is not a Kindle clipping header such as "- Your Highlight on page 12 | Location 170-171 | Added on …"; its text is kept as a highlight without a date`, at);
    }
    if (clipping.header.type === 'bookmark') {
      bookmarks += 1;
      continue;
    }
    if (CLIPPING_LIMIT.test(clipping.body)) {
      messages.warn('clipping-limit', `"${title}" ${clipping.header.location?.label ?? (clipping.header.page ? `page ${clipping.header.page}` : '')}: Kindle stored "${clipping.body}" instead of the text (the publisher's clipping limit); no highlight`, at);
      continue;
    }
    if (clipping.header.type === 'note') {
      notes.push(clipping);
      continue;
    }
    let text = clipping.body;
    const cut = TRAILING_LIMIT.exec(text);
    if (cut) {
      messages.warn('clipping-limit', `"${title}" ${clipping.header.location?.label ?? ''}: the text is cut off where Kindle's clipping limit was reached ("${cut[1]}"); kept what was stored`, at);
      text = text.slice(0, cut.index).trimEnd();
    }
    const highlight = foundHighlight(text);
    highlight.location = clipping.header.location?.label ?? null;
    highlight.page = clipping.header.page;
    highlight.highlightedAt = clipping.header.type === null ? null : clipping.header.added;
    const entry: Entry = { clipping, highlight, range: rangeOf(clipping.header), squashed: squash(text) };
    // Every earlier highlight this one repeats or extends is replaced by it (two halves by the whole).
    const repeated = kept.filter((other) => sameHighlight(other, entry));
    if (repeated.length > 0) {
      messages.info(
        'kindle-duplicate',
        `this highlight repeats or extends the one${repeated.length > 1 ? 's' : ''} at line ${repeated.map((other) => other.clipping.line).join(', ')} (Kindle keeps both when a highlight is edited); kept this later one`,
        at,
      );
      for (const other of repeated) kept.splice(kept.indexOf(other), 1);
    }
    kept.push(entry);
  }
  // A highlight with no text (an image, say) is kept only to carry a note.
  const entries = attachNotes(kept, notes).filter((entry) => {
    if (entry.highlight.text !== '' || entry.highlight.note !== null) return true;
    messages.warn('empty-clipping', `a highlight in "${title}" at ${entry.clipping.header.location?.label ?? `page ${entry.clipping.header.page}`} has no text and no note; skipped`, { line: entry.clipping.line, column: 1 });
    return false;
  });
  fields.highlights = entries.map((entry) => entry.highlight);
  fields.extra = { bookmarks };
  return { fields, key: titleLine, messages };
}

/** Same book, overlapping ranges, and one text holds the other: one highlight extended or edited. */
function sameHighlight(a: Entry, b: Entry): boolean {
  if (a.squashed === '' || b.squashed === '') return false;
  if (a.range === null || b.range === null) return a.range === b.range && a.squashed === b.squashed;
  if (a.range.start > b.range.end || b.range.start > a.range.end) return false;
  return a.squashed.includes(b.squashed) || b.squashed.includes(a.squashed);
}

/** Notes go to the highlight whose range holds them (the latest such before the note); else they stand alone. */
function attachNotes(kept: Entry[], notes: Clipping[]): Entry[] {
  const alone: Entry[] = [];
  for (const note of notes) {
    const owner = ownerOf(kept, note);
    if (owner) {
      owner.highlight.note = mergeNote(owner.highlight.note, note.body);
      continue;
    }
    if (note.body === '') continue;
    const entry = foundHighlight('');
    entry.note = note.body;
    entry.location = note.header.location?.label ?? null;
    entry.page = note.header.page;
    entry.highlightedAt = note.header.added;
    alone.push({ clipping: note, highlight: entry, range: null, squashed: '' });
  }
  return [...kept, ...alone].sort((a, b) => a.clipping.line - b.clipping.line);
}

/** The latest highlight before the note whose range holds the note's start; else the first one after it. */
function ownerOf(kept: readonly Entry[], note: Clipping): Entry | undefined {
  const at = rangeOf(note.header);
  if (at === null) return undefined;
  const holds = (entry: Entry): boolean => entry.range !== null && entry.range.start <= at.start && at.start <= entry.range.end;
  for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.clipping.line < note.line && holds(kept[i]!)) return kept[i];
  return kept.find(holds);
}

/** An edited note replaces the one it extends; a different note on the same highlight is added. */
function mergeNote(current: string | null, next: string): string | null {
  if (next === '') return current;
  if (current === null || squash(next).includes(squash(current))) return next;
  if (squash(current).includes(squash(next))) return current;
  return `${current}\n\n${next}`;
}

/** The location range, else the page as a range when it is a number (PDFs have pages only). */
function rangeOf(header: Header): Range | null {
  if (header.location) return header.location;
  const pages = header.page === null ? null : /^(\d+)(?:[-–](\d+))?$/.exec(header.page);
  if (pages) return { start: Number(pages[1]), end: Number(pages[2] ?? pages[1]) };
  if (header.page === null) return null;
  const [first = '', last = first] = header.page.split(/[-–]/);
  return { start: romanValue(first), end: romanValue(last) };
}

function romanValue(text: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let total = 0;
  const letters = text.toLowerCase();
  for (let i = 0; i < letters.length; i++) {
    const value = values[letters[i]!] ?? 0;
    const next = values[letters[i + 1]!] ?? 0;
    total += value < next ? -value : value;
  }
  // Roman front matter comes before page 1: kept apart from Arabic pages.
  return -total;
}

function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
