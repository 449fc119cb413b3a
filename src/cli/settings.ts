/**
 * Command-line options → one readonly settings object, checked once.
 * Contradictory or unusable options are refused here with a UsageError.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_BYTES } from '../limits.js';
import { localToday, parseSince, type Since } from '../since.js';

import { OUTPUT_FORMATS, type OutputFormat } from '../emit/emitter.js';

export const FORMATS = OUTPUT_FORMATS;
export type Format = OutputFormat;

export interface Settings {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output: string | null;
  /** `--out-dir`: one file per document and an index. */
  readonly outDir: string | null;
  /** The record cache folder; `null` with `--no-cache`. */
  readonly cache: string | null;
  /** `--check`: write nothing; exit 1 when the outputs would change. */
  readonly check: boolean;
  /** Larger inputs are skipped with an error. */
  readonly maxBytes: number;
  /** Milliseconds one file's parsing may take (in a worker) before it is read block by block. */
  readonly timeLimitMs: number;
  /** Worker threads for parsing. */
  readonly jobs: number;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** `--merge`: one record per work. On by default for a Markdown digest and for --out-dir, off otherwise. */
  readonly merge: boolean;
  /** `--since`: only highlights made on or after this day. */
  readonly since: Since | null;
  /** Which diagnostics are shown on stderr. */
  readonly show: 'error' | 'warning' | 'info';
  /** `--report FILE`: a JSON report of the run (counts, duration, every diagnostic), written atomically. */
  readonly report: string | null;
  /** `--force`: --out-dir replaces ingest's part of pages even where the user changed it. */
  readonly force: boolean;
  /** `--template FILE`: the page template for --out-dir (null: the built-in page). */
  readonly template: string | null;
  /** `--style`: --out-dir pages for Obsidian (and any Markdown app) or for Logseq. */
  readonly style: 'obsidian' | 'logseq';
  /** `--digest-template FILE`: the Markdown digest rendered by this template (null: ingest's own). */
  readonly digestTemplate: string | null;
  /** `--review N`: highlights a digest (md, html) brings back each day; 0: none. */
  readonly review: number;
  /** `--date`: the day of the run, for --since Nd and the review. */
  readonly today: string;
  /** `--read-template FILE` (repeatable): templates (or a plugin's data.json) notes were exported with, read exactly where they match. */
  readonly readTemplates: readonly string[];
}

export class UsageError extends Error {}

export interface RawOptions {
  format?: string;
  output?: string;
  include?: string[];
  exclude?: string[];
  quiet?: boolean;
  verbose?: boolean;
  outDir?: string;
  /** A folder, or false for `--no-cache`. */
  cache?: string | boolean;
  check?: boolean;
  maxBytes?: string;
  timeLimit?: string;
  jobs?: string;
  report?: string;
  /** true for --merge, false for --no-merge, undefined for neither. */
  merge?: boolean;
  since?: string;
  force?: boolean;
  template?: string;
  style?: string;
  digestTemplate?: string;
  review?: string;
  date?: string;
  readTemplate?: string[];
}

export const DEFAULT_PATH = 'seeds';
/** How many highlights a digest brings back each day unless --review says otherwise. */
export const DEFAULT_REVIEW = 5;

export function resolveSettings(
  paths: readonly string[],
  options: RawOptions,
  cwd: string,
  defaultCache: string | null = null,
  givenToday: string = localToday(),
): Settings {
  let today = givenToday;
  const format = options.format ?? 'json';
  const resolved = FORMATS.find((name) => name === format);
  if (!resolved) {
    throw new UsageError(`unknown format "${options.format}"; expected one of ${FORMATS.join(', ')} (e.g. --format ndjson)`);
  }
  if (options.quiet && options.verbose) throw new UsageError('--quiet and --verbose contradict each other; choose one');
  if (options.outDir && options.output) throw new UsageError('--out-dir and --output contradict each other: --out-dir writes one file per document, -o one file');
  if (options.outDir && (resolved === 'ndjson' || resolved === 'csv' || resolved === 'html')) {
    // NDJSON and CSV are one stream of lines or rows: a page per document would be a file of one record.
    throw new UsageError(`--out-dir writes Markdown or JSON files, not ${resolved}; use --format md or --format json (e.g. --out-dir notes --format md), or -o FILE for ${resolved}`);
  }
  if (options.force && !options.outDir) throw new UsageError('--force replaces pages you changed in --out-dir; it has no use without --out-dir');
  if (options.template !== undefined && !(options.outDir && resolved === 'md')) {
    throw new UsageError('--template renders the Markdown pages of --out-dir; use it with --out-dir DIR --format md');
  }
  if (options.style !== undefined && !['obsidian', 'logseq'].includes(options.style)) throw new UsageError(`unknown style "${options.style}"; expected obsidian or logseq (e.g. --style logseq)`);
  if (options.style !== undefined && !(options.outDir && resolved === 'md')) throw new UsageError('--style sets how the Markdown pages of --out-dir are written; use it with --out-dir DIR --format md');
  if (options.digestTemplate !== undefined && (resolved !== 'md' || options.outDir)) {
    throw new UsageError('--digest-template renders the Markdown digest; use it with --format md, to stdout or -o FILE (for --out-dir pages, --template)');
  }
  if (options.digestTemplate === '') throw new UsageError('--digest-template was given an empty file name (e.g. --digest-template digest.njk; `ingest template digest` prints a starting point)');
  if (options.template === '') throw new UsageError('--template was given an empty file name (e.g. --template page.njk; `ingest template page` prints the built-in one)');
  if (options.check && !options.outDir && !options.output) {
    throw new UsageError('--check compares outputs with files; give -o FILE or --out-dir DIR (e.g. ingest notes --check -o digest.md --format md)');
  }
  const given = paths.length > 0 ? paths : [DEFAULT_PATH];
  if (given.filter((p) => p === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  for (const p of given) {
    if (p === '-') continue;
    if (!fs.existsSync(path.resolve(cwd, p))) {
      throw new UsageError(
        paths.length === 0
          ? `no path given and there is no ./${DEFAULT_PATH} folder here; name files or folders (e.g. ingest notes/)`
          : `no such file or folder: ${p}`,
      );
    }
  }
  for (const glob of [...(options.include ?? []), ...(options.exclude ?? [])]) {
    if (glob.trim() === '') throw new UsageError('an empty glob was given to --include or --exclude (e.g. --include "*.md")');
  }
  let jobs = os.availableParallelism();
  if (options.jobs !== undefined) {
    // More workers than a few per core only costs memory: 256 on 2 cores took 6.3 GB.
    const most = Math.max(4, os.availableParallelism() * 4);
    jobs = /^\d+$/.test(options.jobs.trim()) ? Number(options.jobs) : NaN;
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > most) throw new UsageError(`--jobs takes a whole number from 1 to ${most} (4 per core), such as --jobs 2, not "${options.jobs}"`);
  }
  if (options.output === '') throw new UsageError('-o was given an empty file name; name a file (e.g. -o digest.md), or leave -o out to write to stdout');
  if (options.outDir === '') throw new UsageError('--out-dir was given an empty folder name (e.g. --out-dir digests)');
  const report = resolveReport(options, cwd);
  if (typeof options.cache === 'string' && options.cache.trim() === '') throw new UsageError('--cache was given an empty folder name (e.g. --cache ~/.cache/ingest), or use --no-cache');
  if (options.date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date) || Number.isNaN(Date.parse(`${options.date}T00:00:00Z`)) || new Date(`${options.date}T00:00:00Z`).toISOString().slice(0, 10) !== options.date) {
      throw new UsageError(`--date takes a day such as 2026-12-06, not "${options.date}"`);
    }
    today = options.date;
  }
  let review = resolved === 'md' || resolved === 'html' ? DEFAULT_REVIEW : 0;
  if (options.review !== undefined) {
    if (!/^\d{1,3}$/.test(options.review.trim())) throw new UsageError(`--review takes how many highlights the digest brings back, 0 to 100 (0: none), not "${options.review}"`);
    if (resolved !== 'md' && resolved !== 'html') throw new UsageError('--review brings highlights back in a digest; use it with --format md or html');
    review = Math.min(100, Number(options.review));
  }
  for (const file of options.readTemplate ?? []) {
    if (file.trim() === '') throw new UsageError('--read-template was given an empty file name (e.g. --read-template highlight.njk, or a plugin\'s .obsidian/plugins/readwise-mirror/data.json)');
  }
  let since: Since | null = null;
  if (options.since !== undefined) {
    since = parseSince(options.since, today);
    if (since === null) throw new UsageError(`--since takes a day (2024-03-01) or a number of days or weeks back (7d, 2w), not "${options.since}"`);
  }
  return {
    jobs,
    merge: options.merge ?? (resolved === 'md' || resolved === 'html' || Boolean(options.outDir)),
    since,
    maxBytes: options.maxBytes === undefined ? DEFAULT_MAX_BYTES : parseSize(options.maxBytes),
    timeLimitMs: options.timeLimit === undefined ? 20_000 : parseSeconds(options.timeLimit),
    paths: given,
    format: resolved,
    output: options.output ? path.resolve(cwd, options.output) : null,
    outDir: options.outDir ? path.resolve(cwd, options.outDir) : null,
    cache: options.cache === false ? null : typeof options.cache === 'string' ? path.resolve(cwd, options.cache) : defaultCache,
    check: options.check ?? false,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    show: options.quiet ? 'error' : options.verbose ? 'info' : 'warning',
    report,
    force: options.force ?? false,
    template: options.template !== undefined ? path.resolve(cwd, options.template) : null,
    style: options.style === 'logseq' ? 'logseq' : 'obsidian',
    digestTemplate: options.digestTemplate !== undefined ? path.resolve(cwd, options.digestTemplate) : null,
    review,
    today,
    readTemplates: (options.readTemplate ?? []).map((file) => path.resolve(cwd, file)),
  };
}

/** `--report FILE`: a file beside the outputs, never one of them, in a folder that exists. */
function resolveReport(options: RawOptions, cwd: string): string | null {
  if (options.report === undefined) return null;
  if (options.report.trim() === '') throw new UsageError('--report was given an empty file name (e.g. --report run.json)');
  const report = path.resolve(cwd, options.report);
  if (options.output && path.resolve(cwd, options.output) === report) throw new UsageError('--report and -o name the same file; give the report its own (e.g. --report run.json)');
  if (!fs.existsSync(path.dirname(report))) throw new UsageError(`cannot write the report ${options.report}: folder ${path.dirname(options.report)} does not exist`);
  if (fs.statSync(report, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`cannot write the report ${options.report}: it is a folder`);
  return report;
}

/** `20`, `0.5` (seconds) → milliseconds. */
function parseSeconds(text: string): number {
  const seconds = /^\d+(?:\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
  if (!(seconds > 0) || seconds > 3600) throw new UsageError(`--time-limit takes seconds from 0.1 to 3600, such as 20 or 2.5, not "${text}"`);
  return Math.round(seconds * 1000);
}

/** `1048576`, `512k`, `16M`, `1GiB` → bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(?:([kmg])i?b?|b)?$/i.exec(text.trim());
  if (!match) throw new UsageError(`--max-bytes takes a size such as 16M, 512k or 1048576, not "${text}"`);
  const scale = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  const bytes = Math.floor(Number(match[1]) * scale);
  if (bytes < 1) throw new UsageError('--max-bytes must be at least 1 byte');
  return bytes;
}
