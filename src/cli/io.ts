/**
 * What the command line talks to (its streams, working folder, environment
 * and interrupt) and the exit codes it returns (pipeline/exit.ts). Its own module, so that the
 * subcommands (run, pack, diff) need not import main, which loads them.
 */
import type { Writable } from 'node:stream';

export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: AsyncIterable<Uint8Array | string>;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: the run stops and leaves no partial output. */
  signal?: AbortSignal;
}

export { EXIT_INPUT, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, EXIT_STALE, EXIT_TERMINATED, EXIT_USAGE } from '../pipeline/exit.js';
