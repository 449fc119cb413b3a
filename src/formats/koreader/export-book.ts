/**
 * What KOReader's three exports (plugins/exporter.koplugin: JSON, Markdown,
 * HTML) share: a book is what clip.lua gathers for it (`title`, `author`
 * as the sidecar has them, `file`, `number_of_pages`) and its clippings,
 * each `{page, time, text, note, chapter, drawer, color}`. Here a book and a
 * clipping become a work and a highlight, the same way for every export,
 * and the same way the sidecar reader (sidecar.ts) reads the sidecar they
 * came from, so that `--merge` joins them. Pure.
 */
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import type { Messages } from '../../messages.js';
import type { Work } from '../format.js';

/** One book of an export, as its writer had it. */
export interface ExportBook {
  title: string | null;
  /** The authors as one string: newline-separated (JSON, as KOReader keeps them), or joined with `, ` (Markdown, HTML). */
  authors: string[];
  file: string | null;
  pages: number | null;
  clippings: ExportClipping[];
}

export interface ExportClipping {
  text: string;
  note: string | null;
  chapter: string | null;
  /** The page as written (`12`, `N/A`, a reference page `ix`). */
  page: string | null;
  /** Already a `highlightedAt` value (`…Z` from an epoch time, or a local time as written). */
  highlightedAt: string | null;
  color: string | null;
}

/** The authors KOReader writes when a book names none: `N/A` (Markdown's `_("N/A")`), `Unknown Author` (clip.lua's fallback). */
const NO_AUTHOR = /^(?:N\/A|Unknown Author)$/i;

/** KOReader's authors: one per line (`doc_props.authors`), none for its stand-ins. */
export function authorLines(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !NO_AUTHOR.test(line));
}

/**
 * A clipping's note, unless it is KOReader's automatic bookmark text,
 * `<Page N, translated> <the highlighted text> @ <YYYY-MM-DD HH:MM:SS>`,
 * which exporters before 2024 handed on as the note when the translated
 * pattern did not match (`第 5 頁 … @ 2024-05-01 08:41:17`).
 */
export function exportNote(note: string | null, text: string): string | null {
  if (note === null) return null;
  const trimmed = note.trim();
  if (trimmed === '' || trimmed === text.trim()) return null;
  const auto = /^([\s\S]*) @ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.exec(trimmed);
  if (auto && text.trim() !== '' && auto[1]!.trimEnd().endsWith(text.trim())) return null;
  return trimmed;
}

/** A work of one book: `category: "books"`, each clipping with text or a note a highlight. */
export function bookWork(format: string, book: ExportBook, messages: Messages, key: string): Work {
  const fields: Fields = emptyFields('highlights', format);
  fields.category = 'books';
  fields.title = book.title ?? titleFromFile(book.file);
  fields.authors = book.authors;
  fields.highlights = book.clippings.flatMap((clipping) => highlightOf(clipping) ?? []);
  if (book.file !== null) fields.extra['file'] = book.file;
  if (book.pages !== null) fields.extra['pages'] = book.pages;
  return { fields, key, messages };
}

function highlightOf(clipping: ExportClipping): FoundHighlight | null {
  const text = clipping.text.trim();
  const note = exportNote(clipping.note, text);
  if (text === '' && note === null) return null;
  const highlight = foundHighlight(text);
  highlight.note = note;
  highlight.page = clipping.page;
  highlight.location = clipping.chapter ?? (clipping.page === null ? null : `Page ${clipping.page}`);
  highlight.color = clipping.color;
  highlight.highlightedAt = clipping.highlightedAt;
  return highlight;
}

/** A page as written; `N/A` (clip.lua's stand-in) is none. */
export function pageText(value: unknown): string | null {
  const page = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  return page === '' || /^N\/A$/i.test(page) ? null : page;
}

/** The book's file name without its extension, as KOReader titles a book with no title. */
export function titleFromFile(file: string | null): string | null {
  const name = (file ?? '').split(/[\\/]/).pop() ?? '';
  const title = name.replace(/\.[A-Za-z0-9]{2,5}$/, '').trim();
  return title === '' ? null : title;
}

/** Keys that tell the books of one export apart: the file (else title and authors), numbered when a book comes twice. */
export function bookKeys(books: readonly ExportBook[]): string[] {
  const seen = new Map<string, number>();
  return books.map((book) => {
    const key = book.file ?? `${book.title ?? ''}\0${book.authors.join('\n')}`;
    const times = (seen.get(key) ?? 0) + 1;
    seen.set(key, times);
    return times === 1 ? key : `${key}\0${times}`;
  });
}
