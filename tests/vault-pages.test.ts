/**
 * --out-dir pages in a vault (#25): what a user writes in a page survives
 * every rebuild; a page whose managed part they changed is left alone and
 * reported (--force replaces it); a deleted page comes back; block ids stay
 * when another source of the work appears; properties parse back into their
 * documented types; the built-in template reproduces ingest 0.3's pages; a
 * user's template renders, a broken one fails cleanly. Through the binary.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-vault-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const KINDLE = path.join(ROOT, 'fixtures', 'merge-kindle-readwise', 'My Clippings.txt');
const READWISE = path.join(ROOT, 'fixtures', 'merge-kindle-readwise', 'Atomic Habits.md');

/** A notes folder holding copies of `files`, and an empty vault folder beside it. */
function setUp(name: string, files: string[]): { notes: string; vault: string } {
  const notes = path.join(work, name, 'notes');
  const vault = path.join(work, name, 'vault');
  fs.mkdirSync(notes, { recursive: true });
  for (const file of files) fs.copyFileSync(file, path.join(notes, path.basename(file)));
  return { notes, vault };
}

const build = (notes: string, vault: string, ...more: string[]) => runCli([notes, '--out-dir', vault, '-f', 'md', '--no-cache', ...more]);
const pages = (vault: string) => fs.readdirSync(vault).filter((name) => name.endsWith('.md') && name !== 'index.md');
const read = (file: string) => fs.readFileSync(file, 'utf8');
const blockIds = (text: string) => [...text.matchAll(/^\^([a-z0-9-]+)$/gm)].map((match) => match[1]);

describe('--out-dir keeps what you write', () => {
  it('keeps a section appended below the managed part across rebuilds, and properties you added', async () => {
    const { notes, vault } = setUp('append', [READWISE]);
    expect((await build(notes, vault)).exitCode).toBe(0);
    const [name] = pages(vault);
    const page = path.join(vault, name!);
    fs.appendFileSync(page, '\n## My thoughts\n\nSystems beat goals, [[Deep Work]] agrees.\n');
    fs.writeFileSync(page, read(page).replace('managed_by: ingest\n', 'managed_by: ingest\nrating: 5 # out of 5\n'));
    // A note above the managed part too.
    fs.writeFileSync(page, read(page).replace('<!-- ingest:begin', 'Read again in 2025.\n<!-- ingest:begin'));
    for (let run = 0; run < 2; run++) {
      const result = await build(notes, vault);
      expect(result.exitCode).toBe(0);
      expect(result.stderr).not.toContain('page-edited');
    }
    const text = read(page);
    expect(text).toContain('## My thoughts\n\nSystems beat goals, [[Deep Work]] agrees.\n');
    expect(text).toContain('rating: 5 # out of 5\n');
    expect(text).toMatch(/Read again in 2025\.\n<!-- ingest:begin/);
    expect(matter(text).data['rating']).toBe(5);
    expect((await build(notes, vault, '--check')).exitCode).toBe(0);
  });

  it('leaves a page whose highlight you edited, says so (and in --report), --check exits 3, and --force replaces it keeping your section', async () => {
    const { notes, vault } = setUp('edit', [READWISE]);
    expect((await build(notes, vault)).exitCode).toBe(0);
    const page = path.join(vault, pages(vault)[0]!);
    const original = read(page);
    const line = original.split('\n').find((text) => text.startsWith('> ') && text.length > 20)!;
    const edited = original.replace(line, `${line} (my emphasis)`) + '\n## Mine\n\nkept\n';
    fs.writeFileSync(page, edited);

    const check = await build(notes, vault, '--check');
    expect(check.exitCode).toBe(3);
    expect(check.stderr).toContain(`${page}  warning  left as it is`);

    const report = path.join(work, 'edit', 'report.json');
    const run = await build(notes, vault, '--report', report);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/page-edited/);
    expect(run.stderr).toContain('1 page in');
    expect(read(page)).toBe(edited);
    expect(JSON.stringify(JSON.parse(read(report)))).toContain('page-edited');

    const forced = await build(notes, vault, '--force');
    expect(forced.exitCode).toBe(0);
    const after = read(page);
    expect(after).not.toContain('(my emphasis)');
    expect(after).toContain(line);
    expect(after).toContain('## Mine\n\nkept\n');
    expect((await build(notes, vault, '--check')).exitCode).toBe(0);
  });

  it('does not count properties a vault app rewrote in its own style as an edit', async () => {
    const { notes, vault } = setUp('restyle', [READWISE]);
    expect((await build(notes, vault)).exitCode).toBe(0);
    const page = path.join(vault, pages(vault)[0]!);
    // Obsidian writes lists inline or quoted as it likes: the same values.
    const restyled = read(page).replace(/^authors:\n {2}- (.*)$/m, 'authors: ["$1"]');
    expect(restyled).not.toBe(read(page));
    fs.writeFileSync(page, restyled);
    const run = await build(notes, vault);
    expect(run.stderr).not.toContain('page-edited');
    expect((await build(notes, vault, '--check')).exitCode).toBe(0);
  });

  it('writes a page you deleted again', async () => {
    const { notes, vault } = setUp('deleted', [READWISE]);
    expect((await build(notes, vault)).exitCode).toBe(0);
    const page = path.join(vault, pages(vault)[0]!);
    const text = read(page);
    fs.rmSync(page);
    expect((await build(notes, vault, '--check')).exitCode).toBe(3);
    expect((await build(notes, vault)).exitCode).toBe(0);
    expect(read(page)).toBe(text);
  });

  it("keeps a page whose document is gone when it holds your text, and removes one that does not", async () => {
    const { notes, vault } = setUp('gone', [READWISE, path.join(ROOT, 'seeds', '001_4a9c33193a5ff20c.txt')]);
    expect((await build(notes, vault)).exitCode).toBe(0);
    const before = pages(vault);
    expect(before).toHaveLength(2);
    const book = before.find((name) => read(path.join(vault, name)).includes('Atomic'))!;
    const other = before.find((name) => name !== book)!;
    fs.appendFileSync(path.join(vault, book), '\nMy summary of the book.\n');
    for (const file of fs.readdirSync(notes)) fs.rmSync(path.join(notes, file));
    fs.writeFileSync(path.join(notes, 'placeholder.md'), '# Placeholder\n\nA note.\n');
    const run = await build(notes, vault);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/page-kept/);
    expect(fs.existsSync(path.join(vault, book))).toBe(true);
    expect(read(path.join(vault, book))).toContain('My summary of the book.');
    expect(fs.existsSync(path.join(vault, other))).toBe(false);
    // No longer ingest's: the next run leaves it without a word.
    const again = await build(notes, vault);
    expect(again.stderr).not.toMatch(/page-kept|page-edited/);
    expect(fs.existsSync(path.join(vault, book))).toBe(true);
  });

  it('never writes over a file of yours that has the name a page would take', async () => {
    const { notes, vault } = setUp('foreign', [READWISE]);
    fs.mkdirSync(vault, { recursive: true });
    expect((await build(notes, path.join(work, 'foreign', 'probe'))).exitCode).toBe(0);
    const name = pages(path.join(work, 'foreign', 'probe'))[0]!;
    fs.writeFileSync(path.join(vault, name), 'my own note\n');
    expect((await build(notes, vault)).exitCode).toBe(0);
    expect(read(path.join(vault, name))).toBe('my own note\n');
    expect(pages(vault)).toContain(name.replace(/\.md$/, '-2.md'));
  });
});

describe('--out-dir pages: one per work, stable block ids', () => {
  it('merges the sources of one work into one page by default, whose name and block ids stay when a new source comes', async () => {
    const { notes, vault } = setUp('merge', [READWISE]);
    expect((await build(notes, vault)).exitCode).toBe(0);
    const [name] = pages(vault);
    const first = read(path.join(vault, name!));
    const ids = blockIds(first);
    expect(ids.length).toBeGreaterThan(2);
    fs.copyFileSync(KINDLE, path.join(notes, 'My Clippings.txt'));
    expect((await build(notes, vault)).exitCode).toBe(0);
    expect(pages(vault)).toEqual([name]);
    const merged = read(path.join(vault, name!));
    for (const id of ids) expect(merged).toContain(`\n^${id}\n`);
    expect(matter(merged).data['sources']).toHaveLength(2);
    // --no-merge: a page per document.
    const separate = path.join(work, 'merge', 'separate');
    expect((await build(notes, separate, '--no-merge')).exitCode).toBe(0);
    expect(pages(separate)).toHaveLength(2);
  });
});

const REALWORLD = path.resolve(ROOT, '..', 'shared', 'realworld');
const present = fs.existsSync(path.join(REALWORLD, 'MANIFEST.tsv'));

describe.skipIf(!present)(`pages of real exports${present ? '' : ` (skipped: ${REALWORLD} is absent)`}`, () => {
  let vault: string;
  beforeAll(async () => {
    vault = path.join(work, 'realworld-vault');
    const run = await runCli([REALWORLD, '--out-dir', vault, '-f', 'md', '--no-cache', '-q']);
    expect(run.exitCode).toBeLessThan(2);
  }, 120_000);

  it('gives every page properties of the documented types, read back by gray-matter', () => {
    const names = pages(vault);
    expect(names.length).toBeGreaterThan(30);
    const isDate = (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime());
    for (const name of names) {
      const data = matter(read(path.join(vault, name))).data as Record<string, unknown>;
      const where = `${name}: ${JSON.stringify(data)}`;
      expect(typeof data['title'], where).toBe('string');
      expect(data['managed_by'], where).toBe('ingest');
      expect(typeof data['format'], where).toBe('string');
      expect(typeof data['work'], where).toBe('string');
      expect(typeof data['highlights'], where).toBe('number');
      for (const list of ['authors', 'tags', 'sources']) if (list in data) expect((data[list] as unknown[]).every((item) => typeof item === 'string'), where).toBe(true);
      expect(Array.isArray(data['sources']), where).toBe(true);
      for (const text of ['url', 'category']) if (text in data) expect(typeof data[text], where).toBe('string');
      for (const date of ['published', 'first_highlighted', 'last_highlighted']) if (date in data) expect(isDate(data[date]), where).toBe(true);
      expect((data['tags'] as string[] | undefined)?.some((tag) => /\s/.test(tag)) ?? false, where).toBe(false);
    }
  });

  it('reads every page back as unchanged: a second run has nothing to write', async () => {
    const check = await runCli([REALWORLD, '--out-dir', vault, '-f', 'md', '--no-cache', '-q', '--check']);
    expect(check.exitCode, check.stderr).toBe(0);
  });

  it('shows no property text, marker or machine path in the body a Markdown renderer makes', () => {
    for (const name of pages(vault)) {
      const text = read(path.join(vault, name));
      // No absolute path: links are relative (`](<../…>)`) and so are the sources.
      expect(text, name).not.toContain(work);
      expect(text, name).not.toMatch(/\]\(<\/|^ {2}- \//m);
      const html = marked.parse(matter(text).content, { async: false });
      const visible = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '');
      expect(visible, name).not.toMatch(/managed_by|ingest:begin|ingest:end|^work: /m);
    }
  });
});

describe('page templates', () => {
  /** A page without what 0.4 added (properties, markers, block ids) and its source line: what ingest 0.3 wrote, source line apart. */
  const asInVersion03 = (text: string) =>
    matter(text)
      .content.replace(/^<!-- ingest:(?:begin|end)\b.*\n/gm, '')
      .replace(/\n\^[a-z0-9-]+\n/g, '')
      .replace(/<sub>.*<\/sub>\n$/, '')
      // 0.3 dropped a highlight link's #fragment (Omnivore's highlight id); it is kept since (docs/schema.md).
      .replace(/(\]\(<?https?:\/\/[^\s)#>]*)#[^\s)>]*/g, '$1');

  it('the built-in template reproduces the pages of ingest 0.3 (tests/golden/v0.3-pages), apart from properties, markers, block ids and source links', async () => {
    const sets = fs.readdirSync(path.join(ROOT, 'tests', 'golden', 'v0.3-pages')).filter((name) => !name.includes('.'));
    expect(sets.length).toBeGreaterThan(5);
    for (const set of sets) {
      const golden = path.join(ROOT, 'tests', 'golden', 'v0.3-pages', set);
      const out = path.join(work, 'v03', set);
      const input = set === 'seeds' ? 'seeds' : path.join('fixtures', set);
      expect((await runCli([input, '--out-dir', out, '-f', 'md', '--no-cache', '--no-merge', '-q'])).exitCode).toBeLessThan(2);
      for (const name of fs.readdirSync(golden).filter((file) => file.endsWith('.md') && file !== 'index.md')) {
        expect(asInVersion03(read(path.join(out, name))), `${set}/${name}`).toBe(read(path.join(golden, name)).replace(/<sub>.*<\/sub>\n$/, ''));
      }
    }
  }, 60_000);

  it('takes over the pages of an ingest 0.3 folder that are what 0.3 wrote, and leaves one you edited (--force takes it)', async () => {
    const out = path.join(work, 'upgrade');
    fs.cpSync(path.join(ROOT, 'tests', 'golden', 'v0.3-pages', 'kindle-cases'), out, { recursive: true });
    expect(JSON.parse(read(path.join(out, '.ingest-manifest.json'))).version).toBeUndefined();
    const edited = path.join(out, 'outliers.md');
    fs.appendFileSync(edited, '\nMy note on Outliers.\n');
    const before = read(edited);
    const run = await runCli(['fixtures/kindle-cases', '--out-dir', out, '-f', 'md', '--no-cache', '--no-merge']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr.match(/ {2}page-edited$/gm)).toHaveLength(1);
    expect(run.stderr).toContain(`${edited}  warning  left as it is: it was written by ingest 0.3`);
    expect(read(edited)).toBe(before);
    const others = pages(out).filter((name) => name !== 'outliers.md');
    expect(others.length).toBeGreaterThan(10);
    for (const name of others) expect(read(path.join(out, name)), name).toContain('<!-- ingest:end -->');
    expect((await runCli(['fixtures/kindle-cases', '--out-dir', out, '-f', 'md', '--no-cache', '--no-merge', '--force'])).exitCode).toBe(0);
    expect(read(edited)).toContain('<!-- ingest:begin');
    expect((await runCli(['fixtures/kindle-cases', '--out-dir', out, '-f', 'md', '--no-cache', '--no-merge', '--check'])).exitCode).toBe(0);
  });

  it('`ingest template page` prints the built-in template, and rendering with it gives the same pages', async () => {
    const printed = await runCli(['template', 'page']);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout).toContain('{% for highlight in highlights %}');
    const file = path.join(work, 'page.njk');
    fs.writeFileSync(file, printed.stdout);
    const { notes, vault } = setUp('builtin', [READWISE, KINDLE]);
    const copy = path.join(work, 'builtin', 'copy');
    expect((await build(notes, vault)).exitCode).toBe(0);
    expect((await build(notes, copy, '--template', file)).exitCode).toBe(0);
    for (const name of pages(vault)) expect(read(path.join(copy, name))).toBe(read(path.join(vault, name)));
  });

  it("renders a Kindle plugin template from a real vault (riri77/obsidian), its own properties added to ingest's", async () => {
    const template = path.join(ROOT, 'fixtures', 'templates-real', 'templates', 'riri77-kindle-file.njk');
    const { notes, vault } = setUp('kindle-template', [KINDLE]);
    const run = await build(notes, vault, '--template', template);
    expect(run.exitCode).toBe(0);
    const [name] = pages(vault);
    const page = read(path.join(vault, name!));
    const { data, content } = matter(page);
    expect(data['managed_by']).toBe('ingest');
    expect(data['tags']).toBeDefined();
    expect(content).toContain('# Atomic Habits');
    expect(content).toContain('* Author: [[Clear, James]]');
    expect(content).toContain('## Highlights\nGood habits make time your ally. Bad habits make time your enemy.');
    expect(content).not.toMatch(/\{\{|\{%|\[object Object\]/);
  });

  it('refuses a template that does not parse, or fails to render, with its file, line and column, and writes nothing', async () => {
    const broken = path.join(work, 'broken.njk');
    fs.writeFileSync(broken, '# {{ title }}\n\n{% for h in highlights %}\n{{ h.text }\n');
    const { notes, vault } = setUp('broken', [READWISE]);
    const run = await build(notes, vault, '--template', broken);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+  error  .+nothing was written  template-error$`, 'm'));
    expect(fs.existsSync(vault) ? pages(vault) : []).toEqual([]);

    const failing = path.join(work, 'failing.njk');
    fs.writeFileSync(failing, '# {{ title }}\n{{ highlights | nosuchfilter }}\n');
    const again = await build(notes, vault, '--template', failing);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('nosuchfilter');
    expect(fs.existsSync(vault) ? pages(vault) : []).toEqual([]);
    expect((await runCli([notes, '--template', failing])).exitCode).toBe(2);
  });
});

describe('--style logseq', () => {
  const logseq = (notes: string, vault: string, ...more: string[]) => build(notes, vault, '--style', 'logseq', ...more);
  const uuids = (text: string) => [...text.matchAll(/^\t {2}id:: ([0-9a-f-]{36})$/gm)].map((match) => match[1]);

  it('writes page properties as key:: value lines and one block ingest manages, a child block per highlight with an id:: UUID, its note under it', async () => {
    const { notes, vault } = setUp('logseq', [READWISE]);
    expect((await logseq(notes, vault)).exitCode).toBe(0);
    const [name] = pages(vault);
    const text = read(path.join(vault, name!));
    expect(text).toMatch(/^full-title:: Atomic Habits\nauthors:: \[\[James Clear\]\]\n/);
    expect(text).toMatch(/\nmanaged-by:: ingest\n\n- Highlights of Atomic Habits · .*\n {2}ingest:: managed\n\t- /);
    expect(text).not.toMatch(/^---|<!--/m);
    const ids = uuids(text);
    expect(ids.length).toBe((text.match(/^\t- /gm) ?? []).length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(text).toMatch(/\t- You do not rise to the level of your goals\. You fall to the level of your systems\.\n\t {2}id:: [0-9a-f-]{36}\n\t\t- Tags: #blue\n\t\t- \[Location 407\]\(https:\/\/readwise\.io\/to_kindle\?action=open&asin=B07D23CFGR&location=407\)\n/);
    // A note: the Kindle file's, under its highlight.
    const both = setUp('logseq-note', [KINDLE]);
    expect((await logseq(both.notes, both.vault)).exitCode).toBe(0);
    expect(read(path.join(both.vault, pages(both.vault)[0]!))).toMatch(/\t- Good habits make time your ally\. Bad habits make time your enemy\.\n\t {2}id:: [0-9a-f-]{36}\n\t\t- \*\*Note\*\*: Time compounds both ways\.\n/);
  });

  it('keeps your blocks and properties, leaves a page whose managed block you edited (--force replaces it), and keeps ids when a new source comes', async () => {
    const { notes, vault } = setUp('logseq-edit', [READWISE]);
    expect((await logseq(notes, vault)).exitCode).toBe(0);
    const page = path.join(vault, pages(vault)[0]!);
    const ids = uuids(read(page));
    fs.writeFileSync(page, read(page).replace('managed-by:: ingest\n', 'managed-by:: ingest\nrating:: 5\n') + '- My thoughts\n\t- systems beat goals\n');
    fs.copyFileSync(KINDLE, path.join(notes, 'My Clippings.txt'));
    const run = await logseq(notes, vault);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).not.toContain('page-edited');
    const merged = read(page);
    expect(merged).toContain('rating:: 5\n');
    expect(merged.endsWith('- My thoughts\n\t- systems beat goals\n')).toBe(true);
    for (const id of ids) expect(merged).toContain(`id:: ${id}\n`);
    expect((await logseq(notes, vault, '--check')).exitCode).toBe(0);

    const edited = merged.replace('\t- Good habits make time', '\t- GOOD habits make time');
    fs.writeFileSync(page, edited);
    const left = await logseq(notes, vault);
    expect(left.stderr).toMatch(/left as it is: .*ingest:: managed.*page-edited/);
    expect(read(page)).toBe(edited);
    expect((await logseq(notes, vault, '--force')).exitCode).toBe(0);
    expect(read(page)).toBe(merged);
  });

  it('`ingest template logseq` prints its template; --style is refused without --out-dir -f md, and an unknown style', async () => {
    const printed = await runCli(['template', 'logseq']);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout).toContain('ingest:: managed');
    expect((await runCli(['seeds', '--style', 'logseq'])).exitCode).toBe(2);
    expect((await runCli(['seeds', '--out-dir', path.join(work, 'x'), '--style', 'roam'])).exitCode).toBe(2);
  });
});

describe('--digest-template', () => {
  it('renders the digest with a template of yours (ingest template digest is a starting point), and fails cleanly on a broken one', async () => {
    const starter = await runCli(['template', 'digest']);
    expect(starter.exitCode).toBe(0);
    const file = path.join(work, 'digest.njk');
    fs.writeFileSync(file, starter.stdout);
    const { notes } = setUp('digest-template', [READWISE, KINDLE]);
    const out = path.join(work, 'digest-template', 'digest.md');
    const run = await runCli([notes, '-f', 'md', '--no-cache', '-o', out, '--digest-template', file]);
    expect(run.exitCode, run.stderr).toBe(0);
    const digest = read(out);
    expect(digest).toMatch(/^# Research digest\n\n1 work · 34 highlights\n\n## Books\n\n- \*\*Atomic Habits\*\* — James Clear \(34\)\n/);
    expect(digest).toContain('> Good habits make time your ally. Bad habits make time your enemy.\n');
    expect((await runCli([notes, '-f', 'md', '--no-cache', '-o', out, '--digest-template', file, '--check'])).exitCode).toBe(0);

    fs.writeFileSync(file, '# {{ works | nosuch }}\n');
    const broken = await runCli([notes, '-f', 'md', '--no-cache', '-o', out, '--digest-template', file]);
    expect(broken.exitCode).toBe(2);
    expect(broken.stderr).toContain(`${file}:1:`);
    expect(read(out)).toBe(digest);
    expect((await runCli([notes, '-f', 'json', '--digest-template', file])).exitCode).toBe(2);
  });
});
