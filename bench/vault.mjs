#!/usr/bin/env node
// npm run bench:vault: the nightly rebuild of a vault's pages (#25). On the
// generated corpus (../shared/bench/make-corpus.mjs), measures, with
// --no-cache so that every run parses everything:
//   baseline   ingest CORPUS -f md -o digest.md          (the same records, one file)
//   first      ingest CORPUS -f md --out-dir VAULT        (every page new)
//   unchanged  the same again                              (nothing to write: the nightly run)
//   edited     again, after the user appended a section to 1% of the pages and
//              changed a highlight in 0.1% (kept, and left alone, as they must be)
// Each as wall time, CPU time (user + system) and peak RSS, median of --reps
// runs, and as a ratio to the baseline measured in the same run.
//
//   node bench/vault.mjs [--docs 20000] [--reps 3] [--dir /dev/shm]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'ingest.js');
const args = process.argv.slice(2);
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const DOCS = Number(value('--docs', 20000));
const REPS = Number(value('--reps', 3));
const root = fs.mkdtempSync(path.join(value('--dir', os.tmpdir()), 'ingest-vault-bench-'));
const corpus = path.join(root, 'corpus');
execFileSync(process.execPath, [path.join(here, '..', '..', 'shared', 'bench', 'make-corpus.mjs'), corpus, '--docs', String(DOCS)], { stdio: 'ignore' });

/** One run: wall seconds, CPU seconds and peak RSS (MB) from GNU time when there is one, else wall time only. */
function run(extra) {
  const started = process.hrtime.bigint();
  const timed = fs.existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const argv = timed ? ['-f', '%U %S %M', process.execPath, bin, corpus, '-f', 'md', '--no-cache', '-q', ...extra] : [bin, corpus, '-f', 'md', '--no-cache', '-q', ...extra];
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`ingest exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const last = timed ? result.stderr.trim().split('\n').pop().split(' ').map(Number) : null;
  return { wall, cpu: last ? last[0] + last[1] : null, rss: last ? last[2] / 1024 : null, stderr: result.stderr };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = { baseline: [], first: [], unchanged: [], edited: [] };
let kept = 0;
let leftAlone = 0;
for (let rep = 0; rep < REPS; rep++) {
  const vault = path.join(root, `vault-${rep}`);
  rows.baseline.push(run(['-o', path.join(root, 'digest.md')]));
  rows.first.push(run(['--out-dir', vault]));
  rows.unchanged.push(run(['--out-dir', vault]));
  const pages = fs.readdirSync(vault).filter((name) => name.endsWith('.md') && name !== 'index.md').sort();
  const appended = pages.filter((_, i) => i % 100 === 0);
  const changed = pages.filter((_, i) => i % 1000 === 500);
  for (const name of appended) fs.appendFileSync(path.join(vault, name), '\n## My thoughts\n\nMine.\n');
  for (const name of changed) {
    const file = path.join(vault, name);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n# /, '\n# My title for '));
  }
  const edited = run(['--out-dir', vault]);
  rows.edited.push(edited);
  kept = appended.filter((name) => fs.readFileSync(path.join(vault, name), 'utf8').endsWith('## My thoughts\n\nMine.\n')).length;
  leftAlone = Number(/(\d+) pages? in .* left as/.exec(edited.stderr)?.[1] ?? 0);
  if (kept !== appended.length || leftAlone !== changed.length) throw new Error(`lost user text: ${kept} of ${appended.length} sections kept, ${leftAlone} of ${changed.length} edited pages left alone`);
}

const base = { wall: median(rows.baseline.map((row) => row.wall)), cpu: rows.baseline[0].cpu === null ? null : median(rows.baseline.map((row) => row.cpu)) };
console.log(`${DOCS} generated documents, ${REPS} repetitions, --no-cache; medians; ratios to the digest (-f md -o) measured in the same run`);
console.log('run         wall s   ratio   cpu s   ratio   peak RSS MB');
for (const [name, list] of Object.entries(rows)) {
  const wall = median(list.map((row) => row.wall));
  const cpu = list[0].cpu === null ? null : median(list.map((row) => row.cpu));
  const rss = list[0].rss === null ? null : median(list.map((row) => row.rss));
  console.log(
    `${name.padEnd(10)} ${wall.toFixed(2).padStart(7)} ${(wall / base.wall).toFixed(2).padStart(7)} ${cpu === null ? '      -' : cpu.toFixed(2).padStart(7)} ${cpu === null ? '      -' : (cpu / base.cpu).toFixed(2).padStart(7)} ${rss === null ? '-' : rss.toFixed(0).padStart(12)}`,
  );
}
console.log(`user text: ${kept} appended sections kept, ${leftAlone} pages with a changed highlight left alone (page-edited)`);
fs.rmSync(root, { recursive: true, force: true });
