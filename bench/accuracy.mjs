#!/usr/bin/env node
// Extraction accuracy against a generated corpus with ground truth.
//
//   npm run accuracy                       # generates 2,000 documents in a temp folder
//   node bench/accuracy.mjs --docs 5000    # another size
//   node bench/accuracy.mjs --corpus DIR   # an existing corpus with DIR.truth.ndjson beside it
//
// Prints, per field, how many documents match the truth exactly, and exits 1
// when any field is below --min (default 99.5%).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};

export function generator() {
  const own = path.join(here, 'make-corpus.mjs');
  if (fs.existsSync(own)) return own;
  return path.resolve(here, '..', '..', 'shared', 'bench', 'make-corpus.mjs');
}

export async function measure(corpus, truthFile) {
  const truth = new Map();
  for (const line of fs.readFileSync(truthFile, 'utf8').split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line);
    truth.set(`${entry.path}#${entry.bundleIndex ?? ''}`, entry);
  }
  const fields = ['title', 'authors', 'url', 'published', 'tags', 'highlights', 'clipping.title', 'clipping.authors', 'clipping.published'];
  const highlightFields = ['text', 'id', 'tags', 'note'];
  const score = Object.fromEntries([...fields, ...highlightFields.map((f) => `highlight.${f}`)].map((f) => [f, { ok: 0, total: 0, misses: [] }]));
  let found = 0;
  const count = (field, ok, key, got, want) => {
    score[field].total += 1;
    if (ok) score[field].ok += 1;
    else if (score[field].misses.length < 3) score[field].misses.push({ key, got, want });
  };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  for await (const outcome of ingest(['.'], { cwd: corpus })) {
    const record = outcome.record;
    if (!record) continue;
    const key = `${record.source.path}#${record.source.bundle ? record.source.bundle.index : ''}`;
    const want = truth.get(key);
    if (!want) continue;
    found += 1;
    truth.delete(key);
    count('title', record.title === want.title, key, record.title, want.title);
    count('authors', same(record.authors, want.authors), key, record.authors, want.authors);
    count('url', record.url === want.url, key, record.url, want.url);
    count('published', record.published === want.published, key, record.published, want.published);
    if (want.tags) count('tags', same(record.tags, want.tags), key, record.tags, want.tags);
    if (want.kind === 'text' && want.title !== null) {
      // Web clippings (plain articles have no title to find): the bar is on these three.
      count('clipping.title', record.title === want.title, key, record.title, want.title);
      count('clipping.authors', same(record.authors, want.authors), key, record.authors, want.authors);
      count('clipping.published', record.published === want.published, key, record.published, want.published);
    }
    count('highlights', record.highlights.length === want.highlights.length, key, record.highlights.length, want.highlights.length);
    want.highlights.forEach((expected, index) => {
      const got = record.highlights[index] ?? {};
      for (const field of highlightFields) {
        count(`highlight.${field}`, same(got[field] ?? null, expected[field] ?? null), `${key} #${index}`, got[field], expected[field]);
      }
    });
  }
  // Documents the truth names that ingest never produced count as misses everywhere.
  for (const [key] of truth) for (const field of fields.slice(0, 6)) count(field, false, key, 'missing', 'a record');
  return { score, found };
}

async function mainCli() {
  const min = Number(option('--min', '99.5'));
  let corpus = option('--corpus', null);
  let truthFile;
  /** The folder this run generated its corpus in, removed at the end. */
  let made = null;
  if (corpus) {
    corpus = path.resolve(corpus);
    truthFile = path.join(path.dirname(corpus), `${path.basename(corpus)}.truth.ndjson`);
  } else {
    const docs = option('--docs', '2000');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-accuracy-'));
    made = root;
    corpus = path.join(root, 'corpus');
    execFileSync(process.execPath, [generator(), corpus, '--docs', docs], { stdio: ['ignore', 'ignore', 'inherit'] });
    truthFile = path.join(root, 'corpus.truth.ndjson');
  }
  let measured;
  try {
    measured = await measure(corpus, truthFile);
  } finally {
    if (made) fs.rmSync(made, { recursive: true, force: true });
  }
  const { score, found } = measured;
  const rows = Object.entries(score).filter(([, s]) => s.total > 0);
  console.log(`documents matched to the truth: ${found}`);
  console.log('| field | match | total | % |');
  console.log('|---|---:|---:|---:|');
  let failed = false;
  for (const [field, s] of rows) {
    const percent = (100 * s.ok) / s.total;
    if (percent < min) failed = true;
    console.log(`| ${field} | ${s.ok} | ${s.total} | ${percent.toFixed(2)} |`);
  }
  for (const [field, s] of rows) {
    for (const miss of s.misses) console.error(`miss ${field} ${miss.key}: got ${JSON.stringify(miss.got)} want ${JSON.stringify(miss.want)}`);
  }
  if (failed) {
    console.error(`some field is below ${min}%`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await mainCli();
