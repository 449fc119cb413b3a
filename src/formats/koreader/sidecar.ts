/**
 * KOReader's book sidecar (`format: "koreader"`): the `metadata.<ext>.lua`
 * file KOReader keeps for each book in a `<book>.sdr` folder (beside the
 * book, or under `koreader/docsettings/`), a Lua table KOReader writes with
 * its DocSettings (`-- <path>` or `-- we can read Lua syntax here!`, then
 * `return { ["key"] = value, … }`). Read as data (lua-data.ts), never run.
 *
 *   ["doc_props"]   = { title, authors ("A\nB"), language, identifiers ("isbn:…\nuuid:…"), series, keywords, description }
 *   ["annotations"] = { [1] = { text, note, chapter, datetime "2023-12-22 18:17:37", pageno, pageref, color, drawer, pos0, pos1 }, … }
 *   ["highlight"]   = { [page] = { [1] = { text, chapter, datetime, drawer, pos0, pos1 } } }   (before 2024)
 *   ["bookmarks"]   = { [1] = { datetime, notes, text, highlighted, … } }                      (before 2024: a highlight's note)
 *   ["stats"] = { title, authors, pages, … }, ["summary"] = { status, modified, rating, note }, ["percent_finished"] = 0.5
 *
 * One record per book. A highlight is what KOReader's own exporter takes
 * (plugins/exporter.koplugin/clip.lua): an annotation with a `drawer` (one
 * without is a page bookmark). Before 2024 a highlight's note was its
 * bookmark's `text` (matched by `datetime`) unless that is the automatic
 * `Page N <text> @ <datetime>`. Recognised by shape: a `.lua` document that
 * returns a table with `doc_props`, `annotations` or `highlight`. Pure.
 */
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { isbn13 } from '../../work.js';
import type { SourceFormat } from '../format.js';
import { titleFromFile } from './export-book.js';
import { entries, NotLuaData, numberAt, readLuaTable, stringAt, tableAt, type LuaTable, type LuaValue } from './lua-data.js';

const FORMAT = 'koreader';

/** Comment lines, then `return {` (KOReader's first lines). */
const RETURNS_TABLE = /^(?:\s*--[^\n]*\n)*\s*return\s*\{/;
const SIDECAR_KEY = /^\s*\[\s*"(?:doc_props|annotations|highlight)"\s*\]\s*=\s*\{/m;

export const koreaderSidecar: SourceFormat = {
  detect: (document) => /\.lua$/i.test(document.name) && RETURNS_TABLE.test(document.text) && SIDECAR_KEY.test(document.text),
  read: (document, messages) => {
    let data: LuaTable;
    try {
      data = readLuaTable(document.text);
    } catch (error) {
      const reason = error instanceof NotLuaData ? error.message : (error as Error).message;
      messages.error('lua-syntax', `this KOReader sidecar could not be read as a Lua table (${reason})`, null);
      return { works: null, messages };
    }
    return { works: [{ fields: bookOf(data, document.name), key: null, messages }] };
  },
};

function bookOf(data: LuaTable, name: string): Fields {
  const props = tableAt(data, 'doc_props');
  const stats = tableAt(data, 'stats');
  const summary = tableAt(data, 'summary');
  const fields = emptyFields('highlights', FORMAT);
  fields.category = 'books';
  fields.title = stringAt(props, 'title') ?? known(stringAt(stats, 'title')) ?? titleFromPath(stringAt(data, 'doc_path') ?? name);
  fields.authors = lines(stringAt(props, 'authors') ?? known(stringAt(stats, 'authors')));
  const annotations = tableAt(data, 'annotations');
  fields.highlights = annotations ? fromAnnotations(annotations) : fromHighlights(tableAt(data, 'highlight'), tableAt(data, 'bookmarks'));

  const extra = fields.extra;
  const identifiers = lines(stringAt(props, 'identifiers'));
  const isbn = identifiers.map(isbnOf).find((found) => found !== null);
  if (isbn) extra['isbn'] = isbn;
  if (identifiers.length > 0) extra['identifiers'] = identifiers;
  const language = stringAt(props, 'language') ?? known(stringAt(stats, 'language'));
  if (language) extra['language'] = language;
  const series = stringAt(props, 'series') ?? known(stringAt(stats, 'series'));
  if (series) extra['series'] = series;
  const keywords = lines(stringAt(props, 'keywords'));
  if (keywords.length > 0) extra['keywords'] = keywords;
  const pages = numberAt(data, 'doc_pages') ?? numberAt(stats, 'pages');
  if (pages !== null) extra['pages'] = pages;
  const progress = numberAt(data, 'percent_finished');
  if (progress !== null) extra['progress'] = progress;
  const status = stringAt(summary, 'status');
  if (status) extra['status'] = status;
  const rating = numberAt(summary, 'rating');
  if (rating !== null) extra['rating'] = rating;
  const review = stringAt(summary, 'note');
  if (review) extra['review'] = review;
  const file = stringAt(data, 'doc_path');
  if (file) extra['file'] = file;
  return fields;
}

/** KOReader 2024 and later: one list of annotations; those with a `drawer` are highlights. */
function fromAnnotations(annotations: LuaTable): FoundHighlight[] {
  return entries(annotations).flatMap(([, item]) => {
    if (!(item instanceof Map) || stringAt(item, 'drawer') === null) return [];
    const page = pageOf(item.get('pageref')) ?? pageOf(item.get('pageno'));
    return highlightOf(item, stringAt(item, 'note'), page) ?? [];
  });
}

/** Before 2024: highlights by page, their notes on the bookmark of the same `datetime`. */
function fromHighlights(byPage: LuaTable | null, bookmarks: LuaTable | null): FoundHighlight[] {
  if (!byPage) return [];
  const marks = new Map<string, { mark: LuaTable; index: number }>();
  for (const [index, mark] of entries(bookmarks ?? new Map())) {
    const datetime = mark instanceof Map ? stringAt(mark, 'datetime') : null;
    if (datetime !== null && !marks.has(datetime)) marks.set(datetime, { mark: mark as LuaTable, index });
  }
  const found: Array<{ page: number; order: number; highlight: FoundHighlight }> = [];
  for (const [page, items] of entries(byPage)) {
    if (!(items instanceof Map)) continue;
    for (const [, item] of entries(items)) {
      if (!(item instanceof Map) || stringAt(item, 'drawer') === null) continue;
      const text = stringAt(item, 'text') ?? '';
      const datetime = stringAt(item, 'datetime');
      const bookmark = datetime === null ? undefined : marks.get(datetime);
      const highlight = highlightOf(item, bookmark ? oldNote(stringAt(bookmark.mark, 'text'), text) : null, String(page));
      if (highlight) found.push({ page, order: bookmark?.index ?? 0, highlight });
    }
  }
  // In the book's order: by page, then as the bookmarks are (KOReader keeps them last to first in the book).
  return found.sort((a, b) => a.page - b.page || b.order - a.order).map((entry) => entry.highlight);
}

/** A bookmark's `text`: the note, unless it is KOReader's automatic `Page N <quote> @ <datetime>` (whose quote, edited, is the note). */
function oldNote(text: string | null, highlighted: string): string | null {
  if (text === null || text === highlighted) return null;
  const auto = /^Page \[?\d*\]?\d+ ([\s\S]*) @ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.exec(text);
  if (!auto) return text;
  return auto[1]!.trim() === highlighted ? null : auto[1]!.trim();
}

function highlightOf(item: LuaTable, note: string | null, page: string | null): FoundHighlight | null {
  const text = stringAt(item, 'text') ?? '';
  if (text === '' && note === null) return null;
  const highlight = foundHighlight(text);
  highlight.note = note;
  highlight.page = page;
  highlight.location = stringAt(item, 'chapter') ?? (page === null ? null : `Page ${page}`);
  highlight.color = stringAt(item, 'color');
  const datetime = stringAt(item, 'datetime');
  const stamp = datetime === null ? null : /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)$/.exec(datetime);
  highlight.highlightedAt = stamp ? `${stamp[1]}T${stamp[2]}` : null;
  return highlight;
}

function pageOf(value: LuaValue | undefined): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `isbn:978…`, or a bare ISBN among the identifiers (Calibre writes both). */
function isbnOf(identifier: string): string | null {
  const named = /^isbn:\s*(.+)$/i.exec(identifier);
  if (named) return isbn13(named[1]!) ?? null;
  return /^[\d-]{10,17}X?$/i.test(identifier) ? isbn13(identifier) : null;
}

/** KOReader's newline-separated lists (authors, identifiers, keywords). */
function lines(value: string | null): string[] {
  return value === null ? [] : value.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** `stats` write `N/A` for what the book does not say. */
function known(value: string | null): string | null {
  return value === null || value === 'N/A' ? null : value;
}

/** The book's file name without its extension, as KOReader shows a book with no title (`…/Book.epub`, `…/Book.sdr/metadata.epub.lua`). */
function titleFromPath(path: string): string | null {
  const parts = path.split(/[\\/]/);
  return titleFromFile(/^metadata\.[^.]+\.lua$/i.test(parts.at(-1) ?? '') ? (parts.at(-2) ?? '').replace(/\.sdr$/i, '') : (parts.at(-1) ?? ''));
}
