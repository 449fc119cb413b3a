/**
 * Reading an input's bytes: a regular file (synchronously, with its stat
 * for the cache, or only its stat when it is large enough to be a file of
 * records to stream), stdin, a FIFO or a device (as streams, under
 * --max-bytes, abandoned on an interrupt). Errors become a rule and a message.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { StatRead } from '../cache.js';
import { describeError, type Input } from '../discover.js';
import type { RuleId } from '../rules.js';

/**
 * The bytes, and for a regular file its stat and when it was taken (for the
 * cache); or, for a regular file of at least `streamFrom` bytes, only its
 * stat: it may be a file of records, to read as a stream.
 */
export type ReadResult = { ok: true; bytes: Uint8Array; stat?: StatRead } | { ok: 'large'; stat: StatRead } | { ok: false; rule: RuleId; message: string };

export async function readInput(input: Input, stdin: AsyncIterable<Uint8Array | string> | undefined, maxBytes: number, streamFrom: number, signal?: AbortSignal): Promise<ReadResult> {
  const tooLarge = (size: string): ReadResult => ({
    ok: false,
    rule: 'too-large',
    message: `${size} is more than --max-bytes ${maxBytes}; skipped (raise --max-bytes to read it)`,
  });
  try {
    if (input.file === null) {
      const bytes = await readAll(stdin ?? process.stdin, maxBytes);
      return bytes === null ? tooLarge('stdin') : { ok: true, bytes };
    }
    if (input.stream) {
      // Asynchronous: opening a FIFO waits for its writer, and the run must still hear Ctrl-C meanwhile.
      const stream = openStream(input.file, input.stream);
      const bytes = await untilAborted(readAll(stream, maxBytes), signal, () => stream.destroy());
      return bytes === null ? tooLarge('the stream') : { ok: true, bytes };
    }
    // Synchronous on purpose: notes are small, and an asynchronous read costs four
    // trips through the thread pool (open, stat, read, close) per file.
    const descriptor = fs.openSync(input.file, 'r');
    try {
      const readAt = Date.now();
      const stat = fs.fstatSync(descriptor);
      if (!stat.isFile()) return { ok: false, rule: 'read-error', message: 'could not read: not a regular file' };
      if (stat.size >= streamFrom) return { ok: 'large', stat: { stat, readAt } };
      if (stat.size > maxBytes) return tooLarge(`the file (${stat.size} bytes)`);
      return { ok: true, bytes: fs.readFileSync(descriptor), stat: { stat, readAt } };
    } finally {
      fs.closeSync(descriptor);
    }
  } catch (error) {
    return { ok: false, rule: 'read-error', message: couldNotRead(error) };
  }
}

export function couldNotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `could not read: ${code ? `${describe(code)} (${code})` : (error as Error).message}`;
}

/**
 * A pipe, FIFO or device as a stream. A FIFO is opened without waiting for
 * its writer (a blocking open would hold a libuv thread that even
 * process.exit waits for) and read as a pipe: it ends when the writer closes.
 */
function openStream(file: string, kind: NonNullable<Input['stream']>): NodeJS.ReadableStream & { destroy(): void } {
  if (kind !== 'fifo') return fs.createReadStream(file);
  const descriptor = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  return new net.Socket({ fd: descriptor, readable: true, writable: false });
}

/** The promise's value, or a rejection as soon as the signal aborts: a stream may never end (a FIFO nobody writes to). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, cancel: () => void): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      cancel();
      reject(new Error('interrupted'));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** All of a stream, or null once it passes `maxBytes`. */
export async function readAll(stream: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Why a file could not be read; a file missing now was there when the folder was walked. */
function describe(code: string): string {
  return code === 'ENOENT' ? 'the file vanished during the run' : describeError(code, 'read failed');
}
