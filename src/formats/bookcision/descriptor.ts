/**
 * The bookcision family's formats: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat } from '../format.js';

export const bookcision = defineFormat({
  id: 'bookcision',
  family: 'bookcision',
  formats: [
    {
      name: 'bookcision',
      kind: "highlights",
      trust: 58,
      shelf: 'Books',
      about: "Bookcision's JSON download of one book's Kindle notebook (`{\"asin\", \"title\", \"authors\", \"highlights\": [{\"text\", \"isNoteOnly\", \"location\": {\"url\", \"value\"}, \"note\"}]}`)",
      reads: "one record per file: title, `authors` split into one entry per person (`A, B and C`, `A; B`; an array as well), `category: \"books\"`, ASIN in `extra.asin`; per highlight text, note, `location` `Location N`, `url` the `kindle://` link; a note-only entry (`isNoteOnly`) is a highlight with `text: \"\"` and the note; an entry without a location (`value: null`, `location=NaN` link) has neither",
    },
  ],
  claims: ['*.json'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./bookcision.js')).bookcision,
});

export const bookcisionText = defineFormat({
  id: 'bookcision-text',
  family: 'bookcision',
  formats: [
    {
      name: 'bookcision-text',
      kind: "highlights",
      trust: 57,
      shelf: 'Books',
      about: "Bookcision's plain-text download of one book's Kindle notebook (title line, authors line, then per highlight an empty line, the text, `NOTE: …`, `LOCATION: N`)",
      reads: "one record per file, as the JSON download of the same book: title, authors split into one entry per person, `category: \"books\"`; per highlight text, note, `location` `Location N`; a note written on its own is a highlight with `text: \"\"` and the note. Known misses: the text download has no ASIN and no `kindle://` links; a highlight whose own text has a line starting `NOTE: ` is cut there",
    },
  ],
  claims: ['*.txt'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./text.js')).bookcisionText,
});
