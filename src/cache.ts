/**
 * (Over 300 lines on purpose: the index, the packs, the fill policy and
 * pruning share one picture of which entries are live; cache-writer.ts
 * holds the writing of entries, serialized.ts their JSON.)
 *
 * The record cache: one entry per input file, keyed by the file's path and
 * place and by everything else that shapes records (tool version, schema,
 * build: the salt), holding the hash of the bytes it was computed from. A
 * warm run parses nothing that did not change. Entries are only trusted
 * when they carry the expected key; anything else is reported and rebuilt.
 *
 * Like git's index, an entry also keeps the file's stat signature (size,
 * mtime, ctime, inode, device): when the file's stat is unchanged, a warm run
 * uses the entry without opening the file. An entry made while the file's
 * mtime was within RACY_MS of the read keeps no signature (a same-size write
 * in the same timestamp tick would not show in the stat) and is checked by
 * its bytes. A file whose stat changed but whose bytes did not (`touch`, a
 * checkout) is not parsed again: its entry is written again with the new stat.
 *
 * Small files (under SMALL_BYTES) parse about as fast as their entry is
 * written: a run writes new entries of small files for at most SMALL_LIMIT
 * more than the entries it found, spread over the run (see `set`). What a
 * found entry saves pays for what the run writes, and a cache of many small
 * notes fills over a few runs, doubling each time.
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
 * new pack and the old packs are removed. A pack without an index, left by
 * a killed run, is removed once orphaned (`removeOrphans`).
 *
 * Layout: DIR/ingest-cache.json (marker), DIR/CACHEDIR.TAG,
 *         DIR/packs/<salt>/<name>.pack and <name>.index (one tab-separated line per entry)
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheKey, EntryWriter, FORMAT, headerStart, indexLine, statSignature, type EntryJob, type EntryOutcome, type Location, type StatRead } from './cache-writer.js';
import type { Outcome } from './process.js';
import type { Diagnostic } from './schema.js';
import type { RuleId } from './rules.js';
import { lazyOutcome, rememberJson } from './serialized.js';

export { hashBytes, type FileStat, type StatRead } from './cache-writer.js';

const MARKER = 'ingest-cache.json';
const TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by ingest.\n# For information about cache directory tags see https://bford.info/cachedir/\n';
/** More packs than this are merged into one at the end of a run. */
const MAX_PACKS = 8;
/** Another build's packs are removed once untouched this long (a run of that build may still be using them). */
const STALE_MS = 24 * 60 * 60 * 1000;
/**
 * A pack no index names (a run killed before it wrote its index, or in the
 * middle of a merge) is removed once the run that wrote it is gone and it is
 * untouched this long: a live run appends to its pack as it goes, and
 * another host's run (whose pid means nothing here) has an hour to do so.
 */
const ORPHAN_MS = 60 * 60 * 1000;
/** Files smaller than this parse about as fast as their entry is written. */
export const SMALL_BYTES = 1024;
/** A run writes new entries of small files for at most this many more than the entries it found (see `set`). */
export const SMALL_LIMIT = 2000;
export type Report = (path: string, diagnostic: Diagnostic) => void;

/**
 * `$XDG_CACHE_HOME/ingest`, else `$HOME/.cache/ingest`; `null` when neither
 * is set to an absolute folder (unset or `HOME=""`): no cache, never one in
 * the working folder, and never one in a home the environment did not name
 * (a job run without HOME as root would otherwise fill /root/.cache).
 */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string | null {
  if (env['XDG_CACHE_HOME'] && path.isAbsolute(env['XDG_CACHE_HOME'])) return path.join(env['XDG_CACHE_HOME'], 'ingest');
  const home = env['HOME'];
  return home && path.isAbsolute(home) ? path.join(home, '.cache', 'ingest') : null;
}

/**
 * An entry is lines: a header (`headerStart`, then its count of outcomes),
 * then for each outcome a line of its path and (for a failure) diagnostics,
 * and a line of its record's JSON (or `null`). Record JSON has no raw
 * newline, and reading it back parses it once.
 */
interface Pack {
  name: string;
  descriptor: number | null;
  /** Its index as read at open: a found entry's line is parsed from it when the entry is used. */
  index: string;
  /** The last piece read from the pack, where it starts, and where the last entry read from it ends. */
  window?: { start: number; bytes: Buffer; next: number };
}

/** A warm run reads entries from a pack in pieces of this many bytes (one read per entry was 9% of a warm run on tiny notes). */
const READ_WINDOW = 256 * 1024;

/** One input file's place in the cache: its key (`null` until needed) and the entry an earlier run left for it. */
export interface Slot {
  readonly key: string | null;
  readonly file: string;
  readonly shown: string;
  readonly place: string;
  found: Found | undefined;
}

interface Found {
  pack: Pack;
  /** Where its line starts in the pack's index, and the entry's length. */
  line: number;
  length: number;
  /** The line parsed, once needed (`location`); `null` when it is damaged. */
  at?: Location | null;
  /** Read by this run: kept when pruning even if its file cannot be found now (it was read through another name). */
  seen?: boolean;
}

export class Cache {
  private corrupt = 0;
  /**
   * The entries of the packs read at open, by key. This run's own entries are
   * not kept here: holding an object per file written made a first run on
   * 50,000 tiny notes 20% slower (garbage collection), and a run never looks
   * up what it wrote itself. An entry this run replaces is removed (dead).
   */
  private readonly locations = new Map<string, Found>();
  /** This run's pack, from its first entry. */
  private own: { pack: Pack; writer: EntryWriter } | null = null;
  private ownSize = 0;
  /** Entries this run found (and used), and new entries of small files it wrote (see `set`). */
  private hits = 0;
  private smallWritten = 0;
  /** Files looked up so far (`slot`), of the `files` the run said it has (0: not said). */
  private looked = 0;
  private files = 0;
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

  /**
   * Opens (creating) a cache folder; `null`, with a warning, when it cannot be
   * used. `files`: how many files the run will look up, when known (see `set`).
   */
  static async open(dir: string, salt: string, report: Report, files = 0): Promise<Cache | null> {
    const warn = (rule: RuleId, message: string): null => {
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
      cache.files = files;
      cache.load();
      return cache;
    } catch (error) {
      return warn('cache-unusable', `cannot use the cache folder ${dir}: ${(error as Error).message}; running without a cache`);
    }
  }

  /**
   * Reads every pack's index, oldest first, so that a newer entry replaces an
   * older one. Of each line only the key and the entry's length are read
   * here: most lines of a cache being filled are not used by the run, and
   * splitting every line into its fields and objects took twice as long.
   */
  private load(): void {
    const names = fs.readdirSync(this.packs).filter((name) => name.endsWith('.index')).sort();
    for (const indexName of names) {
      let index: string;
      try {
        index = fs.readFileSync(path.join(this.packs, indexName), 'utf8');
      } catch {
        continue; // removed by a concurrent run's pruning
      }
      const pack: Pack = { name: indexName.slice(0, -'.index'.length), descriptor: null, index };
      this.loaded.push(pack);
      for (let line = 0; line < index.length; ) {
        const end = index.indexOf('\n', line);
        // A run killed mid-write leaves a cut last line: its entry is simply not there.
        if (end === -1) break;
        // The length is the fifth of six fields; the last (the file as JSON) ends with a quote.
        const last = index.lastIndexOf('\t', end);
        const before = index.lastIndexOf('\t', last - 1);
        const length = Number(index.slice(before + 1, last));
        if (before > line && index.charCodeAt(end - 1) === 0x22 && Number.isSafeInteger(length) && length > 0) {
          this.totalBytes += length;
          this.locations.set(index.slice(line, index.indexOf('\t', line)), { pack, line, length });
        }
        line = end + 1;
      }
    }
  }

  /** A found entry's index line, parsed; `null` (and no longer found) when it is damaged. */
  private location(found: Found, key: string): Location | null {
    if (found.at === undefined) {
      const { index } = found.pack;
      const fields = index.slice(found.line, index.indexOf('\n', found.line)).split('\t');
      const at: Location = { k: key, b: fields[1]!, s: fields[2]!, o: Number(fields[3]), l: found.length, f: fields[5]! };
      found.at = fields.length === 6 && Number.isSafeInteger(at.o) && at.o >= 0 ? at : null;
      if (found.at === null) this.locations.delete(key);
    }
    return found.at;
  }

  /** Where the entry an earlier run left for this file is, if any. */
  private found(slot: Slot): Location | null {
    const at = slot.found ? this.location(slot.found, slot.key!) : null;
    if (!at) slot.found = undefined;
    return at;
  }

  /**
   * The file's place in the cache, for `unchanged`, `get` and `set`. `place`
   * (its place in the folder given) is part of the key: ids come from it.
   * With no entries from earlier runs there is nothing to look up, and the
   * key is left for the writer to compute.
   */
  slot(file: string, shown: string, place = shown): Slot {
    this.looked += 1;
    if (this.locations.size === 0) return { key: null, file, shown, place, found: undefined };
    const key = cacheKey(file, shown, place);
    return { key, file, shown, place, found: this.locations.get(key) };
  }

  /**
   * The outcomes of an unchanged file without reading it: its entry's stat
   * signature is the file's. `null` when there is none, it differs, or the
   * file is no longer a regular file of at most `maxBytes`.
   */
  unchanged(slot: Slot, maxBytes: number): Outcome[] | null {
    const at = this.found(slot);
    if (!at || at.s === '') return null;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(slot.file, { throwIfNoEntry: false });
    } catch {
      return null; // read as usual, to report why it cannot be
    }
    if (!stat || !stat.isFile() || stat.size > maxBytes) return null;
    if (statSignature(stat, Date.now()) !== at.s) return null;
    return this.use(slot, at, at.b)?.outcomes ?? null;
  }

  /**
   * The outcomes computed from exactly these bytes, or `null`. With the
   * file's stat as read, an entry whose signature is no longer the file's is
   * written again with the new one, so the next run need not read the file.
   */
  get(slot: Slot, bytesHash: string, stat?: StatRead): Outcome[] | null {
    const at = this.found(slot);
    if (!at || at.b !== bytesHash) return null;
    const entry = this.use(slot, at, bytesHash);
    if (entry && stat) {
      const signature = statSignature(stat.stat, stat.readAt);
      if (signature !== at.s) this.append(slot, { bytesHash, bytes: null, stat, outcomes: [], entry: entry.bytes });
    }
    return entry?.outcomes ?? null;
  }

  /** The entry's outcomes and text, or `null` (a damaged entry is then not tried again in this run). */
  private use(slot: Slot, at: Location, bytesHash: string): { outcomes: Outcome[]; bytes: Buffer } | null {
    const found = slot.found!;
    let bytes: Buffer;
    try {
      bytes = this.readEntry(found.pack, at);
    } catch {
      return null; // a pack removed by a concurrent run's pruning
    }
    const outcomes = this.parseEntry(bytes, at.k, bytesHash, slot.shown);
    if (!outcomes) {
      this.locations.delete(at.k);
      slot.found = undefined;
      return null;
    }
    found.seen = true;
    this.hits += 1;
    return { outcomes, bytes };
  }

  private readEntry(pack: Pack, at: Location): Buffer {
    // Synchronous on purpose: a warm run reads thousands of small entries, and each
    // asynchronous read costs trips through the thread pool.
    pack.descriptor ??= fs.openSync(path.join(this.packs, `${pack.name}.pack`), 'r');
    const window = pack.window;
    if (window && at.o >= window.start && at.o + at.l <= window.start + window.bytes.length) {
      window.next = at.o + at.l;
      return window.bytes.subarray(at.o - window.start, at.o - window.start + at.l);
    }
    // Entries are written in the order files are walked, and mostly read in that order: the entry
    // right after the last one read starts a read ahead; any other is read alone.
    const sequential = window !== undefined && at.o === window.next;
    const buffer = Buffer.allocUnsafe(sequential ? Math.max(at.l, READ_WINDOW) : at.l);
    const read = fs.readSync(pack.descriptor, buffer, 0, buffer.length, at.o);
    pack.window = { start: at.o, bytes: buffer.subarray(0, read), next: at.o + at.l };
    return buffer.subarray(0, Math.min(read, at.l));
  }

  /**
   * The entry's outcomes. Read as bytes, line by line: a record's line is
   * kept as it is (the bytes NDJSON output writes, serialized.ts), never
   * decoded unless a stage reads the record; only the small lines around
   * it (the header, each outcome's path and diagnostics) are decoded.
   */
  private parseEntry(bytes: Buffer, key: string, bytesHash: string, shown: string): Outcome[] | null {
    const lineEnd = (from: number): number => bytes.indexOf(0x0a, from);
    const first = lineEnd(0);
    const header = first < 0 ? '' : bytes.toString('utf8', 0, first);
    // The entry says whose it is (this format, this file's key, these bytes): a damaged or misplaced one does not.
    const start = headerStart(key, bytesHash);
    const count = header.startsWith(start) ? Number(/^"count":(\d+)\}$/.exec(header.slice(start.length))?.[1]) : NaN;
    if (!Number.isSafeInteger(count)) {
      this.reportCorrupt(shown);
      return null;
    }
    try {
      const outcomes: Outcome[] = [];
      let at = first + 1;
      for (let i = 0; i < count; i++) {
        const metaEnd = lineEnd(at);
        if (metaEnd < 0) throw new Error('cut short');
        const meta = JSON.parse(bytes.toString('utf8', at, metaEnd)) as { path: string; diagnostics: Outcome['diagnostics']; highlights?: number; bytes?: number; separators?: true };
        // A failure's meta line gives no record: its line is `null`.
        if (meta.bytes === undefined || meta.highlights === undefined) {
          if (bytes.toString('latin1', metaEnd + 1, metaEnd + 6) !== 'null\n') throw new Error('a record line without its length');
          outcomes.push({ path: meta.path, record: null, diagnostics: meta.diagnostics });
          at = metaEnd + 6;
          continue;
        }
        // A record line's length is in its meta line: the line is not searched for its end.
        const recordEnd = metaEnd + 1 + meta.bytes;
        if (bytes[recordEnd] !== 0x0a) throw new Error('cut short');
        // Parsed when a stage first needs its fields: NDJSON output writes the line as it is (serialized.ts).
        outcomes.push(lazyOutcome(meta.path, meta.diagnostics, bytes.subarray(metaEnd + 1, recordEnd + 1), meta.highlights, meta.separators === true));
        at = recordEnd + 1;
      }
      // Exactly the lines the header counts, each ended.
      if (at !== bytes.length) throw new Error('longer than its count');
      return outcomes;
    } catch {
      this.reportCorrupt(shown);
      return null;
    }
  }

  /**
   * Writes the outcomes of these bytes (their hash when it was computed; the
   * writer hashes them otherwise). Records are serialized here: the output
   * writes the same text again.
   */
  set(slot: Slot, bytes: Uint8Array | null, bytesHash: string | null, outcomes: Outcome[], stat?: StatRead): void {
    if (this.failed) return;
    /*
     * A small file's entry costs a good part of what parsing it again does:
     * 200,000 one-line notes took 1.30× as long with the cache filling as
     * without. Yet an entry found saves several times what writing one
     * costs: the file is not even opened. So a run writes new entries of
     * small files for at most SMALL_LIMIT more than the entries it found:
     * the first run writes SMALL_LIMIT (a vault with a few small notes has
     * them all cached at once, and its warm run loads no parser), each later
     * run pays for its writes with what it found, and a cache of 200,000
     * one-line notes is full after seven runs.
     *
     * And it spreads them over the run: at each file it may have written
     * SMALL_LIMIT times the share of its files looked up so far, more than
     * it has found so far. Written in one block from the start, the entries
     * a later run found came all first, then all it wrote: a run changed
     * course halfway, and V8 threw away and redid its optimized code of the
     * read path and the writer's (run 4 of 50,000 one-line notes: 1.007×
     * the instructions of --no-cache, 0.96× spread).
     */
    // No bytes (with their hash): a large file read as a stream, not held.
    if (bytes !== null && bytes.length < SMALL_BYTES) {
      const share = this.files > 0 ? Math.min(1, this.looked / this.files) : 1;
      if (this.smallWritten >= this.hits + SMALL_LIMIT * share) return this.forget(slot);
      this.smallWritten += 1;
    }
    const texts = outcomes.map((outcome): EntryOutcome => {
      if (outcome.record === null) return { path: outcome.path, diagnostics: outcome.diagnostics, json: null };
      const json = JSON.stringify(outcome.record);
      rememberJson(outcome.record, json);
      return { path: outcome.path, diagnostics: outcome.record.diagnostics, highlights: outcome.record.highlights.length, json };
    });
    this.append(slot, { bytesHash, bytes: bytesHash === null ? bytes : null, stat: stat ?? null, outcomes: texts, entry: null });
  }

  /** The entry an earlier run left for this file no longer holds (the file changed): dead. */
  private forget(slot: Slot): void {
    if (slot.key !== null) this.locations.delete(slot.key);
    slot.found = undefined;
  }

  private append(slot: Slot, job: Omit<EntryJob, 'key' | 'file' | 'shown' | 'place'>): void {
    this.write({ key: slot.key, file: slot.file, shown: slot.shown, place: slot.place, ...job });
    // The entry of an earlier run that this one replaces is dead.
    this.forget(slot);
  }

  private write(job: EntryJob): void {
    if (this.failed) return;
    try {
      if (!this.own) {
        const pack: Pack = { name: packName(), descriptor: null, index: '' };
        this.own = { pack, writer: new EntryWriter(path.join(this.packs, pack.name)) };
      }
      this.own.writer.add(job);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.report(this.dir, { severity: 'warning', rule: 'cache-unusable', message: `cannot write to the cache: ${error.message}`, line: null, column: null });
  }

  /** Writes what is pending and prunes when dead entries outweigh live ones. Call once, at the end of a run. */
  async close(): Promise<void> {
    if (this.own) {
      try {
        this.ownSize = this.own.writer.close();
      } catch (error) {
        this.fail(error as Error);
      }
    }
    for (const pack of this.loaded) this.closePack(pack);
    if (this.failed) return;
    try {
      this.prune();
      removeOrphans(this.packs, Date.now());
    } catch (error) {
      this.report(this.dir, { severity: 'warning', rule: 'cache-unusable', message: `cannot prune the cache: ${(error as Error).message}`, line: null, column: null });
    }
  }

  private closePack(pack: Pack): void {
    if (pack.descriptor !== null) fs.closeSync(pack.descriptor);
    pack.descriptor = null;
    pack.window = undefined;
  }

  private prune(): void {
    const allBytes = this.totalBytes + this.ownSize;
    let current = this.ownSize;
    for (const found of this.locations.values()) current += found.length;
    const packs = this.loaded.length + (this.own ? 1 : 0);
    // Cheap first: entries replaced by newer ones. Vanished files are looked for only when merging,
    // which happens at the latest after MAX_PACKS runs that wrote entries.
    if (allBytes - current <= current && packs <= MAX_PACKS) return;
    const merged = path.join(this.packs, packName());
    const index: string[] = [];
    let offset = 0;
    let data: number | null = null;
    try {
      // This run's entries first, as they are (a copy of its pack): their index lines stay true.
      if (this.own) {
        const own = path.join(this.packs, this.own.pack.name);
        fs.copyFileSync(`${own}.pack`, `${merged}.pack`);
        index.push(fs.readFileSync(`${own}.index`, 'utf8'));
        offset = this.ownSize;
      }
      data = fs.openSync(`${merged}.pack`, 'a');
      // Entries this run neither read nor wrote are kept only while their file exists (another folder's notes, say).
      for (const [key, found] of this.locations) {
        const at = this.location(found, key);
        if (!at || (!found.seen && !fs.existsSync(JSON.parse(at.f) as string))) continue;
        let entry: Buffer;
        try {
          entry = this.readEntry(found.pack, at);
        } catch {
          continue;
        }
        fs.writeSync(data, entry);
        index.push(indexLine({ ...at, o: offset }));
        offset += entry.length;
      }
      fs.closeSync(data);
      data = null;
      fs.writeFileSync(`${merged}.index.tmp`, index.join(''));
      fs.renameSync(`${merged}.index.tmp`, `${merged}.index`);
    } catch (error) {
      if (data !== null) fs.closeSync(data);
      // Half a merged pack is of no use to anyone: the old packs stay.
      for (const leftover of [`${merged}.pack`, `${merged}.index.tmp`]) fs.rmSync(leftover, { force: true });
      throw error;
    }
    for (const pack of [...this.loaded, ...(this.own ? [this.own.pack] : [])]) {
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

/**
 * Removes what killed runs left in a salt's folder: a pack without its index
 * (the index is written last; a merge renames its index into place last) and
 * a merge's unfinished index, once no live process of this host holds them
 * (the pid is in their name, see `packName`) and they are ORPHAN_MS old.
 */
function removeOrphans(folder: string, now: number): void {
  const names = fs.readdirSync(folder);
  const indexes = new Set(names.filter((name) => name.endsWith('.index')));
  for (const name of names) {
    const base = /^([0-9a-z]{10}-(\d+)-[0-9a-f]{8})\.(?:pack|index\.tmp)$/.exec(name);
    if (!base || indexes.has(`${base[1]}.index`) || isAlive(Number(base[2]))) continue;
    const file = path.join(folder, name);
    try {
      if (now - fs.statSync(file).mtimeMs > ORPHAN_MS) fs.rmSync(file, { force: true });
    } catch {
      // removed meanwhile
    }
  }
}

/** Whether a process of this pid runs on this host (one we may not signal does). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.promises.writeFile(temp, text);
  await fs.promises.rename(temp, file);
}
