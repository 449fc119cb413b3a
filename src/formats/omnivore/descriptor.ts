/**
 * The omnivore family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const omnivore = defineFormat({
  id: 'omnivore',
  family: 'omnivore',
  formats: [
    {
      name: 'omnivore',
      kind: "highlights",
      trust: 45,
      shelf: 'Articles',
      about: "Omnivore's Obsidian plugin, default and custom templates",
      reads: "frontmatter `title` (else the H1, else the file name), `author` (`unknown` dropped), `date_published`, `tags` plus the `#Omnivore` line, `site_name` → `site`, `id`/`date_saved`/… → `extra`; `url` from frontmatter, else `[Read Original](…)`; the Read on Omnivore link → `extra.omnivore_url`; highlights are quotes ending in `[⤴️](https://omnivore.app/me/…#id)`: plain text (bullets dropped, ordered-list numbers kept), the link → `url` with its fragment as `id`, ` #label`s after it → tags, `<mark class=\"… …-red\">` → colour; a paragraph or `> note` after a highlight in `## Highlights` → note; the article's own quotes and lists are `text`, never highlights",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./omnivore.js')).omnivore,
});
