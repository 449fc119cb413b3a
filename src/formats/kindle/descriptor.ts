/**
 * The kindle family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const kindleClippings = defineFormat({
  id: 'kindle-clippings',
  family: 'kindle',
  formats: [
    {
      name: 'kindle-clippings',
      kind: "highlights",
      trust: 35,
      shelf: 'Books',
      about: "Kindle's `My Clippings.txt`, any locale or firmware",
      reads: "one record per book: title, authors, `category: \"books\"`, highlights with location, page, note, `highlightedAt`; bookmarks counted in `extra.bookmarks` (see [Kindle](#kindle))",
    },
  ],
  claims: ['*.txt'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./clippings.js')).kindleClippings,
});

export const kindlePlugin = defineFormat({
  id: 'kindle-plugin',
  family: 'kindle',
  formats: [
    {
      name: 'kindle-plugin',
      kind: "highlights",
      trust: 60,
      shelf: 'Books',
      about: "notes of the Obsidian Kindle plugin (hadynz): `kindle-sync:` frontmatter, `## Metadata` list, `text — location: [N](kindle://…) ^ref-N` highlights between `---`",
      reads: "title from `kindle-sync.title` (else H1, else file name); authors from `kindle-sync.author` split on `、 ， , ; ；&`, `and`, `, and`, `und`, one entry per person, nationality/role marks kept; `url` from `* Reference:`; image from `bookImageUrl`; `published` from `* Publication:`; `category: \"books\"`; `asin`, `bookId`, `lastAnnotatedDate`, `highlightsCount`, ISBN/pages/publisher in `extra`; per highlight text, `location` `Location N` (`Page N` + `page`), `url` the `kindle://` link, `id` from `^ref-N`, `note` the paragraph before `---`",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./plugin.js')).kindlePlugin,
});
