/**
 * The structural family: highlight notes from templates no reader knows,
 * read by their structure (structural.ts). It reads no document on its own
 * (detection role `refines`): it claims no files, and is handed each
 * one-work Markdown note after its reader.
 */
import { defineFormat } from '../format.js';

export const structural = defineFormat({
  id: 'structural',
  family: 'structural',
  formats: [
    {
      name: 'template',
      kind: 'highlights',
      trust: 25,
      shelf: null,
      about: 'a highlight note from a template no reader knows (a rewritten Readwise, Kindle, Zotero or Hypothesis template, another tool), read by its structure',
      reads: 'see [Any template](#any-template): highlights are repeated blocks with evidence (links to where they were made, location labels, `<mark>`, `^ref-` ids, a heading that names them), their notes and tags the blocks after them; fields from key-value lines in the head (`**Author:** X`, `Author:: X`, `| Author | X |`, ten languages) and frontmatter',
    },
  ],
  claims: [],
  input: 'text',
  detection: { role: 'refines' },
  reader: async () => (await import('./structural.js')).structural,
});
