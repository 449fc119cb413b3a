/**
 * `--report FILE.json` (issue #15), through the real binary: the counts, the
 * duration and every diagnostic of a run, written atomically, also when the
 * run has errors or is interrupted; and the summary line cron mails.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../src/cli/run-report.js';
import { BIN, ROOT, SUMMARY, TEST_CACHE, runCli } from './helpers.js';

let work: string;
let notes: string;
let big: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-report-'));
  notes = path.join(work, 'notes');
  fs.mkdirSync(notes);
  fs.writeFileSync(path.join(notes, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
  fs.writeFileSync(path.join(notes, 'broken.md'), '---\ntitle: [unclosed\n---\n# Broken frontmatter\n\nText.\n');
  fs.writeFileSync(path.join(notes, 'good.md'), '# Good note\n\nIt grew 11% to $5 billion.\n');
  // Many notes, the first of which warns: its warning on stderr shows the run is under way.
  big = path.join(work, 'big');
  fs.mkdirSync(big);
  fs.writeFileSync(path.join(big, '0000-first.md'), '---\ntitle: [unclosed\n---\n# First\n');
  const seeds = fs.readdirSync(path.join(ROOT, 'seeds')).map((name) => fs.readFileSync(path.join(ROOT, 'seeds', name)));
  for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(big, `note-${String(i).padStart(4, '0')}.txt`), seeds[i % seeds.length]!);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const readReport = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as RunReport;

describe('--report', () => {
  it('writes the counts, duration and every diagnostic of a run with errors, even those --quiet hides', async () => {
    const report = path.join(work, 'run.json');
    const out = path.join(work, 'digest.md');
    const run = await runCli(['notes', '--format', 'md', '-o', out, '--report', report, '--quiet', '--no-cache'], { cwd: work });
    expect(run.exitCode).toBe(1);
    // --quiet: the error, and no summary.
    expect(run.stderr).toBe('notes/binary.md  error  not a text file (NUL byte at offset 4); expected UTF-8 or Windows-1252 text  binary-file\n');
    const json = readReport(report);
    expect(json).toMatchObject({
      tool: 'ingest',
      exitCode: 1,
      interrupted: false,
      signal: null,
      output: out,
      outputWritten: true,
      counts: { files: { read: 3, found: 3 }, documents: 3, written: 2, notIngested: 1, highlights: 0, errors: 1, warnings: 1, info: 0 },
      rules: { error: { 'binary-file': 1 }, warning: { 'yaml-syntax': 1 }, info: {} },
    });
    expect(json.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(json.diagnostics).toEqual([
      { file: 'notes/binary.md', line: null, column: null, severity: 'error', message: expect.stringMatching(/^not a text file/), rule: 'binary-file' },
      { file: 'notes/broken.md', line: 2, column: expect.any(Number), severity: 'warning', message: expect.any(String), rule: 'yaml-syntax' },
    ]);
    // Written atomically: no temp file beside it.
    expect(fs.readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Keys in a fixed order, as docs/digests-and-cron.md documents them.
    expect(Object.keys(json)).toEqual(['tool', 'version', 'exitCode', 'interrupted', 'signal', 'output', 'outputWritten', 'durationSeconds', 'counts', 'rules', 'diagnostics']);
  });

  it('ends stderr with the summary line when stderr is no terminal, and the report agrees with it', async () => {
    const report = path.join(work, 'summary.json');
    const run = await runCli(['notes', '--report', report, '--no-cache'], { cwd: work });
    expect(run.exitCode).toBe(1);
    const last = run.stderr.trimEnd().split('\n').pop()!;
    expect(last).toMatch(SUMMARY);
    expect(last).toMatch(/^ingest: 3 documents: 2 written, 1 not ingested · 0 highlights · 1 warning · 1 error · /);
    expect(readReport(report)).toMatchObject({ output: null, counts: { documents: 3, written: 2, notIngested: 1 } });
  });

  it('is never read back as a note, and refuses a report that is the output or in no folder', async () => {
    const report = path.join(notes, 'report.json');
    const first = await runCli(['notes', '--include', '*.json', '--include', '*.md', '--report', report, '--no-cache', '--format', 'ndjson'], { cwd: work });
    const second = await runCli(['notes', '--include', '*.json', '--include', '*.md', '--report', report, '--no-cache', '--format', 'ndjson'], { cwd: work });
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).not.toContain('report.json');
    fs.rmSync(report);
    expect((await runCli(['notes', '-o', 'same.json', '--report', 'same.json'], { cwd: work })).exitCode).toBe(2);
    const missing = await runCli(['notes', '--report', 'no/such/folder/run.json'], { cwd: work });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/cannot write the report no\/such\/folder\/run\.json: folder no\/such\/folder does not exist/);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`is written on ${signal} with "interrupted": true, and stderr says what was left as it was`, async () => {
      const dir = path.join(work, `interrupted-${signal}`);
      fs.mkdirSync(dir);
      const out = path.join(dir, 'digest.md');
      const report = path.join(dir, 'run.json');
      fs.writeFileSync(out, 'previous digest\n');
      const child = spawn(process.execPath, [BIN, big, '--format', 'md', '-o', out, '--report', report, '--no-cache', '--jobs', '1'], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: TEST_CACHE },
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      // Progress: the first note's warning is on stderr, so the run is reading notes.
      const deadline = Date.now() + 20_000;
      while (!stderr.includes('yaml-syntax') && child.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(fs.readFileSync(out, 'utf8')).toBe('previous digest\n');
      expect(fs.readdirSync(dir).sort()).toEqual(['digest.md', 'run.json']);
      const json = readReport(report);
      expect(json).toMatchObject({ exitCode: code, interrupted: true, signal, output: out, outputWritten: false, rules: { warning: { 'yaml-syntax': 1 } } });
      expect(json.counts.files.found).toBe(2001);
      expect(json.counts.files.read).toBeGreaterThan(0);
      expect(json.counts.files.read).toBeLessThan(2001);
      const last = stderr.trimEnd().split('\n').pop()!;
      expect(last).toBe(`ingest: interrupted by ${signal}: digest.md left as it was; ${json.counts.files.read} of 2001 files read; report written to run.json`);
    }, 60_000);
  }
});
