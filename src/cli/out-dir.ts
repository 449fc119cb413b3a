/**
 * `--out-dir DIR`: one file per document plus an index, written atomically,
 * with a manifest of what ingest wrote so that files for documents that are
 * gone are removed on the next run, and files ingest did not write are never
 * touched. Names are slugs (see slug.ts); every path is checked to be a
 * direct child of DIR, and a symlink in DIR is replaced, never followed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OutputError, removeStaleTempsIn, writeFileAtomic } from './output.js';

export { MANIFEST } from '../discover.js';
import { MANIFEST } from '../discover.js';
export const LOCK = '.ingest.lock';

export class OutDir {
  private readonly written = new Set<string>();
  private changed = false;

  private constructor(
    readonly dir: string,
    private readonly previous: ReadonlySet<string>,
    private readonly check: boolean,
  ) {}

  /** Opens DIR (creating it unless checking) and reads the manifest of the last run. */
  static async open(dir: string, check: boolean): Promise<OutDir> {
    try {
      if (!check) await fs.promises.mkdir(dir, { recursive: true });
      const real = await fs.promises.realpath(dir).catch(() => path.resolve(dir));
      const stats = await fs.promises.stat(real).catch(() => null);
      if (stats && !stats.isDirectory()) throw new OutputError(`cannot write to ${dir}: it is not a folder`);
      if (!check) await removeStaleTempsIn(real);
      return new OutDir(real, await readManifest(real), check);
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

  async write(name: string, text: string): Promise<void> {
    const target = this.target(name);
    this.written.add(name);
    const current = await readRegularFile(target);
    if (current === text) return;
    this.changed = true;
    if (this.check) return;
    await writeFileAtomic(target, text);
  }

  /** Removes what the last run wrote that this run did not, then records what this run wrote. Returns whether anything changed. */
  async finish(): Promise<boolean> {
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
    const manifest = `${JSON.stringify({ tool: 'ingest', files: [...this.written].sort() }, null, 2)}\n`;
    const current = await readRegularFile(path.join(this.dir, MANIFEST));
    if (current !== manifest) {
      this.changed = true;
      if (!this.check) await writeFileAtomic(path.join(this.dir, MANIFEST), manifest);
    }
    return this.changed;
  }
}

async function readManifest(dir: string): Promise<Set<string>> {
  const text = await readRegularFile(path.join(dir, MANIFEST));
  if (text === null) return new Set();
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    return new Set(Array.isArray(files) ? files.filter((name): name is string => typeof name === 'string') : []);
  } catch {
    return new Set();
  }
}

/** The file's text, or null when it is missing, a symlink or not a regular file. */
async function readRegularFile(file: string): Promise<string | null> {
  const stats = await fs.promises.lstat(file).catch(() => null);
  if (!stats?.isFile()) return null;
  return fs.promises.readFile(file, 'utf8').catch(() => null);
}
