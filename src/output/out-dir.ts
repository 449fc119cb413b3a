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
 * Pages are the user's as much as ingest's (managed-page.ts): ingest
 * rewrites only its part of a page, keeps what the user wrote around it, and
 * never replaces a part the user changed (unless --force) or removes a page
 * that holds the user's text. The manifest keeps, for each page, the key of
 * its work (or document), the fingerprint of what ingest wrote and the
 * properties that are ingest's; a page the user deleted is written again.
 *
 * The commit (finish) is ordered so that a run killed at any point of it
 * (SIGKILL, a power cut) leaves an index whose every link exists and no page
 * that no manifest lists: a manifest that also lists the new pages, then
 * the pages, then the index, then the removal of pages whose documents are
 * gone, then the manifest of this run.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { removeStaleTempsIn, writeFileAtomic } from './atomic-file.js';
import { OutputError } from './sinks.js';
import { fingerprint, hasUserText, unedited, withFinalNewline, type ManagedPart, type ReadPage } from './managed-page.js';
import type { Diagnostic } from '../schema.js';
import type { PageStyle } from './page-style.js';

export { MANIFEST } from '../discover.js';
import { MANIFEST } from '../discover.js';
export { LOCK } from './lock.js';

/** Pages of a run in progress: `DIR/.ingest-staging-PID-RANDOM/`. */
const STAGING = /^\.ingest-staging-\d+-[0-9a-f]{8}$/;

/** A page that cannot be written while others can (its name is too long for this file system, a folder is in its place). */
export class PageError extends Error {}

/** Write errors that concern one file's name, not the folder or the disk: that page is left out, the others are written. */
const PAGE_CODES = new Set(['ENAMETOOLONG', 'EILSEQ', 'EINVAL']);

/**
 * What a page holds: ingest's part of a Markdown page (made knowing the
 * block ids the page has now, so that each highlight keeps its id), or a
 * JSON page (all of it ingest's).
 */
export type PageContent = { readonly kind: 'md'; readonly render: (previousIds: ReadonlySet<string>) => ManagedPart } | { readonly kind: 'json'; readonly text: string };

/** How a run treats pages: `check` writes nothing, `force` replaces parts the user changed. */
export interface OutDirSettings {
  readonly check: boolean;
  readonly force: boolean;
  /** Warnings about pages (`page-edited`, `page-kept`), by the page's path. */
  readonly report: (where: string, diagnostic: Diagnostic) => void;
  /** How Markdown pages are put together and read back (Obsidian or Logseq). */
  readonly style: PageStyle;
}

export class OutDir {
  private readonly written = new Set<string>();
  /** What this run recorded for each page it wrote or kept, by page name. */
  private readonly pages = new Map<string, PageEntry>();
  /** Pages whose text differs from the file in DIR: staged, moved in by finish(). */
  private readonly staged = new Set<string>();
  /** The index among them: moved in after every page it links to. */
  private index: string | null = null;
  private changed = false;
  /** Pages left as they are because the user changed ingest's part. */
  edited = 0;

  private constructor(
    readonly dir: string,
    private readonly previous: Manifest,
    /** Files in DIR that no run of ingest wrote: their names are never handed out. */
    readonly foreignNames: ReadonlySet<string>,
    private readonly settings: OutDirSettings,
    private readonly staging: string,
  ) {}

  /** The page each work (or document) had in the last run, by its key: a page keeps its name while its work exists. */
  get previousPages(): ReadonlyMap<string, string> {
    return new Map([...this.previous.pages].map(([name, entry]) => [entry.key, name]));
  }

  /** Opens DIR (creating it unless checking) and reads the manifest of the last run. */
  static async open(dir: string, settings: OutDirSettings): Promise<OutDir> {
    const { check } = settings;
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
      const present = await fs.promises.readdir(real).catch(() => [] as string[]);
      const foreign = new Set(present.filter((name) => !name.startsWith('.') && !manifest.files.has(name)));
      return new OutDir(real, manifest, foreign, settings, staging);
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
   * Writes page `name` for the work (or document) `key`, keeping what the
   * user wrote in it; leaves it as it is (a `page-edited` warning) when the
   * user changed ingest's part, unless --force. A PageError when this page
   * alone cannot be written.
   */
  async write(name: string, content: PageContent, key: string): Promise<void> {
    await this.put(name, content, key);
  }

  /** Writes the index: committed after every page. One that cannot be written fails the run. */
  async writeIndex(name: string, content: PageContent): Promise<void> {
    this.index = name;
    try {
      await this.put(name, content, 'index');
    } catch (error) {
      throw error instanceof PageError ? new OutputError(error.message) : error;
    }
  }

  private async put(name: string, content: PageContent, key: string): Promise<void> {
    const target = this.target(name);
    const stats = await fs.promises.lstat(target).catch(() => null);
    if (stats?.isDirectory()) throw new PageError(`${name} is a folder in ${this.dir}: the page cannot take its place`);
    // Never a file of the user's: names are not handed out for them (Names), and this is the last guard.
    if (stats && this.foreignNames.has(name)) throw new PageError(`${name} is a file of yours in ${this.dir}: the page cannot take its place`);
    const current = stats?.isFile() ? await readRegularFile(target) : null;
    const before = this.previous.pages.get(name);
    let old: ReadPage | null = null;
    let part: ManagedPart | null = null;
    const { style } = this.settings;
    const render = (): ManagedPart | null => (content.kind === 'md' ? content.render(current === null ? new Set() : style.blockIdsIn(current)) : null);
    if (current !== null && before !== undefined) {
      const written = asWritten(before, current, content.kind === 'md' ? style : null);
      const read = written.read;
      let kept = written.kept;
      // A page of ingest 0.3 (no fingerprint, no markers): adopted when it is exactly what 0.3 wrote for what ingest writes now.
      if (!kept && before.print === null && content.kind === 'md') {
        part = render();
        kept = part !== null && style.wroteBefore(current, part);
      }
      if (!kept && !this.settings.force) {
        this.edited += 1;
        this.changed = true;
        this.written.add(name);
        this.pages.set(name, before);
        const how =
          before.print === null
            ? 'it was written by ingest 0.3, which marked no part of a page as its own, and it is not what ingest 0.3 wrote for these notes, so your edits cannot be told from its text; save them, then run once with --force'
            : content.kind === 'md'
              ? `${style.managedPart} changed, so ingest does not write over it; ${style.yourPart}, or run with --force to replace it`
              : 'it was changed, so ingest does not write over it; run with --force to replace it';
        this.settings.report(path.join(this.dir, name), { severity: 'warning', rule: 'page-edited', message: `left as it is: ${how}`, line: null, column: null });
        return;
      }
      old = read;
    }
    part ??= render();
    const text = part !== null ? style.compose(part, old) : (content as { text: string }).text;
    const print = part !== null ? partPrint(part, text, style) : textPrint(text);
    // A page with nothing of the user's in it: known by the hash of the whole file next time, without reading it apart.
    const whole = part !== null && (old === null || !hasUserText(old)) ? textPrint(text) : undefined;
    this.pages.set(name, { key, print, properties: part !== null ? Object.keys(part.properties) : [], ...(whole ? { file: whole } : {}) });
    if (current !== text) {
      this.changed = true;
      if (!this.settings.check) await this.stage(name, text);
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
    return names.filter((name) => !name.startsWith('.') && !this.written.has(name) && !this.previous.files.has(name)).sort();
  }

  /**
   * Moves the staged pages in, removes what the last run wrote that this run
   * did not (unless it holds the user's text), then records what this run
   * wrote. In that order (see the top of this file): a kill at any point
   * leaves an index whose links all exist. Returns whether anything changed.
   */
  async finish(): Promise<boolean> {
    const pages = [...this.staged].filter((name) => name !== this.index).sort();
    // Pages new to DIR are listed before they arrive: a kill before the last manifest leaves none that no manifest names.
    if (!this.settings.check && [...this.staged].some((name) => !this.previous.files.has(name))) await this.writeManifest(this.manifest(true));
    for (const name of pages) await this.moveIn(name);
    if (this.index !== null && this.staged.has(this.index)) await this.moveIn(this.index);
    await fs.promises.rm(this.staging, { recursive: true, force: true });
    for (const name of [...this.previous.files].sort()) {
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
      if (!(await this.removable(name, target))) continue;
      if (!this.settings.check) await fs.promises.rm(target, { force: true });
    }
    const manifest = this.manifest(false);
    const current = await readRegularFile(path.join(this.dir, MANIFEST));
    if (current !== manifest) {
      this.changed = true;
      if (!this.settings.check) await this.writeManifest(manifest);
    }
    return this.changed;
  }

  /**
   * Whether a page this run no longer writes may go: not when it holds the
   * user's own text (it stays, theirs from now on: a `page-kept` warning),
   * nor when they changed ingest's part (unless --force).
   */
  private async removable(name: string, target: string): Promise<boolean> {
    const before = this.previous.pages.get(name);
    if (before === undefined) return true; // the index of another format, a file of an older manifest without pages
    const text = await readRegularFile(target);
    if (text === null) return true;
    const { read, kept } = asWritten(before, text, name.endsWith('.md') ? this.settings.style : null);
    const mine = read !== null ? hasUserText(read) : false;
    const edited = !kept;
    if (!mine && (!edited || this.settings.force)) return true;
    this.settings.report(target, {
      severity: 'warning',
      rule: 'page-kept',
      message:
        before.print === null
          ? "written by ingest 0.3, which marked no part of a page as its own, and no page of this run takes its place (its document is gone, or its highlights are now on its work's page): left in place, and no longer ingest's; remove it yourself, or run once with --force"
          : `its document is no longer among the notes, but ${mine ? 'it holds text of yours' : 'you changed it'}: left in place, and no longer ingest's (remove it yourself when you want it gone)`,
      line: null,
      column: null,
    });
    return false;
  }

  private async moveIn(name: string): Promise<void> {
    const target = this.target(name);
    const stats = await fs.promises.lstat(target).catch(() => null);
    if (stats?.isSymbolicLink()) await fs.promises.rm(target, { force: true });
    await fs.promises.rename(path.join(this.staging, name), target);
  }

  /** The manifest of this run; `withPrevious`: with the last run's pages too, those not replaced by a page of the same key. */
  private manifest(withPrevious: boolean): string {
    const pages = new Map<string, PageEntry>(this.pages);
    const files = new Set(this.written);
    if (withPrevious) {
      const keys = new Set([...this.pages.values()].map((entry) => entry.key));
      for (const name of this.previous.files) files.add(name);
      for (const [name, entry] of this.previous.pages) {
        const now = pages.get(name);
        // A page not moved in yet holds what the last run wrote: a run killed now must not take it for one the user edited.
        if (now !== undefined && now.print !== entry.print && entry.print !== null) pages.set(name, { ...now, was: { print: entry.print, properties: entry.properties } });
        else if (!keys.has(entry.key) && !pages.has(name)) pages.set(name, entry);
      }
    }
    const names = [...files].sort();
    const byName = Object.fromEntries(names.filter((name) => pages.has(name)).map((name) => [name, pages.get(name)!]));
    return `${JSON.stringify({ tool: 'ingest', version: MANIFEST_VERSION, files: names, pages: byName }, null, 2)}\n`;
  }

  private async writeManifest(text: string): Promise<void> {
    await writeFileAtomic(path.join(this.dir, MANIFEST), text);
  }
}

/** 2: each page with its key, fingerprint and properties (0.4); 1 (no version): each page with its document id. */
const MANIFEST_VERSION = 2;

interface PageEntry {
  /** `work:…` (merged) or `id:…` (one page per document), `index`. */
  readonly key: string;
  /** The fingerprint of what ingest wrote (managed-page.ts); null for a page of an older manifest. */
  readonly print: string | null;
  /** The properties that are ingest's. */
  readonly properties: readonly string[];
  /** The hash of the whole file, when ingest wrote it with nothing of the user's in it. */
  readonly file?: string;
  /** What the page held before, while a commit is under way (the manifest written before the pages move in). */
  readonly was?: { readonly print: string; readonly properties: readonly string[] };
}

/** Whether the page's text still holds what ingest wrote in it (or, mid-commit, what it wrote the run before), and the page as read. */
function asWritten(entry: PageEntry, text: string, style: PageStyle | null): { read: ReadPage | null; kept: boolean } {
  // Exactly the file ingest wrote, which held nothing of the user's: nothing to read apart.
  if (entry.file !== undefined && entry.file === textPrint(text)) return { read: null, kept: true };
  let first: ReadPage | null = null;
  for (const { print, properties } of [entry, ...(entry.was ? [entry.was] : [])]) {
    if (style === null) {
      if (print !== null && print === textPrint(text)) return { read: null, kept: true };
      continue;
    }
    const read = style.read(text, properties);
    first ??= read;
    if (read !== null && print !== null && unedited(read, print)) return { read, kept: true };
  }
  return { read: first, kept: false };
}

interface Manifest {
  files: Set<string>;
  /** Page name → what ingest wrote in it. */
  pages: Map<string, PageEntry>;
}

async function readManifest(dir: string): Promise<Manifest> {
  const empty: Manifest = { files: new Set(), pages: new Map() };
  const text = await readRegularFile(path.join(dir, MANIFEST));
  if (text === null) return empty;
  try {
    const { files, pages } = JSON.parse(text) as { files?: unknown; pages?: unknown };
    const listed = new Set(Array.isArray(files) ? files.filter((name): name is string => typeof name === 'string') : []);
    const byName = new Map<string, PageEntry>();
    if (pages !== null && typeof pages === 'object' && !Array.isArray(pages)) {
      for (const [name, entry] of Object.entries(pages as Record<string, unknown>)) {
        if (!listed.has(name)) continue;
        // An older manifest: the document id alone, nothing known of what was written.
        if (typeof entry === 'string') byName.set(name, { key: `id:${entry}`, print: null, properties: [] });
        else if (entry !== null && typeof entry === 'object') {
          const { key, print, properties, was } = entry as Record<string, unknown>;
          if (typeof key !== 'string') continue;
          const names = (list: unknown) => (Array.isArray(list) ? list.filter((property): property is string => typeof property === 'string') : []);
          const before = was !== null && typeof was === 'object' ? (was as Record<string, unknown>) : null;
          const { file } = entry as Record<string, unknown>;
          byName.set(name, {
            key,
            print: typeof print === 'string' ? print : null,
            properties: names(properties),
            ...(typeof file === 'string' ? { file } : {}),
            ...(before && typeof before['print'] === 'string' ? { was: { print: before['print'], properties: names(before['properties']) } } : {}),
          });
        }
      }
    }
    return { files: listed, pages: byName };
  } catch {
    return empty;
  }
}

/**
 * The fingerprint of ingest's part as the page will read back: made from the
 * part itself when its properties are plain values (strings, numbers, lists
 * of strings: written so that they read back the same), else read back from
 * the text.
 */
function partPrint(part: ManagedPart, text: string, style: PageStyle): string {
  const plain = Object.values(part.properties).every((value) => typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((item) => typeof item === 'string')));
  if (plain && style.name === 'obsidian') return fingerprint({ properties: part.properties, body: withFinalNewline(part.body) });
  return fingerprint(style.read(text, Object.keys(part.properties))!);
}

function textPrint(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** The file's text, or null when it is missing, a symlink or not a regular file. */
async function readRegularFile(file: string): Promise<string | null> {
  const stats = await fs.promises.lstat(file).catch(() => null);
  if (!stats?.isFile()) return null;
  return fs.promises.readFile(file, 'utf8').catch(() => null);
}
