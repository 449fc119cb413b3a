/**
 * Exit statuses, and the one a run ends with, derived from what it counted
 * and how it ended (pipeline/run.ts). The command line returns them as they are.
 */
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;
export const EXIT_TERMINATED = 143;
/** Another run holds the output's lock: try again later (sysexits' EX_TEMPFAIL). */
export const EXIT_LOCKED = 75;
/** `--check`: the outputs are stale (a run would change them). Apart from 1, so a CI job can tell "stale" from "some input could not be read". */
export const EXIT_STALE = 3;
