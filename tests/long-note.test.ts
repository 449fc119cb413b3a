/**
 * Long notes (issue #22 item 5): the note of `npm run bench:hostile`
 * (bench/long-note.mjs: headings, paragraphs with links, emphasis and code
 * spans, lists, quotes, ordered lists, fenced code) is built by the fast
 * path from its first byte to its last, remark never started, and ingest
 * writes the same bytes for it as with `INGEST_PARSER=remark`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the benchmarks, without types
import { longNote } from '../bench/long-note.mjs';
import { Messages } from '../src/messages.js';
import { fastBlocks } from '../src/parse/fast-blocks.js';
import { parseFrontmatter } from '../src/parse/frontmatter.js';
import { parserMeter, parseMarkdown, parseWhole } from '../src/parse/markdown.js';
import { runCli, scratch, withoutSummary } from './helpers.js';

const { folder } = scratch('long-note');
const makeNote = longNote as (bytes: number, code?: boolean) => string;

function bodyOf(text: string): string {
  return parseFrontmatter(text, new Messages()).body;
}

describe('a long note', () => {
  for (const code of [true, false]) {
    it(`is built by the fast path alone, as remark-parse builds it (${code ? 'with' : 'without'} code blocks)`, () => {
      // Small enough for remark to parse whole in reasonable time.
      const body = bodyOf(makeNote(48 * 1024, code));
      const runs = fastBlocks(body);
      // The blank line after the frontmatter is no block.
      expect(body.slice(0, runs[0]!.start).trim()).toBe('');
      expect(runs[runs.length - 1]!.end).toBe(body.length);
      runs.slice(1).forEach((run, index) => expect(run.start, `run ${index + 1}`).toBe(runs[index]!.end));
      expect(new Set(runs.map((run) => run.node.type))).toEqual(new Set(['heading', 'paragraph', 'list', 'blockquote', ...(code ? ['code'] : [])]));
      const meter = parserMeter();
      const tree = parseMarkdown(body, undefined, meter);
      expect(meter.remarkBytes).toBe(0);
      expect(meter.blocks).toBe(runs.length);
      expect(tree).toEqual(parseWhole(body));
    });
  }

  it('of 1 MB gives the same records from the command line with INGEST_PARSER=remark and without', async () => {
    const dir = folder('notes');
    fs.writeFileSync(path.join(dir, 'long.md'), makeNote(1024 * 1024));
    fs.writeFileSync(path.join(dir, 'prose.md'), makeNote(256 * 1024, false));
    const args = [dir, '--no-cache', '--format', 'ndjson'];
    const [fast, remark] = await Promise.all([runCli(args), runCli(args, { env: { INGEST_PARSER: 'remark' } })]);
    expect(fast.exitCode).toBe(0);
    expect(fast.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(fast.stdout).toBe(remark.stdout);
    expect(withoutSummary(fast.stderr)).toBe(withoutSummary(remark.stderr));
  }, 120_000);
});
