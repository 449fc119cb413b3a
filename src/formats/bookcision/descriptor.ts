/**
 * The bookcision family's format: what ingest knows about it (see
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
