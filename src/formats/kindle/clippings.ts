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
import { emptyFields, foundHighlight } from '../../extract/fields.js';
import type { Messages } from '../../messages.js';
import { LineSplitter, type Line } from '../../input/text-chunks.js';
import type { SourceFormat, Document, RecordOptions, Streamed, Work } from '../format.js';
import { KeptHighlights, rangeOf, squash, type Entry } from './kept.js';
import { looksLikeHeader, readHeader } from './header.js';
import { ClippingSplitter, withoutBom, type Clipping } from './splitter.js';

/** `<You have reached the clipping limit for this item>`, `<您已达到本内容的剪贴上限>`: Kindle's word in angle brackets, never a highlight. */
const CLIPPING_LIMIT = /^[<‹＜][^<>‹›＜＞\n]{6,}[>›＞]$/u;
/** The same message after text cut off at the limit: only the known wordings, so that a text ending in `<…>` stays whole. */
const TRAILING_LIMIT =
  /\s*[<‹＜]([^<>‹›＜＞\n]*(?:clipping limit|剪贴上限|剪貼上限|クリップの上限|Clipboard-Einträgen|Höchstgrenze|limite maximale|límite de|limite de|limite di|лимит)[^<>‹›＜＞\n]*)[>›＞]$/iu;

export const kindleClippings: SourceFormat = {
  detect: (document) => {
    // The first clipping's header must be one we read: a title line, then `- Your Highlight … | Added on …`.
    const head = document.text.slice(0, 4096).split('\n', 40).map(withoutBom);
    const first = head.findIndex((line) => line.trim() !== '');
    if (first === -1 || first + 1 >= head.length || !looksLikeHeader(head[first + 1]!)) return false;
    const header = readHeader(head[first + 1]!.trim());
    return header.type !== null && (header.added !== null || header.location !== null || header.page !== null);
  },
  read: (document, messages) => ({ works: books(document, messages) }),
  records: (text, messages, { maxRecord, emit }) => streamBooks(text, messages, maxRecord, emit),
};

function books(document: Document, messages: Messages): Work[] {
  const shelf = new Shelf(messages);
  const splitter = new ClippingSplitter((clipping) => shelf.add(clipping), Infinity);
  for (const line of document.text.split('\n')) splitter.push(line, false);
  splitter.end();
  return shelf.works();
}

/**
 * The same books for a file read as a stream of text pieces: each clipping
 * goes to its book as soon as the next one starts, so only one clipping's
 * lines are held. A clipping longer than `maxRecord` characters is dropped
 * with an error; the rest of the file is read.
 */
async function streamBooks(text: AsyncIterable<string>, messages: Messages, maxRecord: number, emit: RecordOptions['emit']): Promise<Streamed> {
  const shelf = new Shelf(messages);
  const splitter = new ClippingSplitter((clipping) => shelf.add(clipping), maxRecord);
  const lines = new LineSplitter(maxRecord);
  const push = (line: Line): void => splitter.push(line.text, line.long);
  for await (const piece of text) lines.write(piece, push);
  lines.end(push);
  splitter.end();
  for (const work of shelf.finish()) await emit(work);
  return { ok: true };
}

/** The books of a file by title line, in order of first appearance; the first takes the file's messages. */
class Shelf {
  private readonly books = new Map<string, Book>();

  constructor(private readonly messages: Messages) {}

  add(clipping: Clipping): void {
    let book = this.books.get(clipping.titleLine);
    if (!book) {
      book = new Book(clipping.titleLine, this.books.size === 0 ? this.messages : this.messages.fork());
      this.books.set(clipping.titleLine, book);
    }
    book.add(clipping);
  }

  works(): Work[] {
    return [...this.finish()];
  }

  /** Each book's work; a book finished is let go (its clippings are in its work now). */
  *finish(): Generator<Work> {
    for (const [titleLine, book] of this.books) {
      this.books.delete(titleLine);
      yield book.finish();
    }
  }
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

/** One book's clippings, read as they come: bookmarks counted, notes kept for the end, repeated highlights replaced. */
class Book {
  private readonly title: string;
  private readonly fields = emptyFields('highlights', 'kindle-clippings');
  private bookmarks = 0;
  private readonly kept = new KeptHighlights<Clipping>();
  private readonly notes: Clipping[] = [];

  constructor(
    private readonly titleLine: string,
    private readonly messages: Messages,
  ) {
    const { title, authors } = splitTitleLine(titleLine);
    this.title = title;
    this.fields.title = title;
    this.fields.authors = authors;
    this.fields.category = 'books';
  }

  add(clipping: Clipping): void {
    const { messages, title, kept } = this;
    const at = { line: clipping.line, column: 1 };
    if (clipping.tooLong !== undefined) {
      messages.error('too-large', `a clipping of "${title}" is more than --max-bytes ${clipping.tooLong} characters long; skipped (a Kindle clipping is at most a few pages: is this part of the file damaged?)`, at);
      return;
    }
    if (clipping.header.type === null) {
      messages.warn('kindle-header', `"${clipping.headerLine}" is not a Kindle clipping header such as "- Your Highlight on page 12 | Location 170-171 | Added on …"; its text is kept as a highlight without a date`, at);
    }
    if (clipping.header.type === 'bookmark') {
      this.bookmarks += 1;
      return;
    }
    if (CLIPPING_LIMIT.test(clipping.body)) {
      messages.warn('clipping-limit', `"${title}" ${clipping.header.location?.label ?? (clipping.header.page ? `page ${clipping.header.page}` : '')}: Kindle stored "${clipping.body}" instead of the text (the publisher's clipping limit); no highlight`, at);
      return;
    }
    if (clipping.header.type === 'note') {
      this.notes.push(clipping);
      return;
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
    const entry: Entry<Clipping> = { clipping, highlight, range: rangeOf(clipping.header), blank: text.trim() === '' };
    // Every earlier highlight this one repeats or extends is replaced by it (two halves by the whole).
    const repeated = kept.repeatedBy(entry);
    if (repeated.length > 0) {
      messages.info(
        'kindle-duplicate',
        `this highlight repeats or extends the one${repeated.length > 1 ? 's' : ''} at line ${repeated.map((other) => other.clipping.line).join(', ')} (Kindle keeps both when a highlight is edited); kept this later one`,
        at,
      );
      for (const other of repeated) kept.remove(other);
    }
    kept.add(entry);
  }

  finish(): Work {
    const { messages, title, fields } = this;
    // A highlight with no text (an image, say) is kept only to carry a note.
    const entries = attachNotes(this.kept, this.notes).filter((entry) => {
      if (entry.highlight.text !== '' || entry.highlight.note !== null) return true;
      messages.warn('empty-clipping', `a highlight in "${title}" at ${entry.clipping.header.location?.label ?? `page ${entry.clipping.header.page}`} has no text and no note; skipped`, { line: entry.clipping.line, column: 1 });
      return false;
    });
    fields.highlights = entries.map((entry) => entry.highlight);
    fields.extra = { bookmarks: this.bookmarks };
    return { fields, key: this.titleLine, messages };
  }
}

/** Notes go to the highlight whose range holds them (the latest such before the note); else they stand alone. */
function attachNotes(kept: KeptHighlights<Clipping>, notes: Clipping[]): Array<Entry<Clipping>> {
  const alone: Array<Entry<Clipping>> = [];
  for (const note of notes) {
    const owner = kept.ownerOf(note);
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
    alone.push({ clipping: note, highlight: entry, range: null, blank: true });
  }
  return [...kept.list(), ...alone].sort((a, b) => a.clipping.line - b.clipping.line);
}

/** An edited note replaces the one it extends; a different note on the same highlight is added. */
function mergeNote(current: string | null, next: string): string | null {
  if (next === '') return current;
  if (current === null || squash(next).includes(squash(current))) return next;
  if (squash(current).includes(squash(next))) return current;
  return `${current}\n\n${next}`;
}
