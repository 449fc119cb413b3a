/**
 * Where output goes: stdout, a file written atomically (atomic-file.ts: a temp file in the
 * same folder, renamed into place only when the run succeeds), or, for
 * `--check`, memory that is compared with the file instead of written.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';

export interface Sink {
  /** Writes text, or bytes that are UTF-8 text already. */
  write(chunk: string | Uint8Array): Promise<void>;
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

/**
 * Output is written in pieces of about this many bytes (see `batched`). A
 * record of up to a quarter of it is copied into the piece: at 64 KB, most
 * records of a long export (20–30 KB each) went out in a write of their own,
 * and a warm run of 3,000 of them spent 10 ms more on 2,700 more writes than
 * copying them costs.
 */
export const BATCH_BYTES = 1024 * 1024;

/**
 * The sink, written to in pieces of BATCH_BYTES: a write per record was a
 * system call each (a trip through the thread pool for a file) and a wake-up
 * of the reader of a pipe: a warm run on 20,000 tiny notes into `| cat` took
 * 1.19 s against 1.12 s (medians of 5). Text is encoded straight into the
 * piece, bytes copied into it: no string is joined or kept. What is pending
 * is written as soon as the run waits for anything (a worker, a slow read),
 * so output never lags behind a pause, and before the sink is committed or
 * abandoned.
 */
export function batched(sink: Sink): Sink {
  let piece = Buffer.allocUnsafe(BATCH_BYTES);
  let used = 0;
  let scheduled = false;
  let writing: Promise<void> = Promise.resolve();
  const send = (chunk: string | Uint8Array): Promise<void> => (writing = writing.then(() => sink.write(chunk)));
  const flush = (): Promise<void> => {
    if (used === 0) return writing;
    // Handed on whole: the sink may hold it until written, so the next piece is a new buffer.
    const full = piece.subarray(0, used);
    piece = Buffer.allocUnsafe(BATCH_BYTES);
    used = 0;
    return send(full);
  };
  return {
    get closed() {
      return sink.closed;
    },
    write(chunk) {
      // At most this many bytes: UTF-8 takes up to three bytes for a UTF-16 unit.
      const room = typeof chunk === 'string' ? chunk.length * 3 : chunk.length;
      // A large record goes out as it is, after what is pending: copying it into pieces would only cost.
      if (room >= BATCH_BYTES / 4) {
        void flush();
        return send(chunk);
      }
      if (used + room > BATCH_BYTES) void flush();
      if (typeof chunk === 'string') used += piece.write(chunk, used);
      else {
        piece.set(chunk, used);
        used += chunk.length;
      }
      if (used >= BATCH_BYTES - BATCH_BYTES / 4) return flush();
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

/**
 * One line for a failed write. `kind` says what a failure leaves: an atomic
 * file keeps its previous contents; a stream (stdout, `> file`, a device)
 * has no previous output, and what reached it is incomplete.
 */
export function describe(target: string, error: unknown, kind: 'atomic' | 'stream' = 'atomic'): OutputError {
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

/** For `--check`: collects the output and tells whether it differs from the file. Writes nothing. */
export function checkSink(target: string): Sink {
  const chunks: Buffer[] = [];
  return {
    closed: false,
    write(chunk) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      return Promise.resolve();
    },
    async commit() {
      const current = await fs.promises.readFile(target).catch(() => null);
      return current === null || !current.equals(Buffer.concat(chunks));
    },
    abort: () => Promise.resolve(),
  };
}
