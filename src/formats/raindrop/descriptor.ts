/**
 * The raindrop family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const raindrop = defineFormat({
  id: 'raindrop',
  family: 'raindrop',
  formats: [
    {
      name: 'raindrop',
      kind: 'highlights',
      trust: 42,
      shelf: 'Articles',
      about: 'Raindrop.io highlights synced by the Obsidian plugin "Raindrop Highlights" (`raindrop_id:` frontmatter), default and custom templates',
      reads: "title from frontmatter `title`, else the first H1 (not `# Metadata`), else the file name; `url` from frontmatter `source`/`link`/`url`, else `Source URL::`; tags from frontmatter `tags` and `Topics:: #a, #b`; `summary` from frontmatter `description`, a `> [!summary]` callout or the excerpt between the H1 and `## Highlights`; the cover image; other frontmatter (`raindrop_id`, `raindrop_highlights`, `created`, …) and inline fields (`collection::`) → `extra`; highlights are callouts titled `Updated on <date>` (or untitled `danger`/`info`/`check`/`quote` callouts, or the first template's `- [ ] text — Updated on <date>` lines): text with HTML entities decoded and `&gt;` continuation lines joined, `> > note` → note, the date → `highlightedAt` (`YYYY/MM/DD HH:mm:ss` or a JavaScript date with its offset), the callout type → colour as the default template maps it (`danger` red, `info` blue, `check` green; `quote` is any other colour: none stated)",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./raindrop.js')).raindrop,
});
