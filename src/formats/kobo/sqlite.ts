/**
 * A Kobo e-reader's own database, `.kobo/KoboReader.sqlite`
 * (`format: "kobo-sqlite"`): one record per book that has highlights or
 * notes. What is read, as Kobo's firmware writes it (schema as read by the
 * Kobo Highlights Importer plugin, OGKevin/obsidian-kobo-highlights-import
 * src/database/repository.ts, and pierd/export-kobo):
 *
 *   Bookmark  one row per highlight, note or dog-ear: VolumeID (the book's
 *             content row), ContentID (the part of the book it is in), Text,
 *             Annotation (the note), DateCreated, ChapterProgress, and from
 *             database version 175 (colour devices) Color 0–3
 *   content   ContentType 6: the book (Title, Attribution = authors, ISBN,
 *             Publisher, Language, Series, …); 9: a part of it, the file a
 *             highlight is in (its Title a chapter name in an EPUB, a file
 *             path in a KEPUB); 899: a table-of-contents entry, its
 *             ChapterIDBookmarked the part it starts in (a KEPUB's chapter names)
 *
 * A dog-ear (no text, no note) is no highlight. A database that is not one
 * (damaged, cut short) or has no Bookmark and content tables is an error
 * that says so. Reads the bytes with sql.js (sqlite-engine.ts), loaded
 * before the file is read.
 */
import { emptyFields, foundHighlight, type FoundHighlight, type Fields } from '../../extract/fields.js';
import { decodeEntities } from '../../extract/values.js';
import { isbn13 } from '../../work.js';
import type { SourceFormat, Work } from '../format.js';
import type { Messages } from '../../messages.js';
import { load, open, type SqlDatabase, type SqlValue } from './sqlite-engine.js';

const FORMAT = 'kobo-sqlite';
const HEADER = 'SQLite format 3\0';
/** Kobo's highlight colours, Color 0–3, in the firmware's order (pierd/export-kobo, tested on a Kobo Clara Colour). */
const COLORS = ['yellow', 'red', 'blue', 'green'];
const DEVICE_FILE = /(?:^|\/)KoboReader\.sqlite$/i;

export const koboSqlite: SourceFormat = {
  // The device's own file is a Kobo database by its name, and an error if it turns out to be none; another `.sqlite` only by its tables.
  detect: (document) => isSqlite(document.bytes) && (DEVICE_FILE.test(document.name) || hasKoboTables(document.bytes!)),
  prepare: load,
  read: (document, messages) => {
    const bytes = document.bytes ?? new Uint8Array();
    if (!isSqlite(bytes)) return unreadable(messages, 'not an SQLite database (expected the header "SQLite format 3"): copy KoboReader.sqlite again from the .kobo folder of the e-reader');
    let database: SqlDatabase;
    try {
      database = open(bytes);
    } catch (error) {
      return unreadable(messages, damaged(error));
    }
    try {
      // SQLite reads a page only when a query needs it: a damaged or cut-short file fails here.
      return readDatabase(database, messages);
    } catch (error) {
      return unreadable(messages, damaged(error));
    } finally {
      database.close();
    }
  },
};

function readDatabase(database: SqlDatabase, messages: Messages): { works: Work[] } | { works: null; messages: Messages } {
  const bookmark = columnsOf(database, 'Bookmark');
  const content = columnsOf(database, 'content');
  const missing = [...['VolumeID', 'ContentID', 'Text', 'Annotation', 'DateCreated'].filter((name) => !bookmark.has(name)).map((name) => `Bookmark.${name}`), ...['ContentID', 'ContentType', 'Title'].filter((name) => !content.has(name)).map((name) => `content.${name}`)];
  if (missing.length > 0) {
    const version = databaseVersion(database);
    return unknownSchema(
      messages,
      `not a Kobo database of a known version${version === null ? '' : ` (DbVersion ${version})`}: ${bookmark.size === 0 ? 'no Bookmark table' : content.size === 0 ? 'no content table' : `no ${missing.join(', ')}`} (expected the Bookmark and content tables of .kobo/KoboReader.sqlite)`,
    );
  }
  const optional = (table: Set<string>, name: string, alias: string): string => (table.has(name) ? `${alias}.${name}` : 'NULL');
  const rows = query(
    database,
    `SELECT b.VolumeID, b.ContentID, b.Text, b.Annotation, b.DateCreated, ${optional(bookmark, 'ChapterProgress', 'b')}, ${optional(bookmark, 'Color', 'b')},
       part.Title, ${optional(content, 'BookTitle', 'part')}, ${optional(content, 'VolumeIndex', 'part')},
       (SELECT toc.Title FROM content toc WHERE toc.ContentType = '899' AND ${content.has('ChapterIDBookmarked') ? 'toc.ChapterIDBookmarked = b.ContentID' : '0'} ORDER BY ${optional(content, 'VolumeIndex', 'toc')}, toc.ContentID LIMIT 1)
     FROM Bookmark b LEFT JOIN content part ON part.ContentID = b.ContentID
     WHERE trim(coalesce(b.Text, '')) != '' OR trim(coalesce(b.Annotation, '')) != ''
     ORDER BY b.VolumeID, ${optional(content, 'VolumeIndex', 'part')}, ${optional(bookmark, 'ChapterProgress', 'b')}, b.DateCreated`,
  );
  const books = new Map<string, { fields: Fields; partTitle: string | null }>();
  for (const row of rows) {
    const [volume, part, text, annotation, created, , color, partTitle, bookTitle, , tocTitle] = row;
    const volumeId = String(volume);
    let book = books.get(volumeId);
    if (!book) books.set(volumeId, (book = { fields: bookFields(database, content, volumeId), partTitle: string(bookTitle) }));
    book.fields.highlights.push(highlightOf(string(text), string(annotation), string(created), color ?? null, string(tocTitle) ?? chapterTitle(string(partTitle), String(part))));
  }
  const works: Work[] = [...books].map(([volumeId, { fields, partTitle }], index) => {
    fields.title ??= partTitle ?? fileTitle(volumeId);
    return { fields, key: volumeId, messages: index === 0 ? messages : messages.fork() };
  });
  return { works };
}

/** The book's own row (ContentType 6): title, authors, ISBN and what else the schema has a place for. */
function bookFields(database: SqlDatabase, content: Set<string>, volumeId: string): Fields {
  const fields = emptyFields('highlights', FORMAT);
  fields.category = 'books';
  const wanted = ['Title', 'Attribution', 'ISBN', 'Publisher', 'Language', 'Series', 'SeriesNumber', 'Description', 'DateLastRead', '___PercentRead', 'ReadStatus'].filter((name) => content.has(name));
  const [row] = query(database, `SELECT ${wanted.join(', ')} FROM content WHERE ContentID = ? LIMIT 1`, [volumeId]);
  fields.extra['volumeId'] = volumeId;
  if (!row) return fields;
  const value = (name: string): SqlValue => row[wanted.indexOf(name)] ?? null;
  fields.title = string(value('Title'));
  const authors = string(value('Attribution'));
  // Kobo joins several authors with a comma ("Cixin Liu, Ken Liu"); a sort-order name is written "Liu, Cixin" only by sideloaded books, rarely.
  fields.authors = authors === null ? [] : authors.split(/\s*[,&]\s*|\s+and\s+/).filter((name) => name !== '');
  const description = string(value('Description'));
  fields.summary = description === null ? null : paragraphs(decodeEntities(description.replace(/<\/(?:p|div|li|h\d)>|<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''))) || null;
  const isbn = string(value('ISBN'));
  // A sideloaded EPUB's ISBN column holds its identifier (a UUID): kept, but not as an ISBN that merging would trust.
  if (isbn !== null) fields.extra[isbn13(isbn) === null ? 'identifier' : 'isbn'] = isbn;
  for (const [column, key] of [['Publisher', 'publisher'], ['Language', 'language'], ['Series', 'series'], ['SeriesNumber', 'seriesNumber'], ['DateLastRead', 'dateLastRead']] as const) {
    const found = string(value(column));
    if (found !== null) fields.extra[key] = found;
  }
  const percent = value('___PercentRead');
  if (typeof percent === 'number') fields.extra['percentRead'] = percent;
  return fields;
}

function highlightOf(text: string | null, note: string | null, created: string | null, color: SqlValue, chapter: string | null): FoundHighlight {
  const highlight = foundHighlight(paragraphs(text ?? ''));
  highlight.note = note === null ? null : paragraphs(note) || null;
  highlight.location = chapter;
  highlight.highlightedAt = created === null ? null : timestamp(created);
  if (typeof color === 'number') highlight.color = COLORS[color] ?? String(color);
  return highlight;
}

/** Kobo keeps the page's line breaks and indents in a highlight's text: one line per paragraph, spaces folded. */
function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** `2024-11-16T15:42:36.372` (or with `Z`, or a space for the `T`): to the second, an offset only where stated. */
function timestamp(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(value.trim());
  if (!match) return null;
  return match[2] === undefined ? match[1]! : `${match[1]}T${match[2]}${match[3] ?? ''}`;
}

/** A part's title, unless it is only the part's file (a KEPUB's `epub/text/chapter-1.xhtml`). */
function chapterTitle(title: string | null, part: string): string | null {
  if (title === null || /\.x?html?$/i.test(title) || part.endsWith(`!!${title}`)) return null;
  return title;
}

/** The book's file name without its extensions, for a highlight whose book has no row of its own. */
function fileTitle(volumeId: string): string {
  return decodeURIComponent(volumeId.split('/').pop() ?? volumeId).replace(/(?:\.kepub)?\.\w+$/i, '');
}

function columnsOf(database: SqlDatabase, table: string): Set<string> {
  return new Set(query(database, `PRAGMA table_info(${table})`).map((row) => String(row[1])));
}

function databaseVersion(database: SqlDatabase): number | null {
  try {
    const [row] = query(database, 'SELECT version FROM DbVersion LIMIT 1');
    return typeof row?.[0] === 'number' ? row[0] : null;
  } catch {
    return null;
  }
}

function query(database: SqlDatabase, sql: string, params?: readonly SqlValue[]): SqlValue[][] {
  return database.exec(sql, params)[0]?.values ?? [];
}

function string(value: SqlValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null;
}

function damaged(error: unknown): string {
  return `the database could not be read (SQLite: ${(error as Error).message}); a damaged or incomplete copy? Copy KoboReader.sqlite again from the .kobo folder of the e-reader, with the e-reader ejected properly`;
}

function unreadable(messages: Messages, message: string): { works: null; messages: Messages } {
  messages.error('sqlite-unreadable', message, null);
  return { works: null, messages };
}

function unknownSchema(messages: Messages, message: string): { works: null; messages: Messages } {
  messages.error('kobo-schema', message, null);
  return { works: null, messages };
}

function isSqlite(bytes: Uint8Array | undefined): boolean {
  return bytes !== undefined && bytes.length >= HEADER.length && Buffer.from(bytes.buffer, bytes.byteOffset, HEADER.length).toString('latin1') === HEADER;
}

/** Whether the schema SQLite keeps as text in the file creates Kobo's Bookmark and content tables (as the firmware writes the statements). */
function hasKoboTables(bytes: Uint8Array): boolean {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return file.includes('CREATE TABLE Bookmark', 0, 'latin1') && file.includes('CREATE TABLE content', 0, 'latin1');
}
