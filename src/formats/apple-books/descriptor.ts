/**
 * The apple-books family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const appleBooks = defineFormat({
  id: 'apple-books',
  family: 'apple-books',
  formats: [
    {
      name: 'apple-books',
      kind: "highlights",
      trust: 55,
      shelf: 'Books',
      about: "Apple Books highlights from the Obsidian plugins: bandantonio \"Apple Books - Import Highlights\" (default and custom templates, `Key:: value` annotations between `----`) and atfzl \"Apple Books Highlights\" (`## Metadata`, `## Highlights` joined by `---`)",
      reads: "title from `Title::` (without 📕), else the first H1, else the file name; authors from `Author::`/`- Author:`, split only on `&`/`;` (sort-order `Martin, Robert C.` is one person); `url` is the book's `ibooks://assetid/…` link; `category: \"books\"`; cover from `![Book Cover]`; `Genre`/`Language`/`Last Read` in `extra`; per highlight the `Highlight::` text as written (`9. Dependency is…` stays a highlight, never a list), note (`N/A` → none), `url` the highlight link with its EPUB CFI, `location` the Chapter or else the `epubcfi(…)`, `color` from the coloured template's `<mark>` rgb or `<u>` (`underline`), `highlightedAt` from \"Highlight taken on\" (else \"modified on\")",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  // Its template's `Title::`/`Author::` fields are Logseq page properties too.
  detection: { role: 'specific', over: ['logseq'] },
  reader: async () => (await import('./apple-books.js')).appleBooks,
});
