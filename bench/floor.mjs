#!/usr/bin/env node
// The floor under `ingest` cold: only what the issue keeps, gray-matter and
// remark-parse, on only the files ingest must parse as Markdown (the `.md`
// files; .txt files and Markdown inside bundles are left out, so this is a
// lower bound), spread over WORKERS worker threads, nothing else: no
// extraction, no output. If this is over a target, no pipeline that parses
// those documents with remark can meet it on this machine.
//
//   node bench/floor.mjs DIR [WORKERS]
import fs from 'node:fs';
import os from 'node:os';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

if (isMainThread) {
  const { default: fg } = await import('fast-glob');
  const dir = process.argv[2];
  const workers = Number(process.argv[3] ?? os.availableParallelism());
  const files = fg.sync(['**/*.md', '**/*.markdown'], { cwd: dir, absolute: true, caseSensitiveMatch: false }).sort();
  for (let i = 0; i < workers; i++) {
    new Worker(new URL(import.meta.url), { workerData: files.filter((_, j) => j % workers === i) });
  }
} else {
  const { default: matter } = await import('gray-matter');
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const processor = unified().use(remarkParse);
  for (const file of workerData) processor.parse(matter(fs.readFileSync(file, 'utf8'), {}).content);
}
