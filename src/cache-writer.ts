/**
 * Writes cache entries to a run's pack and its index (see cache.ts): each
 * entry is built and encoded straight into a buffer that is written out
 * when full, the pack before the index.
 */
import { hash } from 'node:crypto';
import fs from 'node:fs';
import type { Diagnostic } from './schema.js';

/** The entry format; a cache of another format is wiped. */
export const FORMAT = 6;

/** LINE and PARAGRAPH SEPARATOR: NDJSON output escapes them, so a record line holding one is not written as it is. */
const LINE_SEPARATOR = /[\u2028\u2029]/;
/** Bytes buffered before they are written out. */
const BUFFER_BYTES = 256 * 1024;

/** A file modified this close to being read may be modified again within the same timestamp tick (FAT's is 2 s). */
const RACY_MS = 3000;

/** What of a file's stat tells that it changed. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
}

/** A file's stat and when it was taken. */
export interface StatRead {
  stat: FileStat;
  readAt: number;
}

/** The signature of a file's stat, or `''` when the file was modified too close to `readAt` to trust it. */
export function statSignature(stat: FileStat, readAt: number): string {
  if (stat.mtimeMs >= readAt - RACY_MS) return '';
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}:${stat.dev}`;
}

/** One outcome of an entry: its path, and a failure's diagnostics or a record's JSON. */
export type EntryOutcome =
  | { path: string; diagnostics: Diagnostic[]; json: null }
  /** A record's: its diagnostics and highlight count beside its JSON, so that NDJSON output need not parse it (serialized.ts). */
  | { path: string; diagnostics: Diagnostic[]; highlights: number; json: string };

/** One entry to write. */
export interface EntryJob {
  /** The entry's key, or `null` for the writer to compute it (`cacheKey`): a first run looks nothing up. */
  key: string | null;
  file: string;
  shown: string;
  place: string;
  /** The hash of the file's bytes, or `null` for the writer to hash `bytes` (only a file with an earlier entry is hashed to compare). */
  bytesHash: string | null;
  bytes: Uint8Array | null;
  /** The file's stat as it was read (none: the entry is checked by its bytes). */
  stat: StatRead | null;
  outcomes: EntryOutcome[];
  /** Instead of outcomes: an entry read back, written again under a new stat signature. */
  entry: Uint8Array | null;
}

/** An entry's key: the file, as shown, and its place in the folder given (ids come from it). */
export function cacheKey(file: string, shown: string, place: string): string {
  return hash('sha1', `${file}\0${shown}\0${place}`, 'hex');
}

/** How an entry begins: its format, key and the hash of its bytes, as written and as checked when read. */
export function headerStart(key: string, bytesHash: string): string {
  return `{"format":${FORMAT},"key":"${key}","bytes":"${bytesHash}",`;
}

export function hashBytes(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'hex');
}

/**
 * Where an entry is: a line of a pack's index, `key TAB bytes TAB stat TAB
 * offset TAB length TAB file` (the file as a JSON string: names may hold tabs).
 */
export interface Location {
  /** The entry's key. */
  k: string;
  /** Hash of the bytes it was computed from. */
  b: string;
  /** The file's stat signature when the entry was made, `''` when it was racy. */
  s: string;
  /** Byte offset and length in the pack. */
  o: number;
  l: number;
  /** The input file as a JSON string (parsed only to prune entries of files that are gone). */
  f: string;
}

export const indexLine = (at: Location): string => `${at.k}\t${at.b}\t${at.s}\t${at.o}\t${at.l}\t${at.f}\n`;

/** Appends entries to `BASE.pack` and their lines to `BASE.index`; an index line never points past what its pack holds on disk. */
export class EntryWriter {
  private readonly pack: Appender;
  private readonly index: Appender;

  private size = 0;

  constructor(base: string) {
    this.pack = new Appender(`${base}.pack`);
    this.index = new Appender(`${base}.index`);
  }

  add(job: EntryJob): void {
    const key = job.key ?? cacheKey(job.file, job.shown, job.place);
    const bytesHash = job.bytesHash ?? hashBytes(job.bytes!);
    const pack = this.pack;
    let length: number;
    if (job.entry) length = pack.write(job.entry);
    else {
      // Built by hand and written part by part: a first run writes one entry per file.
      length = pack.write(`${headerStart(key, bytesHash)}"count":${job.outcomes.length}}\n`);
      for (const outcome of job.outcomes) {
        if (outcome.json === null) {
          length += pack.write(`${JSON.stringify({ path: outcome.path, diagnostics: outcome.diagnostics })}\nnull\n`);
          continue;
        }
        // The record line's length in bytes, and whether it holds a raw U+2028 or U+2029: a warm run takes
        // the line without searching it for its end, and NDJSON output writes it without searching it again.
        const separators = LINE_SEPARATOR.test(outcome.json) ? ',"separators":true' : '';
        length += pack.write(`{"path":${JSON.stringify(outcome.path)},"diagnostics":${JSON.stringify(outcome.diagnostics)},"highlights":${outcome.highlights},"bytes":${Buffer.byteLength(outcome.json)}${separators}}\n`);
        length += pack.write(outcome.json);
        length += pack.write('\n');
      }
    }
    const signature = job.stat ? statSignature(job.stat.stat, job.stat.readAt) : '';
    const line = indexLine({ k: key, b: bytesHash, s: signature, o: this.size, l: length, f: JSON.stringify(job.file) });
    if (!this.index.fits(line)) pack.flush();
    this.index.write(line);
    this.size += length;
  }

  /** Writes out what is buffered (the pack first) and closes the files; the pack's size. */
  close(): number {
    try {
      this.pack.close();
    } finally {
      this.index.close();
    }
    return this.size;
  }
}

/**
 * Appends to a file through one buffer: each part is encoded once, straight
 * into it, and can be collected at once (strings kept for a batched write
 * lived long enough to make garbage collection a cost of its own).
 */
class Appender {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private descriptor: number | null = null;

  constructor(private readonly file: string) {}

  /** Whether `text` can be written without writing out the buffer first. */
  fits(text: string): boolean {
    return this.used + text.length * 3 <= this.buffer.length;
  }

  /** Appends `part`; its length in bytes. */
  write(part: string | Uint8Array): number {
    const room = typeof part === 'string' ? part.length * 3 : part.length;
    if (this.used + room > this.buffer.length) {
      this.flush();
      if (room > this.buffer.length) {
        const bytes = typeof part === 'string' ? Buffer.from(part) : part;
        this.writeOut(bytes);
        return bytes.length;
      }
    }
    let length: number;
    if (typeof part === 'string') length = this.buffer.write(part, this.used);
    else {
      this.buffer.set(part, this.used);
      length = part.length;
    }
    this.used += length;
    return length;
  }

  flush(): void {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.writeOut(this.buffer.subarray(0, used));
  }

  close(): void {
    try {
      this.flush();
    } finally {
      if (this.descriptor !== null) fs.closeSync(this.descriptor);
      this.descriptor = null;
    }
  }

  private writeOut(bytes: Uint8Array): void {
    this.descriptor ??= fs.openSync(this.file, 'a');
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(this.descriptor, bytes, done);
  }
}
