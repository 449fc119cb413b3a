/**
 * SQLite for the Kobo reader: sql.js (SQLite compiled to WebAssembly), its
 * `.wasm` read from node_modules, never fetched. Loaded only by `load()`,
 * which ingest awaits before a file a reader of bytes took is read
 * (process.ts prepareFile): a run that reads no database never loads it.
 * Opening a database is then synchronous, as reading a document is.
 */
import { createRequire } from 'node:module';

/** The little of sql.js's API the reader uses (its own types are a package of their own). */
export interface SqlDatabase {
  exec(sql: string, params?: readonly SqlValue[]): Array<{ columns: string[]; values: SqlValue[][] }>;
  close(): void;
}
export type SqlValue = string | number | Uint8Array | null;

interface SqlJs {
  Database: new (bytes: Uint8Array) => SqlDatabase;
}

let engine: SqlJs | null = null;
let loading: Promise<void> | null = null;

/** Loads sql.js once per thread. */
export function load(): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const init = require('sql.js') as (config: { locateFile: (file: string) => string }) => Promise<SqlJs>;
    const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
    engine = await init({ locateFile: () => wasm });
  })();
  return loading;
}

/** The database in these bytes (copied: sql.js takes them over); throws what SQLite says when they are none. */
export function open(bytes: Uint8Array): SqlDatabase {
  if (engine === null) throw new Error('the SQLite engine is not loaded (load() is awaited before a database is read)');
  return new engine.Database(Uint8Array.from(bytes));
}
