/**
 * Parallel parsing (issue #7): the same bytes with one worker and many,
 * in input order; a file that takes too long in a worker is read again as
 * plain text; a progress line only in a terminal.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Library from '../src/index.js';
import { ROOT, hasCommand, runCli, withoutSummary } from './helpers.js';

let corpus: string;
beforeAll(() => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-parallel-'));
  corpus = path.join(root, 'corpus');
  execFileSync(process.execPath, [path.join(ROOT, 'bench', 'make-corpus.mjs'), corpus, '--docs', '400'], { stdio: 'ignore' });
});
afterAll(() => fs.rmSync(path.dirname(corpus), { recursive: true, force: true }));

describe('workers', () => {
  it('give byte-identical output with one worker and with many, in every format', async () => {
    // INGEST_POOL_BYTES=0: workers from the first file, not only once remark has much to parse.
    for (const format of ['ndjson', 'json', 'md']) {
      const args = (jobs: string): string[] => [corpus, 'seeds', 'fixtures', '--no-cache', '--format', format, '--jobs', jobs];
      const runs = await Promise.all([runCli(args('1')), runCli(args('3'), { env: { INGEST_POOL_BYTES: '0' } })]);
      expect(runs[0]!.stdout.length).toBeGreaterThan(10_000);
      expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
      expect(withoutSummary(runs[1]!.stderr)).toBe(withoutSummary(runs[0]!.stderr));
    }
    // And as a run decides for itself, starting workers part of the way through or never.
    const [one, many] = await Promise.all(['1', '3'].map((jobs) => runCli([corpus, 'seeds', 'fixtures', '--no-cache', '--format', 'ndjson', '--jobs', jobs], { env: { INGEST_POOL_BYTES: '20000' } })));
    expect(many!.stdout).toBe(one!.stdout);
    expect(withoutSummary(many!.stderr)).toBe(withoutSummary(one!.stderr));
  }, 180_000);

  it('read a file that takes too long in a worker again block by block, with a warning: its highlights are still read', async () => {
    const { ingest } = (await import(path.join(ROOT, 'dist', 'index.js'))) as typeof Library;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-budget-'));
    try {
      for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `n${String(i).padStart(2, '0')}.md`), `# Note ${i}\n`);
      // Slow for micromark (one paragraph: no piece boundary where the deadline could stop it) but within the nesting and bracket guards.
      fs.writeFileSync(
        path.join(dir, 'slow.md'),
        `# Slow\n\n## Highlights\n\n- A highlight. ([View Highlight](https://read.readwise.io/read/01slow))\n    - Note: kept\n\n${'*a '.repeat(200_000)}\n`,
      );
      const outcomes = [];
      // No grace after the limit: only the worker's stop ends a paragraph parsed in one step, whatever the machine's speed.
      process.env['INGEST_STOP_GRACE_MS'] = '0';
      try {
        for await (const outcome of ingest(['.'], { cwd: dir, jobs: 2, parseBudgetMs: 200 })) outcomes.push(outcome);
      } finally {
        delete process.env['INGEST_STOP_GRACE_MS'];
      }
      expect(outcomes.map((outcome) => outcome.path)).toEqual([...Array.from({ length: 20 }, (_, i) => `n${String(i).padStart(2, '0')}.md`), 'slow.md']);
      const slow = outcomes[20]!;
      expect([slow.record!.kind, slow.record!.title]).toEqual(['highlights', 'Slow']);
      expect(slow.record!.highlights.map((highlight) => [highlight.text, highlight.note])).toEqual([['A highlight.', 'kept']]);
      // The pathological paragraph is kept, as plain text.
      expect(slow.record!.text).toMatch(/^\*a \*a /);
      expect(slow.diagnostics.map((d) => d.rule)).toEqual(['markdown-timeout']);
      expect(outcomes.slice(0, 20).every((outcome) => outcome.diagnostics.length === 0)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

const hasScript = hasCommand('script');

describe('progress', () => {
  it.skipIf(!hasScript)('shows files done, rate and time left in a terminal after a second, never on a pipe', async () => {
    const out = path.join(path.dirname(corpus), 'progress.json');
    const big = path.join(path.dirname(corpus), 'big');
    execFileSync(process.execPath, [path.join(ROOT, 'bench', 'make-corpus.mjs'), big, '--docs', '3000'], { stdio: 'ignore' });
    const tty = await runCli([], { shell: `script -qec "node bin/ingest.js ${big} --no-cache --jobs 1 -o ${out}" /dev/null`, env: { CI: '' } });
    expect(tty.stdout).toMatch(/\[[#-]{20}\] \d+\/\d+ files · \d+\/s · \d+s left/);
    const piped = await runCli([big, '--no-cache', '-o', out]);
    expect(piped.stderr).not.toContain('files ·');
  }, 120_000);
});
