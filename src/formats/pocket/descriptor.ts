/**
 * The pocket family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const pocket = defineFormat({
  id: 'pocket',
  family: 'pocket',
  formats: [
    {
      name: 'pocket',
      kind: "highlights",
      trust: 46,
      shelf: 'Articles',
      about: "Pocket's annotations export, `annotations/part_000000.json` of its export zip (`[{\"url\", \"title\", \"highlights\": [{\"quote\", \"created_at\"}]}]`)",
      reads: "one record per article: `url`, `title` (HTML character references decoded; none when the export wrote the URL in its place), `category: \"articles\"`; per highlight its `quote` and `created_at` (seconds since the epoch) as a UTC `highlightedAt` (`…Z`); an empty quote is left out. Pocket cut long titles at 75 characters, and the export has no tags, notes or authors",
    },
  ],
  claims: ['*.json'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./annotations.js')).pocketAnnotations,
});

export const pocketPlugin = defineFormat({
  id: 'pocket-plugin',
  family: 'pocket',
  formats: [
    {
      name: 'pocket-plugin',
      kind: "markdown",
      trust: 47,
      shelf: 'Articles',
      about: "Notes of the Obsidian Pocket plugin (nybbles/obsidian-pocket): one note per saved item, from its default template (`Title`, `URL`, `Pocket URL`, `Tags: [pocket, …]`, `Excerpt: >`; it starts with a blank line) or a custom one with a `https://getpocket.com/read/<id>` link",
      reads: "one record per note, no highlights (the plugin writes none): `title` from `Title` (none when it is the URL, as Pocket gives an untitled item; the plugin turned `\"` into `'`), `url` from `URL` (else the frontmatter's first other link), `category: \"articles\"`, `Tags` and the body's `#tag, #other` line as tags (`pocket` is the template's own), `Excerpt` as `summary`, `![image](…)` as `image`, `Pocket URL` and other keys in `extra`; a `Tags` list holding `#tag` (no YAML) is read line by line; the rest of the body, the user's own words, is the text. Known misses: the plugin turned `\"` in a title into `'`, dropped `---` from titles and excerpts and converted multi-word tags (snake or camel case) as set: they stay so; a custom template with neither a `getpocket.com/read/` link nor the 0.7 keys is not recognised",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./plugin.js')).pocketPlugin,
});
