/**
 * Real exports from other people's vaults (../shared/realworld, listed in
 * its MANIFEST.tsv): every Readwise-kind file yields a title and as many
 * highlights as it has highlight items.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordSchema } from '../src/schema.js';
import { ROOT, collect } from './helpers.js';

const REALWORLD = path.resolve(ROOT, '..', 'shared', 'realworld');
const MANIFEST = path.join(REALWORLD, 'MANIFEST.tsv');
const present = fs.existsSync(MANIFEST);

const READWISE_KINDS = /^(readwise-|reader-|custom-frontmatter)/;

// Skipped, with this name saying why, on a checkout without ../shared.
describe.skipIf(!present)(`real-world exports${present ? '' : ` (skipped: ${MANIFEST} is absent)`}`, async () => {
  const rows = present
    ? fs
        .readFileSync(MANIFEST, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
        .map(([file, , , , kind, , highlights]) => ({ file: file!, kind: kind!, highlights: Number(highlights) }))
    : [];
  const outcomes = present ? await collect(['.'], { cwd: REALWORLD }) : [];
  const byPath = new Map(outcomes.map((outcome) => [outcome.path, outcome]));

  it('ingests every file listed, and nothing is lost', () => {
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) expect(byPath.has(row.file), row.file).toBe(true);
    for (const outcome of outcomes) if (outcome.record) RecordSchema.parse(outcome.record);
  });

  for (const row of rows.filter((r) => r.kind === 'plain-article')) {
    it(`${row.file}: a web clipping with its title, author and source`, () => {
      const record = byPath.get(row.file)?.record;
      expect(record!.title).toBeTruthy();
      expect(record!.authors).toEqual(['Steph Ango']);
      expect(record!.url).toMatch(/^https:\/\/stephango\.com\//);
      expect(record!.text.length).toBeGreaterThan(500);
    });
  }

  for (const row of rows.filter((r) => READWISE_KINDS.test(r.kind))) {
    it(`${row.file}: a title and ${row.highlights} highlights`, () => {
      const record = byPath.get(row.file)?.record;
      expect(record).toBeTruthy();
      expect(record!.title).toBeTruthy();
      expect(record!.highlights).toHaveLength(row.highlights);
      if (row.highlights > 0) expect(record!.kind).toBe('highlights');
    });
  }
});
