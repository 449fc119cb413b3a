/**
 * Large real exports parse completely, in time linear in their size, and
 * every path (one file, stdin, --jobs 1, a folder) has a time limit. Run
 * through the real binary.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-large-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A Readwise export as the Obsidian plugin writes it: every other highlight has a note, every third the [[favorite]] tag. */
function readwiseExport(count: number): string {
  const lines = ['---', 'title: A Large Export', '---', '# A Large Export', '', '## Highlights', ''];
  for (let i = 0; i < count; i++) {
    lines.push(`- Highlight number ${i}, a sentence of some length about reading. ([View Highlight](https://read.readwise.io/read/01h${String(i).padStart(23, '0')}))`);
    if (i % 2 === 0) lines.push(`    - Note: a note on highlight ${i}`);
    if (i % 3 === 0) lines.push('    - Tags: [[favorite]] ');
  }
  return `${lines.join('\n')}\n`;
}

const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line));

describe('large exports', () => {
  const big = path.join(work, 'A Large Export.md');
  fs.writeFileSync(big, readwiseExport(9000));

  it('reads all 9,000 highlights of a 1.5 MB export with nested notes and 3,000 [[favorite]] tags, alone and with --jobs 1', async () => {
    for (const args of [[big], [big, '--jobs', '1']]) {
      const run = await runCli([...args, '--no-cache', '-f', 'ndjson']);
      expect(run.exitCode).toBe(0);
      const [record] = lines(run.stdout);
      expect([record.kind, record.highlights.length, record.diagnostics]).toEqual(['highlights', 9000, []]);
      expect(record.highlights.filter((highlight: { note: string | null }) => highlight.note !== null)).toHaveLength(4500);
      expect(record.highlights.filter((highlight: { tags: string[] }) => highlight.tags.includes('favorite'))).toHaveLength(3000);
    }
  });
  it('reads it in a folder of other notes (the worker pool) the same way', async () => {
    const folder = path.join(work, 'vault');
    fs.mkdirSync(folder);
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(folder, `note ${i}.md`), `# Note ${i}\n\nText.\n`);
    fs.copyFileSync(big, path.join(folder, 'A Large Export.md'));
    const run = await runCli([folder, '--no-cache', '-f', 'ndjson']);
    const record = lines(run.stdout).find((item) => item.title === 'A Large Export');
    expect([record.kind, record.highlights.length]).toEqual(['highlights', 9000]);
  });
  it('reads 2 MB of backtick runs that no run closes without quadratic time', async () => {
    const ticks = path.join(work, 'ticks.md');
    fs.writeFileSync(ticks, `# Ticks\n\n${Array.from({ length: 2000 }, (_, i) => `x${'`'.repeat(1 + i)}`).join(' ')}\n`);
    const run = await runCli([ticks, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const [record] = lines(run.stdout);
    expect([record.kind, record.title, record.diagnostics]).toEqual(['markdown', 'Ticks', []]);
    expect(record.text.length).toBeGreaterThan(2_000_000);
  });
  it('stops parsing one file, or stdin, at --time-limit and reads it block by block: its highlights are kept', async () => {
    const slow = `# Slow\n\n## Highlights\n\n- Kept. ([View Highlight](https://read.readwise.io/read/01slow))\n\n${'*a '.repeat(200_000)}\n`;
    const file = path.join(work, 'slow.md');
    fs.writeFileSync(file, slow);
    // No grace after the limit: the one paragraph is parsed in one step, which only the worker's stop can end, on any machine's speed.
    const env = { INGEST_STOP_GRACE_MS: '0' };
    for (const run of [await runCli([file, '--no-cache', '-f', 'ndjson', '--time-limit', '0.2'], { env }), await runCli(['-', '-f', 'ndjson', '--time-limit', '0.2'], { input: slow, env })]) {
      expect(run.exitCode).toBe(0);
      const [record] = lines(run.stdout);
      expect([record.kind, record.highlights.map((highlight: { text: string }) => highlight.text)]).toEqual(['highlights', ['Kept.']]);
      expect(run.stderr).toMatch(/warning {2}parsing took too long or failed .*read the document block by block.* {2}markdown-timeout$/m);
    }
  });
  it('refuses a time limit that is not a number of seconds', async () => {
    const run = await runCli(['seeds', '--time-limit', '0x10']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/--time-limit takes seconds/);
  });
});
