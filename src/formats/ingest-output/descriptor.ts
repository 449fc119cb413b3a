/**
 * The ingest-output family's formats: what ingest knows about each (see
 * FormatDescriptor); the readers themselves load only when documents are read.
 */
import { defineFormat } from '../format.js';

export const ingestOutput = defineFormat({
  id: 'ingest-output',
  family: 'ingest-output',
  formats: [],
  claims: [],
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./ingest-output.js')).ingestOutput,
});
