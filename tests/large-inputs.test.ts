/**
 * Hostile sizes (issue #22): a frontmatter of tens of thousands of keys is
 * parsed within the time limit, a long note that outlasts it keeps what was
 * parsed before it, and a note read block by block is cut into blocks after
 * a code block too. Run through the real binary; what is asserted is the
 * output's shape, not a time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-large-inputs-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const only = (stdout: string) => {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
};
const rules = (record: { diagnostics: Array<{ rule: string; line: number | null; column: number | null }> }) =>
  record.diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.line, diagnostic.column]);

/** A Readwise export whose highlights hold `_emphasis_`, so that remark (not the fast path, which reads only `*emphasis*`) parses them. */
function readwiseExport(count: number): string {
  const lines = ['---', 'title: A Long Export', '---', '# A Long Export', '', '## Highlights', ''];
  for (let i = 0; i < count; i++) lines.push(`- Highlight _${i}_, a sentence of some length about reading. ([View Highlight](https://read.readwise.io/read/01h${String(i).padStart(23, '0')}))`);
  return `${lines.join('\n')}\n`;
}

describe('large inputs', () => {
  it('parse a frontmatter of 60,000 keys inside the time limit: every key kept, a duplicate warned at its line', async () => {
    const lines = ['---', 'title: Many keys'];
    for (let i = 0; i < 60_000; i++) lines.push(`key${i}: value ${i}`);
    lines.push('key5: again', '---', '# Many keys', '', 'A short body.', '');
    const file = path.join(work, 'many-keys.md');
    fs.writeFileSync(file, lines.join('\n'));
    // Comparing each key with every key before it took 20 s and more here: past the limit, and read again in the main thread.
    const run = await runCli([file, '--no-cache', '-f', 'ndjson', '--time-limit', '15']);
    expect(run.exitCode).toBe(0);
    const record = only(run.stdout);
    expect(rules(record)).toEqual([['yaml-duplicate-key', 60_003, 1]]);
    expect(record.title).toBe('Many keys');
    expect(record.extra.key59999).toBe('value 59999');
    expect(record.extra.key5).toBe('again');
  }, 120_000);

  it('keep what was parsed when a long note outlasts --time-limit, and read the rest without the parser, with the line it stopped at', async () => {
    const count = 60_000;
    const file = path.join(work, 'long-export.md');
    fs.writeFileSync(file, readwiseExport(count));
    const run = await runCli([file, '--no-cache', '-f', 'ndjson', '--time-limit', '1.5']);
    expect(run.exitCode).toBe(0);
    const record = only(run.stdout);
    const [timeout] = record.diagnostics;
    expect(record.diagnostics).toHaveLength(1);
    expect(timeout.rule).toBe('markdown-timeout');
    expect(timeout.message).toMatch(/^parsing took longer than the time limit; from here on .*what was parsed before is kept/);
    // Highlights before that line were parsed, and are highlights; those after it are text.
    const first = 8;
    expect(timeout.line).toBeGreaterThan(first);
    expect(timeout.line).toBeLessThan(first + count);
    const parsed = timeout.line - first;
    expect(record.highlights.slice(0, parsed).map((highlight: { text: string }) => highlight.text)).toEqual(
      Array.from({ length: parsed }, (_, i) => `Highlight ${i}, a sentence of some length about reading.`),
    );
    // The rest is one paragraph of plain text (which the reader may take for one more highlight), not 60,000 highlights.
    expect(record.highlights.length).toBeLessThanOrEqual(parsed + 1);
    expect(JSON.stringify(record)).toContain(`- Highlight _${count - 1}_`);
  }, 120_000);

  it('read a note block by block after a code block too: its highlights are still read', async () => {
    // 2,001 link destinations never closed send the note to the block-by-block reader (guard.ts).
    const parts = ['# Guarded', '', '```js', 'const x = 1;', '```', ''];
    for (let i = 0; i < 800; i++) parts.push(`Paragraph ${i} with **bold** words about reading and memory, long enough to fill space.`, '');
    parts.push('## Highlights', '');
    for (let i = 0; i < 5; i++) parts.push(`- Highlight **${i}** here. ([View Highlight](https://read.readwise.io/read/01h${i}))`);
    parts.push('', `Broken ${'](x '.repeat(2001)}`, '');
    const file = path.join(work, 'guarded.md');
    fs.writeFileSync(file, parts.join('\n'));
    const run = await runCli([file, '--no-cache', '-f', 'ndjson']);
    const record = only(run.stdout);
    expect(rules(record)).toEqual([['markdown-too-complex', 1, 1]]);
    // Once a code block had closed, the rest was one piece, over 64 KiB, and so one plain paragraph.
    expect([record.kind, record.highlights.map((highlight: { text: string }) => highlight.text)]).toEqual(['highlights', [0, 1, 2, 3, 4].map((i) => `Highlight ${i} here.`)]);
  });
});
