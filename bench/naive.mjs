#!/usr/bin/env node
// The naive baseline the benchmark compares against: read each file,
// gray-matter, remark-parse, one thread, nothing else.
//
//   node bench/naive.mjs DIR
import fs from 'node:fs';
import fg from 'fast-glob';
import matter from 'gray-matter';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const dir = process.argv[2];
const processor = unified().use(remarkParse);
const files = fg.sync(['**/*.md', '**/*.markdown', '**/*.txt'], { cwd: dir, absolute: true, caseSensitiveMatch: false }).sort();
let nodes = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const { content } = matter(text, {});
  nodes += processor.parse(content).children.length;
}
console.log(JSON.stringify({ files: files.length, nodes }));
