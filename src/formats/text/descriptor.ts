/**
 * The text family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat } from '../format.js';

export const text = defineFormat({
  id: 'text',
  family: 'text',
  formats: [
    {
      name: 'text',
      kind: "text",
      trust: 10,
      shelf: null,
      about: "plain-text articles and web clippings",
      reads: "see [How notes are read](#how-notes-are-read)",
    },
  ],
  claims: ['*.txt'],
  input: 'text',
  detection: { role: 'fallback', rank: 3 },
  reader: async () => (await import('./text.js')).text,
});
