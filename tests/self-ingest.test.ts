/**
 * A run never reads what ingest writes (its -o file, its --out-dir pages, the
 * files an ingest manifest lists), and skips what a folder's .ingestignore
 * says. Through the real binary, as cron runs it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-self-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const notes = path.join(work, 'notes');

beforeEach(() => {
  fs.rmSync(notes, { recursive: true, force: true });
  fs.mkdirSync(notes, { recursive: true });
  fs.copyFileSync('seeds/000_65a76a17cc260e56.txt', path.join(notes, 'tiktok.md'));
  fs.writeFileSync(path.join(notes, 'idea.md'), '# An idea\n\nMy own words.\n');
});

const highlightCount = (digest: string): number => Number(/· (\d+) highlights? ·/.exec(digest)?.[1]);

describe('no self-ingestion', () => {
  it('a digest written into the notes folder is not read by the next run: three runs, the same digest, and --check passes', async () => {
    const digest = path.join(notes, 'digest.md');
    const counts: number[] = [];
    for (let run = 0; run < 3; run++) {
      expect((await runCli([notes, '-f', 'md', '-o', digest, '--no-cache'])).exitCode).toBe(0);
      counts.push(highlightCount(fs.readFileSync(digest, 'utf8')));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(new Set(counts).size).toBe(1);
    expect((await runCli([notes, '-f', 'md', '-o', digest, '--no-cache', '--check'])).exitCode).toBe(0);
  });
  it('--out-dir inside the notes folder keeps its page count run after run', async () => {
    const out = path.join(notes, 'digests');
    const pages: number[] = [];
    for (let run = 0; run < 2; run++) {
      expect((await runCli([notes, '--out-dir', out, '-f', 'md', '--no-cache'])).exitCode).toBe(0);
      pages.push(fs.readdirSync(out).filter((name) => !name.startsWith('.')).length);
    }
    expect(pages).toEqual([3, 3]); // two notes and the index
  });
  it('pages listed in an ingest manifest are skipped even when that folder is walked by another run', async () => {
    const out = path.join(notes, 'published');
    await runCli([notes, '--out-dir', out, '-f', 'md', '--no-cache']);
    const run = await runCli(['notes', '-f', 'ndjson', '--no-cache'], { cwd: work });
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).source.path).sort()).toEqual(['notes/idea.md', 'notes/tiktok.md']);
  }, 20_000);
  it('reads a .ingestignore (gitignore syntax) at the root of each folder given', async () => {
    fs.mkdirSync(path.join(notes, 'drafts'));
    fs.writeFileSync(path.join(notes, 'drafts', 'draft.md'), '# Draft\n');
    fs.writeFileSync(path.join(notes, 'scratch.md'), '# Scratch\n');
    fs.writeFileSync(path.join(notes, 'keep-scratch.md'), '# Kept\n');
    fs.writeFileSync(path.join(notes, '.ingestignore'), '# not for ingest\ndrafts/\n*scratch.md\n!keep-scratch.md\n');
    const run = await runCli(['notes', '-f', 'ndjson', '--no-cache'], { cwd: work });
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).source.path)).toEqual(['notes/idea.md', 'notes/keep-scratch.md', 'notes/tiktok.md']);
  });
});

describe('ids', () => {
  it('do not depend on the folder ingest runs in: the same notes folder gives the same ids from anywhere', async () => {
    const ids = async (args: string[], cwd: string): Promise<string[]> =>
      (await runCli([...args, '-f', 'ndjson', '--no-cache'], { cwd })).stdout.trim().split('\n').map((line) => JSON.parse(line).id);
    const fromParent = await ids(['notes'], work);
    expect(fromParent).toHaveLength(2);
    expect(await ids(['.'], notes)).toEqual(fromParent);
    expect(await ids([notes], os.tmpdir())).toEqual(fromParent);
  });
});
