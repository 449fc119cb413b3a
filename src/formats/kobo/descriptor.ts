/**
 * The kobo family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are
 * read, and SQLite (sql.js) only when a database is.
 */
import { defineFormat } from '../format.js';

export const koboSqlite = defineFormat({
  id: 'kobo-sqlite',
  family: 'kobo',
  formats: [
    {
      name: 'kobo-sqlite',
      kind: "highlights",
      trust: 67,
      shelf: 'Books',
      about: "A Kobo e-reader's own database, `.kobo/KoboReader.sqlite` (its `Bookmark` table joined to `content`), read with SQLite compiled to WebAssembly (sql.js): any firmware whose database has those tables",
      reads: "one record per book with highlights or notes: title, authors (`Attribution`, split on `,`/`&`/`and`), `category: \"books\"`, the description as `summary`, `extra.isbn` (a real ISBN; a sideloaded book's UUID goes to `extra.identifier`), `publisher`, `language`, `series`, `seriesNumber`, `dateLastRead`, `percentRead`, `volumeId`; per highlight its text (one line per paragraph), the note (`Annotation`), `location` the chapter (the table-of-contents entry of the part it is in; an EPUB part's title), `highlightedAt` (`DateCreated`, to the second, as stated), `color` (`Color` 0–3 of colour devices: yellow, red, blue, green); dog-ears (no text, no note) skipped; in book order. A file that is not SQLite or is damaged (`sqlite-unreadable`) or has no `Bookmark`/`content` tables (`kobo-schema`) is an error",
    },
  ],
  claims: ['*.sqlite'],
  input: 'bytes',
  detection: { role: 'specific' },
  reader: async () => (await import('./sqlite.js')).koboSqlite,
});
