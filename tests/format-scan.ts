/**
 * For detect tests: every input file of fixtures/ and ../shared/realworld
 * (when present), and a way to read one note given as a string.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processFile } from '../src/process.js';
import type { IngestRecord } from '../src/schema.js';
import { ROOT, records } from './helpers.js';

function walk(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(directory, entry.name)) : [path.join(directory, entry.name)]));
}

/** Inputs (not expected.json, SOURCES.md or MANIFEST.tsv), relative to the project root. */
export function inputFiles(): string[] {
  const roots = [path.join(ROOT, 'fixtures'), path.resolve(ROOT, '..', 'shared', 'realworld')];
  return roots
    .flatMap(walk)
    .filter((file) => !/(?:^|\/)(expected\.(json|md)|SOURCES\.md|MANIFEST\.tsv|paths\.json)$/.test(file))
    .map((file) => path.relative(ROOT, file))
    .sort();
}

/** The record `ingest` makes of one note. */
export function readNote(name: string, text: string): IngestRecord {
  const [outcome] = processFile(name, new TextEncoder().encode(text));
  if (!outcome?.record) throw new Error(`${name} gave no record`);
  return outcome.record;
}

/** A fixture folder's records by file name, without its SOURCES.md. */
export async function recordsOf(fixture: string): Promise<Map<string, IngestRecord>> {
  const list = await records([`fixtures/${fixture}`], { exclude: ['SOURCES.md'] });
  return new Map(list.map((record) => [record.source.path.split('/').pop()!, record]));
}
