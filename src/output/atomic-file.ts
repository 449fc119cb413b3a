/**
 * Files replaced atomically: written to a temp file beside the target
 * (`.NAME.PID.RANDOM.tmp`), synced, then renamed over it, so that a reader
 * (or a killed run) never sees half a file; and the temp files a killed run
 * left, removed under the target's lock.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, type Sink } from './sinks.js';

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
        if (typeof chunk === 'string') await handle.write(chunk);
        else await handle.write(chunk);
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
