/**
 * Where output goes: stdout, a file written atomically (a temp file in the
 * same folder, renamed into place only when the run succeeds), or, for
 * `--check`, memory that is compared with the file instead of written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { printable } from '../printable.js';

export interface Sink {
  write(chunk: string): Promise<void>;
  /** Finishes the output: for a file, moves it into place. Returns whether the output changed. */
  commit(): Promise<boolean>;
  /** Abandons the output: for a file, removes the temp file and leaves any previous file untouched. */
  abort(): Promise<void>;
  /** True once the reader went away (a closed pipe): stop producing output. */
  readonly closed: boolean;
}

export class OutputError extends Error {
  constructor(
    message: string,
    /** The system's error code (ENOSPC, ENAMETOOLONG…) when a write failed: some concern one file, some every file. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * A stream: stdout with backpressure, or a special file (`-o /dev/full`, a
 * FIFO) that the sink opened and so closes (`owned`). A closed pipe (EPIPE)
 * ends the output quietly; any other write error (a full disk behind
 * `> file`) fails the run with one line, never a stack trace. commit() waits
 * until every write has been handed to the system: a write error can arrive
 * after the last write returned (Node 24 reports `-o /dev/full`'s ENOSPC
 * only then), and a run that ends before it would report success.
 */
export function streamSink(stream: Writable, name = 'stdout', { owned = false } = {}): Sink {
  let closed = false;
  let failure: NodeJS.ErrnoException | null = null;
  /** Writes not yet handed to the system, and who waits for them to be. */
  let unsettled = 0;
  let waiting: (() => void)[] = [];
  const fail = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') closed = true;
    else failure ??= error;
  };
  stream.on('error', fail);
  const check = (): void => {
    if (failure) throw describe(name, failure, 'stream');
  };
  /** A write's callback: called once, whether the write went through or failed. */
  const settle = (): ((error?: Error | null) => void) => {
    unsettled += 1;
    let settled = false;
    return (error) => {
      if (error) fail(error as NodeJS.ErrnoException);
      if (settled) return;
      settled = true;
      unsettled -= 1;
      if (unsettled > 0) return;
      const waiters = waiting;
      waiting = [];
      for (const resolve of waiters) resolve();
    };
  };
  const allSettled = (): Promise<void> => (unsettled === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve)));
  return {
    get closed() {
      return closed;
    },
    write(chunk) {
      check();
      if (closed) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        let flushed: boolean;
        const settled = settle();
        try {
          flushed = stream.write(chunk, settled);
        } catch (error) {
          // A file behind stdout is written synchronously: its errors are thrown here.
          settled(error as NodeJS.ErrnoException);
          reject(failure ? describe(name, failure, 'stream') : undefined);
          return;
        }
        if (flushed) {
          resolve();
          return;
        }
        const done = (): void => {
          stream.off('drain', done);
          stream.off('error', done);
          stream.off('close', done);
          if (failure) reject(describe(name, failure, 'stream'));
          else resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
        stream.on('close', done);
      }).then(check);
    },
    async commit() {
      await allSettled();
      check();
      if (owned && !closed) {
        await new Promise<void>((resolve) => {
          stream.once('error', () => resolve());
          stream.end(resolve);
        });
        check();
      }
      return true;
    },
    abort() {
      if (owned) stream.destroy();
      return Promise.resolve();
    },
  };
}

/** A device, FIFO or socket named by `-o`: written straight through (never replaced by a file), and closed by the sink. */
export function specialFileSink(file: string): Sink {
  return streamSink(fs.createWriteStream(file, { flags: 'a' }), file, { owned: true });
}

/** Output is written in pieces of about this many characters (see `batched`). */
const BATCH_CHARS = 64 * 1024;

/**
 * The sink, written to in pieces of BATCH_CHARS: a write per record was a
 * system call each (a trip through the thread pool for a file) and a wake-up
 * of the reader of a pipe: a warm run on 20,000 tiny notes into `| cat` took
 * 1.19 s against 1.12 s (medians of 5). What is pending is written as soon
 * as the run waits for anything (a worker, a slow read), so output never
 * lags behind a pause, and before the sink is committed or abandoned.
 */
export function batched(sink: Sink): Sink {
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  let writing: Promise<void> = Promise.resolve();
  const send = (text: string): Promise<void> => (writing = writing.then(() => sink.write(text)));
  const flush = (): Promise<void> => {
    if (size === 0) return writing;
    const text = pending.length === 1 ? pending[0]! : pending.join('');
    pending = [];
    size = 0;
    return send(text);
  };
  return {
    get closed() {
      return sink.closed;
    },
    write(chunk) {
      // A large record goes out as it is, after what is pending: joining it to others would only copy it.
      if (chunk.length >= BATCH_CHARS / 4) {
        void flush();
        return send(chunk);
      }
      pending.push(chunk);
      size += chunk.length;
      if (size >= BATCH_CHARS) return flush();
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          // A failure is kept in `writing`: the next write or the commit reports it.
          flush().catch(() => undefined);
        });
      }
      return writing;
    },
    async commit() {
      await flush();
      return sink.commit();
    },
    async abort() {
      await flush().catch(() => undefined);
      return sink.abort();
    },
  };
}

/** Temp files are `.NAME.PID.RANDOM.tmp` beside their target. */
function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Removes temp files a killed run left for `target`. Call it while holding
 * the target's lock: then no live run owns them.
 */
export async function removeStaleTemps(target: string): Promise<void> {
  const base = path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.\\d+\\.[0-9a-f]{8}\\.tmp$`);
  let names: string[];
  try {
    names = await fs.promises.readdir(path.dirname(target));
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => pattern.test(name)).map((name) => fs.promises.rm(path.join(path.dirname(target), name), { force: true })));
}

/** Removes every temp file a killed run left in `dir` (while holding the folder's lock). */
export async function removeStaleTempsIn(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return;
  }
  const pattern = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;
  await Promise.all(names.filter((name) => pattern.test(name)).map((name) => fs.promises.rm(path.join(dir, name), { force: true })));
}

/**
 * One line for a failed write. `kind` says what a failure leaves: an atomic
 * file keeps its previous contents; a stream (stdout, `> file`, a device)
 * has no previous output, and what reached it is incomplete.
 */
function describe(target: string, error: unknown, kind: 'atomic' | 'stream' = 'atomic'): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const left = kind === 'atomic' ? 'the previous output is left as it was' : `the output ${target === 'stdout' ? 'on stdout' : `to ${target}`} is incomplete`;
  const reason =
    code === 'ENOENT'
      ? `folder ${path.dirname(target)} does not exist`
      : code === 'EISDIR'
        ? `${target} is a folder`
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ENOSPC'
            ? `no space left on device (ENOSPC); ${left}`
            : code === 'EDQUOT'
              ? `disk quota exceeded (EDQUOT); ${left}`
              : code === 'ENAMETOOLONG'
                ? 'file name too long (ENAMETOOLONG)'
                : (error as Error).message;
  return new OutputError(`cannot write ${target}: ${reason}`, code);
}

/** A file written through a temp file in its own folder, then renamed over the target. */
export async function fileSink(given: string, { followLinks = false } = {}): Promise<Sink> {
  // `-o link` writes to the link's target: the link stays a link. Elsewhere (--out-dir) a link is replaced, never followed.
  const target = followLinks ? await linkTarget(given) : given;
  const temp = tempName(target);
  let handle: fs.promises.FileHandle;
  try {
    const stats = await fs.promises.stat(target).catch(() => null);
    if (stats?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    // Never rename a file over a device or a FIFO (`-o /dev/null` must stay /dev/null).
    if (stats && !stats.isFile()) throw new Error('not a regular file; write to it through stdout instead');
    handle = await fs.promises.open(temp, 'wx', stats ? stats.mode & 0o777 : 0o644);
  } catch (error) {
    throw describe(target, error);
  }
  let finished = false;
  return {
    closed: false,
    async write(chunk) {
      try {
        await handle.write(chunk);
      } catch (error) {
        throw describe(target, error);
      }
    },
    async commit() {
      if (finished) return true;
      finished = true;
      try {
        await handle.sync();
        await handle.close();
        await fs.promises.rename(temp, target);
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        throw describe(target, error);
      }
      return true;
    },
    async abort() {
      if (finished) return;
      finished = true;
      await handle.close().catch(() => undefined);
      await fs.promises.rm(temp, { force: true });
    },
  };
}

/** The file a path names: itself, or, through any number of symbolic links, the file they point to (which may not exist yet). */
export async function linkTarget(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    const stats = await fs.promises.lstat(current).catch(() => null);
    if (!stats?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await fs.promises.readlink(current));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

/** For `--check`: collects the output and tells whether it differs from the file. Writes nothing. */
export function checkSink(target: string): Sink {
  const chunks: string[] = [];
  return {
    closed: false,
    write(chunk) {
      chunks.push(chunk);
      return Promise.resolve();
    },
    async commit() {
      const current = await fs.promises.readFile(target, 'utf8').catch(() => null);
      return current !== chunks.join('');
    },
    abort: () => Promise.resolve(),
  };
}

/** Writes a whole file atomically: temp file, fsync, rename. */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const sink = await fileSink(target);
  try {
    await sink.write(text);
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** `-o FILE` (atomic, see fileSink) or stdout; null, with the reason on stderr, when the file cannot be written. */
export async function openSink(output: string | null, io: { stdout: Writable; stderr: Writable }, color: { red: (text: string) => string }): Promise<Sink | null> {
  try {
    return output ? await fileSink(output) : streamSink(io.stdout);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.stderr.write(color.red(`ingest: ${printable(error.message)}\n`));
    return null;
  }
}
