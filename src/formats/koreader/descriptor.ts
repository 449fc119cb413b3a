/**
 * The koreader family's formats: what ingest knows about them (see
 * FormatDescriptor); the readers themselves load only when documents are
 * read, and luaparse only when a sidecar is. The sidecar KOReader keeps for
 * each book, and the three exports its exporter plugin writes from it
 * (JSON, Markdown, HTML).
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const koreaderSidecar = defineFormat({
  id: 'koreader-sidecar',
  family: 'koreader',
  formats: [
    {
      name: 'koreader',
      kind: 'highlights',
      trust: 71,
      shelf: 'Books',
      about: "KOReader's book sidecar, `<book>.sdr/metadata.<ext>.lua`: the Lua table KOReader keeps for each book (read with luaparse as data, never run)",
      reads: 'one record per book: `doc_props` title and newline-separated authors (else `stats`, else the file name), `category: "books"`; ISBN from `identifiers` (`isbn:…` or a bare ISBN) in `extra.isbn`, all identifiers, language, series, keywords, pages, `percent_finished` (`extra.progress`), `summary` status, rating and review in `extra`; per highlight (an annotation with a `drawer`; page bookmarks are not highlights) text, note, `location` the chapter (else `Page N`), `page` (`pageref`, else `pageno`), colour, `highlightedAt` from `datetime` as written; the older `highlight` table by page, with its note from the bookmark of the same `datetime` (unless that is the automatic `Page N … @ …` text)',
    },
  ],
  claims: ['metadata.*.lua'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./sidecar.js')).koreaderSidecar,
});

export const koreaderJson = defineFormat({
  id: 'koreader-json',
  family: 'koreader',
  formats: [
    {
      name: 'koreader-json',
      kind: 'highlights',
      trust: 72,
      shelf: 'Books',
      about: "KOReader's JSON export (exporter plugin, 2022 on): one book `{\"title\", \"author\", \"entries\": […], \"version\": \"json/1.0.0\"}`, or all books `{\"documents\": [{…}], \"created_on\", \"version\"}`",
      reads: 'one record per book: `title`, `author` one author per line (`Unknown Author` is none), `category: "books"`, `file` and `number_of_pages` (`extra.pages`) in `extra`; per entry (`sort: "highlight"`) text, note (not KOReader\'s automatic `Page N <text> @ <datetime>` text, which exports before 2024 gave as the note), `location` the chapter (else `Page N`), `page`, colour, `time` (seconds since the epoch) as a UTC `highlightedAt` (`…Z`). Known misses: the highlight style (`drawer`), `md5sum` and `pn_xp` are not kept; the whole file is read at once (no streaming); the `KOReaderClipping.json` lines of the Evernote plugin (before 2022) are not read',
    },
  ],
  claims: ['*.json'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./export-json.js')).koreaderJson,
});

export const koreaderMarkdown = defineFormat({
  id: 'koreader-markdown',
  family: 'koreader',
  formats: [
    {
      name: 'koreader-markdown',
      kind: 'highlights',
      trust: 69,
      shelf: 'Books',
      about: "KOReader's Markdown export (exporter plugin, 2022 on): `# title`, `##### authors`, `## chapter`, `### Page N @ date` and the highlight, `---` and its note, for one book or all of them",
      reads: 'one record per book (`# ` then `##### ` starts one): title, authors (`N/A` is none), `category: "books"`; per `### Page N @ <date>` heading the text without its style\'s wrapping (`*…*`, `**…**`, `++…++`, `~~…~~`, `==…==`, `<u>…</u>`, `**_…_**`), the note after `---`, `location` the `## ` chapter above it (else `Page N`), `page`, and the date as written (local time, seconds from 2023). Known misses: no colour, ISBN or file in this export; a custom style wrapping is kept in the text; the `View in book` backlinks are dropped; a highlight whose text itself has a line `---` after a blank line is cut there',
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./export-markdown.js')).koreaderMarkdown,
});

export const koreaderHtml = defineFormat({
  id: 'koreader-html',
  family: 'koreader',
  formats: [
    {
      name: 'koreader-html',
      kind: 'highlights',
      trust: 68,
      shelf: 'Books',
      about: "KOReader's HTML export, rendered from the exporter's `note.tpl` (the Evernote plugin's before 2021): one page for one book or `All Books`",
      reads: 'one record per book (its `<h2>` title): authors from the `<h5>` (`N/A` is none), `category: "books"`; per clipping its text (`<br/>` a line break), note, `location` the chapter heading above it (else the header\'s chapter, else `Page N`), `page`, and the date `%x` as the C locale writes it (`MM/DD/YY` → `highlightedAt` `YYYY-MM-DD`). Known misses: no time of day, colour, ISBN or file in this export; a date in another locale\'s `%x` is not read (`highlightedAt: null`); images of scanned pages (`<en-media>`) are not kept',
    },
  ],
  claims: ['*.html', '*.htm', '*.xhtml'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./export-html.js')).koreaderHtml,
});
