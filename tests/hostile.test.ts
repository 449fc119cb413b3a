/**
 * Hostile names and contents, and failing writes, through the real binary:
 * one diagnostic is one line, no control character reaches a terminal or a
 * digest raw, no unsafe link scheme survives, and a full disk is a one-line
 * error that leaves the previous output as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch, withoutSummary } from './helpers.js';

const { work, folder } = scratch('hostile');
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/u;

describe('hostile names', () => {
  it('reads files and folders whose names hold line breaks, and prints every name on one line', async () => {
    const dir = folder('newlines');
    fs.writeFileSync(path.join(dir, 'a\nb.md'), '# A\n');
    fs.mkdirSync(path.join(dir, 'sub\ndir'));
    fs.writeFileSync(path.join(dir, 'sub\ndir', 'c.md'), '# C\n');
    fs.writeFileSync(path.join(dir, 'bad\nx  error  forged  fake-rule.md'), '---\ntitle: [unclosed\n---\n');
    const run = await runCli(['.', '-f', 'ndjson', '--no-cache'], { cwd: dir });
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).source.path)).toEqual(['a\nb.md', 'bad\nx  error  forged  fake-rule.md', 'sub\ndir/c.md']);
    const lines = withoutSummary(run.stderr).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^bad\\nx {2}error {2}forged {2}fake-rule\.md:2:\d+ {2}warning {2}.* {2}yaml-syntax$/);
  });
  it('escapes terminal control sequences from file names and notes in diagnostics and in the digest', async () => {
    const dir = folder('escapes');
    const name = 'clear\u001b[2Jscreen.md';
    fs.writeFileSync(path.join(dir, name), '---\ntitle: "\\e]0;pwned\\a Title"\ncategory: #articles\n---\n# Body\n\nText with \u001b[31mred\u001b[0m.\n');
    const run = await runCli(['.', '-f', 'md', '--no-cache'], { cwd: dir });
    expect(run.stderr).toContain('clear\\x1b[2Jscreen.md');
    expect(CONTROL.test(run.stderr)).toBe(false);
    expect(CONTROL.test(run.stdout)).toBe(false);
    expect(run.stdout).toContain('\\x1b');
  });
});

describe('link schemes', () => {
  it('keeps http(s) and app links, and turns any other scheme into null with an invalid-url warning', async () => {
    const dir = folder('links');
    fs.writeFileSync(
      path.join(dir, 'note.md'),
      '---\nurl: "javascript:alert(8)"\n---\n# A Book\n\n## Highlights\n\n- Bad. ([View Highlight](javascript:alert(8)))\n- Good. ([Location 12](kindle://book?action=open&asin=B0&location=12))\n',
    );
    const run = await runCli(['note.md', '-f', 'ndjson', '--no-cache'], { cwd: dir });
    const record = JSON.parse(run.stdout);
    expect([record.url, record.highlights.map((highlight: { url: string | null }) => highlight.url)]).toEqual([null, [null, 'kindle://book?action=open&asin=B0&location=12']]);
    expect(run.stderr.match(/invalid-url$/gm)).toHaveLength(2);
    // Each warning says where the link is written.
    expect(run.stderr).toMatch(/^note\.md:2:7 {2}warning {2}"javascript:alert\(8\)" is not a URL/m);
    expect(run.stderr).toMatch(/^note\.md:8:26 {2}warning {2}the highlight link "javascript:alert\(8\)"/m);
    // In a bundle, at the physical line.
    fs.writeFileSync(path.join(dir, 'bundle.txt'), `<<<FILE: first.md>>>\n# First\n<<<FILE: note.md>>>\n${fs.readFileSync(path.join(dir, 'note.md'), 'utf8')}`);
    const bundled = await runCli(['bundle.txt', '-f', 'ndjson', '--no-cache'], { cwd: dir });
    expect(bundled.stderr).toMatch(/^bundle\.txt:5:7 {2}warning .* {2}invalid-url$/m);
    expect(bundled.stderr).toMatch(/^bundle\.txt:11:26 {2}warning .* {2}invalid-url$/m);
    const digest = await runCli(['note.md', '-f', 'md', '--no-cache'], { cwd: dir });
    expect(digest.stdout).not.toContain('javascript:');
  });
});

describe('write failures', () => {
  it.skipIf(!fs.existsSync('/dev/full'))('a full disk behind stdout or -o is one line and exit 2, never a stack trace', async () => {
    for (const run of [await runCli([], { shell: 'node bin/ingest.js seeds --no-cache > /dev/full' }), await runCli(['seeds', '--no-cache', '-o', '/dev/full'])]) {
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(/^ingest: cannot write .*no space left on device \(ENOSPC\)/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
  });
  it('-o through a symbolic link writes the file it points to, and the link stays a link', async () => {
    const dir = folder('symlink');
    fs.writeFileSync(path.join(dir, 'real.json'), 'old\n');
    fs.symlinkSync('real.json', path.join(dir, 'digest.json'));
    const run = await runCli([path.resolve('seeds'), '--no-cache', '-o', 'digest.json'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'digest.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'real.json'), 'utf8'))).toHaveLength(5);
  });
});

describe('usage that was silently wrong', () => {
  it('refuses --jobs in hexadecimal or far beyond the cores, -o and --out-dir with empty names, and --cache with --no-cache', async () => {
    for (const args of [['--jobs', '0x10'], ['--jobs', '256'], ['-o', ''], ['--out-dir', ''], ['--cache', path.join(work, 'c'), '--no-cache'], ['--no-cache', '--cache', path.join(work, 'c')]]) {
      const run = await runCli(['seeds', ...args]);
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^ingest: /);
    }
  });
  it('runs without a cache, and says so, when HOME is empty; never writes a cache into the working folder', async () => {
    const dir = folder('no-home');
    const run = await runCli([path.resolve('seeds'), '-f', 'ndjson'], { cwd: dir, env: { HOME: '', XDG_CACHE_HOME: '' } });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/running without a cache/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
  it('--check says "stale" with its own exit code, 3', async () => {
    const dir = folder('check');
    const out = path.join(dir, 'digest.md');
    await runCli([path.resolve('seeds'), '-f', 'md', '-o', out, '--no-cache']);
    fs.appendFileSync(out, 'edited by hand\n');
    expect((await runCli([path.resolve('seeds'), '-f', 'md', '-o', out, '--no-cache', '--check'])).exitCode).toBe(3);
  });
});

describe('frontmatter types and depth', () => {
  it('warns for YAML 1.1 types and converts them, cuts values nested deeper than 64 with a warning, and keeps the fields of an alias bomb that use no alias', async () => {
    const dir = folder('types');
    fs.writeFileSync(path.join(dir, 'set.md'), '---\ntitle: Set test\ntags: !!set {alpha, beta}\nraw: !!binary aGVsbG8=\n---\n# Body\n');
    fs.writeFileSync(path.join(dir, 'deep.md'), `---json\n{"title": "Deep", "nested": ${'['.repeat(70)}1${']'.repeat(70)}}\n---\n# Body\n`);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]'];
    fs.writeFileSync(path.join(dir, 'bomb.md'), `---\ntitle: Bomb\nauthor: Jane Doe\n${bomb.join('\n')}\n---\n# Body\n`);
    const run = await runCli(['.', '-f', 'ndjson', '--no-cache'], { cwd: dir });
    const byFile = new Map(run.stdout.trim().split('\n').map((line) => JSON.parse(line)).map((record) => [record.source.path, record]));
    expect(byFile.get('set.md').tags).toEqual(['alpha', 'beta']);
    expect(byFile.get('set.md').extra.raw).toBe('aGVsbG8=');
    expect(run.stderr).toMatch(/^set\.md:3:\d+ {2}warning {2}`!!set` is a YAML 1\.1 type .*read as a list of its members {2}yaml-type$/m);
    expect(run.stderr).toMatch(/^set\.md:4:\d+ {2}warning {2}`!!binary` .* {2}yaml-type$/m);
    let deep: unknown = byFile.get('deep.md').extra.nested;
    let levels = 0;
    while (Array.isArray(deep)) {
      deep = deep[0];
      levels += 1;
    }
    expect([levels, deep]).toEqual([64, null]);
    expect(run.stderr).toMatch(/^deep\.md:2:\d+ {2}warning {2}the value of "nested" is nested more than 64 levels deep.* {2}too-deep$/m);
    expect(byFile.get('bomb.md').title).toBe('Bomb');
    expect(byFile.get('bomb.md').authors).toEqual(['Jane Doe']);
    // Only the field without an alias is kept: `b`, `c` and `d` use them.
    expect(Object.keys(byFile.get('bomb.md').extra)).toEqual(['a']);
    expect(run.stderr).toMatch(/^bomb\.md:5:1 {2}warning {2}.*`b`, `c`, `d` ignored, the fields without aliases are read {2}yaml-alias-limit$/m);
  });
});
