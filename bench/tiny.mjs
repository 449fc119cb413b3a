#!/usr/bin/env node
// npm run bench:tiny: the cache against --no-cache on many tiny notes (#13, #16:
// the cache must never make a run slower, on any corpus shape). Generates N
// one-line notes in 200 folders, then measures, interleaved: --no-cache, a
// run with an empty cache (it fills it) and a warm run; prints
// ratios against --no-cache from the same run, and the cache's size on disk.
// Notes this small are cached only when a run has at most 2,000 of them
// (cache.ts, SMALL_LIMIT), so with --notes above that both cache runs do the
// work of --no-cache plus looking nothing up.
//
//   npm run bench:tiny                      # 200,000 notes
//   node bench/tiny.mjs --notes 20000 --reps 1
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'ingest.js');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const NOTES = option('--notes', 200000);
const REPS = option('--reps', 3);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-bench-tiny-'));
const notes = path.join(root, 'notes');
for (let i = 0; i < NOTES; i++) {
  const folder = path.join(notes, String(i % 200).padStart(3, '0'));
  if (i < 200) fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `note-${i}.md`), `# Note ${i}\n\nA short thought about topic ${i % 97}.\n`);
}

const time = (extra) => {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, notes, '--format', 'ndjson', ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`ingest exited ${run.status}`);
  return (performance.now() - started) / 1000;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const none = [];
const empty = [];
const warm = [];
// The machine drifts within a minute: the --no-cache run takes each place in turn (before, between, after).
for (let rep = 0; rep < REPS; rep++) {
  const cache = path.join(root, `cache-${rep}`);
  const steps = [() => empty.push(time(['--cache', cache])), () => warm.push(time(['--cache', cache]))];
  steps.splice(rep % 3, 0, () => none.push(time(['--no-cache'])));
  for (const step of steps) step();
}
const size = execFileSync('du', ['-sk', path.join(root, 'cache-0')], { encoding: 'utf8' }).split('\t')[0];
const base = median(none);
console.log(`${NOTES} tiny notes, ${os.cpus().length} cores, medians of ${REPS}`);
console.log(`  --no-cache        ${base.toFixed(2)} s   1.00`);
console.log(`  empty cache       ${median(empty).toFixed(2)} s   ${(median(empty) / base).toFixed(2)}`);
console.log(`  warm cache        ${median(warm).toFixed(2)} s   ${(median(warm) / base).toFixed(2)}`);
console.log(`  cache on disk     ${(Number(size) / 1024).toFixed(1)} MB`);
fs.rmSync(root, { recursive: true, force: true });
