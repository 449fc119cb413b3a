/**
 * Bad input (issue #6): every kind gets a clear diagnostic at the right
 * place, the run goes on, nothing runs, and no document is lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { DEFAULT_INCLUDE, isOptional } from '../src/formats/registry.js';
import { detect, detectBytes } from '../src/formats/readers.js';
import type { Outcome } from '../src/process.js';
import { ROOT, collect, runCli } from './helpers.js';

type Expected = { record: boolean; diagnostics: Array<[severity: string, rule: string, line: number | null]> };

const BAD: Record<string, Expected> = {
  'binary.md': { record: false, diagnostics: [['error', 'binary-file', null]] },
  'control-chars.txt': { record: false, diagnostics: [['error', 'binary-file', null]] },
  'empty.md': { record: true, diagnostics: [['warning', 'empty-document', 1]] },
  'only-frontmatter.md': { record: true, diagnostics: [] },
  'unterminated.md': { record: true, diagnostics: [['warning', 'frontmatter-unterminated', 1]] },
  'not-mapping-string.md': { record: true, diagnostics: [['warning', 'frontmatter-not-mapping', 2]] },
  'not-mapping-list.md': { record: true, diagnostics: [['warning', 'frontmatter-not-mapping', 2]] },
  'duplicate-keys.md': { record: true, diagnostics: [['warning', 'yaml-duplicate-key', 3]] },
  'yaml-error.md': { record: true, diagnostics: [['warning', 'yaml-syntax', 4]] },
  'js.md': { record: true, diagnostics: [['error', 'frontmatter-language', 1]] },
  'javascript.md': { record: true, diagnostics: [['error', 'frontmatter-language', 1]] },
  'coffee.md': { record: true, diagnostics: [['error', 'frontmatter-language', 1]] },
  'alias-bomb.md': { record: true, diagnostics: [['warning', 'yaml-alias-limit', 3]] },
  'deep-list.md': { record: true, diagnostics: [['warning', 'markdown-too-complex', 1]] },
  'latin1-frontmatter.md': { record: true, diagnostics: [['warning', 'not-utf8', 2]] },
  'crlf-frontmatter.md': { record: true, diagnostics: [] },
};

describe('bad inputs', async () => {
  const outcomes = await collect(['fixtures/bad-inputs']);
  const byName = (name: string) => outcomes.filter((outcome) => outcome.path === `fixtures/bad-inputs/${name}`);

  for (const [name, expected] of Object.entries(BAD)) {
    it(`${name}: ${expected.diagnostics.map(([, rule]) => rule).join(', ') || 'no diagnostic'}${expected.record ? '' : ', no record'}`, () => {
      const [outcome, ...more] = byName(name);
      expect(more).toEqual([]);
      expect(outcome!.record !== null).toBe(expected.record);
      expect(outcome!.diagnostics.map((d) => [d.severity, d.rule, d.line])).toEqual(expected.diagnostics);
    });
  }

  it('reads the rest of such a file: titles from the body, values decoded', () => {
    expect(byName('js.md')[0]!.record!.title).toBe('JS Frontmatter');
    expect(byName('only-frontmatter.md')[0]!.record).toMatchObject({ title: 'Only Frontmatter', authors: ['Ann Author'], text: '' });
    expect(byName('latin1-frontmatter.md')[0]!.record!.title).toBe('Café Notes');
    expect(byName('crlf-frontmatter.md')[0]!.record).toMatchObject({ title: 'Windows Note', text: 'Body.' });
    expect(byName('alias-bomb.md')[0]!.record!.extra).toEqual({ a: Array(9).fill('lol') });
    expect(byName('deep-list.md')[0]!.record!.text.length).toBeGreaterThan(16000);
  });

  it('runs nothing from a note', () => {
    expect(fs.existsSync('/tmp/ingest-pwned')).toBe(false);
    expect((globalThis as { __ingestPwned?: unknown }).__ingestPwned).toBeUndefined();
  });

  it('keeps the empty documents of a bundle of delimiters, with warnings at their lines', () => {
    expect(byName('bundle-of-delimiters-only.txt').map((outcome) => outcome.diagnostics.map((d) => [d.rule, d.line]))).toEqual([
      [['empty-document', 1]],
      [['empty-document', 2]],
    ]);
  });
});

/** Every document found is a record written or a document reported with an error. */
function accountsForEverything(outcomes: Outcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.record === null) expect(outcome.diagnostics.some((d) => d.severity === 'error'), outcome.path).toBe(true);
  }
}

describe('nothing is lost', () => {
  const fixtures = fs.readdirSync(path.join(ROOT, 'fixtures')).sort();
  for (const name of fixtures) {
    it(`fixtures/${name}: documents found = records + documents reported as errors`, async () => {
      const list = path.join(ROOT, 'fixtures', name, 'paths.json');
      const paths = fs.existsSync(list) ? (JSON.parse(fs.readFileSync(list, 'utf8')) as string[]) : [`fixtures/${name}`];
      const outcomes = await collect(paths, { exclude: ['SOURCES.md'] });
      accountsForEverything(outcomes);
      // Each bundle delimiter and each plain file is one document (which may hold many works: a Kindle file's books).
      const files = (fs.readdirSync(path.join(ROOT, 'fixtures', name), { recursive: true }) as string[])
        .filter((file) => fs.statSync(path.join(ROOT, 'fixtures', name, file)).isFile())
        // Golden outputs (expected.*, merged.json) and the sources list are never input.
        .filter((file) => !['SOURCES.md', 'paths.json', 'merged.json'].includes(path.basename(file)) && !/^expected\./.test(path.basename(file)))
        // What discovery reads (the registry's claims): a file only specific readers claim (a .json, a .csv, an .html) counts when it is named (paths.json) or a reader of it accepts it.
        .filter((file) => DEFAULT_INCLUDE.some((glob) => picomatch.isMatch(path.basename(file), glob, { nocase: true })))
        .filter((file) => {
          if (!isOptional(file) || fs.existsSync(list)) return true;
          const bytes = fs.readFileSync(path.join(ROOT, 'fixtures', name, file));
          return detectBytes(file, bytes) !== null || detect({ name: file, text: bytes.toString('utf8') }, true) !== null;
        });
      let expected = 0;
      for (const file of files) {
        const text = fs.readFileSync(path.join(ROOT, 'fixtures', name, file), 'latin1');
        const delimiters = text.split(/\r?\n/).filter((line) => /^\s*<<<FILE(:[^>]*)?>>>\s*$/.test(line)).length;
        expected += Math.max(1, delimiters);
      }
      if (name === 'seeds' || name === 'digest-seeds') expected = 5;
      const documents = new Set(outcomes.map((outcome, index) => (outcome.record ? `${outcome.path}\0${outcome.record.source.bundle?.index ?? ''}` : `${outcome.path}\0error ${index}`)));
      expect(documents.size).toBe(expected);
    });
  }

  it('says so in the summary: documents = written + not ingested', async () => {
    const run = await runCli([], { shell: `script -qec "node bin/ingest.js fixtures/bad-inputs --no-cache -o /dev/null" /dev/null` });
    // The device is written into, never replaced by a file.
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(fs.existsSync('/dev/null.lock')).toBe(false);
    expect(run.stdout).toMatch(/ingest: 18 documents: 16 written, 2 not ingested/);
  });
});

describe('folders', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-folders-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads names with spaces, #, emoji and 250 bytes', async () => {
    const long = `${'n'.repeat(247)}.md`;
    for (const name of ['with space.md', '#hash.md', '🚀 rocket.md', long]) fs.writeFileSync(path.join(root, name), `# ${name.slice(0, 20)}\n`);
    const outcomes = await collect(['.'], { cwd: root });
    expect(outcomes.map((outcome) => outcome.path).sort()).toEqual(['#hash.md', 'with space.md', long, '🚀 rocket.md'].sort());
    expect(outcomes.every((outcome) => outcome.record !== null)).toBe(true);
  });

  it('reports a file that vanished during the run and goes on', async () => {
    const dir = path.join(root, 'vanish');
    fs.mkdirSync(dir);
    const names = Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, '0')}.md`);
    for (const name of names) fs.writeFileSync(path.join(dir, name), `# ${name}\n`);
    const seen: string[] = [];
    for await (const outcome of (await import('../src/index.js')).ingest(['.'], { cwd: dir })) {
      seen.push(`${outcome.path} ${outcome.record ? 'record' : outcome.diagnostics[0]!.message}`);
      // Files are read a few ahead; the last one is far enough away to vanish before it is read.
      if (outcome.path === 'n00.md') fs.rmSync(path.join(dir, 'n11.md'));
    }
    expect(seen).toEqual([...names.slice(0, 11).map((name) => `${name} record`), 'n11.md could not read: the file vanished during the run (ENOENT)']);
  });

  it('skips a file over --max-bytes with an error and reads the rest', async () => {
    const dir = path.join(root, 'large');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(5000));
    fs.writeFileSync(path.join(dir, 'small.txt'), 'small note\n');
    const run = await runCli(['.', '--max-bytes', '4k', '--format', 'ndjson'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^big\.txt {2}error {2}the file \(5000 bytes\) is more than --max-bytes 4096; skipped .* {2}too-large$/m);
    expect((await runCli(['.', '--max-bytes', 'lots'], { cwd: dir })).exitCode).toBe(2);
    const stdin = await runCli(['-', '--max-bytes', '100'], { input: 'y'.repeat(500) });
    expect(stdin.stderr).toMatch(/^- {2}error {2}stdin is more than --max-bytes 100/m);
  });
});

describe('output failures', () => {
  it('treats an unwritable -o path as a usage error with a clear message', async () => {
    const run = await runCli(['seeds', '-o', '/proc/ingest/out.json']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^ingest: cannot write \/proc\/ingest\/out\.json: /m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
