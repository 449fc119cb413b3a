#!/usr/bin/env node
// npm run bench: generates a corpus with bench/make-corpus.mjs, then measures,
// in one run, the naive baseline (bench/naive.mjs), remark alone on the
// Markdown files (bench/floor.mjs: the floor of any pipeline that parses
// every byte with remark), ingest cold (with the fast path for highlight
// lists, and with INGEST_PARSER=remark) and warm, peak RSS at two corpus
// sizes, and start-up time; prints ratios against the baseline measured in
// the same run (these machines are noisy: absolute times do not compare
// between runs).
//
//   npm run bench                 # 3,000 documents for time, 2,500 and 10,000 for memory
//   node bench/run.mjs --docs 1000 --big 4000 --reps 1   # a quicker look
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'ingest.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const DOCS = option('--docs', 3000);
const SMALL = option('--small', 2500);
const BIG = option('--big', 10000);
const REPS = option('--reps', 3);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-bench-'));
const corpus = async (docs) => {
  const dir = path.join(root, `corpus-${docs}`);
  if (!fs.existsSync(dir)) await run(process.execPath, [path.join(here, 'make-corpus.mjs'), dir, '--docs', String(docs)], { quiet: true });
  return dir;
};

/** The pids of a process and all its descendants (from /proc: the children of each of its threads). */
function processTree(pid) {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    try {
      for (const task of fs.readdirSync(`/proc/${tree[i]}/task`)) {
        const children = fs.readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8').trim();
        if (children) tree.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone already
    }
  }
  return tree;
}

const statusKb = (pid, field) => {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
};

/**
 * Runs a command; returns wall seconds and peak RSS in MB, summed over the
 * process and any child processes (polled from /proc every 20 ms; worker
 * threads are in the process's own RSS). A lone process's own peak (VmHWM)
 * counts too, so a spike between two polls is not missed.
 */
function run(command, argv, { quiet = false, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', quiet ? 'ignore' : 'inherit'], env: { ...process.env, ...env } });
    let peak = 0;
    const poll = setInterval(() => {
      const tree = processTree(child.pid);
      const sum = tree.reduce((total, pid) => total + statusKb(pid, 'VmRSS'), 0);
      peak = Math.max(peak, sum / 1024, tree.length === 1 ? statusKb(child.pid, 'VmHWM') / 1024 : 0);
    }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`${command} ${argv.join(' ')} exited ${code}`));
      else resolve({ seconds: (performance.now() - started) / 1000, rss: peak });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const dir = await corpus(DOCS);
  const cache = path.join(root, 'cache');
  const naive = [];
  const floor = [];
  const cold = [];
  const remark = [];
  const warm = [];
  await run(process.execPath, [bin, dir, '--cache', cache, '--format', 'ndjson']); // prime the cache
  // Interleaved, so that a noisy minute hurts every measure alike.
  for (let rep = 0; rep < REPS; rep++) {
    naive.push((await run(process.execPath, [path.join(here, 'naive.mjs'), dir])).seconds);
    floor.push((await run(process.execPath, [path.join(here, 'floor.mjs'), dir])).seconds);
    cold.push((await run(process.execPath, [bin, dir, '--no-cache', '--format', 'ndjson'])).seconds);
    remark.push((await run(process.execPath, [bin, dir, '--no-cache', '--format', 'ndjson'], { env: { INGEST_PARSER: 'remark' } })).seconds);
    warm.push((await run(process.execPath, [bin, dir, '--cache', cache, '--format', 'ndjson'])).seconds);
  }
  const small = await run(process.execPath, [bin, await corpus(SMALL), '--no-cache', '--format', 'ndjson']);
  const big = await run(process.execPath, [bin, await corpus(BIG), '--no-cache', '--format', 'ndjson']);
  // --merge holds every record until the last is read (#14): its peak, against the plain run's.
  const merged = await run(process.execPath, [bin, await corpus(BIG), '--no-cache', '--format', 'ndjson', '--merge']);
  const node = [];
  const version = [];
  for (let rep = 0; rep < 10; rep++) {
    node.push((await run(process.execPath, ['-e', '0'])).seconds);
    version.push((await run(process.execPath, [bin, '--version'])).seconds);
  }

  const base = median(naive);
  const rows = [
    ['naive baseline (read, gray-matter, remark-parse; 1 thread)', `${base.toFixed(2)} s`, '1.00', ''],
    [`remark alone (bench/floor.mjs): gray-matter + remark-parse on the .md files, ${os.availableParallelism()} workers`, `${median(floor).toFixed(2)} s`, (median(floor) / base).toFixed(2), ''],
    [`ingest cold (--no-cache), ${DOCS} documents`, `${median(cold).toFixed(2)} s`, (median(cold) / base).toFixed(2), '≤ 0.35'],
    ['ingest cold, INGEST_PARSER=remark (no fast path)', `${median(remark).toFixed(2)} s`, (median(remark) / base).toFixed(2), ''],
    ['ingest warm (cache, nothing changed)', `${median(warm).toFixed(2)} s`, (median(warm) / base).toFixed(3), '≤ 0.04'],
    [`peak RSS, NDJSON, ${SMALL} documents`, `${small.rss.toFixed(0)} MB`, '', ''],
    [`peak RSS, NDJSON, ${BIG} documents`, `${big.rss.toFixed(0)} MB`, `${(big.rss / small.rss).toFixed(2)}× the ${SMALL}`, '≤ 250 MB, ≤ 1.3×'],
    [`peak RSS, NDJSON --merge, ${BIG} documents`, `${merged.rss.toFixed(0)} MB`, `${(merged.rss / big.rss).toFixed(2)}× the plain run`, '< 2×'],
    ['`ingest --version` / `node -e 0`', `${(median(version) * 1000).toFixed(0)} / ${(median(node) * 1000).toFixed(0)} ms`, (median(version) / median(node)).toFixed(2), '≤ 2.5'],
  ];
  const checks = [
    median(cold) / base <= 0.35,
    median(warm) / base <= 0.04,
    big.rss <= 250 && big.rss / small.rss <= 1.3,
    merged.rss / big.rss < 2,
    median(version) / median(node) <= 2.5,
  ];
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; medians of ${REPS} runs\n`);
  console.log('| measure | value | ratio | target |');
  console.log('|---|---:|---:|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\ntargets met: ${checks.filter(Boolean).length} of ${checks.length}`);
  fs.rmSync(root, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  fs.rmSync(root, { recursive: true, force: true });
  process.exitCode = 1;
});
