/**
 * Paths → the sorted list of input files. Folders are walked with
 * fast-glob; symbolic links are followed, each real file read once (a link
 * to a folder in the tree adds nothing twice; a loop is harmless), never into
 * a virtual file system such as /proc or /sys; an unreadable folder becomes a
 * diagnostic instead of stopping the walk.
 */
import fs from 'node:fs';
import path from 'node:path';
import fg, { type Entry } from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

import { DEFAULT_INCLUDE, isOptional } from './formats/registry.js';
import { globsRegExp } from './globs.js';
import { virtualMountOf, virtualMounts } from './virtual-fs.js';

export { DEFAULT_INCLUDE };
const ALWAYS_EXCLUDE = ['**/node_modules/**'];

export interface Input {
  /** As shown to the user and written in `source.path`: POSIX, relative to cwd when inside it; `-` for stdin. */
  path: string;
  /** Absolute path to read; `null` for stdin. */
  file: string | null;
  /** Where the file is in what was given: `notes/books/x.md` in folder `notes`, `x.md` when named alone. Ids come from it, not from the working folder. */
  place: string;
  /** A pipe or FIFO (`<(cmd)`, `mkfifo`) or a device named on the command line: read as a stream, never cached. */
  stream?: 'fifo' | 'device';
  /**
   * Walked by the default include, and claimed by specific formats only (a
   * `.json`, a `.csv`): read only if one of them accepts it (registry.ts isOptional).
   */
  optional?: true;
}

export interface WalkProblem {
  path: string;
  message: string;
  code: string;
  /**
   * `error`: something that should have been read was not (`read-error`).
   * `warning`: a link that leads nowhere a note can be, a loop or a virtual
   * file system, passed over (`symlink-loop`, `virtual-filesystem`): the run's exit status is not changed.
   */
  severity: 'error' | 'warning';
  rule: 'read-error' | 'symlink-loop' | 'virtual-filesystem';
}

export interface DiscoverOptions {
  cwd: string;
  include?: readonly string[];
  exclude?: readonly string[];
  /** Files and folders this run writes (`-o FILE`, `--out-dir DIR`): never read as input from a walked folder. */
  outputs?: readonly string[];
}

/** Gitignore-style rules at the root of a folder given: what not to read in it. */
export const IGNORE_FILE = '.ingestignore';
/** What `--out-dir` writes beside its pages: the list of files ingest wrote there (see output/out-dir.ts). */
export const MANIFEST = '.ingest-manifest.json';

export interface Discovery {
  inputs: Input[];
  problems: WalkProblem[];
}

/** `*.md` matches at any depth, as in .gitignore; `notes/*.md` is anchored to the walked folder. */
function globAnywhere(glob: string): string {
  const trimmed = glob.replace(/^\.\//, '');
  return trimmed.includes('/') ? trimmed.replace(/^\//, '') : `**/${trimmed}`;
}

export async function discover(paths: readonly string[], options: DiscoverOptions): Promise<Discovery> {
  const cwd = path.resolve(options.cwd);
  const chosen = options.include !== undefined && options.include.length > 0;
  const include = (chosen ? options.include! : DEFAULT_INCLUDE).map(globAnywhere);
  const exclude = (options.exclude ?? []).map(globAnywhere);
  // picomatch's `*` and `**` never match a line break: names with one are matched as if it were a space.
  const matchable = (relative: string): string => relative.replace(/[\n\r\u2028\u2029]/g, ' ');
  // The default include (the registry's globs) as one regular expression: it is tested on every walked file.
  const defaultIncluded = chosen ? null : globsRegExp(include, { nocase: true, dot: false });
  const included = defaultIncluded ? (relative: string): boolean => defaultIncluded.test(relative) : picomatch(include, { nocase: true, dot: false });
  const excluded = picomatch(exclude, { nocase: true, dot: true });
  const isIncluded = (relative: string): boolean => included(matchable(relative));
  const isExcluded = exclude.length > 0 ? (relative: string): boolean => excluded(matchable(relative)) : (): boolean => false;
  const found = new Map<string, Input>();
  const problems: WalkProblem[] = [];
  const visited = new Set<string>();
  // Real paths of the files added: a file reached again through a link is read once.
  const reals = new Set<string>();
  const virtual = virtualMounts();

  const outputs = (options.outputs ?? []).map((output) => realOrResolved(output));
  const written = new Map<string, ReadonlySet<string>>();
  // A walked regular file's real path is its folder's, then its name: one realpath per folder, not per file.
  const realFolders = new Map<string, string>();
  // (Split by hand, not with path.dirname and path.join: these run for every file walked.)
  const realPathOf = (file: string, regular: boolean): string => {
    if (!regular) return realOrResolved(file);
    const [folder, name] = folderAndName(file);
    let real = realFolders.get(folder);
    if (real === undefined) {
      real = realOrResolved(folder);
      realFolders.set(folder, real);
    }
    return inFolder(real, name);
  };
  /** Whether ingest wrote this walked file: a run's output, a page under --out-dir, or a file a manifest lists. */
  const isOwnOutput = (real: string): boolean => {
    if (outputs.some((output) => real === output || real.startsWith(`${output}${path.sep}`))) return true;
    const [folder, name] = folderAndName(real);
    let files = written.get(folder);
    if (files === undefined) {
      files = manifestFiles(folder);
      written.set(folder, files);
    }
    return files.has(name);
  };
  const add = (file: string, place: string, walked = true, stream: Input['stream'] = undefined, regular = false, shown = displayPath(cwd, file)): void => {
    if (walked) {
      // One real path serves both checks: an output of ingest's, and a file already reached another way.
      const real = realPathOf(file, regular);
      if (isOwnOutput(real) || found.has(shown) || reals.has(real)) return;
      reals.add(real);
    } else if (found.has(shown)) {
      return;
    }
    const input: Input = stream ? { path: shown, file, place, stream } : { path: shown, file, place };
    if (walked && !chosen && isOptional(file)) input.optional = true;
    found.set(shown, input);
  };
  /** A link into a virtual file system (/proc, /sys, /dev): named once, never read. */
  const intoVirtual = (real: string, shown: string): boolean => {
    const mount = virtualMountOf(real, virtual);
    if (mount === null) return false;
    problems.push({ path: displayPath(cwd, shown), code: 'EVIRTUAL', severity: 'warning', rule: 'virtual-filesystem', message: `leads into ${mount}, a virtual file system (${virtual.get(mount)}), not notes: not read` });
    return true;
  };

  /** Walks `directory`, showing its entries under `shownAs` (a symlink's own path, not its target's). */
  const walk = async (directory: string, shownAs: string, rootRelative: string, rules: Ignore | null, root: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.promises.realpath(directory);
    } catch (error) {
      problems.push(problem(displayPath(cwd, shownAs), error));
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    if (intoVirtual(real, shownAs)) return;
    // `**/*`, not `**`: fast-glob's `**` skips names with line breaks.
    const entries: Entry[] = await fg('**/*', {
      cwd: directory,
      dot: false,
      onlyFiles: false,
      followSymbolicLinks: false,
      objectMode: true,
      caseSensitiveMatch: false,
      ignore: [...ALWAYS_EXCLUDE, ...(rootRelative === '' ? exclude : [])],
      fs: { readdir: reportingReaddir(directory, shownAs, cwd, problems, (folder) => intoVirtual(path.join(real, path.relative(directory, folder)), path.join(shownAs, path.relative(directory, folder)))) as typeof fs.readdir },
    });
    const symlinks: Array<{ entry: Entry; relative: string }> = [];
    const shownIn = shownUnder(cwd, shownAs);
    for (const entry of entries) {
      const relative = rootRelative === '' ? entry.path : `${rootRelative}/${entry.path}`;
      if (isExcluded(relative) || rules?.ignores(entry.dirent.isDirectory() ? `${relative}/` : relative)) continue;
      if (entry.dirent.isSymbolicLink()) symlinks.push({ entry, relative });
      // fast-glob lists a folder whose name has a line break but does not go into it: walk it here.
      else if (entry.dirent.isDirectory() && /[\n\r]/.test(entry.name)) await walk(path.join(directory, entry.path), path.join(shownAs, entry.path), relative, rules, root);
      else if (entry.dirent.isFile() && isIncluded(relative)) add(inFolder(shownAs, entry.path), `${root}/${relative}`, true, undefined, true, shownIn(entry.path));
    }
    for (const { entry, relative } of symlinks) {
      const link = path.join(directory, entry.path);
      const shown = path.join(shownAs, entry.path);
      let stats: fs.Stats;
      try {
        stats = await fs.promises.stat(link);
      } catch (error) {
        // A link that leads back to itself (`ln -s self self`) is a loop: nothing was there to read.
        const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
        problems.push(loop ? { path: displayPath(cwd, shown), code: 'ELOOP', severity: 'warning', rule: 'symlink-loop', message: 'a symbolic link loop (it leads back to itself): nothing to read' } : problem(displayPath(cwd, shown), error, 'broken symbolic link'));
        continue;
      }
      if (stats.isDirectory()) {
        if (!rules?.ignores(`${relative}/`)) await walk(link, shown, relative, rules, root);
      }
      else if (stats.isFile() && isIncluded(relative) && !intoVirtual(realOrResolved(link), shown)) add(shown, `${root}/${relative}`);
    }
  };

  for (const given of paths) {
    if (given === '-') {
      found.set('-', { path: '-', file: null, place: '-' });
      continue;
    }
    const absolute = path.resolve(cwd, given);
    let stats: fs.Stats;
    try {
      stats = await fs.promises.stat(absolute);
    } catch (error) {
      problems.push(problem(displayPath(cwd, absolute), error));
      continue;
    }
    // A folder's documents are placed under its name, so that ingest ~/notes and ingest . (in ~/notes) give the same ids.
    if (stats.isDirectory()) await walk(absolute, absolute, '', ignoreRules(absolute), path.basename(absolute) || '/');
    // A file named on the command line is read whatever its extension; a pipe or device as a stream.
    else add(absolute, path.basename(absolute), false, stats.isFIFO() ? 'fifo' : stats.isCharacterDevice() || stats.isSocket() ? 'device' : undefined);
  }
  const inputs = [...found.values()].sort((a, b) => compare(a.path, b.path));
  return { inputs, problems: problems.sort((a, b) => compare(a.path, b.path)) };
}

/** The `.ingestignore` of a folder given (gitignore syntax), or `null`: nothing more is skipped. */
function ignoreRules(root: string): Ignore | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, IGNORE_FILE), 'utf8');
  } catch {
    return null; // no .ingestignore (or an unreadable one)
  }
  return ignore().add(text);
}

/**
 * `path.join(folder, name)` for a normalized absolute or relative folder and
 * a name or relative path as fast-glob gives it (no `.` or `..` parts, no
 * doubled separators): the same string, without normalizing it again.
 */
export function inFolder(folder: string, name: string): string {
  return folder.endsWith(path.sep) ? folder + name : folder + path.sep + name;
}

/** `[path.dirname(file), path.basename(file)]` of an absolute, normalized path, split once. */
function folderAndName(file: string): [string, string] {
  const cut = file.lastIndexOf(path.sep);
  return [file.slice(0, Math.max(cut, 1)), file.slice(cut + 1)];
}

/** The files an earlier `--out-dir` run wrote into this folder, by its manifest. */
function manifestFiles(folder: string): ReadonlySet<string> {
  try {
    const files = (JSON.parse(fs.readFileSync(path.join(folder, MANIFEST), 'utf8')) as { files?: unknown }).files;
    return new Set(Array.isArray(files) ? files.filter((name): name is string => typeof name === 'string') : []);
  } catch {
    return new Set();
  }
}

function realOrResolved(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    // An output that does not exist yet: its folder may.
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

/** A readdir for fast-glob that records an unreadable folder and walks on, and does not go where `skip` says. */
function reportingReaddir(root: string, shownAs: string, cwd: string, problems: WalkProblem[], skip: (directory: string) => boolean) {
  return (directory: string, options: unknown, callback: (error: NodeJS.ErrnoException | null, entries: fs.Dirent[]) => void) => {
    if (directory !== root && skip(directory)) {
      callback(null, []);
      return;
    }
    fs.readdir(directory, options as { withFileTypes: true }, (error, entries) => {
      if (error) {
        problems.push(problem(displayPath(cwd, path.join(shownAs, path.relative(root, directory))), error));
        callback(null, []);
        return;
      }
      callback(null, entries);
    });
  };
}

function problem(shown: string, error: unknown, what?: string): WalkProblem {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const reason = what ?? describeError(code, (error as Error).message);
  return { path: shown, code, message: `${reason} (${code})`, severity: 'error', rule: 'read-error' };
}

/** A system error code in words, for diagnostics. */
export function describeError(code: string, fallback: string): string {
  return DESCRIBE[code] ?? fallback;
}

const DESCRIBE: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EISDIR: 'is a folder',
};

/**
 * `displayPath` of the files in a folder, by their path in it (POSIX, as
 * fast-glob gives it): the folder's own, then the path, without working out
 * a relative path for each file (a third of a warm run's walk). Per file only
 * where the working folder is inside the folder: some of its files are shown
 * relative to it, the others absolute.
 */
export function shownUnder(cwd: string, folder: string): (relative: string) => string {
  const shown = displayPath(cwd, folder);
  const fromFolder = path.relative(folder, cwd);
  const cwdInside = fromFolder === '' || !(fromFolder === '..' || fromFolder.startsWith(`..${path.sep}`) || path.isAbsolute(fromFolder));
  if (path.isAbsolute(shown) && cwdInside) {
    return (relative) => displayPath(cwd, path.join(folder, relative));
  }
  // (A name that starts with `..` is shown absolute by displayPath: so here too.)
  if (shown === '.') return (relative) => (relative.startsWith('..') ? displayPath(cwd, path.join(folder, relative)) : relative);
  const prefix = shown.endsWith('/') ? shown : `${shown}/`;
  return (relative) => prefix + relative;
}

/** POSIX path relative to cwd when inside it, else absolute. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  const shown = inside ? relative : relative === '' ? '.' : path.resolve(file);
  return shown.split(path.sep).join('/');
}

/** Code-point order, the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
