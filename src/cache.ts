/**
 * The record cache: one entry per input file, keyed by the file's path, the
 * tool's version and the settings that shape records, holding the hash of
 * the bytes it was computed from. A warm run reads and hashes each file and
 * parses nothing that did not change. Entries are only trusted when they
 * carry the expected key; anything else is reported and rebuilt.
 *
 * Layout: DIR/ingest-cache.json (marker), DIR/CACHEDIR.TAG, DIR/entries/ab/<key>.json
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Outcome } from './process.js';
import type { Diagnostic, IngestRecord } from './schema.js';
import { rememberJson } from './serialized.js';

const FORMAT = 2;
const MARKER = 'ingest-cache.json';
const TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by ingest.\n# For information about cache directory tags see https://bford.info/cachedir/\n';

export type Report = (path: string, diagnostic: Diagnostic) => void;

/** `$XDG_CACHE_HOME/ingest`, else `~/.cache/ingest`; `null` when neither is an absolute folder (`HOME=""`): no cache, never one in the working folder. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string | null {
  if (env['XDG_CACHE_HOME'] && path.isAbsolute(env['XDG_CACHE_HOME'])) return path.join(env['XDG_CACHE_HOME'], 'ingest');
  const home = 'HOME' in env ? env['HOME'] : os.homedir();
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'ingest') : null;
}

/**
 * An entry is lines: a header, then for each outcome a line of its path and
 * (for a failure) diagnostics, and a line of its record's JSON (or `null`).
 * Record JSON has no raw newline, and reading it back parses it once.
 */
interface Header {
  format: number;
  key: string;
  bytes: string;
  count: number;
}

export class Cache {
  private corrupt = 0;

  private constructor(
    private readonly dir: string,
    /** Everything besides the path that shapes a record: tool version, schema, settings. */
    private readonly salt: string,
    private readonly report: Report,
  ) {}

  /** Opens (creating) a cache folder; `null`, with a warning, when it cannot be used. */
  static async open(dir: string, salt: string, report: Report): Promise<Cache | null> {
    const warn = (rule: string, message: string): null => {
      report(dir, { severity: 'warning', rule, message, line: null, column: null });
      return null;
    };
    try {
      await fs.promises.mkdir(dir, { recursive: true });
      const marker = path.join(dir, MARKER);
      let markerText: string | null = null;
      try {
        markerText = await fs.promises.readFile(marker, 'utf8');
      } catch {
        markerText = null;
      }
      if (markerText === null) {
        const entries = (await fs.promises.readdir(dir)).filter((name) => name !== 'CACHEDIR.TAG');
        if (entries.length > 0) {
          return warn('cache-foreign', `${dir} is not an ingest cache (no ${MARKER}) and is not empty; running without a cache (choose another --cache folder)`);
        }
      } else {
        let format: unknown;
        try {
          format = (JSON.parse(markerText) as { format?: unknown }).format;
        } catch {
          format = undefined;
        }
        if (format === undefined) warn('cache-corrupt', `${marker} is damaged; the cache is rebuilt`);
        if (format !== FORMAT) {
          // Another version's (or a damaged) cache: its entries are of no use.
          await fs.promises.rm(path.join(dir, 'entries'), { recursive: true, force: true });
        }
      }
      await writeAtomic(marker, `${JSON.stringify({ tool: 'ingest', format: FORMAT })}\n`);
      await writeAtomic(path.join(dir, 'CACHEDIR.TAG'), TAG);
      return new Cache(dir, salt, report);
    } catch (error) {
      return warn('cache-unusable', `cannot use the cache folder ${dir}: ${(error as Error).message}; running without a cache`);
    }
  }

  static hashBytes(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** `place` (the file's place in the folder given) is part of the key: ids come from it. */
  private keyFor(file: string, shown: string, place: string): string {
    return createHash('sha256').update(`${this.salt}\0${file}\0${shown}\0${place}`).digest('hex');
  }

  private entryPath(key: string): string {
    return path.join(this.dir, 'entries', key.slice(0, 2), `${key}.ndjson`);
  }

  /** The outcomes computed from exactly these bytes, or `null`. */
  async get(file: string, shown: string, bytesHash: string, place = shown): Promise<Outcome[] | null> {
    const key = this.keyFor(file, shown, place);
    let text: string;
    try {
      // Synchronous on purpose: a warm run reads thousands of small entries, and each
      // asynchronous read costs four trips through the thread pool.
      text = fs.readFileSync(this.entryPath(key), 'utf8');
    } catch {
      return null;
    }
    const lines = text.split('\n');
    let header: Header;
    try {
      header = JSON.parse(lines[0]!) as Header;
    } catch {
      this.reportCorrupt(shown);
      return null;
    }
    if (header === null || typeof header !== 'object' || header.format !== FORMAT || header.key !== key || lines.length !== 2 * header.count + 2) {
      this.reportCorrupt(shown);
      return null;
    }
    if (header.bytes !== bytesHash) return null;
    try {
      const outcomes: Outcome[] = [];
      for (let i = 0; i < header.count; i++) {
        const meta = JSON.parse(lines[1 + 2 * i]!) as { path: string; diagnostics: Outcome['diagnostics'] };
        const recordText = lines[2 + 2 * i]!;
        if (recordText === 'null') {
          outcomes.push({ path: meta.path, record: null, diagnostics: meta.diagnostics });
          continue;
        }
        const record = JSON.parse(recordText) as IngestRecord;
        rememberJson(record, recordText);
        // A record's diagnostics are its outcome's, as processFile made them.
        outcomes.push({ path: meta.path, record, diagnostics: record.diagnostics });
      }
      return outcomes;
    } catch {
      this.reportCorrupt(shown);
      return null;
    }
  }

  async set(file: string, shown: string, bytesHash: string, outcomes: Outcome[], place = shown): Promise<void> {
    const key = this.keyFor(file, shown, place);
    const lines = [JSON.stringify({ format: FORMAT, key, bytes: bytesHash, count: outcomes.length } satisfies Header)];
    for (const outcome of outcomes) {
      lines.push(JSON.stringify({ path: outcome.path, diagnostics: outcome.record === null ? outcome.diagnostics : [] }));
      lines.push(outcome.record === null ? 'null' : JSON.stringify(outcome.record));
    }
    const entry = `${lines.join('\n')}\n`;
    try {
      await fs.promises.mkdir(path.dirname(this.entryPath(key)), { recursive: true });
      await writeAtomic(this.entryPath(key), entry);
    } catch (error) {
      this.report(this.dir, { severity: 'warning', rule: 'cache-unusable', message: `cannot write to the cache: ${(error as Error).message}`, line: null, column: null });
    }
  }

  private reportCorrupt(shown: string): void {
    this.corrupt += 1;
    // One warning per run is enough to say the cache was damaged.
    if (this.corrupt === 1) {
      this.report(shown, {
        severity: 'warning',
        rule: 'cache-corrupt',
        message: `a cache entry in ${this.dir} is damaged or foreign; it was ignored and rebuilt`,
        line: null,
        column: null,
      });
    }
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.promises.writeFile(temp, text);
  await fs.promises.rename(temp, file);
}
