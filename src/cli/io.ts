/**
 * What the command line talks to (its streams, working folder, environment
 * and interrupt) and the exit codes it returns. Its own module, so that the
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

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;
export const EXIT_TERMINATED = 143;
/** Another run holds the output's lock: try again later (sysexits' EX_TEMPFAIL). */
export const EXIT_LOCKED = 75;
/** `--check`: the outputs are stale (a run would change them). Apart from 1, so a CI job can tell "stale" from "some input could not be read". */
export const EXIT_STALE = 3;
