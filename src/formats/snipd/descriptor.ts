/**
 * The snipd family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const snipd = defineFormat({
  id: 'snipd',
  family: 'snipd',
  formats: [
    {
      name: 'snipd',
      kind: 'highlights',
      trust: 44,
      shelf: 'Podcasts',
      about: 'Snipd podcast notes (one per episode) from the official Snipd Obsidian plugin and Snipd\'s earlier Markdown export (`## Snips` with share.snipd.com snip links)',
      reads: "the episode: `episode_title` (else the H1, else `Episode title:`) → title, the show (`show_title`, `Show:`) → `site`, its owner or host (`show_author`, `Owner / Host:`, split at ` & `) → authors, `episode_url`/`Episode URL`/`Episode link` → `url`, publish date → `published`, cover → `image`, `Episode AI description` → `summary`, category `podcasts`; guests, mentioned books, duration, export date and the other keys → `extra`. Each snip is a highlight: its text is the transcript (`Speaker: words` paragraphs, from `**Name:**` lines, `**Speaker 1**` callouts or HTML blockquotes), or the quote when there is no transcript; its note is the snip's title, then its summary (or your note), then the quote (when the transcript is the text) and any caption after it; `location` `Time 06:20-07:20`; `url` the share.snipd.com snip link and `id` its id; `#tags` after the heading → tags",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./snipd.js')).snipd,
});
