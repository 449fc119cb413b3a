/**
 * A lock on an output (a file beside it, created exclusively), so that two
 * runs never write the same digest at once. A lock left by a run that was
 * killed is noticed (its process is gone, or it is a day old) and taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutputError } from './sinks.js';

/** The lock file of an --out-dir folder. */
export const LOCK = '.ingest.lock';

export class LockError extends Error {}

export interface Lock {
  release(): Promise<void>;
  /** Set when a stale lock was taken over: what to tell the user. */
  readonly tookOver: string | null;
}

const STALE_MS = 24 * 60 * 60 * 1000;

export async function acquireLock(file: string, what: string): Promise<Lock> {
  const claim = JSON.stringify({ pid: process.pid, host: os.hostname(), started: new Date().toISOString() });
  let tookOver: string | null = null;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.promises.writeFile(file, claim, { flag: 'wx' });
      return {
        tookOver,
        release: async () => {
          await fs.promises.rm(file, { force: true });
        },
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new OutputError(`cannot write ${what}: folder ${path.dirname(file)} does not exist`);
      if (code !== 'EEXIST') throw new OutputError(`cannot write ${what}: ${(error as Error).message}`);
    }
    const holder = await readHolder(file);
    if (holder.alive) {
      throw new LockError(
        `another ingest (pid ${holder.pid}${holder.started ? `, started ${holder.started}` : ''}) is writing ${what}; try again when it has finished (lock: ${file})`,
      );
    }
    tookOver = `took over a stale lock on ${what} left by ${holder.pid ? `pid ${holder.pid}` : 'an earlier run'}`;
    await fs.promises.rm(file, { force: true });
  }
  throw new LockError(`cannot lock ${what}: another run keeps taking ${file}`);
}

async function readHolder(file: string): Promise<{ pid: number | null; started: string | null; alive: boolean }> {
  let text = '';
  let age = 0;
  try {
    text = await fs.promises.readFile(file, 'utf8');
    age = Date.now() - (await fs.promises.stat(file)).mtimeMs;
  } catch {
    return { pid: null, started: null, alive: false };
  }
  let holder: { pid?: unknown; host?: unknown; started?: unknown } = {};
  try {
    holder = JSON.parse(text) as typeof holder;
  } catch {
    // A lock being written this instant, or garbage: judge by age alone.
    return { pid: null, started: null, alive: age < 5_000 };
  }
  const pid = typeof holder.pid === 'number' ? holder.pid : null;
  const started = typeof holder.started === 'string' ? holder.started : null;
  if (holder.host !== os.hostname() || pid === null) return { pid, started, alive: age < STALE_MS };
  return { pid, started, alive: pid !== process.pid && isAlive(pid) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
