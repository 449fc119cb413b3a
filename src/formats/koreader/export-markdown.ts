/**
 * KOReader's Markdown export (`format: "koreader-markdown"`), written by
 * plugins/exporter.koplugin (target/markdown.lua, template/md.lua; 2022 on)
 * for one book or all of them, one after the other:
 *
 *   # <title>
 *   ##### <authors, joined with ", "; "N/A" for none>
 *
 *   ## <chapter>                                   (when it changes)
 *   ### Page <page> @ <%d %B %Y %I:%M:%S %p>       (no seconds before 2023)
 *   *<text>*                                       (wrapped by its style: *…*, **…**, ++…++, ~~…~~, ==…==, <u>…</u>, **_…_**)
 *
 *   ---
 *   <note>
 *   [View in book](<file://…?pos=…>)               (backlinks, 2025 on)
 *   …
 *   ##                                             (2025 on)
 *   _Generated at: <YYYY-MM-DD-HH-MM-SS>_
 *
 * From mid-2024 to late 2025 the books of an all-books export were written one
 * straight after the other: a book's `# ` may follow its predecessor's last
 * line on the same line (`…text*# Next title`); it is split off there.
 *
 * One record per book, every clipping a highlight: its text without the
 * style's wrapping, the note after `---`, the chapter heading above it as
 * `location` (else `Page N`), the page, and the date as written (local
 * time). Recognised by that shape: a note that starts with `# ` and
 * `##### ` lines and has a `### Page … @ <date>` heading. Pure.
 */
import { readDateTime, stamp } from '../../extract/datetime.js';
import { authorNames } from '../../extract/values.js';
import type { SourceFormat } from '../format.js';
import { authorLines, bookKeys, bookWork, type ExportBook, type ExportClipping } from './export-book.js';

const FORMAT = 'koreader-markdown';

/** Optional frontmatter (a vault's), then the title and authors lines. */
const HEAD = /^(?:---\n[\s\S]*?\n---\n\s*)?# [^\n]*\S[^\n]*\n##### [^\n]*\n/;
/** A clipping's heading: `### Page 12 @ 09 September 2023 04:50:12 PM`. */
const PAGE = /^### Page (.+?) @ (\d{1,2} [^\s\d]+ \d{4} \d{1,2}:\d\d(?::\d\d)?(?: \S+)?)$/;
const PAGE_LINE = /^### Page .+? @ \d{1,2} [^\s\d]+ \d{4} \d{1,2}:\d\d(?::\d\d)?(?: \S+)?$/m;
const BACKLINK = /^\[[^\]\n]*\]\(<file:\/\/[^>\n]*>\)$/;
const GENERATED = /^_Generated at: [^\n]*_$/;
/** The style wrappings of template/md.lua's formatters, the longest first. */
const WRAPPINGS: ReadonlyArray<[string, string]> = [
  ['**_', '_**'],
  ['**', '**'],
  ['==', '=='],
  ['++', '++'],
  ['<u>', '</u>'],
  ['~~', '~~'],
  ['*', '*'],
];

export const koreaderMarkdown: SourceFormat = {
  detect: (document) => /\.(?:md|markdown|txt)$/i.test(document.name) && HEAD.test(document.text) && PAGE_LINE.test(document.text),
  read: (document, messages) => {
    const books = booksOf(document.text);
    const keys = bookKeys(books);
    return { works: books.map((book, index) => bookWork(FORMAT, book, index === 0 ? messages : messages.fork(), keys[index]!)) };
  },
};

interface Open {
  clipping: ExportClipping;
  text: string[];
  note: string[] | null;
}

function booksOf(markdown: string): ExportBook[] {
  const lines = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n');
  const books: ExportBook[] = [];
  let book: ExportBook | null = null;
  let chapter: string | null = null;
  let open: Open | null = null;
  const close = (): void => {
    if (open && book) {
      open.clipping.text = unwrap(open.text.join('\n').trim());
      const note = open.note?.join('\n').trim() ?? '';
      open.clipping.note = note === '' ? null : note;
      book.clippings.push(open.clipping);
    }
    open = null;
  };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    // Exports of several books from mid-2024 to late 2025 wrote the next book's `# ` straight after the last highlight (`…end*# Title`).
    const glued = open !== null && !line.startsWith('# ') && lines[i + 1]?.startsWith('##### ') ? line.indexOf('# ') : -1;
    if (glued > 0) {
      const current: Open = open!;
      (current.note ?? current.text).push(line.slice(0, glued));
      line = line.slice(glued);
    }
    if (line.startsWith('# ') && lines[i + 1]?.startsWith('##### ')) {
      close();
      book = { title: line.slice(2).trim() || null, authors: authorsOf(lines[i + 1]!.slice(6)), file: null, pages: null, clippings: [] };
      books.push(book);
      chapter = null;
      i++;
      continue;
    }
    if (book === null) continue;
    const page = PAGE.exec(line);
    if (page) {
      close();
      const when = readDateTime(page[2]!);
      open = { clipping: { text: '', note: null, chapter, page: page[1]!.trim(), highlightedAt: when ? stamp(when) : null, color: null }, text: [], note: null };
      continue;
    }
    if (/^## /.test(line) || line === '##') {
      close();
      // `## ` alone ends the export (before its `_Generated at:` line).
      chapter = line.slice(3).trim() || null;
      continue;
    }
    if (GENERATED.test(line)) {
      close();
      continue;
    }
    if (open === null) continue;
    const current: Open = open;
    if (BACKLINK.test(line)) continue;
    if (current.note === null && line === '---' && lines[i - 1] === '') current.note = [];
    else (current.note ?? current.text).push(line);
  }
  close();
  return books;
}

/** `A, B` → the authors; KOReader's `N/A` is none. */
function authorsOf(line: string): string[] {
  return authorLines(line.trim()).flatMap((value) => authorNames(value));
}

/** The text without the wrapping its highlight style gave it. */
function unwrap(text: string): string {
  for (const [open, close] of WRAPPINGS) {
    if (text.length > open.length + close.length && text.startsWith(open) && text.endsWith(close)) return text.slice(open.length, text.length - close.length).trim();
  }
  return text;
}
