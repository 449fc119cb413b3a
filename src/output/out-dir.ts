/**
 * `--out-dir DIR`: one file per document plus an index, with a manifest of
 * what ingest wrote so that files for documents that are gone are removed on
 * the next run, and files ingest did not write are never touched. Pages are
 * staged in a hidden folder inside DIR while the run reads the notes, and
 * moved into place only once every page is written: an interrupted or
 * failed run leaves DIR as it was (and the next run removes the staging
 * folder). Names are slugs (see slug.ts); every path is checked to be a
 * direct child of DIR, and a symlink in DIR is replaced, never followed.
 *
 * The commit (finish) is ordered so that a run killed at any point of it
 * (SIGKILL, a power cut) leaves an index whose every link exists and no page
 * that no manifest lists: a manifest that also lists the new pages, then
 * the pages, then the index, then the removal of pages whose documents are
 * gone, then the manifest of this run.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { removeStaleTempsIn, writeFileAtomic } from './atomic-file.js';
import { OutputError } from './sinks.js';

export { MANIFEST } from '../discover.js';
import { MANIFEST } from '../discover.js';
export const LOCK = '.ingest.lock';

/** Pages of a run in progress: `DIR/.ingest-staging-PID-RANDOM/`. */
const STAGING = /^\.ingest-staging-\d+-[0-9a-f]{8}$/;

/** A page that cannot be written while others can (its name is too long for this file system, a folder is in its place). */
export class PageError extends Error {}

/** Write errors that concern one file's name, not the folder or the disk: that page is left out, the others are written. */
const PAGE_CODES = new Set(['ENAMETOOLONG', 'EILSEQ', 'EINVAL']);

export class OutDir {
  private readonly written = new Set<string>();
  /** The document each page of this run was written for, by page name. */
  private readonly pages = new Map<string, string>();
  /** Pages whose text differs from the file in DIR: staged, moved in by finish(). */
  private readonly staged = new Set<string>();
  /** The index among them: moved in after every page it links to. */
  private index: string | null = null;
  private changed = false;

  private constructor(
    readonly dir: string,
    private readonly previous: ReadonlySet<string>,
    /** The page each document had in the last run, by document id: a page keeps its name while its document exists. */
    readonly previousPages: ReadonlyMap<string, string>,
    private readonly check: boolean,
    private readonly staging: string,
  ) {}

  /** Opens DIR (creating it unless checking) and reads the manifest of the last run. */
  static async open(dir: string, check: boolean): Promise<OutDir> {
    try {
      if (!check) await fs.promises.mkdir(dir, { recursive: true });
      const real = await fs.promises.realpath(dir).catch(() => path.resolve(dir));
      const stats = await fs.promises.stat(real).catch(() => null);
      if (stats && !stats.isDirectory()) throw new OutputError(`cannot write to ${dir}: it is not a folder`);
      if (!check) {
        await removeStaleTempsIn(real);
        // A killed run's staging folder: its pages never reached DIR.
        for (const name of await fs.promises.readdir(real)) if (STAGING.test(name)) await fs.promises.rm(path.join(real, name), { recursive: true, force: true });
      }
      const staging = path.join(real, `.ingest-staging-${process.pid}-${randomBytes(4).toString('hex')}`);
      const manifest = await readManifest(real);
      return new OutDir(real, manifest.files, manifest.pages, check, staging);
    } catch (error) {
      if (error instanceof OutputError) throw error;
      throw new OutputError(`cannot write to ${dir}: ${(error as Error).message}`);
    }
  }

  private target(name: string): string {
    const target = path.join(this.dir, name);
    // Belt and braces: a slug cannot contain a separator, but no name may leave DIR.
    if (path.dirname(target) !== this.dir || name.startsWith('.') || name.includes('/') || name.includes('\\')) {
      throw new OutputError(`refused to write "${name}" outside ${this.dir}`);
    }
    return target;
  }

  /**
   * Writes page `name`; `id` is the document's, so that the next run gives it
   * the same name. A PageError when this page alone cannot be written.
   */
  async write(name: string, text: string, id: string): Promise<void> {
    await this.put(name, text);
    this.pages.set(name, id);
  }

  /** Writes the index: committed after every page. One that cannot be written fails the run. */
  async writeIndex(name: string, text: string): Promise<void> {
    this.index = name;
    try {
      await this.put(name, text);
    } catch (error) {
      throw error instanceof PageError ? new OutputError(error.message) : error;
    }
  }

  private async put(name: string, text: string): Promise<void> {
    const target = this.target(name);
    const stats = await fs.promises.lstat(target).catch(() => null);
    if (stats?.isDirectory()) throw new PageError(`${name} is a folder in ${this.dir}: the page cannot take its place`);
    const current = stats?.isFile() ? await readRegularFile(target) : null;
    if (current !== text) {
      this.changed = true;
      if (!this.check) await this.stage(name, text);
    }
    this.written.add(name);
  }

  private async stage(name: string, text: string): Promise<void> {
    if (this.staged.size === 0) await fs.promises.mkdir(this.staging, { recursive: true });
    try {
      await writeFileAtomic(path.join(this.staging, name), text);
    } catch (error) {
      if (error instanceof OutputError && error.code !== undefined && PAGE_CODES.has(error.code)) {
        throw new PageError(`cannot write ${name}: ${error.code === 'ENAMETOOLONG' ? 'its name is too long for this file system (ENAMETOOLONG)' : `this file system refuses its name (${error.code})`}`);
      }
      throw error;
    }
    this.staged.add(name);
  }

  /** Leaves DIR as it was: the staged pages are thrown away. */
  async abort(): Promise<void> {
    await fs.promises.rm(this.staging, { recursive: true, force: true });
  }

  /** Files in DIR that no run of ingest wrote and this run will not write (for --check). */
  async foreign(): Promise<string[]> {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    return names.filter((name) => !name.startsWith('.') && !this.written.has(name) && !this.previous.has(name)).sort();
  }

  /**
   * Moves the staged pages in, removes what the last run wrote that this run
   * did not, then records what this run wrote. In that order (see the top of
   * this file): a kill at any point leaves an index whose links all exist.
   * Returns whether anything changed.
   */
  async finish(): Promise<boolean> {
    const pages = [...this.staged].filter((name) => name !== this.index).sort();
    // Pages new to DIR are listed before they arrive: a kill before the last manifest leaves none that no manifest names.
    if (!this.check && [...this.staged].some((name) => !this.previous.has(name))) await this.writeManifest(this.manifest(true));
    for (const name of pages) await this.moveIn(name);
    if (this.index !== null && this.staged.has(this.index)) await this.moveIn(this.index);
    await fs.promises.rm(this.staging, { recursive: true, force: true });
    for (const name of [...this.previous].sort()) {
      if (this.written.has(name)) continue;
      let target: string;
      try {
        target = this.target(name);
      } catch {
        continue; // a manifest entry that is no plain name is ignored, never followed
      }
      const stats = await fs.promises.lstat(target).catch(() => null);
      if (!stats?.isFile()) continue;
      this.changed = true;
      if (!this.check) await fs.promises.rm(target, { force: true });
    }
    const manifest = this.manifest(false);
    const current = await readRegularFile(path.join(this.dir, MANIFEST));
    if (current !== manifest) {
      this.changed = true;
      if (!this.check) await this.writeManifest(manifest);
    }
    return this.changed;
  }

  private async moveIn(name: string): Promise<void> {
    const target = this.target(name);
    const stats = await fs.promises.lstat(target).catch(() => null);
    if (stats?.isSymbolicLink()) await fs.promises.rm(target, { force: true });
    await fs.promises.rename(path.join(this.staging, name), target);
  }

  /** The manifest of this run; `withPrevious`: with the last run's pages too, those not replaced by a page of the same document. */
  private manifest(withPrevious: boolean): string {
    const pages = new Map<string, string>(this.pages);
    const files = new Set(this.written);
    if (withPrevious) {
      const ids = new Set(this.pages.values());
      for (const name of this.previous) files.add(name);
      for (const [id, name] of this.previousPages) if (!ids.has(id) && !pages.has(name)) pages.set(name, id);
    }
    const names = [...files].sort();
    const byName = Object.fromEntries(names.filter((name) => pages.has(name)).map((name) => [name, pages.get(name)!]));
    return `${JSON.stringify({ tool: 'ingest', files: names, pages: byName }, null, 2)}\n`;
  }

  private async writeManifest(text: string): Promise<void> {
    await writeFileAtomic(path.join(this.dir, MANIFEST), text);
  }
}

interface Manifest {
  files: Set<string>;
  /** Document id → page name. */
  pages: Map<string, string>;
}

async function readManifest(dir: string): Promise<Manifest> {
  const empty: Manifest = { files: new Set(), pages: new Map() };
  const text = await readRegularFile(path.join(dir, MANIFEST));
  if (text === null) return empty;
  try {
    const { files, pages } = JSON.parse(text) as { files?: unknown; pages?: unknown };
    const listed = new Set(Array.isArray(files) ? files.filter((name): name is string => typeof name === 'string') : []);
    const byId = new Map<string, string>();
    if (pages !== null && typeof pages === 'object' && !Array.isArray(pages)) {
      for (const [name, id] of Object.entries(pages as Record<string, unknown>)) if (typeof id === 'string' && listed.has(name)) byId.set(id, name);
    }
    return { files: listed, pages: byId };
  } catch {
    return empty;
  }
}

/** The file's text, or null when it is missing, a symlink or not a regular file. */
async function readRegularFile(file: string): Promise<string | null> {
  const stats = await fs.promises.lstat(file).catch(() => null);
  if (!stats?.isFile()) return null;
  return fs.promises.readFile(file, 'utf8').catch(() => null);
}
