/**
 * The hypothesis family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const hypothesis = defineFormat({
  id: 'hypothesis',
  family: 'hypothesis',
  formats: [
    {
      name: 'hypothesis',
      kind: "highlights",
      trust: 50,
      shelf: 'Articles',
      about: "the Obsidian Hypothesis plugin (and forks), default and custom templates",
      reads: "title from frontmatter `title`, the Metadata list's `Title:`, the H1, or the file name; `url` from frontmatter `url` or `Reference:`; `Author: [host]()` is the page's host → `site` (a name that is not a host → `authors`); `Category:` → `articles` (`#article`, or the user's own word such as `#文章`); frontmatter `tags`; per highlight: text as written before the `— [Updated on …](https://hyp.is/ID/…)` link, the hyp.is link as `url`, its id as `id`, `Updated on` → `highlightedAt`, nested `Tags:` → tags, `Annotation:` → note; `## Page Notes` → entries with empty text and the note; `Group: #x` → `extra.groups`, never tags; a re-synced copy (same hyp.is id) kept once (`hypothesis-duplicate` info)",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./hypothesis.js')).hypothesis,
});
