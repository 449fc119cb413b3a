/**
 * Where output goes: stdout, a file written atomically (a temp file in the
 * same folder, renamed into place only when the run succeeds), or, for
 * `--check`, memory that is compared with the file instead of written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';

export interface Sink {
  write(chunk: string): Promise<void>;
  /** Finishes the output: for a file, moves it into place. Returns whether the output changed. */
  commit(): Promise<boolean>;
  /** Abandons the output: for a file, removes the temp file and leaves any previous file untouched. */
  abort(): Promise<void>;
  /** True once the reader went away (a closed pipe): stop producing output. */
  readonly closed: boolean;
}

export class OutputError extends Error {}

/** stdout with backpressure; a closed pipe (EPIPE) ends the output quietly. */
export function streamSink(stream: Writable): Sink {
  let closed = false;
  stream.on('error', () => {
    closed = true;
  });
  return {
    get closed() {
      return closed;
    },
    write(chunk) {
      if (closed) return Promise.resolve();
      return new Promise((resolve) => {
        if (stream.write(chunk)) {
          resolve();
          return;
        }
        const done = (): void => {
          stream.off('drain', done);
          stream.off('error', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('error', done);
        stream.on('close', done);
      });
    },
    commit: () => Promise.resolve(true),
    abort: () => Promise.resolve(),
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

function describe(target: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? `folder ${path.dirname(target)} does not exist`
      : code === 'EISDIR'
        ? `${target} is a folder`
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : (error as Error).message;
  return new OutputError(`cannot write ${target}: ${reason}`);
}

/** A file written through a temp file in its own folder, then renamed over the target. */
export async function fileSink(target: string): Promise<Sink> {
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
      await handle.write(chunk);
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
