/**
 * The cache trusts an unchanged stat (like git's index) and fills with many
 * small files over several runs: what a warm run opens, and what a run writes (#13, #16).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Cache, hashBytes, SMALL_BYTES, SMALL_LIMIT, type Slot } from '../src/cache.js';
import { processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import { ingest, type Outcome } from '../src/index.js';
import { runCli } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cache-stat-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const HOUR_AGO = new Date(Date.now() - 3600_000);

/** Titles by file name, and which of `files` the run opened. */
async function run(notes: string, cache: string, files: string[]): Promise<{ titles: Record<string, string | null>; opened: string[] }> {
  const open = vi.spyOn(fs, 'openSync');
  const outcomes: Outcome[] = [];
  for await (const outcome of ingest([notes], { cwd: work, cache })) outcomes.push(outcome);
  const opened = open.mock.calls.map((call) => String(call[0])).filter((name) => files.includes(name));
  open.mockRestore();
  return { titles: Object.fromEntries(outcomes.map((outcome) => [path.basename(outcome.path), outcome.record?.title ?? null])), opened };
}

/** A folder of notes (name → text), each last modified at `modified` (now when null), and a cache folder beside it. */
function notesFolder(name: string, notes: Record<string, string>, modified: Date | null = HOUR_AGO): { notes: string; cache: string; files: string[] } {
  const folder = path.join(work, name);
  fs.mkdirSync(folder);
  const files = Object.entries(notes).map(([file, text]) => {
    const written = path.join(folder, file);
    fs.writeFileSync(written, text);
    if (modified) fs.utimesSync(written, modified, modified);
    return written;
  });
  return { notes: folder, cache: path.join(work, `cache-${name}`), files };
}

/** The lines of every pack index in a cache folder: one per entry. */
const cacheLines = (cache: string): string[] =>
  (fs.readdirSync(cache, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.index'))
    .flatMap((name) => fs.readFileSync(path.join(cache, name), 'utf8').split('\n').filter(Boolean));

describe('cache: stat signatures', () => {
  it('does not open a file whose stat is unchanged, and reads one whose stat changed', async () => {
    const { notes, cache, files } = notesFolder('notes', { 'a.md': '# Alpha\n\nFirst note.\n', 'b.md': '# Bravo\n\nOther note.\n' });
    const [a, b] = files as [string, string];

    const cold = await run(notes, cache, [a, b]);
    expect(cold.titles).toEqual({ 'a.md': 'Alpha', 'b.md': 'Bravo' });
    expect(cold.opened.sort()).toEqual([a, b]);
    const warm = await run(notes, cache, [a, b]);
    expect(warm).toEqual({ titles: cold.titles, opened: [] });

    // Same size, other bytes, and the old mtime put back: the ctime still tells.
    fs.writeFileSync(b, '# Bingo\n\nOther note.\n');
    fs.utimesSync(b, HOUR_AGO, HOUR_AGO);
    const changed = await run(notes, cache, [a, b]);
    expect(changed).toEqual({ titles: { 'a.md': 'Alpha', 'b.md': 'Bingo' }, opened: [b] });
  });

  it('reads a touched file once to compare its bytes, then trusts its new stat', async () => {
    const { notes, cache, files } = notesFolder('touched', { 'a.md': '# Alpha\n' });
    const [a] = files as [string];
    await run(notes, cache, [a]);
    const later = new Date(HOUR_AGO.getTime() + 60_000);
    fs.utimesSync(a, later, later);
    const parse = vi.spyOn(await import('../src/process.js'), 'processFile');
    expect((await run(notes, cache, [a])).opened).toEqual([a]);
    expect(parse).not.toHaveBeenCalled();
    expect(await run(notes, cache, [a])).toEqual({ titles: { 'a.md': 'Alpha' }, opened: [] });
  });

  it('checks a file written just before the run by its bytes on every run (a later write may keep its mtime)', async () => {
    const { notes, cache, files } = notesFolder('racy', { 'a.md': '# Alpha\n' }, null);
    const [a] = files as [string];
    await run(notes, cache, [a]);
    expect(await run(notes, cache, [a])).toEqual({ titles: { 'a.md': 'Alpha' }, opened: [a] });
  });
});

describe('cache: small files', () => {
  const cachedFiles = (cache: string): string[] => cacheLines(cache).map((line) => JSON.parse(line.split('\t')[5]!) as string);

  it(`writes new entries for at most ${SMALL_LIMIT} small files in a run, every other file's, and the rest of them in the next run`, async () => {
    const notes = path.join(work, 'many');
    const cache = path.join(work, 'cache-many');
    fs.mkdirSync(notes);
    const small = SMALL_LIMIT + 3;
    for (let i = 0; i < small; i++) fs.writeFileSync(path.join(notes, `note-${String(i).padStart(5, '0')}.md`), `# Note ${i}\n\nOne thought.\n`);
    const large = path.join(notes, 'large.md');
    fs.writeFileSync(large, `# Large\n\n${'A longer thought. '.repeat(SMALL_BYTES / 8)}\n`);
    // Not modified just now: racy entries would be written again with their stat once it can be trusted.
    for (const name of fs.readdirSync(notes)) fs.utimesSync(path.join(notes, name), HOUR_AGO, HOUR_AGO);
    const cold = await runCli([notes, '--cache', cache, '--format', 'ndjson']);
    expect(cold.stdout.trim().split('\n')).toHaveLength(small + 1);
    const first = cachedFiles(cache);
    expect(first).toHaveLength(SMALL_LIMIT + 1);
    expect(first).toContain(large);
    // The next run finds those cached and writes the three left out; the one after writes nothing.
    const second = await runCli([notes, '--cache', cache, '--format', 'ndjson']);
    expect(second.stdout).toBe(cold.stdout);
    const both = cachedFiles(cache);
    expect(both).toHaveLength(small + 1);
    expect(new Set(both).size).toBe(small + 1);
    const third = await runCli([notes, '--cache', cache, '--format', 'ndjson']);
    expect(third.stdout).toBe(cold.stdout);
    expect(cachedFiles(cache)).toHaveLength(small + 1);
  });

  it('spreads the new entries of small files over the whole run, and so over the next run the entries it finds', async () => {
    const notes = path.join(work, 'spread');
    const cache = path.join(work, 'cache-spread');
    fs.mkdirSync(notes);
    const count = 2 * SMALL_LIMIT;
    const names = Array.from({ length: count }, (_, i) => `note-${String(i).padStart(5, '0')}.md`);
    for (const [i, name] of names.entries()) fs.writeFileSync(path.join(notes, name), `# Note ${i}\n`);
    for (const name of names) fs.utimesSync(path.join(notes, name), HOUR_AGO, HOUR_AGO);
    const halves = (): [number, number] => {
      const cached = new Set(cachedFiles(cache).map((file) => path.basename(file)));
      const inHalf = (half: string[]): number => half.filter((name) => cached.has(name)).length;
      return [inHalf(names.slice(0, SMALL_LIMIT)), inHalf(names.slice(SMALL_LIMIT))];
    };
    const runOnce = async (): Promise<void> => {
      for await (const outcome of ingest([notes], { cwd: work, cache })) expect(outcome.record).not.toBeNull();
    };
    // A first run writes SMALL_LIMIT entries, half of them in each half of the run, not all in the first.
    await runOnce();
    const [early, late] = halves();
    expect(early + late).toBe(SMALL_LIMIT);
    expect(Math.abs(early - late)).toBeLessThan(SMALL_LIMIT / 20);
    // The next run, finding those, writes up to SMALL_LIMIT more than it found: all the rest here.
    await runOnce();
    expect(halves()).toEqual([SMALL_LIMIT, SMALL_LIMIT]);
  });

  it(`writes new entries of small files for at most ${SMALL_LIMIT} more than the entries it found`, async () => {
    const cache = path.join(work, 'cache-doubling');
    const files = 5 * SMALL_LIMIT;
    const bytes = Buffer.from('# Note\n');
    const bytesHash = hashBytes(bytes);
    const outcomes = processFile(new SourceFile({ path: 'note.md', bytes: bytes }));
    const written: number[] = [];
    for (let run = 0; run < 3; run++) {
      const opened = (await Cache.open(cache, 'doubling', () => undefined))!;
      for (let i = 0; i < files; i++) {
        const slot = opened.slot(path.join(work, 'doubling', `note-${i}.md`), `note-${i}.md`);
        if (!opened.get(slot, bytesHash)) opened.set(slot, bytes, bytesHash, outcomes);
      }
      await opened.close();
      written.push(cacheLines(cache).length);
    }
    // 2,000, then 2,000 more than the 2,000 found, then the 4,000 left.
    expect(written).toEqual([SMALL_LIMIT, 3 * SMALL_LIMIT, files]);
  });
});

describe('cache: reading entries', () => {
  it('reads entries in the order they were written a window at a time, and others one by one', async () => {
    const cache = path.join(work, 'cache-reads');
    const count = 500;
    const names = Array.from({ length: count }, (_, i) => `note-${i}.md`);
    const bytes = names.map((name, i) => Buffer.from(`# Note ${i}\n\n${name}\n`));
    const first = (await Cache.open(cache, 'reads', () => undefined))!;
    names.forEach((name, i) => first.set(first.slot(path.join(work, 'reads', name), name), bytes[i]!, null, processFile(new SourceFile({ path: name, bytes: bytes[i]! }))));
    await first.close();
    const packBytes = cacheLines(cache).reduce((total, line) => total + Number(line.split('\t')[4]), 0);

    const readIn = async (order: number[]): Promise<{ titles: Array<string | null | undefined>; reads: number }> => {
      const opened = (await Cache.open(cache, 'reads', () => undefined))!;
      const reads = vi.spyOn(fs, 'readSync');
      const titles = order.map((i) => opened.get(opened.slot(path.join(work, 'reads', names[i]!), names[i]!), hashBytes(bytes[i]!))?.[0]?.record?.title);
      const calls = reads.mock.calls.length;
      reads.mockRestore();
      await opened.close();
      return { titles, reads: calls };
    };
    const inOrder = [...names.keys()];
    const forward = await readIn(inOrder);
    expect(forward.titles).toEqual(inOrder.map((i) => `Note ${i}`));
    // The first entry alone, then a window of 256 KiB at a time.
    expect(packBytes).toBeGreaterThan(256 * 1024);
    expect(forward.reads).toBeLessThanOrEqual(2 + Math.ceil(packBytes / (256 * 1024)));
    const backward = await readIn([...inOrder].reverse());
    expect(backward.titles).toEqual([...inOrder].reverse().map((i) => `Note ${i}`));
    expect(backward.reads).toBe(count);
  });
  it('ignores a damaged index line and a cut last line, and uses every other', async () => {
    const cache = path.join(work, 'cache-damaged');
    const names = ['a.md', 'b.md', 'c.md', 'd.md'];
    const bytes = names.map((name) => Buffer.from(`# ${name}\n`));
    const slotOf = (opened: Cache, name: string): Slot => opened.slot(path.join(work, 'damaged', name), name);
    const first = (await Cache.open(cache, 'damaged', () => undefined))!;
    names.forEach((name, i) => first.set(slotOf(first, name), bytes[i]!, null, processFile(new SourceFile({ path: name, bytes: bytes[i]! }))));
    await first.close();
    const index = path.join(cache, (fs.readdirSync(cache, { recursive: true }) as string[]).find((name) => name.endsWith('.index'))!);
    const [a, b, c, d] = fs.readFileSync(index, 'utf8').split('\n') as [string, string, string, string];
    // a.md's offset is no number, b.md's line lost its last field, d.md's line is cut short (a run killed while writing it).
    const fields = a.split('\t');
    fields[3] = 'x';
    fs.writeFileSync(index, `${fields.join('\t')}\n${b.slice(0, b.lastIndexOf('\t'))}\n${c}\n${d.slice(0, -5)}`);
    const reports: string[] = [];
    const opened = (await Cache.open(cache, 'damaged', (_, diagnostic) => reports.push(diagnostic.rule)))!;
    const titles = names.map((name, i) => opened.get(slotOf(opened, name), hashBytes(bytes[i]!))?.[0]?.record?.title ?? null);
    expect(titles).toEqual([null, null, 'c.md', null]);
    expect(reports).toEqual([]);
    await opened.close();
  });

  it("never gives another file's entry: an index line pointing at it is reported and ignored", async () => {
    const cache = path.join(work, 'cache-swapped');
    // The same bytes: only the key tells the two entries apart (their records' paths and ids differ).
    const bytes = [Buffer.from('# Alpha\n'), Buffer.from('# Alpha\n')];
    const names = ['a.md', 'b.md'];
    const first = (await Cache.open(cache, 'swapped', () => undefined))!;
    names.forEach((name, i) => first.set(first.slot(path.join(work, name), name), bytes[i]!, null, processFile(new SourceFile({ path: name, bytes: bytes[i]! }))));
    await first.close();
    // The two lines' places in the pack swapped: each now points at the other file's entry.
    const index = (fs.readdirSync(cache, { recursive: true }) as string[]).find((name) => name.endsWith('.index'))!;
    const lines = fs.readFileSync(path.join(cache, index), 'utf8').split('\n').filter(Boolean).map((line) => line.split('\t'));
    const swapped = [[...lines[0]!.slice(0, 3), ...lines[1]!.slice(3, 5), lines[0]![5]], [...lines[1]!.slice(0, 3), ...lines[0]!.slice(3, 5), lines[1]![5]]];
    fs.writeFileSync(path.join(cache, index), swapped.map((fields) => `${fields.join('\t')}\n`).join(''));
    const reports: string[] = [];
    const opened = (await Cache.open(cache, 'swapped', (_, diagnostic) => reports.push(diagnostic.rule)))!;
    expect(opened.get(opened.slot(path.join(work, 'a.md'), 'a.md'), hashBytes(bytes[0]!))).toBeNull();
    expect(reports).toEqual(['cache-corrupt']);
    await opened.close();
  });
  it("takes a record line by the length its entry gives, and reports an entry whose length does not end at the line's end", async () => {
    const cache = path.join(work, 'cache-lengths');
    const names = ['a.md', 'b.md'];
    const bytes = [Buffer.from('# Alpha\n\nOne \u00e9t\u00e9 line.\n'), Buffer.from('# Beta\n')];
    const first = (await Cache.open(cache, 'lengths', () => undefined))!;
    names.forEach((name, i) => first.set(first.slot(path.join(work, name), name), bytes[i]!, null, processFile(new SourceFile({ path: name, bytes: bytes[i]! }))));
    await first.close();
    const pack = path.join(cache, (fs.readdirSync(cache, { recursive: true }) as string[]).find((name) => name.endsWith('.pack'))!);
    const text = fs.readFileSync(pack, 'utf8');
    // Each record's meta line gives its line's length in bytes (here with two-byte letters), and no separators flag.
    const metas = text.split('\n').filter((line) => line.startsWith('{"path"'));
    expect(metas.map((line) => (JSON.parse(line) as { bytes: number; separators?: true }).separators)).toEqual([undefined, undefined]);
    const alpha = text.split('\n')[2]!;
    expect((JSON.parse(metas[0]!) as { bytes: number }).bytes).toBe(Buffer.byteLength(alpha));
    // a.md's length one byte short: its entry is damaged, reported and not used; b.md's is used.
    fs.writeFileSync(pack, text.replace(`"bytes":${Buffer.byteLength(alpha)}`, `"bytes":${Buffer.byteLength(alpha) - 1}`));
    const reports: string[] = [];
    const opened = (await Cache.open(cache, 'lengths', (_, diagnostic) => reports.push(diagnostic.rule)))!;
    const titles = names.map((name, i) => opened.get(opened.slot(path.join(work, name), name), hashBytes(bytes[i]!))?.[0]?.record?.title ?? null);
    expect(titles).toEqual([null, 'Beta']);
    expect(reports).toEqual(['cache-corrupt']);
    await opened.close();
  });
});
