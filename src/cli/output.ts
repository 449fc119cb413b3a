/**
 * Where output goes: stdout, or a file written atomically (a temp file in
 * the same folder, renamed into place only when the run succeeds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';

export interface Sink {
  write(chunk: string): Promise<void>;
  /** Finishes the output: for a file, moves it into place. */
  commit(): Promise<void>;
  /** Abandons the output: for a file, removes the temp file and leaves any previous file untouched. */
  abort(): Promise<void>;
  /** True once the reader went away (a closed pipe): stop producing output. */
  readonly closed: boolean;
}

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
        const flushed = stream.write(chunk);
        if (flushed) {
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
    commit: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}

export class OutputError extends Error {}

/** A file written through a temp file in its own folder, then renamed over the target. */
export async function fileSink(target: string): Promise<Sink> {
  const directory = path.dirname(target);
  const temp = path.join(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.promises.FileHandle;
  try {
    const stats = await fs.promises.stat(target).catch(() => null);
    if (stats?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    handle = await fs.promises.open(temp, 'wx', stats ? stats.mode & 0o777 : 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `folder ${directory} does not exist` : code === 'EISDIR' ? `${target} is a folder` : (error as Error).message;
    throw new OutputError(`cannot write ${target}: ${reason}`);
  }
  let finished = false;
  return {
    closed: false,
    async write(chunk) {
      await handle.write(chunk);
    },
    async commit() {
      if (finished) return;
      finished = true;
      try {
        await handle.sync();
        await handle.close();
        await fs.promises.rename(temp, target);
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        throw new OutputError(`cannot write ${target}: ${(error as Error).message}`);
      }
    },
    async abort() {
      if (finished) return;
      finished = true;
      await handle.close().catch(() => undefined);
      await fs.promises.rm(temp, { force: true });
    },
  };
}
