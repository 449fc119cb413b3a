/** The record schema's version (see schema.ts); apart so that reading it loads no zod. */
export const SCHEMA_VERSION = 3;
