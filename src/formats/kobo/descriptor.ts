/**
 * The kobo family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are
 * read, and SQLite (sql.js) only when a database is.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

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

export const koboPlugin = defineFormat({
  id: 'kobo-plugin',
  family: 'kobo',
  formats: [
    {
      name: 'kobo-plugin',
      kind: "highlights",
      trust: 66,
      shelf: 'Books',
      about: "Notes of the Obsidian plugin \"Kobo Highlights Importer\" (OGKevin/obsidian-kobo-highlights-import): its 5.x template (`**Note:**`, `*Created:*` lines), 3.x–4.x `%%START-EXTRACTED-HIGHLIGHT-…%%` blocks and the earlier `> [!quote]` callouts, default and custom frontmatter",
      reads: "one record per note: title from `title` (also unquoted `title: X: Y`, which is no YAML: the frontmatter is then read line by line), else the H1, else the file name; authors from `author` (split on `,`/`&`/`and`; `Unknown Author` is none); `category: \"books\"`; the `## Description` section as `summary`; `isbn` (a real ISBN, else `extra.identifier`), `publisher`, `dateLastRead`, `readStatus`, `percentRead`, `series`, `seriesNumber`, `timeSpentReading` in `extra`; an unfilled placeholder (`{{Author}}`) is no value. Per highlight its text, the note (`>> [!note]` callout or `**Note:**`, and what the user typed inside a `%%START-…%%` block), `location` the `## chapter` heading above it, `id` the Kobo bookmark id of a marked block, `highlightedAt` from `*Created: …*` (to the second) or the ` — [[date]]` link (numeric dates read day or month first as the note's own dates show; none when they cannot tell). Known misses: notes from a template without its frontmatter keys (the plugin's default before 2024: `# {{Title}}` and `{{highlights}}` only) are not recognised (read as plain Markdown, without highlights: their callouts are no evidence the structural reader takes), unless they have the `%%START-%%` blocks; with callouts turned off the plugin wrote a note on the line after the text with no mark, which stays in the text; a custom template's `color` is not read",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./plugin.js')).koboPlugin,
});
