/**
 * Runs one format's `detect` over every fixture input and every real-world
 * export (../shared/realworld, when present): what it takes, as paths
 * relative to the project, sorted. Format tests check it takes only their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SourceFormat } from '../src/formats/format.js';
import { ROOT } from './helpers.js';

function files(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return files(full);
    // Expected outputs and provenance notes are no inputs.
    return /^(expected\.(json|md)|SOURCES\.md|MANIFEST\.tsv|paths\.json)$/.test(entry.name) ? [] : [full];
  });
}

export function detectedBy(format: SourceFormat): string[] {
  const inputs = [...files(path.join(ROOT, 'fixtures')), ...files(path.resolve(ROOT, '..', 'shared', 'realworld'))];
  return inputs
    .filter((file) => {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      return format.detect({ name: file, text });
    })
    .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
    .sort();
}
