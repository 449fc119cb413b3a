/**
 * The web-clipper family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const webClipper = defineFormat({
  id: 'web-clipper',
  family: 'web-clipper',
  formats: [
    {
      name: 'web-clipper',
      kind: "markdown",
      trust: 30,
      shelf: 'Clippings',
      about: "Obsidian Web Clipper and MarkDownload notes: frontmatter with `source`, `created`/`clipped`, a `clippings` tag or `[[…]]` authors",
      reads: "title from frontmatter `title`, else the first H1, else the file name; authors from `author` (`[[…]]` lists → names); `url` from `source`; `published`; `tags`; `summary` from `description` or MarkDownload's `> ## Excerpt`; `created` and every other key in `extra`; the body is the article, all `text`",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./web-clipper.js')).webClipper,
});
