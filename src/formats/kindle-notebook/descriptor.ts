/**
 * The kindle-notebook family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat } from '../format.js';

export const kindleNotebook = defineFormat({
  id: 'kindle-notebook',
  family: 'kindle-notebook',
  formats: [
    {
      name: 'kindle-notebook',
      kind: 'highlights',
      trust: 59,
      shelf: 'Books',
      about: 'the Kindle notebook in HTML: the page saved from read.amazon.com/notebook (`#kp-notebook-annotations`), and the notebook a Kindle app exports (`bookTitle`, `noteHeading`, `noteText`)',
      reads: 'one record per file: title, authors one entry per person, `category: "books"`, ASIN in `extra.asin` (saved page), citation and section headings (with the index of their first highlight) in `extra`; per highlight text, colour (from its class: `yellow`, `blue`, `pink`, `orange`), `location` `Location N` and `page`, note (the app export\'s note straight after its highlight); a note on its own is a highlight with `text: ""` and the note; bookmarks counted in `extra.bookmarks`',
    },
  ],
  claims: ['*.html', '*.htm', '*.xhtml'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./notebook.js')).kindleNotebook,
});
