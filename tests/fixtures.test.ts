/**
 * Fixture cases: each folder under fixtures/ holds input files and the JSON
 * `ingest` must produce for them (expected.json, or expected.md for a
 * golden Markdown digest). `UPDATE=1 npm test`
 * rewrites the expected files; a normal run compares bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Merger } from '../src/merge.js';
import { RecordSchema } from '../src/schema.js';
import { emitHtml } from '../src/emit/html.js';
import { emitMarkdown } from '../src/emit/markdown.js';
import { ROOT, collect, emitText, jsonText } from './helpers.js';

const FIXTURES = path.join(ROOT, 'fixtures');
const update = process.env['UPDATE'] === '1';

/** A case reads its own folder, or the folders named in its `paths.json` (the seeds case reads `seeds/`). */
function casePaths(directory: string): string[] {
  const list = path.join(directory, 'paths.json');
  if (fs.existsSync(list)) return JSON.parse(fs.readFileSync(list, 'utf8')) as string[];
  return [path.relative(ROOT, directory)];
}

const cases = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The day golden digests are of, and their review: the same bytes on any day the tests run. */
const DIGEST_DAY = { today: '2026-12-06', review: 5 };

describe('fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(3);
  });
  for (const name of cases) {
    it(name, async () => {
      const directory = path.join(FIXTURES, name);
      // SOURCES.md says where a case's inputs came from: it is no input.
      const outcomes = await collect(casePaths(directory), { exclude: ['SOURCES.md'] });
      const list = outcomes.flatMap((outcome) => (outcome.record ? [outcome.record] : []));
      for (const record of list) RecordSchema.parse(record);
      // A case with expected.md is a golden digest, Markdown and HTML (expected.html), of one fixed day with its review; the others compare JSON.
      const digest = fs.existsSync(path.join(directory, 'expected.md'));
      const actual = digest ? await emitText(emitMarkdown, list, DIGEST_DAY) : await jsonText(list);
      const expectedFile = path.join(directory, digest ? 'expected.md' : 'expected.json');
      if (update || !fs.existsSync(expectedFile)) {
        if (!update) throw new Error(`${expectedFile} is missing: run UPDATE=1 npm test and review it`);
        fs.writeFileSync(expectedFile, actual);
      }
      expect(actual).toBe(fs.readFileSync(expectedFile, 'utf8'));
      if (digest) {
        const page = await emitText(emitHtml, list, DIGEST_DAY);
        const pageFile = path.join(directory, 'expected.html');
        if (update) fs.writeFileSync(pageFile, page);
        expect(page).toBe(fs.readFileSync(pageFile, 'utf8'));
      }
      // A merge case (merge-*) also holds what --merge makes of its documents: merged.json.
      if (name.startsWith('merge-')) {
        const merger = new Merger();
        for (const record of list) merger.add(record);
        const merged = [...merger.merged()];
        for (const record of merged) RecordSchema.parse(record);
        const mergedText = await jsonText(merged);
        const mergedFile = path.join(directory, 'merged.json');
        if (update) fs.writeFileSync(mergedFile, mergedText);
        expect(mergedText).toBe(fs.readFileSync(mergedFile, 'utf8'));
      }
    });
  }
});
