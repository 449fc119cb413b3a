/**
 * The template family: notes made with a template the user names with
 * `--read-template`, read by that template turned into a matcher
 * (reader.ts). It claims no files and reads nothing unless a template is
 * named (detection role `named`): then it is asked first, and a note its
 * template does not match goes on to the usual readers.
 */
import { defineFormat } from '../format.js';

export const namedTemplate = defineFormat({
  id: 'read-template',
  family: 'template',
  formats: [
    {
      name: 'read-template',
      kind: 'highlights',
      trust: 63,
      shelf: null,
      about: 'a note made with the Nunjucks/Jinja template named with `--read-template` (a template file, or the data.json of the Readwise Mirror, Kindle or Zotero Integration plugin)',
      reads: 'see [--read-template](#--read-template): each value of the template by its variable name (`title`, `author`, `highlight_text`, `annotatedText`, …), the items of its `highlights` or `annotations` loop as highlights; `extra.template` names the template',
    },
  ],
  claims: [],
  input: 'text',
  detection: { role: 'named' },
  reader: async () => (await import('./reader.js')).namedTemplate,
});
