/**
 * KOReader's HTML export (`format: "koreader-html"`), rendered from
 * plugins/exporter.koplugin's template note.tpl (the Evernote plugin's
 * before 2021): for each book
 *
 *   <h2 style="font-size:18pt; text-align:right;">TITLE</h2>
 *   <h5 style="font-size:12pt; text-align:right; color:gray;">AUTHORS (", ")</h5>
 *   <div style="font-size:14pt; font-weight:bold; …"><span>CHAPTER</span></div>      (when it changes)
 *   <div style="padding-top:0.5em; …">
 *     <div style="font-size:10pt; margin-bottom:0.2em; color:darkgray">
 *       <div style="…background-color:#ff8800;"></div>
 *       <span>DATE (os.date "%x")</span><span style="float:right"><b>CHAPTER</b>:  PAGE</span>
 *     </div>
 *     <div style="font-size:12pt"><span>TEXT (newlines as <br/>)</span></div>
 *     <div style="font-size:11pt; …"><span style="color:#888888">NOTE</span></div>           (when there is one)
 *   </div>
 *
 * Since 2022 one page holds every book exported (`<title>All Books</title>`);
 * before, one book per file, without `<html>` around it. The page is
 * machine-written from that template, so it is read by its elements'
 * styles, in document order. One record per book, every clipping a
 * highlight; `%x` is the C locale's `MM/DD/YY` (a date, no time).
 * Recognised by the template's title and clipping-header styles. Pure.
 */
import { authorNames, decodeEntities } from '../../extract/values.js';
import type { SourceFormat } from '../format.js';
import { authorLines, bookKeys, bookWork, pageText, type ExportBook, type ExportClipping } from './export-book.js';

const FORMAT = 'koreader-html';

const TITLE_STYLE = '<h2 style="font-size:18pt; text-align:right;">';
const HEADER_STYLE = '<div style="font-size:10pt; margin-bottom:0.2em; color:darkgray">';

/** The template's parts, in the order they come: a book's title, its authors, a chapter, a clipping's header, its text, its note. */
const PARTS = new RegExp(
  [
    String.raw`<h2 style="font-size:18pt; text-align:right;">(?<title>[\s\S]*?)</h2>`,
    String.raw`<h5 style="font-size:12pt; text-align:right; color:gray;">(?<authors>[\s\S]*?)</h5>`,
    String.raw`<div style="font-size:14pt; font-weight:bold;[^"]*"><span>(?<chapter>[\s\S]*?)</span></div>`,
    String.raw`<span>(?<date>[^<]*)</span><span style="float:right">(?:<b>(?<chapterOf>[\s\S]*?)</b>:)?(?<page>[^<]*)</span>`,
    String.raw`<div style="font-size:12pt">\s*<span>(?<text>[\s\S]*?)</span>`,
    String.raw`<span style="color:#888888">(?<note>[\s\S]*?)</span>`,
  ].join('|'),
  'g',
);

export const koreaderHtml: SourceFormat = {
  detect: (document) => /\.x?html?$/i.test(document.name) && document.text.includes(TITLE_STYLE) && document.text.includes(HEADER_STYLE),
  read: (document, messages) => {
    const books = booksOf(document.text);
    const keys = bookKeys(books);
    return { works: books.map((book, index) => bookWork(FORMAT, book, index === 0 ? messages : messages.fork(), keys[index]!)) };
  },
};

function booksOf(html: string): ExportBook[] {
  const books: ExportBook[] = [];
  let book: ExportBook | null = null;
  let chapter: string | null = null;
  let clipping: ExportClipping | null = null;
  for (const match of html.matchAll(PARTS)) {
    const part = match.groups!;
    if (part['title'] !== undefined) {
      book = { title: textOf(part['title']) || null, authors: [], file: null, pages: null, clippings: [] };
      books.push(book);
      chapter = null;
      clipping = null;
    } else if (book === null) continue;
    else if (part['authors'] !== undefined) book.authors = authorLines(textOf(part['authors'])).flatMap((value) => authorNames(value));
    else if (part['chapter'] !== undefined) chapter = textOf(part['chapter']) || null;
    else if (part['date'] !== undefined) {
      clipping = {
        text: '',
        note: null,
        // The header's chapter (not escaped by the template) when no chapter heading came before it.
        chapter: chapter ?? (part['chapterOf'] === undefined ? null : textOf(part['chapterOf']) || null),
        page: pageText(textOf(part['page'] ?? '')),
        highlightedAt: dateOf(textOf(part['date'])),
        color: null,
      };
      book.clippings.push(clipping);
    } else if (clipping !== null && part['text'] !== undefined) clipping.text = textOf(part['text']);
    else if (clipping !== null && part['note'] !== undefined) clipping.note = textOf(part['note']) || null;
  }
  return books;
}

/** An element's text: `<br/>` a line break, other tags dropped, references decoded. */
function textOf(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''))
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .trim();
}

/** `%x` in the C locale, `MM/DD/YY` → `20YY-MM-DD`; any other form is not a date this can read. */
function dateOf(value: string): string | null {
  const date = /^(\d\d)\/(\d\d)\/(\d\d)$/.exec(value);
  if (!date) return null;
  const [, month, day, year] = date;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return null;
  return `20${year}-${month}-${day}`;
}
