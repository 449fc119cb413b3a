/**
 * The logseq family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const logseq = defineFormat({
  id: 'logseq',
  family: 'logseq',
  formats: [
    {
      name: 'readwise-logseq',
      kind: "highlights",
      trust: 75,
      shelf: null,
      about: "Readwise's Logseq export and custom Logseq templates of it: `key:: value` page properties, then an outline",
      reads: "`full-title::` without its surrounding quotes (one pair: `\"\"Conan O'Brien\"\"` is `\"Conan O'Brien\"`), else `title::` without ` (highlights)`; `author:: [[…]]`, `category:: #books`, `url::`, `tags:: #[[multi word]] #tag`; highlights under `Highlights first synced by [[Readwise]] [[Dec 5th, 2023]]` / `New highlights added [[…]] at 10:12 AM` blocks (their date, with its time, is `highlightedAt`; `[[Thursday, 18-08-2022]]` read by its weekday), under chapter blocks inside them, or at the top; children `**Note**:`, `**Tags**:`, `**Date**`, a location link, a tags-only block, anything else the user added (→ note); `[[page links]]`, `#tags` and `==marks==` in the text become words",
    },
    {
      name: 'logseq',
      kind: "highlights",
      trust: 40,
      shelf: null,
      about: "other Logseq pages with highlights, including Logseq's own PDF highlights (`hls__` pages: `file:: [x.pdf](…)`, blocks with `ls-type:: annotation`)",
      reads: "as above; for PDF highlights `hl-page` → `page` and `Page N`, `hl-color` → `color`, `id::` → `id`, nested highlights are highlights, area (picture) highlights are skipped with an `area-highlight` info; the title is the page's `alias::`, else the PDF's name without Logseq's `_<timestamp>_0` suffix. A page with no highlight markers is a `markdown` note of this format",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./logseq.js')).logseq,
});
