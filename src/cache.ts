/**
 * The record cache: one entry per input file, keyed by the file's path and
 * place and by everything else that shapes records (tool version, schema,
 * build: the salt), holding the hash of the bytes it was computed from. A
 * warm run reads and hashes each file and parses nothing that did not change.
 * Entries are only trusted when they carry the expected key; anything else
 * is reported and rebuilt.
 *
 * Entries live in packs, not one file each: 200,000 tiny notes as 200,000
 * files made a run with the cache three times slower than one without and
 * took 806 MB of 4 KiB blocks. A run appends the entries it computes to one
 * pack of its own (entries + an index of where each is); opening reads the
 * indexes only, and an entry is read from its pack when asked for.
 *
 * Pruning: when a run ends with more dead bytes than live ones (entries
 * replaced by newer ones, of files that no longer exist, of another build)
 * or with more than MAX_PACKS packs, the live entries are copied into one
 * new pack and the old packs are removed.
 *
 * Layout: DIR/ingest-cache.json (marker), DIR/CACHEDIR.TAG,
 *         DIR/packs/<salt>/<name>.pack and <name>.index (NDJSON, one line per entry)
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Outcome } from './process.js';
import type { Diagnostic, IngestRecord } from './schema.js';
import { rememberJson } from './serialized.js';

const FORMAT = 3;
const MARKER = 'ingest-cache.json';
const TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by ingest.\n# For information about cache directory tags see https://bford.info/cachedir/\n';
/** More packs than this are merged into one at the end of a run. */
const MAX_PACKS = 8;
/** Another build's packs are removed once untouched this long (a run of that build may still be using them). */
const STALE_MS = 24 * 60 * 60 * 1000;
/** Entries are written in batches of about this many bytes. */
const FLUSH_BYTES = 256 * 1024;

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

/** Where an entry is: a line of a pack's index. */
interface Location {
  /** The entry's key. */
  k: string;
  /** Hash of the bytes it was computed from. */
  b: string;
  /** The input file, to prune entries of files that are gone. */
  f: string;
  /** Byte offset and length in the pack. */
  o: number;
  l: number;
}

interface Pack {
  name: string;
  descriptor: number | null;
}

export class Cache {
  private corrupt = 0;
  private readonly locations = new Map<string, { pack: Pack; at: Location }>();
  private readonly seen = new Set<string>();
  private ownPack: Pack | null = null;
  private ownSize = 0;
  private pendingData: string[] = [];
  private pendingIndex: string[] = [];
  private pendingBytes = 0;
  private failed = false;
  /** The packs whose indexes were read at open, and their entries' bytes. */
  private readonly loaded: Pack[] = [];
  private totalBytes = 0;

  private constructor(
    private readonly dir: string,
    /** The folder of this salt's packs. */
    private readonly packs: string,
    private readonly report: Report,
  ) {}

  /** Opens (creating) a cache folder; `null`, with a warning, when it cannot be used. */
  static async open(dir: string, salt: string, report: Report): Promise<Cache | null> {
    const warn = (rule: string, message: string): null => {
      report(dir, { severity: 'warning', rule, message, line: null, column: null });
      return null;
    };
    try {
      fs.mkdirSync(dir, { recursive: true });
      const marker = path.join(dir, MARKER);
      let markerText: string | null = null;
      try {
        markerText = fs.readFileSync(marker, 'utf8');
      } catch {
        markerText = null;
      }
      if (markerText === null) {
        const entries = fs.readdirSync(dir).filter((name) => name !== 'CACHEDIR.TAG');
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
          for (const old of ['entries', 'packs']) fs.rmSync(path.join(dir, old), { recursive: true, force: true });
        }
      }
      if (markerText === null || !markerText.includes(`"format":${FORMAT}`)) {
        await writeAtomic(marker, `${JSON.stringify({ tool: 'ingest', format: FORMAT })}\n`);
        await writeAtomic(path.join(dir, 'CACHEDIR.TAG'), TAG);
      }
      const saltId = createHash('sha256').update(salt).digest('hex').slice(0, 16);
      const packs = path.join(dir, 'packs', saltId);
      fs.mkdirSync(packs, { recursive: true });
      removeStaleBuilds(path.join(dir, 'packs'), saltId);
      const cache = new Cache(dir, packs, report);
      cache.load();
      return cache;
    } catch (error) {
      return warn('cache-unusable', `cannot use the cache folder ${dir}: ${(error as Error).message}; running without a cache`);
    }
  }

  /** Reads every pack's index, oldest first, so that a newer entry replaces an older one. */
  private load(): void {
    const names = fs.readdirSync(this.packs).filter((name) => name.endsWith('.index')).sort();
    for (const indexName of names) {
      const pack: Pack = { name: indexName.slice(0, -'.index'.length), descriptor: null };
      let text: string;
      try {
        text = fs.readFileSync(path.join(this.packs, indexName), 'utf8');
      } catch {
        continue; // removed by a concurrent run's pruning
      }
      this.loaded.push(pack);
      for (const line of text.split('\n')) {
        if (line === '') continue;
        let at: Location;
        try {
          at = JSON.parse(line) as Location;
        } catch {
          // A run killed mid-write leaves a cut last line: its entry is simply not there.
          continue;
        }
        if (typeof at.k !== 'string' || typeof at.o !== 'number' || typeof at.l !== 'number') continue;
        this.totalBytes += at.l;
        this.locations.set(at.k, { pack, at });
      }
    }
  }

  static hashBytes(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** `place` (the file's place in the folder given) is part of the key: ids come from it. */
  private keyFor(file: string, shown: string, place: string): string {
    return createHash('sha256').update(`${file}\0${shown}\0${place}`).digest('hex').slice(0, 32);
  }

  /** The outcomes computed from exactly these bytes, or `null`. */
  async get(file: string, shown: string, bytesHash: string, place = shown): Promise<Outcome[] | null> {
    const key = this.keyFor(file, shown, place);
    const found = this.locations.get(key);
    if (!found || found.at.b !== bytesHash) return null;
    let text: string;
    try {
      text = this.readEntry(found.pack, found.at);
    } catch {
      return null; // a pack removed by a concurrent run's pruning
    }
    const outcomes = this.parseEntry(text, key, bytesHash, shown);
    if (outcomes) this.seen.add(key);
    return outcomes;
  }

  private readEntry(pack: Pack, at: Location): string {
    if (pack === this.ownPack) this.flush();
    // Synchronous on purpose: a warm run reads thousands of small entries, and each
    // asynchronous read costs trips through the thread pool.
    pack.descriptor ??= fs.openSync(path.join(this.packs, `${pack.name}.pack`), 'r');
    const buffer = Buffer.allocUnsafe(at.l);
    const read = fs.readSync(pack.descriptor, buffer, 0, at.l, at.o);
    return buffer.toString('utf8', 0, read);
  }

  private parseEntry(text: string, key: string, bytesHash: string, shown: string): Outcome[] | null {
    const lines = text.split('\n');
    let header: Header;
    try {
      header = JSON.parse(lines[0]!) as Header;
    } catch {
      this.reportCorrupt(shown);
      return null;
    }
    if (header === null || typeof header !== 'object' || header.format !== FORMAT || header.key !== key || header.bytes !== bytesHash || lines.length !== 2 * header.count + 2) {
      this.reportCorrupt(shown);
      return null;
    }
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
    if (this.failed) return;
    const key = this.keyFor(file, shown, place);
    const lines = [JSON.stringify({ format: FORMAT, key, bytes: bytesHash, count: outcomes.length } satisfies Header)];
    for (const outcome of outcomes) {
      lines.push(JSON.stringify({ path: outcome.path, diagnostics: outcome.record === null ? outcome.diagnostics : [] }));
      if (outcome.record === null) lines.push('null');
      else {
        const text = JSON.stringify(outcome.record);
        // The output writes the same text again rather than serializing the record twice.
        rememberJson(outcome.record, text);
        lines.push(text);
      }
    }
    const entry = `${lines.join('\n')}\n`;
    const length = Buffer.byteLength(entry);
    this.ownPack ??= { name: packName(), descriptor: null };
    const at: Location = { k: key, b: bytesHash, f: file, o: this.ownSize, l: length };
    this.ownSize += length;
    this.pendingData.push(entry);
    this.pendingIndex.push(`${JSON.stringify(at)}\n`);
    this.pendingBytes += length;
    this.locations.set(key, { pack: this.ownPack, at });
    this.seen.add(key);
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  /** Appends the pending entries to this run's pack, then their index lines: an index never points past its pack. */
  private flush(): void {
    if (this.pendingData.length === 0 || this.failed || !this.ownPack) return;
    try {
      fs.appendFileSync(path.join(this.packs, `${this.ownPack.name}.pack`), this.pendingData.join(''));
      fs.appendFileSync(path.join(this.packs, `${this.ownPack.name}.index`), this.pendingIndex.join(''));
    } catch (error) {
      this.failed = true;
      this.report(this.dir, { severity: 'warning', rule: 'cache-unusable', message: `cannot write to the cache: ${(error as Error).message}`, line: null, column: null });
    }
    this.pendingData = [];
    this.pendingIndex = [];
    this.pendingBytes = 0;
  }

  /** Writes what is pending and prunes when dead entries outweigh live ones. Call once, at the end of a run. */
  async close(): Promise<void> {
    this.flush();
    for (const pack of this.loaded) this.closePack(pack);
    if (this.ownPack) this.closePack(this.ownPack);
    if (this.failed) return;
    try {
      this.prune();
    } catch (error) {
      this.report(this.dir, { severity: 'warning', rule: 'cache-unusable', message: `cannot prune the cache: ${(error as Error).message}`, line: null, column: null });
    }
  }

  private closePack(pack: Pack): void {
    if (pack.descriptor !== null) fs.closeSync(pack.descriptor);
    pack.descriptor = null;
  }

  private prune(): void {
    const allBytes = this.totalBytes + this.ownSize;
    let current = 0;
    for (const { at } of this.locations.values()) current += at.l;
    const packs = this.loaded.length + (this.ownPack ? 1 : 0);
    // Cheap first: entries replaced by newer ones. Vanished files are looked for only when merging,
    // which happens at the latest after MAX_PACKS runs that wrote entries.
    if (allBytes - current <= current && packs <= MAX_PACKS) return;
    // Entries this run neither read nor wrote are kept only while their file exists (another folder's notes, say).
    const live = [...this.locations.values()].filter(({ at }) => this.seen.has(at.k) || fs.existsSync(at.f));
    const merged: Pack = { name: packName(), descriptor: null };
    const data: string[] = [];
    const index: string[] = [];
    let offset = 0;
    for (const { pack, at } of live) {
      let entry: string;
      try {
        entry = this.readEntry(pack, at);
      } catch {
        continue;
      }
      data.push(entry);
      index.push(`${JSON.stringify({ ...at, o: offset })}\n`);
      offset += at.l;
    }
    const base = path.join(this.packs, merged.name);
    fs.writeFileSync(`${base}.pack`, data.join(''));
    fs.writeFileSync(`${base}.index.tmp`, index.join(''));
    fs.renameSync(`${base}.index.tmp`, `${base}.index`);
    for (const pack of [...this.loaded, ...(this.ownPack ? [this.ownPack] : [])]) {
      this.closePack(pack);
      // The index first: a concurrent run that already read it finds the pack gone and treats it as a miss.
      fs.rmSync(path.join(this.packs, `${pack.name}.index`), { force: true });
      fs.rmSync(path.join(this.packs, `${pack.name}.pack`), { force: true });
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

/** Sorts in creation order (time first), unique across concurrent runs. */
function packName(): string {
  return `${Date.now().toString(36).padStart(10, '0')}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Packs of other builds (another version of ingest): kept while they may be in use, removed after a day untouched. */
function removeStaleBuilds(root: string, current: string): void {
  for (const name of fs.readdirSync(root)) {
    if (name === current) continue;
    const folder = path.join(root, name);
    try {
      if (Date.now() - fs.statSync(folder).mtimeMs > STALE_MS) fs.rmSync(folder, { recursive: true, force: true });
    } catch {
      // removed meanwhile
    }
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.promises.writeFile(temp, text);
  await fs.promises.rename(temp, file);
}
