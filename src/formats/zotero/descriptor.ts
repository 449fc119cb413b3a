/**
 * The zotero family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const zotero = defineFormat({
  id: 'zotero',
  family: 'zotero',
  formats: [
    {
      name: 'zotero',
      kind: "highlights (markdown for a Better Notes note without annotations)",
      trust: 70,
      shelf: 'Articles',
      about: "Zotero's \"Annotations\" note (Zotero 6/7 \"Add Note from Annotations\"), as Markdown export or copy-paste, or as the note's HTML kept by Better Notes (`$itemKey:` frontmatter)",
      reads: "title from frontmatter `title`, Better Notes `parent`, `alias`, `Title:` lines, a first H1 that is not `# Annotations`/`# Notes`, else the file name; authors from frontmatter, else the citation's `Author, 2021`; DOI as `url`; `date` as `published` (a bare year goes to `extra.year`); `itemType`/`type` as category; tags and keywords; a `[!abstract]` callout as summary; per annotation: text without Zotero's “ ”, `page`/`Page N` from the citation's `p. 12` (the pdf link's `page=` only as a fallback), the `open-pdf` link as `url`, the annotation key as `id`, the comment as `note`, colour from `data-annotation` (HTML only); comment-only annotations have `text: \"\"`; the `(date)` line is not a highlight date",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  // Zotero's own note (`[Go to annotation](…)“text”`) may sit under a user's template header that Zotero Integration also accepts: it is Zotero's.
  detection: { role: 'specific', over: ['zotero-integration'] },
  reader: async () => (await import('./zotero.js')).zotero,
});

export const zoteroIntegration = defineFormat({
  id: 'zotero-integration',
  family: 'zotero',
  formats: [
    {
      name: 'zotero-integration',
      kind: "highlights",
      trust: 65,
      shelf: 'Articles',
      about: "Obsidian Zotero Integration template notes (`[Page 12](zotero://open-pdf/…)` links, `%% begin annotations %%`, `%% Import Date %%`)",
      reads: "item fields as for `zotero`, plus `Key: value` lines, `**Key**:: value` fields and `| Authors | … |` table rows; per annotation: text without marks, block ids or the template's quotes, `page` from the link label (`Page 12`, `page. 21`, `(p. 2)`, `pdf, p. 2`; `?page=` as a fallback), colour from callout metadata (`|#5fb236`, `|green`), `<mark>` class or style, or a colour-group heading (`# Red`); note from `- **…**` bullets, `**💬 Comment:**`, a `---` rule or sub-items; image annotations have `text: \"\"` with the embed in `markdown`; repeats merged (`zotero-duplicate` info)",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./integration.js')).zoteroIntegration,
});
