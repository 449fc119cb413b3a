/**
 * The koreader family's formats: what ingest knows about them (see
 * FormatDescriptor); the readers themselves load only when documents are
 * read, and luaparse only when a sidecar is.
 */
import { defineFormat } from '../format.js';

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
