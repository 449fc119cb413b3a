/**
 * The instapaper family's formats: what ingest knows about each (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat } from '../format.js';

export const instapaper = defineFormat({
  id: 'instapaper',
  family: 'instapaper',
  formats: [
    {
      name: 'instapaper',
      kind: "highlights",
      trust: 48,
      shelf: 'Articles',
      about: "Instapaper's CSV export (`URL,Title,Selection,Folder,Timestamp,Tags`; older exports without `Timestamp` or `Tags`)",
      reads: "one record per article (a URL saved twice is one record): `URL`, `Title`, `category: \"articles\"`, `Tags` (a JSON array) as tags, `Selection` as `summary`, `Folder` → `extra.folder`, `Timestamp` (seconds since the epoch, when it was saved) → `extra.saved` as a UTC time. No highlights: `Selection` is the bookmark's description, the passage selected when saving or words the user typed, which the export does not tell apart; Instapaper's own highlights and notes are not in this export",
    },
  ],
  claims: ['*.csv'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./csv.js')).instapaperCsv,
});

export const instapaperNotes = defineFormat({
  id: 'instapaper-notes',
  family: 'instapaper',
  formats: [
    {
      name: 'instapaper-notes',
      kind: "highlights",
      trust: 49,
      shelf: 'Articles',
      about: "notes of Instapaper's Obsidian plugin (`instapaper`): the article's properties (`url`, `date`, `pubdate`, `author`, `tags`), then each highlight quoted and ended by its `[↗](https://www.instapaper.com/read/…)` link (to 1.1.5) or its `^h<id>` block id (the default template since), the note after it",
      reads: "one record per note: title from `title` (off by default), else the file name (`Untitled-<id>`: none), `author` → authors, `url`, `pubdate` → `published`, `tags`, `category: \"articles\"`, `date` (when it was saved) → `extra.saved`, the article id of the links → `extra.articleId`, other properties → `extra`; per highlight its text (the quote marks taken off), `url` the `instapaper.com/read` link, `id` the highlight id, the note (the paragraphs after it up to the next highlight). Known misses: a template the user rewrote without the link or the block id is read as plain Markdown; text written below the last highlight is taken as its note",
    },
  ],
  claims: ['*.md', '*.markdown'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./notes.js')).instapaperNotes,
});
