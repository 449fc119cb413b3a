#!/usr/bin/env node
// npm run bench:hostile: the hostile inputs of issue #22, run through the
// binary: frontmatter of 40,000 / 80,000 / 200,000 keys, a 15 MB and a 50 MB
// Markdown note (and a 50 MB one without code blocks), and a 64 MB Kindle
// "My Clippings.txt". Each case runs with --no-cache; wall time, CPU time
// (user + system, medians) and peak RSS (threads included: workers are
// threads) come from /usr/bin/time -v
// when it is there, else from polling VmHWM in /proc/<pid>/status. A run
// still going after --cap seconds is killed and shown as "> cap".
//
//   npm run bench:hostile
//   node bench/hostile.mjs --bin /work/before/bin/ingest.js          # an old build, same cases
//   node bench/hostile.mjs --baseline /work/before/bin/ingest.js --reps 3
//       # both builds, runs alternated, medians, and the ratio new/baseline
//   node bench/hostile.mjs --only md-15mb,fm-40k --cap 60
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORDS, longNote, random, words } from './long-note.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const bin = path.resolve(option('--bin', path.join(here, '..', 'bin', 'ingest.js')));
const baseline = args.includes('--baseline') ? path.resolve(option('--baseline')) : null;
const CAP = Number(option('--cap', 120));
const REPS = Number(option('--reps', 1));
const only = args.includes('--only') ? new Set(option('--only').split(',')) : null;
const keep = args.includes('--keep');

/** Frontmatter of `keys` distinct keys, then a short body. */
function manyKeys(keys) {
  const lines = ['---', 'title: Many keys'];
  for (let i = 0; i < keys; i++) lines.push(`key${i}: value ${i}`);
  lines.push('---', '# Many keys', '', 'A short body.', '');
  return lines.join('\n');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A Kindle "My Clippings.txt" of about `bytes` bytes: English clippings of many books, CRLF, a BOM. */
function clippings(bytes) {
  const next = random(64);
  const parts = ['\uFEFF'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const book = Math.floor(next() * 2000);
    const location = 100 + Math.floor(next() * 9000);
    const type = next() < 0.85 ? 'Highlight' : next() < 0.7 ? 'Note' : 'Bookmark';
    const where = type === 'Highlight' ? `Location ${location}-${location + 1 + Math.floor(next() * 4)}` : `Location ${location}`;
    const day = 1 + Math.floor(next() * 28);
    const hour = 1 + Math.floor(next() * 12);
    const date = `${DAYS[(day + book) % 7]}, ${MONTHS[book % 12]} ${day}, ${2012 + (book % 12)} ${hour}:${String(Math.floor(next() * 60)).padStart(2, '0')}:07 ${next() < 0.5 ? 'AM' : 'PM'}`;
    const text = type === 'Bookmark' ? '' : words(next, 10 + Math.floor(next() * 40));
    const clipping = `Book ${book}: ${WORDS[book % WORDS.length]} ${WORDS[(book * 7) % WORDS.length]} (Author${book}, Firstname)\r\n- Your ${type} on ${where} | Added on ${date}\r\n\r\n${text}\r\n==========\r\n`;
    parts.push(clipping);
    size += clipping.length;
  }
  return parts.join('');
}

const MB = 1024 * 1024;
const CASES = [
  { name: 'fm-40k', what: 'frontmatter, 40,000 keys', file: 'many-keys-40k.md', make: () => manyKeys(40_000) },
  { name: 'fm-80k', what: 'frontmatter, 80,000 keys', file: 'many-keys-80k.md', make: () => manyKeys(80_000) },
  { name: 'fm-200k', what: 'frontmatter, 200,000 keys', file: 'many-keys-200k.md', make: () => manyKeys(200_000) },
  { name: 'md-15mb', what: 'Markdown note, 15 MB', file: 'long-15mb.md', make: () => longNote(15 * MB) },
  { name: 'md-50mb', what: 'Markdown note, 50 MB (--max-bytes 64M)', file: 'long-50mb.md', make: () => longNote(50 * MB), extra: ['--max-bytes', '64M'] },
  // Without code blocks: the build before #22 read what followed a note's first code block as one plain paragraph, cheaply, after a time-out.
  { name: 'md-50mb-prose', what: 'Markdown note, 50 MB, no code blocks (--max-bytes 64M)', file: 'prose-50mb.md', make: () => longNote(50 * MB, false), extra: ['--max-bytes', '64M'] },
  { name: 'kindle-64mb', what: 'Kindle My Clippings.txt, 64 MB (--max-bytes 128M)', file: 'My Clippings.txt', make: () => clippings(64 * MB), extra: ['--max-bytes', '128M'] },
].filter((test) => only === null || only.has(test.name));

const TIME = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/** One run: wall seconds (null past the cap), peak RSS in MB, exit code, and the last line of stderr. */
function measure(binary, file, extra) {
  const command = [process.execPath, binary, file, '--no-cache', '--format', 'ndjson', '--output', '/dev/null', ...extra];
  return new Promise((resolve) => {
    const started = performance.now();
    // Its own process group, so that a run past the cap is killed with everything it started.
    const child = TIME ? spawn('/usr/bin/time', ['-v', ...command], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(command[0], command.slice(1), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-64 * 1024)));
    let peakKb = 0;
    // VmHWM, node's own high-water mark, read until it ends (under /usr/bin/time, node is its child): the figure
    // without /usr/bin/time, and for a run killed at the cap, which /usr/bin/time never reports.
    const poll = setInterval(() => {
      try {
        const node = TIME ? fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0] : child.pid;
        const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${node}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // not started, or gone already
      }
    }, 50);
    let capped = false;
    const timer = setTimeout(() => {
      capped = true;
      process.kill(-child.pid, 'SIGKILL');
    }, CAP * 1000);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      clearTimeout(timer);
      clearInterval(poll);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (rss) peakKb = Number(rss[1]);
      const exit = /Exit status: (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const cpu = user && system ? Number(user[1]) + Number(system[1]) : null;
      const lines = stderr.split('\n').filter((line) => line.startsWith('ingest') || /warning|error/.test(line));
      resolve({ seconds: capped ? null : seconds, cpu, mb: peakKb / 1024, code: exit ? Number(exit[1]) : code, note: lines.slice(-1)[0] ?? '' });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const seconds = (value) => (value === null ? `> ${CAP} s`.padStart(9) : `${value.toFixed(2)} s`.padStart(9));

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-bench-hostile-'));
const builds = baseline ? [['baseline', baseline], ['new', bin]] : [['run', bin]];
console.log(`${os.cpus().length} cores; peak RSS from ${TIME ? '/usr/bin/time -v' : '/proc/<pid>/status VmHWM'}; cap ${CAP} s; ${REPS} rep(s)`);
for (const [label, binary] of builds) console.log(`  ${label}: ${binary}`);
try {
  for (const test of CASES) {
    const file = path.join(root, test.file);
    fs.writeFileSync(file, test.make());
    const size = (fs.statSync(file).size / MB).toFixed(1);
    const results = new Map(builds.map(([label]) => [label, []]));
    for (let rep = 0; rep < REPS; rep++) {
      // Alternated, and the first build changes each repetition: the machine drifts.
      const order = rep % 2 === 0 ? builds : [...builds].reverse();
      for (const [label, binary] of order) results.get(label).push(await measure(binary, file, test.extra ?? []));
    }
    console.log(`${test.name.padEnd(12)} ${test.what} (${size} MB)`);
    for (const [label] of builds) {
      const runs = results.get(label);
      const wall = median(runs.map((run) => run.seconds));
      const mb = median(runs.map((run) => run.mb));
      const cpu = median(runs.map((run) => run.cpu));
      const codes = [...new Set(runs.map((run) => run.code))].join('/');
      // A capped run's peak is only what it had reached when it was killed.
      const peak = `${wall === null ? '> ' : ''}${mb.toFixed(0)} MB`;
      const cpuText = cpu === null ? '' : ` cpu ${cpu.toFixed(2)} s`;
      console.log(`  ${label.padEnd(9)}${seconds(wall)}${cpuText} ${peak.padStart(10)}   exit ${wall === null ? 'killed' : codes}   ${runs.at(-1).note.slice(0, 110)}`);
    }
    if (baseline) {
      const [base, now] = builds.map(([label]) => median(results.get(label).map((run) => run.seconds)));
      const ratio = base === null ? (now === null ? 'both capped' : `< ${(now / CAP).toFixed(3)} (baseline capped)`) : now === null ? 'capped' : (now / base).toFixed(3);
      console.log(`  new/baseline wall time: ${ratio}`);
    }
    if (!keep) fs.rmSync(file);
  }
} finally {
  if (!keep) fs.rmSync(root, { recursive: true, force: true });
  else console.log(`inputs kept in ${root}`);
}
