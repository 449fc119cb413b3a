/**
 * The boox family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat } from '../format.js';

export const boox = defineFormat({
  id: 'boox',
  family: 'boox',
  formats: [
    {
      name: 'boox',
      kind: "highlights",
      trust: 56,
      shelf: 'Books',
      about: "the notes export of Boox e-readers' NeoReader (`<Title>-annotation-<date>.txt`: `Reading Notes | <<Title>>Author`, then dated entries between `-------------------` lines), any device language, older and newer firmware",
      reads: "one record per file: title from `<<…>>` as written (older firmware writes the book's file name there), authors after `>>` (older firmware: the next line) split into one entry per person, `category: \"books\"`; per entry the highlighted text, the note (`【Note】`, `【Annotation】`, `【批注】`; the older `【Annotations】` field), `page`, `location` the chapter line above it (kept for the entries after it until another, or an empty one, is written; else `Page N`), `highlightedAt` the entry's date and minute as written. Known misses: the export has no ISBN, colour or position within the page; a note marker in another language written in CJK characters other than 批注/注释/笔记 stays part of the text",
    },
  ],
  claims: ['*.txt'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./notes.js')).boox,
});
