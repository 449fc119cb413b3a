import type { IngestRecord } from '../schema.js';

/** Every emitter: records in, text chunks out. Serializing only; writing is the caller's. */
export type Emitter = (records: AsyncIterable<IngestRecord>) => AsyncIterable<string>;
