/**
 * The instapaper family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat } from '../format.js';

export const instapaper = defineFormat({
  id: 'instapaper',
  family: 'instapaper',
  formats: [
    {
      name: 'instapaper',
      kind: "highlights",
      trust: 48,
      shelf: 'Articles',
      about: "Instapaper's CSV export (`URL,Title,Selection,Folder,Timestamp,Tags`; older exports without `Timestamp` or `Tags`)",
      reads: "one record per article (a URL saved twice is one record): `URL`, `Title`, `category: \"articles\"`, `Tags` (a JSON array) as tags, `Selection` as `summary`, `Folder` → `extra.folder`, `Timestamp` (seconds since the epoch, when it was saved) → `extra.saved` as a UTC time. No highlights: `Selection` is the bookmark's description, the passage selected when saving or words the user typed, which the export does not tell apart; Instapaper's own highlights and notes are not in this export",
    },
  ],
  claims: ['*.csv'],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./csv.js')).instapaperCsv,
});
