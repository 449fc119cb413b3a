#!/usr/bin/env node
// Whether two builds of ingest give the same bytes: on every fixture, the
// seeds, ../shared/realworld (when present) and a generated corpus, in every
// output format and with --merge. For a refactoring that must change no
// output (and to see exactly what a change of behaviour changes).
//
//   node bench/same-output.mjs --before OTHER/bin/ingest.js [--after bin/ingest.js] [--docs 3000]
//
// Prints one line per input set and output, `same` or `DIFFERENT` with the
// first differing line; exits 1 when anything differs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const before = option('--before', null);
const after = path.resolve(option('--after', path.join(root, 'bin', 'ingest.js')));
const docs = Number(option('--docs', 3000));
if (!before) {
  console.error('usage: same-output.mjs --before OTHER/bin/ingest.js [--after bin/ingest.js] [--docs 3000]');
  process.exit(2);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-same-'));
const corpus = path.join(work, 'corpus');
const maker = fs.existsSync(path.join(root, '..', 'shared', 'bench', 'make-corpus.mjs')) ? path.join(root, '..', 'shared', 'bench', 'make-corpus.mjs') : path.join(root, 'bench', 'make-corpus.mjs');
spawnSync(process.execPath, [maker, corpus, '--docs', String(docs)], { stdio: 'ignore' });

const realworld = path.join(root, '..', 'shared', 'realworld');
// The files walked before the format registry (#23), so that two builds read the same files: since then a
// walk also reads the .csv and .json files a format claims (the fixtures' own CSV and JSON exports among them).
const NOTES = ['--include', '*.md', '--include', '*.markdown', '--include', '*.txt'];
const sets = [
  ['fixtures', ['fixtures', '--exclude', 'SOURCES.md', '--exclude', 'expected.md', ...NOTES]],
  ['fixture exports (csv, json)', ['fixtures/readwise-csv', 'fixtures/readwise-json', '--include', '*.csv', '--include', '*.json', '--exclude', 'expected.json', '--exclude', 'paths.json']],
  ['seeds', ['seeds', ...NOTES]],
  ...(fs.existsSync(realworld) ? [['realworld', [realworld, ...NOTES]]] : []),
  [`corpus of ${docs}`, [corpus, ...NOTES]],
];
const outputs = [
  ['json', ['-f', 'json']],
  ['ndjson', ['-f', 'ndjson']],
  ['md', ['-f', 'md']],
  ['json --merge', ['-f', 'json', '--merge']],
  ['md --no-merge', ['-f', 'md', '--no-merge']],
];

let different = 0;
for (const [setName, inputs] of sets) {
  for (const [outputName, flags] of outputs) {
    const run = (bin) => spawnSync(process.execPath, [bin, ...inputs, ...flags, '--no-cache', '--quiet'], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
    const a = run(before);
    const b = run(after);
    const same = a.stdout === b.stdout && a.status === b.status;
    if (same) {
      console.log(`same       ${setName} · ${outputName} (${a.stdout.length} bytes, exit ${a.status})`);
      continue;
    }
    different += 1;
    const linesA = a.stdout.split('\n');
    const linesB = b.stdout.split('\n');
    let line = 0;
    while (line < linesA.length && linesA[line] === linesB[line]) line += 1;
    console.log(`DIFFERENT  ${setName} · ${outputName}: exit ${a.status} → ${b.status}; line ${line + 1}:\n  - ${(linesA[line] ?? '').slice(0, 300)}\n  + ${(linesB[line] ?? '').slice(0, 300)}`);
  }
}
fs.rmSync(work, { recursive: true, force: true });
console.log(different === 0 ? 'all outputs are the same' : `${different} outputs differ`);
process.exitCode = different === 0 ? 0 : 1;
