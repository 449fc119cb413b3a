/**
 * The glasp family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const glasp = defineFormat({
  id: 'glasp',
  family: 'glasp',
  formats: [
    {
      name: 'glasp',
      kind: 'highlights',
      trust: 43,
      shelf: null,
      about: "Glasp's Obsidian plugin: web highlights and the Kindle highlights Glasp imports (`Glasp URL:` frontmatter)",
      reads: "title from the file name (the plugin names files by title); `URL` → `url`; `Author` → authors, except Amazon's placeholder `Your Kindle Notes For:`; `Thumbnail` → `image`; `Tags` → tags; category `books` for a Kindle import (`/kindle/` in the Glasp URL, its ASIN from the Amazon link → `extra.asin`), else `articles`; `Glasp URL` → `extra.glasp_url`, `Last updated` and other keys → `extra`; `#### Summary` → `summary`, `#### Thoughts & Comments` → `extra.thoughts`; under `#### Highlights & Notes` each `> ` paragraph is a highlight (HTML character references such as `&mdash;` decoded), the `- note` after it (or the older `**note:**` block) its note, to the next highlight",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./glasp.js')).glasp,
});
