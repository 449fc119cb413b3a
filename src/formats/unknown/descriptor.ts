/**
 * The unknown family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat } from '../format.js';

export const unknownData = defineFormat({
  id: 'unknown-data',
  family: 'unknown',
  formats: [],
  claims: [],
  input: 'text',
  detection: { role: 'fallback', rank: 1 },
  reader: async () => (await import('./unknown.js')).unknownData,
});
