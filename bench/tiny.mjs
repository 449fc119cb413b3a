#!/usr/bin/env node
// npm run bench:tiny: the cache against --no-cache on many tiny notes (#13, #16:
// the cache must never make a run slower, on any corpus shape). Generates N
// one-line notes in 200 folders, then measures, interleaved: --no-cache, a
// run with an empty cache, the run after it, and a warm run once the cache
// holds every note; prints ratios against --no-cache from the same run, and
// the cache's size on disk, and a second --no-cache run (how far apart two
// identical runs fall here). A run writes new entries of files this small for
// at most 2,000 more than the entries it found (cache.ts, SMALL_LIMIT): the
// first run caches 2,000 notes, the second 4,000 more, and so on until every
// note is (filled once, untimed, for the warm measure).
//
// It also profiles one more first run (--cpu-prof) and prints how much of
// it was spent in the cache's own code (cache.js, cache-writer.js and what
// they call): the cost of the cache without the machine's noise, which on
// these VMs is ±10% between two identical runs.
//
//   npm run bench:tiny                      # 200,000 notes
//   node bench/tiny.mjs --notes 20000 --reps 1
//   node bench/tiny.mjs --dir /dev/shm      # notes and caches on tmpfs: no page-cache reclaim between runs
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

const dir = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : os.tmpdir();
const root = fs.mkdtempSync(path.join(dir, 'ingest-bench-tiny-'));
const notes = path.join(root, 'notes');
for (let i = 0; i < NOTES; i++) {
  const folder = path.join(notes, String(i % 200).padStart(3, '0'));
  if (i < 200) fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, `note-${i}.md`), `# Note ${i}\n\nA short thought about topic ${i % 97}.\n`);
}

const time = (extra, node = []) => {
  const started = performance.now();
  const run = spawnSync(process.execPath, [...node, bin, notes, '--format', 'ndjson', '--quiet', ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`ingest exited ${run.status}`);
  return (performance.now() - started) / 1000;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const indexBytes = (folder) =>
  fs.readdirSync(folder, { recursive: true }).filter((name) => name.endsWith('.index')).reduce((total, name) => total + fs.statSync(path.join(folder, name)).size, 0);
// Untimed: the notes into the page cache, and a cache that holds all of them (runs until one writes nothing).
time(['--no-cache']);
const full = path.join(root, 'cache-full');
time(['--cache', full]);
let fills = 1;
for (let before = 0; fills < 30 && indexBytes(full) !== before; fills++) {
  before = indexBytes(full);
  time(['--cache', full]);
}

const none = [];
const empty = [];
const second = [];
const warm = [];
// The same run again, elsewhere in the order: how far apart two identical runs fall on this machine.
const again = [];
// The machine drifts within a minute: the --no-cache run takes each place in turn.
for (let rep = 0; rep < REPS; rep++) {
  const cache = path.join(root, `cache-${rep}`);
  const steps = [
    () => empty.push(time(['--cache', cache])),
    () => second.push(time(['--cache', cache])),
    () => again.push(time(['--no-cache'])),
    () => warm.push(time(['--cache', full])),
  ];
  steps.splice(rep % 5, 0, () => none.push(time(['--no-cache'])));
  for (const step of steps) step();
}
// The cache's own share of a first run: samples whose stack holds a frame of the cache's modules.
const profiles = path.join(root, 'profiles');
time(['--cache', path.join(root, 'cache-profiled')], ['--cpu-prof', '--cpu-prof-dir', profiles]);
const profile = JSON.parse(fs.readFileSync(path.join(profiles, fs.readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'))), 'utf8'));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const inCache = new Map();
const isCache = (id) => {
  if (inCache.has(id)) return inCache.get(id);
  const url = nodes.get(id).callFrame.url;
  const parent = parents.get(id);
  const result = /\/dist\/cache(?:-writer)?\.js$/.test(url) || (parent !== undefined && isCache(parent));
  inCache.set(id, result);
  return result;
};
let sampled = 0;
let cached = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  sampled += delta;
  if (isCache(id)) cached += delta;
});

const megabytes = (folder) => (Number(execFileSync('du', ['-sk', folder], { encoding: 'utf8' }).split('\t')[0]) / 1024).toFixed(1);
const base = median(none);
const line = (name, values) => console.log(`  ${name.padEnd(24)}${median(values).toFixed(2).padStart(6)} s   ${(median(values) / base).toFixed(2)}`);
console.log(`${NOTES} tiny notes in ${dir}, ${os.cpus().length} cores, medians of ${REPS}`);
line('--no-cache', none);
line('--no-cache again (noise)', again);
line('empty cache (first run)', empty);
line('second run', second);
line('warm, every note cached', warm);
console.log(`  first run, in the cache's code: ${(cached / 1000).toFixed(0)} of ${(sampled / 1000).toFixed(0)} ms sampled (${((100 * cached) / sampled).toFixed(2)}%)`);
console.log(`  cache on disk             ${megabytes(path.join(root, 'cache-0'))} MB after two runs, ${megabytes(full)} MB full (after ${fills - 1} runs)`);
fs.rmSync(root, { recursive: true, force: true });
