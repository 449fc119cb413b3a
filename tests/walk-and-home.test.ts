/**
 * Findings of the hostile trial (issue 22, item 9) about what a run reads
 * and where it keeps its cache, through the binary: symbolic link loops,
 * links into /proc, a folder reached twice through a link, ingest's own
 * output named as input, a run without HOME, and the report example in docs/digests-and-cron.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, scratch, withoutSummary, type Run } from './helpers.js';

const { folder } = scratch('walk');
const paths = (run: Run): string[] => run.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line).source.path);

describe('symbolic links', () => {
  it('passes over a link that leads back to itself with a warning, and exits 0', async () => {
    const dir = folder('loop');
    fs.writeFileSync(path.join(dir, 'note.md'), '# Note\n\nText.\n');
    fs.symlinkSync('self.md', path.join(dir, 'self.md'));
    fs.symlinkSync('b', path.join(dir, 'a'));
    fs.symlinkSync('a', path.join(dir, 'b'));
    const run = await runCli(['.', '-f', 'ndjson', '--no-cache'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(paths(run)).toEqual(['note.md']);
    const lines = withoutSummary(run.stderr).trim().split('\n');
    expect(lines).toEqual([
      'a  warning  a symbolic link loop (it leads back to itself): nothing to read  symlink-loop',
      'b  warning  a symbolic link loop (it leads back to itself): nothing to read  symlink-loop',
      'self.md  warning  a symbolic link loop (it leads back to itself): nothing to read  symlink-loop',
    ]);
  });
  it.runIf(fs.existsSync('/proc/self/mounts'))('never walks or reads into /proc or /sys through a link', async () => {
    const dir = folder('virtual');
    fs.writeFileSync(path.join(dir, 'note.md'), '# Note\n\nText.\n');
    fs.symlinkSync('/proc', path.join(dir, 'proc'));
    fs.symlinkSync('/sys', path.join(dir, 'sys'));
    fs.symlinkSync('/proc/self/environ', path.join(dir, 'environ.md'));
    const run = await runCli(['.', '-f', 'ndjson', '--no-cache', '--include', '*'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(paths(run)).toEqual(['note.md']);
    const stderr = withoutSummary(run.stderr);
    expect(stderr).toContain('environ.md  warning  leads into /proc, a virtual file system (proc), not notes: not read  virtual-filesystem');
    expect(stderr).toContain('proc  warning  leads into /proc, a virtual file system (proc), not notes: not read  virtual-filesystem');
    expect(stderr).toMatch(/^sys {2}warning {2}leads into \/sys, a virtual file system \(sysfs\)/m);
  });
  it('reads a file reached through a link to a folder in the tree once, at its real place', async () => {
    const dir = folder('twice');
    fs.mkdirSync(path.join(dir, 'books'));
    fs.writeFileSync(path.join(dir, 'books', 'one.md'), '# One\n\nText.\n');
    fs.writeFileSync(path.join(dir, 'books', 'two.md'), '# Two\n\nText.\n');
    fs.symlinkSync('books', path.join(dir, 'alias'));
    fs.symlinkSync('books/one.md', path.join(dir, 'one-link.md'));
    const run = await runCli(['.', '-f', 'ndjson', '--no-cache'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(paths(run)).toEqual(['books/one.md', 'books/two.md']);
  });
});

describe("ingest's own output as input", () => {
  it('is refused with a clear error for -f json and -f ndjson, never read as a Readwise export', async () => {
    const dir = folder('own-output');
    const json = await runCli(['seeds', '--no-cache']);
    const ndjson = await runCli(['seeds', '--no-cache', '-f', 'ndjson']);
    fs.writeFileSync(path.join(dir, 'out.json'), json.stdout);
    fs.writeFileSync(path.join(dir, 'out.ndjson'), ndjson.stdout);
    const run = await runCli(['out.json', 'out.ndjson', '--no-cache'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([]);
    const lines = withoutSummary(run.stderr).trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^out\.n?d?json:1:1 {2}error {2}this is ingest's own output \(records\), not notes to read: .* {2}ingest-output$/);
  });
});

describe('the default cache folder', () => {
  const runWithEnv = (args: string[], env: Record<string, string>): Promise<Run> => runCli(args, { env, onlyEnv: true });
  it('is none, with a note, when HOME is unset (as docs/digests-and-cron.md says): never the passwd home', async () => {
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1' };
    const run = await runWithEnv(['seeds', '-f', 'ndjson'], env);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('ingest: no cache folder ($XDG_CACHE_HOME and $HOME are not set to absolute folders); running without a cache');
  });
  it('is $HOME/.cache/ingest when HOME is set', async () => {
    const home = folder('home');
    const run = await runWithEnv(['seeds', '-f', 'ndjson'], { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_COLOR: '1', HOME: home });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).not.toContain('no cache folder');
    expect(fs.existsSync(path.join(home, '.cache', 'ingest'))).toBe(true);
  });
});

describe('the --report example in docs/digests-and-cron.md', () => {
  it('has the keys a real report has, in its order, and the version of this release', async () => {
    const dir = folder('report');
    const report = path.join(dir, 'report.json');
    const run = await runCli(['seeds', '--no-cache', '-o', path.join(dir, 'out.json'), '--report', report]);
    expect(run.exitCode).toBe(0);
    const real = JSON.parse(fs.readFileSync(report, 'utf8'));
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'digests-and-cron.md'), 'utf8');
    const block = /```json\n(\{\n {2}"tool": "ingest",[\s\S]*?\n\})\n```/.exec(docs);
    expect(block).not.toBeNull();
    const example = JSON.parse(block![1]!);
    const shape = (value: unknown): unknown =>
      value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).map(([key, item]) => [key, key === 'rules' || key === 'diagnostics' ? null : shape(item)]) : null;
    expect(shape(example)).toEqual(shape(real));
    expect(example.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});
