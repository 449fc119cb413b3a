/**
 * Command-line options → one readonly settings object, checked once.
 * Contradictory or unusable options are refused here with a UsageError.
 */
import fs from 'node:fs';
import path from 'node:path';

export const FORMATS = ['json', 'ndjson', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export interface Settings {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output: string | null;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Which diagnostics are shown on stderr. */
  readonly show: 'error' | 'warning' | 'info';
}

export class UsageError extends Error {}

export interface RawOptions {
  format?: string;
  output?: string;
  include?: string[];
  exclude?: string[];
  quiet?: boolean;
  verbose?: boolean;
}

export const DEFAULT_PATH = 'seeds';

export function resolveSettings(paths: readonly string[], options: RawOptions, cwd: string): Settings {
  const format = options.format ?? 'json';
  const resolved = FORMATS.find((name) => name === format);
  if (!resolved) {
    throw new UsageError(`unknown format "${options.format}"; expected one of json, ndjson, md (e.g. --format ndjson)`);
  }
  if (options.quiet && options.verbose) throw new UsageError('--quiet and --verbose contradict each other; choose one');
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
  return {
    paths: given,
    format: resolved,
    output: options.output ? path.resolve(cwd, options.output) : null,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    show: options.quiet ? 'error' : options.verbose ? 'info' : 'warning',
  };
}
