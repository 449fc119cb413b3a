/**
 * The readwise family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat } from '../format.js';

export const readwiseMarkdown = defineFormat({
  id: 'readwise-markdown',
  family: 'readwise',
  formats: [
    {
      name: 'readwise',
      kind: "highlights",
      trust: 85,
      shelf: null,
      about: "Readwise's Obsidian export and custom templates of it (Metadata lists, `> [!note]` callouts of `Key:: value` fields, frontmatter-only templates, Snipd podcasts)",
      reads: "see [How notes are read](#how-notes-are-read)",
    },
    {
      name: 'readwise-mirror',
      kind: "highlights",
      trust: 80,
      shelf: null,
      about: "the Readwise Mirror plugin (`%% ID: … %%`, `# About` list, `([351](…))` links, `^id` block references)",
      reads: "the same fields as `readwise`; a title link `[[Readwise/Articles/X]]` is `X`",
    },
    {
      name: 'markdown',
      kind: "markdown",
      trust: 20,
      shelf: null,
      about: "any other Markdown note",
      reads: "title, authors, url, … from frontmatter and headings; the body as `text`",
    },
  ],
  claims: ['*.md', '*.markdown'],
  input: 'text',
  detection: { role: 'fallback', rank: 2 },
  reader: async () => (await import('./readwise.js')).readwiseMarkdown,
});

export const readwiseCsv = defineFormat({
  id: 'readwise-csv',
  family: 'readwise',
  formats: [
    {
      name: 'readwise-csv',
      kind: "highlights",
      trust: 90,
      shelf: 'Books',
      about: "Readwise's \"Export to CSV\" (`Highlight,Book Title,Book Author,Amazon Book ID,…`)",
      reads: "one record per book (title, author, ASIN in `extra.asin` and `category: \"books\"` when given, document tags); per highlight text, note, colour, tags, location (`location` → `Location N`, `page` → `Page N`; `order` and `offset` are no place), `Highlighted at`",
    },
  ],
  claims: ['*.csv'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./csv.js')).readwiseCsv,
});

export const readwiseJson = defineFormat({
  id: 'readwise-json',
  family: 'readwise',
  formats: [
    {
      name: 'readwise-json',
      kind: "highlights",
      trust: 95,
      shelf: null,
      about: "Readwise's export API (`{count, nextPageCursor, results: [...]}`, or an array of pages or books)",
      reads: "one record per book: `readable_title`, author, `source_url` (else `unique_url`), cover, summary, category, `book_tags`; the rest in `extra`; per highlight id, text, note, colour, tags (plus `favorite`/`discard` from `is_favorite`/`is_discard`), location, `highlighted_at`",
    },
  ],
  claims: ['*.json'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./json.js')).readwiseJson,
});
