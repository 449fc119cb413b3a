/**
 * The pocket family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat } from '../format.js';

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
