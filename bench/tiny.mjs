#!/usr/bin/env node
// npm run bench:tiny: the cache against --no-cache on many tiny notes (#13, #16,
// #22: the cache must never make a run much slower, on any corpus shape, and
// a full cache must pay). For each size, generates N one-line notes in 200
// folders, then, from a fresh cache, measures every run until the cache is
// full and a few after (at least 8 runs), each beside a --no-cache run (which
// of the two goes first alternates). Prints, per run, the entries and packs
// the cache holds after it and its time as a ratio to the --no-cache run
// beside it: median over --reps fresh caches, with the spread, in wall time
// and (on Linux) in CPU time (user + system of the run: less disturbed by
// other work on the machine than wall time). Then the spread of the
// --no-cache runs themselves: how far apart identical runs fall here.
//
// It also profiles one more first run (--cpu-prof) and prints how much of
// it was spent in the cache's own code (cache.js, cache-writer.js and what
// they call): the cost of the cache without the machine's noise.
//
//   npm run bench:tiny                               # 5,000, 50,000 and 200,000 notes, 2 fresh caches each
//   node bench/tiny.mjs --notes 5000,50000 --reps 3  # skip 200,000 (several minutes a repetition)
//   node bench/tiny.mjs --dir /dev/shm               # notes and caches on tmpfs: no page-cache reclaim between runs
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'ingest.js');
const args = process.argv.slice(2);
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const SIZES = value('--notes', '5000,50000,200000').split(',').map(Number);
const REPS = Number(value('--reps', 2));
/** At least this many runs on each fresh cache, and always two once it is full. */
const MIN_RUNS = Number(value('--runs', 8));
const dir = value('--dir', os.tmpdir());

/** CPU time (user + system, seconds) of the children this process has waited for: Linux only, else null. */
function childrenCpu() {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const spread = (values) => `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;
const indexLines = (folder) =>
  fs.existsSync(folder)
    ? fs
        .readdirSync(folder, { recursive: true })
        .filter((name) => name.endsWith('.index'))
        .reduce((total, name) => total + fs.readFileSync(path.join(folder, name), 'utf8').split('\n').length - 1, 0)
    : 0;
const packs = (folder) => (fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).filter((name) => name.endsWith('.pack')).length : 0);
const megabytes = (folder) => (Number(execFileSync('du', ['-sk', folder], { encoding: 'utf8' }).split('\t')[0]) / 1024).toFixed(1);

console.log(`bench:tiny in ${dir}, ${os.cpus().length} cores, ${REPS} fresh caches per size; ratio = run with the cache / --no-cache run beside it`);
for (const notesCount of SIZES) measure(notesCount);

function measure(count) {
  const root = fs.mkdtempSync(path.join(dir, 'ingest-bench-tiny-'));
  const notes = path.join(root, 'notes');
  for (let i = 0; i < count; i++) {
    const folder = path.join(notes, String(i % 200).padStart(3, '0'));
    if (i < 200) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `note-${i}.md`), `# Note ${i}\n\nA short thought about topic ${i % 97}.\n`);
  }
  // Notes written more than 3 s before a run: an entry of a note modified just before the run keeps no stat (cache.ts, RACY_MS).
  const past = new Date(Date.now() - 3600_000);
  for (const folder of fs.readdirSync(notes)) for (const name of fs.readdirSync(path.join(notes, folder))) fs.utimesSync(path.join(notes, folder, name), past, past);

  const time = (extra, node = []) => {
    const cpu = childrenCpu();
    const started = performance.now();
    const run = spawnSync(process.execPath, [...node, bin, notes, '--format', 'ndjson', '--quiet', ...extra], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) throw new Error(`ingest exited ${run.status}`);
    const after = childrenCpu();
    return { wall: (performance.now() - started) / 1000, cpu: cpu === null ? null : after - cpu };
  };
  time(['--no-cache']); // untimed: the notes into the page cache

  /** By run number: ratios (wall, cpu), entries and packs after it, of each fresh cache. */
  const runs = [];
  const none = [];
  const fullAfter = [];
  let size = '';
  for (let rep = 0; rep < REPS; rep++) {
    const cache = path.join(root, `cache-${rep}`);
    let full = null;
    // Two runs after the last that wrote entries: the full cache's (`full` is that last run's index).
    for (let k = 0; k < MIN_RUNS || full === null || k < full + 3; k++) {
      if (k >= 30) break;
      const before = indexLines(cache);
      // Which goes first alternates: the machine drifts within a minute.
      let plain;
      let cached;
      if ((k + rep) % 2 === 0) {
        plain = time(['--no-cache']);
        cached = time(['--cache', cache]);
      } else {
        cached = time(['--cache', cache]);
        plain = time(['--no-cache']);
      }
      none.push(plain.wall);
      const entries = indexLines(cache);
      if (full === null && entries === before && k > 0) full = k - 1;
      runs[k] ??= { wall: [], cpu: [], entries: [], packs: [] };
      runs[k].wall.push(cached.wall / plain.wall);
      if (cached.cpu !== null && plain.cpu > 0) runs[k].cpu.push(cached.cpu / plain.cpu);
      runs[k].entries.push(entries);
      runs[k].packs.push(packs(cache));
    }
    fullAfter.push(full === null ? null : full + 1);
    if (rep === 0) size = megabytes(cache);
  }

  // The cache's own share of a first run: samples whose stack holds a frame of the cache's modules.
  const profiles = path.join(root, 'profiles');
  time(['--cache', path.join(root, 'cache-profiled')], ['--cpu-prof', '--cpu-prof-dir', profiles]);
  const share = cacheShare(JSON.parse(fs.readFileSync(path.join(profiles, fs.readdirSync(profiles).find((name) => name.endsWith('.cpuprofile'))), 'utf8')));

  console.log(`\n${count} tiny notes: --no-cache ${median(none).toFixed(2)} s (median of ${none.length}; runs ${spread(none.map((t) => t / median(none)))} of it)`);
  console.log(`  run  entries  packs   wall ratio (spread)    cpu ratio (spread)`);
  runs.forEach((run, k) => {
    if (!run) return;
    const cpu = run.cpu.length > 0 ? `${median(run.cpu).toFixed(2)} (${spread(run.cpu)})` : 'n/a';
    console.log(`  ${String(k + 1).padStart(3)} ${String(median(run.entries)).padStart(8)} ${String(median(run.packs)).padStart(6)}   ${median(run.wall).toFixed(2)} (${spread(run.wall)})${' '.repeat(6)}${cpu}`);
  });
  const last = runs.slice(-2);
  const worst = Math.max(...runs.filter(Boolean).map((run) => median(run.wall)));
  console.log(`  full after run ${fullAfter.join(', ')}; ${size} MB (the first); worst run ${worst.toFixed(2)}, full cache ${median(last.flatMap((run) => run.wall)).toFixed(2)} (wall), ${last[0].cpu.length ? median(last.flatMap((run) => run.cpu)).toFixed(2) : 'n/a'} (cpu)`);
  console.log(`  first run, in the cache's code: ${share}`);
  fs.rmSync(root, { recursive: true, force: true });
}

function cacheShare(profile) {
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
  return `${(cached / 1000).toFixed(0)} of ${(sampled / 1000).toFixed(0)} ms sampled (${((100 * cached) / sampled).toFixed(2)}%)`;
}
