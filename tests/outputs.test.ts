/**
 * Outputs under a hostile trial (issue #22), through the real binary: long
 * titles and pages that cannot be written in --out-dir, a commit killed
 * half-way, write errors on every supported Node, `ingest diff` given a
 * folder, and U+2028/U+2029 in JSON and NDJSON.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BIN, ROOT, runCli, scratch, TEST_CACHE, withoutSummary } from './helpers.js';

const { work, folder } = scratch('outputs');

/** The pages index.md links to, by file name. */
const linked = (dir: string): string[] => [...fs.readFileSync(path.join(dir, 'index.md'), 'utf8').matchAll(/\]\(<([^>]+)>\)/g)].map((match) => match[1]!);
const manifested = (dir: string): string[] => (JSON.parse(fs.readFileSync(path.join(dir, '.ingest-manifest.json'), 'utf8')) as { files: string[] }).files;
const visible = (dir: string): string[] => fs.readdirSync(dir).filter((name) => !name.startsWith('.')).sort();

describe('--out-dir names and pages that cannot be written', () => {
  it('cuts a long title by bytes, on a character boundary, so that its page and temp file fit in 255 bytes', async () => {
    const notes = folder('long-notes');
    // 90 CJK characters (270 bytes) and 70 of four bytes each (280 bytes): each made every run fail with ENAMETOOLONG.
    const cjk = '漢字'.repeat(45);
    const wide = '𠀀'.repeat(70);
    fs.writeFileSync(path.join(notes, 'cjk.md'), `# ${cjk}\n\nText.\n`);
    fs.writeFileSync(path.join(notes, 'wide.md'), `# ${wide}\n\nText.\n`);
    fs.writeFileSync(path.join(notes, 'short.md'), '# Short\n\nText.\n');
    for (const format of ['md', 'json']) {
      const dir = path.join(work, `long-out-${format}`);
      const run = await runCli([notes, '--out-dir', dir, '-f', format, '--no-cache']);
      expect(run.exitCode, run.stderr).toBe(0);
      const pages = visible(dir).filter((name) => !name.startsWith('index.'));
      expect(pages).toHaveLength(3);
      for (const name of pages) {
        // The temp file a page is written through is `.NAME.PID.RANDOM.tmp`: 22 bytes more at most.
        expect(Buffer.byteLength(name) + 22).toBeLessThanOrEqual(255);
        expect(Buffer.from(name).toString('utf8')).toBe(name);
      }
      const stem = (name: string) => name.replace(/\.(md|json)$/, '');
      expect(cjk.startsWith(stem(pages.find((name) => name.startsWith('漢'))!))).toBe(true);
      expect(wide.startsWith(stem(pages.find((name) => name.startsWith('𠀀'))!))).toBe(true);
      expect(pages).toContain(`short.${format}`);
    }
    // A second run keeps the names.
    const dir = path.join(work, 'long-out-md');
    const before = visible(dir);
    expect((await runCli([notes, '--out-dir', dir, '-f', 'md', '--no-cache', '--check'])).exitCode).toBe(0);
    expect((await runCli([notes, '--out-dir', dir, '-f', 'md', '--no-cache'])).exitCode).toBe(0);
    expect(visible(dir)).toEqual(before);
  });

  it("never takes the place of a folder of the user's: the page takes the next name", async () => {
    const notes = folder('blocked-notes');
    fs.writeFileSync(path.join(notes, 'a.md'), '# Alpha\n\nText.\n');
    fs.writeFileSync(path.join(notes, 'b.md'), '# Blocked\n\nText.\n');
    fs.writeFileSync(path.join(notes, 'c.md'), '# Gamma\n\nText.\n');
    const dir = folder('blocked-out');
    fs.mkdirSync(path.join(dir, 'blocked.md'));
    fs.writeFileSync(path.join(dir, 'blocked.md', 'mine.txt'), 'the user’s own\n');
    const run = await runCli(['.', '--out-dir', dir, '-f', 'md', '--no-cache'], { cwd: notes });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(withoutSummary(run.stderr)).toBe('');
    expect(visible(dir)).toEqual(['alpha.md', 'blocked-2.md', 'blocked.md', 'gamma.md', 'index.md']);
    expect(fs.readFileSync(path.join(dir, 'blocked.md', 'mine.txt'), 'utf8')).toBe('the user’s own\n');
    expect(linked(dir).sort()).toEqual(['alpha.md', 'blocked-2.md', 'gamma.md']);
    expect(manifested(dir)).toEqual(['alpha.md', 'blocked-2.md', 'gamma.md', 'index.md']);
  });
});

describe('a --out-dir commit killed with SIGKILL', () => {
  it('never leaves an index that links to a missing page, nor a page that no manifest lists', async () => {
    // In memory when the machine has it: each page is written with an fsync, slow on a disk.
    const root = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : work, 'ingest-kill-'));
    onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
    const notes = path.join(root, 'notes');
    fs.mkdirSync(notes);
    const count = 300;
    const write = (title: string) => {
      for (let i = 0; i < count; i++) fs.writeFileSync(path.join(notes, `note-${String(i).padStart(4, '0')}.md`), `# ${title} ${i}\n\nText ${i}.\n`);
    };
    // Each kill lands at a moment of the commit: when the index arrives, and when the first new page does.
    for (const [round, moment] of [
      [0, 'index'],
      [1, 'page'],
    ] as const) {
      const dir = path.join(root, `out-${round}`);
      write('Alpha');
      expect((await runCli([notes, '--out-dir', dir, '-f', 'md', '--no-cache'])).exitCode).toBe(0);
      expect(linked(dir)).toHaveLength(count);
      // Every title changes: 300 new pages, each sorting after index.md (which the old order moved in before them), and 300 to remove.
      write('Zulu');
      const child = spawn(process.execPath, [BIN, notes, '--out-dir', dir, '-f', 'md', '--no-cache'], { cwd: ROOT, env: { ...process.env, XDG_CACHE_HOME: TEST_CACHE }, stdio: 'ignore' });
      const watcher = fs.watch(dir, (_event, name) => {
        if (moment === 'index' ? name === 'index.md' : name?.startsWith('zulu-')) child.kill('SIGKILL');
      });
      const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      watcher.close();
      // Killed, or (at the index, under load) done before the signal came: either way the folder must hold together.
      if (moment === 'page') expect(ended.signal).toBe('SIGKILL');
      else expect(ended.signal === 'SIGKILL' || ended.code === 0).toBe(true);
      const present = new Set(fs.readdirSync(dir));
      expect(linked(dir).filter((name) => !present.has(name))).toEqual([]);
      const listed = new Set(manifested(dir));
      expect(visible(dir).filter((name) => !listed.has(name))).toEqual([]);
      // The next run finishes the job.
      expect((await runCli([notes, '--out-dir', dir, '-f', 'md', '--no-cache'])).exitCode).toBe(0);
      expect(visible(dir)).toEqual([...linked(dir), 'index.md'].sort());
      expect(linked(dir).every((name) => name.startsWith('zulu-'))).toBe(true);
      expect(manifested(dir)).toEqual(visible(dir));
    }
  }, 120_000);
});

describe('write failures', () => {
  it.skipIf(!fs.existsSync('/dev/full'))('-o /dev/full fails with exit 2 on every Node, naming /dev/full; > /dev/full says stdout is incomplete', async () => {
    for (const format of ['json', 'ndjson', 'md']) {
      const run = await runCli(['seeds', '--no-cache', '-f', format, '-o', '/dev/full']);
      expect([run.exitCode, run.stderr]).toEqual([2, 'ingest: cannot write /dev/full: no space left on device (ENOSPC); the output to /dev/full is incomplete\n']);
    }
    const piped = await runCli([], { shell: `"${process.execPath}" bin/ingest.js seeds --no-cache > /dev/full` });
    expect([piped.exitCode, piped.stderr]).toEqual([2, 'ingest: cannot write stdout: no space left on device (ENOSPC); the output on stdout is incomplete\n']);
  });

  it('-o /dev/null is still written through and exits 0', async () => {
    const run = await runCli(['seeds', '--no-cache', '-o', '/dev/null']);
    expect(run.exitCode, run.stderr).toBe(0);
  });
});

describe('ingest diff given a folder', () => {
  it('says in words that it is a folder, one line, exit 2', async () => {
    const dir = folder('diff-folder');
    fs.writeFileSync(path.join(dir, 'run.ndjson'), '');
    for (const args of [
      ['diff', 'runs', 'run.ndjson'],
      ['diff', 'run.ndjson', 'runs'],
    ]) {
      fs.mkdirSync(path.join(dir, 'runs'), { recursive: true });
      const run = await runCli(args, { cwd: dir });
      expect([run.exitCode, run.stderr]).toEqual([2, 'ingest: cannot read runs: it is a folder; give the file a run wrote (e.g. today.ndjson)\n']);
    }
  });
});

describe('U+2028 and U+2029', () => {
  const SEPARATORS = /[\u2028\u2029]/;
  const title = 'Line\u2028and\u2029paragraph';
  const notes = folder('separator-notes');
  const readwise = (items: string[]) => `# ${title}\n\n## Metadata\n- Author: [[Ann Author]]\n- Full Title: ${title}\n- Category: #books\n\n## Highlights\n${items.join('\n')}\n`;

  it('are escaped in NDJSON and JSON: one record is one line for any line reader, and parses to the same strings', async () => {
    fs.writeFileSync(path.join(notes, 'a.md'), readwise(['- One\u2028two.', '- Three\u2029four.']));
    fs.writeFileSync(path.join(notes, 'b.md'), '# Plain\n\nNo separators.\n');
    const ndjson = await runCli([notes, '-f', 'ndjson', '--no-cache']);
    const json = await runCli([notes, '-f', 'json', '--no-cache']);
    for (const run of [ndjson, json]) {
      expect(run.exitCode, run.stderr).toBe(0);
      expect(SEPARATORS.test(run.stdout)).toBe(false);
      expect(run.stdout).toContain('\\u2028');
      expect(run.stdout).toContain('\\u2029');
    }
    // What Python's str.splitlines() breaks at, besides \n: one line per record.
    // eslint-disable-next-line no-control-regex -- \x1c to \x1e are among them
    const lines = ndjson.stdout.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/).filter((line) => line !== '');
    expect(lines).toHaveLength(2);
    const records = lines.map((line) => JSON.parse(line) as { title: string; highlights: { text: string }[] });
    // A title is one line: its separators become spaces (normalizing does that); the text keeps them.
    expect(records[0]!.title).toBe('Line and paragraph');
    expect(records[0]!.highlights.map((highlight) => highlight.text)).toEqual(['One\u2028two.', 'Three\u2029four.']);
    expect(JSON.parse(json.stdout)).toEqual(records);
    // A warm run (records read back from the cache) writes the same bytes.
    const cache = folder('separator-cache');
    const cold = await runCli([notes, '-f', 'ndjson', '--cache', cache]);
    const warm = await runCli([notes, '-f', 'ndjson', '--cache', cache]);
    expect([cold.stdout, warm.stdout]).toEqual([ndjson.stdout, ndjson.stdout]);
  });

  it('are escaped in --out-dir JSON pages and index, and in ingest diff', async () => {
    const dir = path.join(work, 'separator-out');
    expect((await runCli([notes, '--out-dir', dir, '--no-cache'])).exitCode).toBe(0);
    for (const name of visible(dir)) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      expect(SEPARATORS.test(text)).toBe(false);
      JSON.parse(text);
    }
    const before = path.join(work, 'separator-before.ndjson');
    const after = path.join(work, 'separator-after.ndjson');
    expect((await runCli([notes, '-f', 'ndjson', '--no-cache', '-o', before])).exitCode).toBe(0);
    fs.writeFileSync(path.join(notes, 'a.md'), readwise(['- One\u2028two.', '- Three\u2029four.', '- Five\u2028six.']));
    expect((await runCli([notes, '-f', 'ndjson', '--no-cache', '-o', after])).exitCode).toBe(0);
    const diff = await runCli(['diff', before, after]);
    expect(diff.exitCode, diff.stderr).toBe(0);
    expect(SEPARATORS.test(diff.stdout)).toBe(false);
    const changes = diff.stdout.trim().split('\n').map((line) => JSON.parse(line) as { change: string; highlight?: { text: string } });
    expect(changes.map((change) => [change.change, change.highlight?.text])).toEqual([['added', 'Five\u2028six.']]);
  });

  it('are escaped in the --report file (a file name may hold one)', async () => {
    const dir = folder('separator-report');
    fs.writeFileSync(path.join(dir, 'bad\u2028name.md'), '---\ntitle: [broken\n---\n');
    const report = path.join(work, 'separator-report.json');
    await runCli([dir, '--no-cache', '-o', path.join(work, 'separator-report-out.json'), '--report', report]);
    const text = fs.readFileSync(report, 'utf8');
    expect(SEPARATORS.test(text)).toBe(false);
    expect(JSON.parse(text).diagnostics[0].file).toMatch(/bad\u2028name\.md$/);
  });
});
