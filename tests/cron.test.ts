/**
 * Cron-grade rebuilds (issue #5): same bytes every run, warm equals cold,
 * no half-written files when killed, one writer at a time, --check, and
 * --out-dir that never writes outside its folder or removes files it did
 * not write.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, TEST_CACHE, runCli, withoutSummary } from './helpers.js';

let work: string;
/** A folder of many copies of the seeds: big enough that a run takes a moment. */
let big: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cron-'));
  big = path.join(work, 'big');
  const seeds = fs.readdirSync(path.join(ROOT, 'seeds')).map((name) => fs.readFileSync(path.join(ROOT, 'seeds', name)));
  for (let shelf = 0; shelf < 30; shelf++) {
    fs.mkdirSync(path.join(big, `shelf-${shelf}`), { recursive: true });
    for (let i = 0; i < 100; i++) fs.writeFileSync(path.join(big, `shelf-${shelf}`, `note-${i}.txt`), seeds[i % seeds.length]!);
  }
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, XDG_CACHE_HOME: TEST_CACHE, ...env }, stdio: 'ignore' });
}

async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

const temps = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('determinism', () => {
  it('gives the same digest bytes on every run and for any order of the paths', async () => {
    const seeds = fs.readdirSync(path.join(ROOT, 'seeds')).map((name) => `seeds/${name}`);
    const shuffled = [seeds[3]!, seeds[0]!, seeds[4]!, seeds[1]!, seeds[2]!];
    const [a, b, c] = await Promise.all([
      runCli([...seeds, '--format', 'md', '--no-cache']),
      runCli([...seeds, '--format', 'md', '--no-cache']),
      runCli([...shuffled, '--format', 'md', '--no-cache']),
    ]);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
  });
});

/** The cache's files with this ending, at any depth. */
const cacheFiles = (cache: string, ending: string): string[] =>
  (fs.readdirSync(cache, { recursive: true }) as string[]).filter((name) => name.endsWith(ending)).map((name) => path.join(cache, name));
const indexLines = (file: string): number => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

describe('cache', () => {
  it('gives byte-identical output warm and cold, and rebuilds a damaged cache with a warning', async () => {
    const cache = path.join(work, 'cache');
    const cold = await runCli(['seeds', 'fixtures', '--cache', cache, '--format', 'ndjson']);
    const packs = cacheFiles(cache, '.pack');
    expect(packs).toHaveLength(1);
    expect(cacheFiles(cache, '.index').map(indexLines)[0]).toBeGreaterThan(5);
    const warm = await runCli(['seeds', 'fixtures', '--cache', cache, '--format', 'ndjson']);
    expect(warm.stdout).toBe(cold.stdout);
    expect(withoutSummary(warm.stderr)).toBe(withoutSummary(cold.stderr));
    const uncached = await runCli(['seeds', 'fixtures', '--no-cache', '--format', 'ndjson']);
    expect(uncached.stdout).toBe(cold.stdout);

    // Every entry damaged in place: same length, other bytes.
    for (const pack of packs) fs.writeFileSync(pack, '{"not": "an entry"}\n'.repeat(fs.statSync(pack).size).slice(0, fs.statSync(pack).size));
    const damaged = await runCli(['seeds', 'fixtures', '--cache', cache, '--format', 'ndjson']);
    expect(damaged.stdout).toBe(cold.stdout);
    expect(damaged.stderr).toMatch(/cache entry .* is damaged or foreign; it was ignored and rebuilt {2}cache-corrupt/);
    const rebuilt = await runCli(['seeds', 'fixtures', '--cache', cache, '--format', 'ndjson']);
    expect(withoutSummary(rebuilt.stderr)).toBe(withoutSummary(cold.stderr));
  });

  it('keeps entries in packs, not a file each', async () => {
    const cache = path.join(work, 'cache-tiny');
    const notes = path.join(work, 'notes-tiny');
    fs.mkdirSync(notes);
    // Written a minute ago: a file modified in the last 3 s is re-signed by the next run (racy stat), which writes a second pack on a slow machine.
    const past = new Date(Date.now() - 60_000);
    for (let i = 0; i < 400; i++) {
      fs.writeFileSync(path.join(notes, `note-${i}.md`), `# Note ${i}\n\nOne thought.\n`);
      fs.utimesSync(path.join(notes, `note-${i}.md`), past, past);
    }
    const cold = await runCli([notes, '--cache', cache, '--format', 'ndjson']);
    const warm = await runCli([notes, '--cache', cache, '--format', 'ndjson']);
    expect(warm.stdout).toBe(cold.stdout);
    // One pack and its index, beside the marker and the tag: 400 entries were 400 files of at least 4 KiB.
    expect(cacheFiles(cache, '.pack')).toHaveLength(1);
    expect(indexLines(cacheFiles(cache, '.index')[0]!)).toBe(400);
    expect(fs.readdirSync(cache, { recursive: true }).filter((name) => fs.statSync(path.join(cache, String(name))).isFile())).toHaveLength(4);
  });

  it('prunes the entries of notes that are gone', async () => {
    const cache = path.join(work, 'cache-prune');
    const notes = path.join(work, 'notes-prune');
    fs.mkdirSync(notes);
    for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(notes, `note-${i}.md`), `# Note ${i}\n`);
    await runCli([notes, '--cache', cache, '--format', 'ndjson']);
    for (let i = 1; i < 30; i++) fs.rmSync(path.join(notes, `note-${i}.md`));
    // Each run changes the one note left, so each writes a pack; the packs are merged before they pile up.
    for (let run = 0; run < 10; run++) {
      fs.writeFileSync(path.join(notes, 'note-0.md'), `# Note 0, version ${run}\n`);
      const result = await runCli([notes, '--cache', cache, '--format', 'ndjson']);
      expect(JSON.parse(result.stdout).title).toBe(`Note 0, version ${run}`);
    }
    const indexes = cacheFiles(cache, '.index');
    expect(indexes.length).toBeLessThanOrEqual(8);
    // Only the note that exists is left, whatever pack holds it.
    const keys = new Set(indexes.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line.split('\t')[5]!) as string)));
    expect([...keys]).toEqual([path.join(notes, 'note-0.md')]);
  });

  it('uses a cache entry only for the same bytes', async () => {
    const cache = path.join(work, 'cache-bytes');
    const notes = path.join(work, 'notes-bytes');
    fs.mkdirSync(notes);
    fs.writeFileSync(path.join(notes, 'a.md'), '# First title\n');
    await runCli(['.', '--cache', cache], { cwd: notes });
    fs.writeFileSync(path.join(notes, 'a.md'), '# Second title\n');
    const run = await runCli(['.', '--cache', cache], { cwd: notes });
    expect(JSON.parse(run.stdout)[0].title).toBe('Second title');
  });

  it('never writes into a folder that is not an ingest cache', async () => {
    const foreign = path.join(work, 'foreign');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'thesis.docx'), 'mine');
    const run = await runCli(['seeds', '--cache', foreign]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/is not an ingest cache .*running without a cache.* {2}cache-foreign/);
    expect(fs.readdirSync(foreign)).toEqual(['thesis.docx']);
  });
});

describe('safe writes', () => {
  it('leaves the previous digest intact when killed mid-write, and the next run cleans up', async () => {
    const out = path.join(work, 'killed', 'digest.md');
    fs.mkdirSync(path.dirname(out));
    fs.writeFileSync(out, 'previous digest\n');
    const child = start([big, '--format', 'md', '--no-cache', '-o', out]);
    await until(() => temps(path.dirname(out)).length > 0 || child.exitCode !== null);
    child.kill('SIGKILL');
    await exited(child);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous digest\n');
    // The killed run left its lock and perhaps its temp file; the next run takes both over.
    const next = await runCli(['seeds', '--format', 'md', '--no-cache', '-o', out]);
    expect(next.exitCode).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^# Research digest/);
    // The digest and what it remembers (its next run's What's new): nothing else.
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(['.digest.md.ingest-state.json', 'digest.md']);
  });

  it('stops cleanly on SIGINT and SIGTERM with no partial files', async () => {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const dir = path.join(work, `interrupted-${signal}`);
      fs.mkdirSync(dir);
      const out = path.join(dir, 'digest.json');
      fs.writeFileSync(out, '[]\n');
      const child = start([big, '--no-cache', '-o', out]);
      await until(() => fs.existsSync(`${out}.lock`) || child.exitCode !== null);
      child.kill(signal);
      expect((await exited(child)).code).toBe(code);
      expect(fs.readFileSync(out, 'utf8')).toBe('[]\n');
      expect(fs.readdirSync(dir)).toEqual(['digest.json']);
    }
  });

  it('an interrupted --out-dir run leaves the previous set of pages, and no file no manifest lists', async () => {
    const dir = path.join(work, 'outdir-interrupted');
    expect((await runCli(['seeds', '--out-dir', dir, '--format', 'md', '--no-cache'])).exitCode).toBe(0);
    const before = Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
    const child = start([big, '--out-dir', dir, '--format', 'md', '--no-cache']);
    // Pages are staged in a hidden folder while the notes are read: interrupt once some are.
    await until(() => fs.readdirSync(dir).some((name) => name.startsWith('.ingest-staging-') && fs.readdirSync(path.join(dir, name)).length > 5) || child.exitCode !== null);
    child.kill('SIGINT');
    expect((await exited(child)).code).toBe(130);
    expect(Object.fromEntries(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]))).toEqual(before);
    // --check names what is in the folder that no run wrote (and leaves it, as every run does).
    fs.writeFileSync(path.join(dir, 'stray.md'), 'left by something else\n');
    const check = await runCli(['seeds', '--out-dir', dir, '--format', 'md', '--no-cache', '--check']);
    expect(check.exitCode).toBe(0);
    expect(check.stderr).toMatch(/stray\.md is in the output folder but no run of ingest wrote it; left as it is/);
  });

  it('refuses a second concurrent run on the same output with a clear message', async () => {
    const out = path.join(work, 'concurrent.md');
    const first = start([big, '--format', 'md', '--no-merge', '--no-cache', '-o', out]);
    await until(() => fs.existsSync(`${out}.lock`));
    const second = await runCli(['seeds', '--format', 'md', '--no-cache', '-o', out]);
    expect(second.exitCode).toBe(75);
    expect(second.stderr).toMatch(/another ingest \(pid \d+.*\) is writing .*concurrent\.md; try again when it has finished/);
    expect((await exited(first)).code).toBe(0);
    expect(fs.existsSync(`${out}.lock`)).toBe(false);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^# Research digest\n\n3000 documents/);
  }, 60_000);
});

describe('--check', () => {
  it('writes nothing and exits 1 only when the output would change', async () => {
    const notes = path.join(work, 'check-notes');
    fs.mkdirSync(notes);
    fs.writeFileSync(path.join(notes, 'a.md'), '# A note\n\nText.\n');
    const out = path.join(work, 'check.md');
    expect((await runCli([notes, '--format', 'md', '-o', out])).exitCode).toBe(0);
    const before = fs.readFileSync(out, 'utf8');
    expect((await runCli([notes, '--format', 'md', '-o', out, '--check'])).exitCode).toBe(0);
    fs.writeFileSync(path.join(notes, 'b.md'), '# Another note\n');
    const changed = await runCli([notes, '--format', 'md', '-o', out, '--check']);
    expect(changed.exitCode).toBe(3);
    expect(changed.stderr).toContain('check.md would change');
    expect(fs.readFileSync(out, 'utf8')).toBe(before);
    expect((await runCli([notes, '--check'])).exitCode).toBe(2);
  });
});

describe('--out-dir', () => {
  it('writes one file per document and an index, never outside the folder', async () => {
    const root = path.join(work, 'outdir-traversal');
    const dir = path.join(root, 'out');
    fs.mkdirSync(root);
    const bundle = path.join(root, 'bundle.txt');
    fs.writeFileSync(
      bundle,
      [
        '<<<FILE: ../../x.md>>>',
        'An untitled note whose bundle name tries to climb out of the folder.',
        '<<<FILE: /tmp/ingest-escape-x.md>>>',
        'An untitled note whose bundle name is an absolute path somewhere else.',
        '<<<FILE: ../index.md>>>',
        'A third untitled note, named like the index one level up.',
        '<<<FILE: same.md>>>',
        '# Same Title',
        '<<<FILE: same-again.md>>>',
        '# Same Title',
        '',
      ].join('\n'),
    );
    fs.mkdirSync(dir);
    // A symlink in the folder, named like a document's file, pointing outside: the user's, so neither followed nor replaced.
    const outside = path.join(root, 'outside.md');
    fs.writeFileSync(outside, 'do not touch\n');
    fs.symlinkSync(outside, path.join(dir, 'same-title.md'));
    const run = await runCli([bundle, '--out-dir', dir, '--format', 'md']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(fs.readdirSync(root).sort()).toEqual(['bundle.txt', 'out', 'outside.md']);
    expect(fs.existsSync('/tmp/ingest-escape-x.md')).toBe(false);
    expect(fs.readFileSync(outside, 'utf8')).toBe('do not touch\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['.index.md.ingest-state.json', '.ingest-manifest.json', 'index-doc.md', 'index.md', 'ingest-escape-x.md', 'same-title-2.md', 'same-title.md', 'x.md']);
    expect(fs.lstatSync(path.join(dir, 'same-title.md')).isSymbolicLink()).toBe(true);
    // The two notes titled "Same Title" are one work: one page (--out-dir merges).
    expect(fs.readFileSync(path.join(dir, 'index.md'), 'utf8')).toMatch(/^---\ntitle: Index\nmanaged_by: ingest\n---\n<!-- ingest:begin .*\n# Index\n\n4 documents/);
  });

  it('removes files it wrote for documents that are gone, and only those', async () => {
    const notes = path.join(work, 'stale-notes');
    const dir = path.join(work, 'stale-out');
    fs.mkdirSync(notes);
    fs.writeFileSync(path.join(notes, 'a.md'), '# Alpha\n');
    fs.writeFileSync(path.join(notes, 'b.md'), '# Beta\n');
    expect((await runCli([notes, '--out-dir', dir])).exitCode).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['.ingest-manifest.json', 'alpha.json', 'beta.json', 'index.json']);
    fs.writeFileSync(path.join(dir, 'my-own-notes.json'), '{"mine": true}\n');
    // What a run killed mid-write leaves behind: removed by the next run.
    fs.writeFileSync(path.join(dir, '.beta.json.99999.0badf00d.tmp'), '{"half":');
    fs.rmSync(path.join(notes, 'b.md'));
    const check = await runCli([notes, '--out-dir', dir, '--check']);
    expect(check.exitCode).toBe(3);
    expect(fs.existsSync(path.join(dir, 'beta.json'))).toBe(true);
    expect((await runCli([notes, '--out-dir', dir])).exitCode).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['.ingest-manifest.json', 'alpha.json', 'index.json', 'my-own-notes.json']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')).map((entry: { file: string }) => entry.file)).toEqual(['alpha.json']);
    expect((await runCli([notes, '--out-dir', dir, '--check'])).exitCode).toBe(0);
  });

  it('keeps the name of a page while its document exists, when a same-titled note sorts earlier', async () => {
    const notes = path.join(work, 'stable-notes');
    const dir = path.join(work, 'stable-out');
    fs.mkdirSync(path.join(notes, 'b'), { recursive: true });
    fs.writeFileSync(path.join(notes, 'b', 'first.md'), '# Field Notes\n\nWritten first.\n');
    // One page per document: with --out-dir's default (one per work) the two notes of one title would be one page.
    expect((await runCli([notes, '--out-dir', dir, '--no-merge'])).exitCode).toBe(0);
    const first = JSON.parse(fs.readFileSync(path.join(dir, 'field-notes.json'), 'utf8')) as { id: string };
    fs.mkdirSync(path.join(notes, 'a'));
    fs.writeFileSync(path.join(notes, 'a', 'later.md'), '# Field Notes\n\nWritten later, sorts earlier.\n');
    expect((await runCli([notes, '--out-dir', dir, '--no-merge'])).exitCode).toBe(0);
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'field-notes.json'), 'utf8')) as { id: string }).id).toBe(first.id);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'field-notes-2.json'), 'utf8')).text).toMatch(/sorts earlier/);
    // A retitled document takes its new title's name.
    fs.writeFileSync(path.join(notes, 'b', 'first.md'), '# Field Notes, Revised\n\nWritten first.\n');
    expect((await runCli([notes, '--out-dir', dir, '--no-merge'])).exitCode).toBe(0);
    expect(fs.readdirSync(dir).filter((name) => !name.startsWith('.')).sort()).toEqual(['field-notes-2.json', 'field-notes-revised.json', 'index.json']);
  });

  it('refuses --out-dir with -o or ndjson', async () => {
    expect((await runCli(['seeds', '--out-dir', path.join(work, 'x'), '-o', 'y'])).exitCode).toBe(2);
    expect((await runCli(['seeds', '--out-dir', path.join(work, 'x'), '--format', 'ndjson'])).exitCode).toBe(2);
  });
});
