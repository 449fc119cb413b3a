/**
 * The real binary as a subprocess: exit codes, what goes to stdout (data
 * only) and stderr (diagnostics only), stdin, pipes into jq and head.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordSchema } from '../src/schema.js';
import { BIN, ROOT, SUMMARY, hasCommand, runCli, withoutSummary } from './helpers.js';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cli-'));
  fs.writeFileSync(path.join(work, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
  fs.writeFileSync(path.join(work, 'good.md'), '# Good note\n\nSome text.\n');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const hasJq = hasCommand('jq');

interface Case {
  name: string;
  args: string[];
  exitCode: number;
  stdout?: RegExp;
  stderr?: RegExp;
  input?: string;
}

const cases: Case[] = [
  { name: 'no path reads seeds/', args: [], exitCode: 0, stdout: /^\[\n {2}\{/, stderr: /^ingest: 5 documents: 5 written, 0 not ingested · 5 highlights · 0 warnings · 0 errors · \d+\.\d\ds\n$/ },
  { name: 'unknown flag is a usage error', args: ['--nope'], exitCode: 2, stdout: /^$/, stderr: /unknown option '--nope'/ },
  { name: 'unknown format is a usage error', args: ['seeds', '--format', 'xml'], exitCode: 2, stderr: /argument 'xml' is invalid/ },
  { name: 'missing path is a usage error', args: ['no/such/folder'], exitCode: 2, stdout: /^$/, stderr: /no such file or folder: no\/such\/folder/ },
  { name: '--quiet with --verbose is refused', args: ['seeds', '-q', '--verbose'], exitCode: 2, stderr: /contradict/ },
  { name: '--help prints usage and exits 0', args: ['--help'], exitCode: 0, stdout: /Usage: ingest \[options\] \[command\] \[paths\.\.\.\]/ },
  { name: '--version prints the version', args: ['--version'], exitCode: 0, stdout: /^\d+\.\d+\.\d+\n$/ },
  { name: 'stdin as one document', args: ['-', '--format', 'ndjson'], input: '# From stdin\n\nHello.\n', exitCode: 0, stdout: /"title":"From stdin"/ },
];

describe('ingest CLI', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const run = await runCli(testCase.args, { input: testCase.input });
      expect(run.exitCode, run.stderr).toBe(testCase.exitCode);
      if (testCase.stdout) expect(run.stdout).toMatch(testCase.stdout);
      if (testCase.stderr) expect(run.stderr).toMatch(testCase.stderr);
    });
  }

  it('prints a JSON array of five valid records for the seeds, and nothing else on stdout', async () => {
    const run = await runCli(['seeds']);
    const list = JSON.parse(run.stdout) as unknown[];
    expect(list).toHaveLength(5);
    for (const record of list) RecordSchema.parse(record);
    expect(run.stdout.endsWith('}\n]\n')).toBe(true);
  });

  it('gives byte-identical output on every run and in every format order', async () => {
    const [a, b] = await Promise.all([runCli(['seeds', 'fixtures']), runCli(['fixtures', 'seeds'])]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('writes NDJSON as one record per line, in the same order as JSON', async () => {
    const [json, ndjson] = await Promise.all([runCli(['seeds']), runCli(['seeds', '--format', 'ndjson'])]);
    const lines = ndjson.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(JSON.parse(json.stdout));
  });

  it('exits 1 when an input cannot be ingested, still writing the others, diagnostics on stderr only', async () => {
    const run = await runCli(['--format', 'ndjson', '.'], { cwd: work });
    expect(run.exitCode).toBe(1);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).title)).toEqual(['Good note']);
    expect(run.stderr).toMatch(/^binary\.md {2}error {2}not a text file \(NUL byte at offset 4\).* {2}binary-file$/m);
  });

  it('reports a YAML error at its line in a bundle, with the document still output', async () => {
    const run = await runCli(['fixtures/bundle-three/input.txt', '--format', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const bundles = run.stdout.trim().split('\n').map((line) => JSON.parse(line).source.bundle.index);
    expect(bundles).toEqual([0, 1, 2]);
    expect(withoutSummary(run.stderr)).toBe(
      'fixtures/bundle-three/input.txt:34:8  warning  Nested mappings are not allowed in compact mappings; the frontmatter was ignored  yaml-syntax\n',
    );
    expect(run.stderr).toMatch(SUMMARY);
  });

  it('hides warnings with --quiet', async () => {
    const run = await runCli(['fixtures/bundle-three/input.txt', '--quiet']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('reads stdin given as `-` in `ingest - < note.md`', async () => {
    const run = await runCli([], { shell: `node ${BIN} - --format ndjson < fixtures/markdown-note/input.md` });
    expect(run.exitCode).toBe(0);
    const record = JSON.parse(run.stdout);
    expect(record.source.path).toBe('-');
    expect(record.title).toBe('Notes on live commerce');
  });

  it('ends quietly when the reader closes the pipe (| head -1)', async () => {
    const run = await runCli([], { shell: `node ${BIN} seeds --format ndjson | head -1` });
    expect(run.exitCode).toBe(0);
    // The five records may all fit in the pipe before head leaves: then the run did complete, and says so.
    expect(withoutSummary(run.stderr)).toBe('');
    expect(JSON.parse(run.stdout).source.path).toBe('seeds/000_65a76a17cc260e56.txt');
    // Many documents and a reader that leaves at once: still no stack trace, exit 0.
    const many = await runCli([], { shell: `node ${BIN} seeds fixtures/readwise-* fixtures/text-* --format ndjson | head -c 10 >/dev/null` });
    expect(many.exitCode).toBe(0);
    expect(many.stderr).not.toMatch(/Error|at .*\.js/);
    // Help and the schema are written by other code paths than records: the same holds there.
    for (const command of ['--help', 'schema']) {
      const short = await runCli([], { shell: `node ${BIN} ${command} | head -1` });
      expect(short.exitCode).toBe(0);
      expect(short.stderr).toBe('');
    }
  });

  it.skipIf(!hasJq)('pipes into jq', async () => {
    const run = await runCli([], { shell: `node ${BIN} seeds --format ndjson | jq -r .title` });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('2024 Will Be a Make-or-Break Year for TikTok Shop');
    expect(run.stdout.split('\n')[1]).toBe('null');
  });

  it('writes -o atomically, the same bytes as stdout, and leaves no temp file', async () => {
    const target = path.join(work, 'out', 'records.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const [toFile, toStdout] = await Promise.all([runCli(['seeds', '-o', target]), runCli(['seeds'])]);
    expect(toFile.exitCode).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(fs.readFileSync(target, 'utf8')).toBe(toStdout.stdout);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['records.json']);
  });

  it('refuses an unwritable -o path with exit 2', async () => {
    const run = await runCli(['seeds', '-o', path.join(work, 'missing', 'dir', 'out.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*out\.json: folder .* does not exist/);
  });

  it('writes a Markdown digest with every title', async () => {
    const run = await runCli(['seeds', '--format', 'md']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^# Research digest\n\n5 documents · 5 highlights · 4 sites · published 2023-07-31 to 2024-10-28 \(3 of 5 dated\)\n/);
    expect(run.stdout).toContain('## [2024 Will Be a Make-or-Break Year for TikTok Shop](<https://www.glossy.co/');
    // The untitled seed is shown by its first words, never its file name.
    expect(run.stdout).toContain('## “Recent developments suggest that TikTok…”');
    expect(run.stdout).not.toContain('## 001');
  });

  it('prints the record JSON Schema', async () => {
    const run = await runCli(['schema']);
    const schema = JSON.parse(run.stdout);
    expect(schema.type).toBe('object');
    expect(schema.required).toContain('highlights');
    expect(schema.properties.kind.enum).toEqual(['highlights', 'markdown', 'text']);
  });

  it('packs files into a bundle that ingest splits back into the same documents', async () => {
    const bundle = path.join(work, 'bundle.txt');
    const pack = await runCli(['pack', 'seeds', 'fixtures/bundle-three', '-o', bundle]);
    expect(pack.exitCode, pack.stderr).toBe(0);
    const [direct, packed] = await Promise.all([
      runCli(['seeds', 'fixtures/bundle-three', '--format', 'ndjson']),
      runCli([bundle, '--format', 'ndjson']),
    ]);
    const documents = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .map((record) => ({ sha256: record.source.sha256, title: record.title, kind: record.kind }));
    expect(documents(packed.stdout)).toEqual(documents(direct.stdout));
    const names = packed.stdout.trim().split('\n').map((line) => JSON.parse(line).source.bundle.name);
    expect(names).toEqual([
      'tiktok-shop.md',
      'clipping.txt',
      'broken.md',
      'seeds/000_65a76a17cc260e56.txt',
      'seeds/001_4a9c33193a5ff20c.txt',
      'seeds/002_625ac58c555be09b.txt',
      'seeds/003_55e4fff325b2b9c3.txt',
      'seeds/004_3a2fb6d2eac5ed43.txt',
    ]);
  });

  it('follows NO_COLOR and FORCE_COLOR', async () => {
    const colored = await runCli(['fixtures/bundle-three/input.txt'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(colored.stderr).toContain('\u001b[33mwarning');
    const plain = await runCli(['fixtures/bundle-three/input.txt'], { env: { NO_COLOR: '1' } });
    expect(plain.stderr).not.toContain('\u001b[');
  });
});

const hasScript = hasCommand('script');

describe('terminal', () => {
  it.skipIf(!hasScript)('ends with a one-line summary when stderr is a terminal, and on a pipe (cron mails it) unless --quiet', async () => {
    const out = path.join(work, 'summary.json');
    // `script` gives the command a terminal; stdout goes to a file.
    const run = await runCli([], { shell: `script -qec "node ${BIN} seeds fixtures/bundle-three fixtures/frontmatter-traps -o ${out}" /dev/null` });
    expect(run.stdout).toMatch(/ingest: 9 documents: 9 written, 0 not ingested · 7 highlights · 1 warning · 1 error · \d+\.\d\ds/);
    const piped = await runCli(['seeds', 'fixtures/bundle-three', '-o', out]);
    // Without a terminal the same line ends stderr, after every diagnostic.
    expect(piped.stderr).toMatch(/warning .* yaml-syntax\ningest: 8 documents: 8 written, 0 not ingested · 7 highlights · 1 warning · 0 errors · \d+\.\d\ds\n$/);
    const quiet = await runCli(['seeds', 'fixtures/bundle-three', '-o', out, '--quiet']);
    expect(quiet.stderr).toBe('');
  });
});

describe('package', () => {
  it('runs compiled code from bin/ingest.js: the CLI bundled, its version that of package.json', async () => {
    const bin = fs.readFileSync(BIN, 'utf8');
    expect(bin).toContain("from '../dist/bundle/main.js'");
    // One file for the CLI's start and its common path, chunks loaded when needed (a reader, a digest).
    const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'bundle', 'main.js'), 'utf8');
    expect(bundle).toContain('node_modules/commander');
    expect(bundle).not.toMatch(/from ["']commander["']/);
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect((await runCli(['--version'])).stdout.trim()).toBe(version);
  });
});
