/** Schema v2 is a deliberate change: the version is in the schema, `ingest schema` and every cache key. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cache, hashBytes } from '../src/cache.js';
import { cacheSalt } from '../src/index.js';
import { processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import { SCHEMA_VERSION } from '../src/schema.js';
import { runCli } from './helpers.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-schema-cache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('schema v3', () => {
  it('is version 3 (work, sources, highlight key), and ingest schema says so', async () => {
    expect(SCHEMA_VERSION).toBe(3);
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.title).toBe('ingest record (schema v3)');
    expect(Object.keys(schema.properties)).toEqual([
      'id', 'work', 'kind', 'format', 'source', 'sources', 'title', 'authors', 'url', 'site', 'published', 'category', 'tags', 'summary', 'image', 'highlights', 'text', 'wordCount', 'extra', 'diagnostics',
    ]);
    expect(Object.keys(schema.properties.highlights.items.properties)).toEqual([
      'text', 'markdown', 'url', 'id', 'key', 'location', 'page', 'color', 'tags', 'note', 'highlightedAt',
    ]);
  });
  it('never reuses a record cached under schema v2', async () => {
    const current = JSON.parse(await cacheSalt()) as { schema: number };
    expect(current.schema).toBe(3);
    const file = path.resolve('seeds/000_65a76a17cc260e56.txt');
    const bytes = fs.readFileSync(file);
    const hash = hashBytes(bytes);
    const v1 = await Cache.open(dir, JSON.stringify({ ...current, schema: 2 }), () => undefined);
    v1!.set(v1!.slot(file, 'seeds/000_65a76a17cc260e56.txt'), bytes, hash, processFile(new SourceFile({ path: 'seeds/000_65a76a17cc260e56.txt', bytes: bytes })));
    await v1!.close();
    const again = await Cache.open(dir, JSON.stringify({ ...current, schema: 2 }), () => undefined);
    expect(again!.get(again!.slot(file, 'seeds/000_65a76a17cc260e56.txt'), hash)).not.toBeNull();
    await again!.close();
    const v2 = await Cache.open(dir, await cacheSalt(), () => undefined);
    expect(v2!.get(v2!.slot(file, 'seeds/000_65a76a17cc260e56.txt'), hash)).toBeNull();
  });
});
