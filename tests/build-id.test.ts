/**
 * The build id in the cache key changes with every rebuild of the code
 * that runs: from the bundled CLI by its chunks' names (a hash of their
 * contents) and the entry's and worker's stat, from unbundled code by every
 * file's stat.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIdOf } from '../src/pipeline/read.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-build-id-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function dist(name: string, files: Record<string, string>): string {
  const root = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('build id', () => {
  it('from the bundle: changes when a chunk, the entry or the worker changes, not otherwise', async () => {
    const root = dist('bundled', { 'bundle/main.js': 'main', 'bundle/run-AAAA.js': 'run', 'worker.js': 'worker', 'pipeline/read.js': 'read' });
    const bundle = path.join(root, 'bundle');
    const first = await buildIdOf(bundle);
    expect(await buildIdOf(bundle)).toBe(first);
    // A chunk rebuilt has a new name (its contents' hash).
    fs.renameSync(path.join(bundle, 'run-AAAA.js'), path.join(bundle, 'run-BBBB.js'));
    const renamed = await buildIdOf(bundle);
    expect(renamed).not.toBe(first);
    // The entry keeps its name: its stat tells.
    fs.writeFileSync(path.join(bundle, 'main.js'), 'main, rebuilt');
    const entry = await buildIdOf(bundle);
    expect(entry).not.toBe(renamed);
    // The worker runs the unbundled build: rebuilt alone (tsc without the bundler), the id changes too.
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'worker.js'), later, later);
    expect(await buildIdOf(bundle)).not.toBe(entry);
  });

  it('from unbundled code: changes when any module of the build changes', async () => {
    const root = dist('plain', { 'pipeline/read.js': 'read', 'process.js': 'process', 'formats/x.js': 'x' });
    const here = path.join(root, 'pipeline');
    const first = await buildIdOf(here);
    fs.writeFileSync(path.join(root, 'formats', 'x.js'), 'x, rebuilt');
    expect(await buildIdOf(here)).not.toBe(first);
  });
});
