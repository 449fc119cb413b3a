/**
 * A run killed before it wrote its pack's index (or in the middle of a
 * merge) leaves a pack no index names; the next run removes it once it is
 * orphaned: no live process holds it and it is an hour old (#22). A pack a
 * live run is writing is never removed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-cache-orphans-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const TWO_HOURS_AGO = new Date(Date.now() - 2 * 3600_000);

/** A pack's name as a run makes it (cache.ts, packName): its creation time, its run's pid, a random part. */
const packName = (pid: number, random: string): string => `${TWO_HOURS_AGO.getTime().toString(36).padStart(10, '0')}-${pid}-${random}`;

/** A pid no process has now: that of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

describe('cache: packs of killed runs', () => {
  it('removes a pack without an index once no live run holds it and it is an hour old; keeps any other', async () => {
    const notes = path.join(work, 'notes');
    const cache = path.join(work, 'cache');
    fs.mkdirSync(notes);
    for (let i = 0; i < 20; i++) {
      const note = path.join(notes, `note-${i}.md`);
      fs.writeFileSync(note, `# Note ${i}\n\nOne thought.\n`);
      // Not modified just now: the next run would write their entries again, with their stat (cache.ts, RACY_MS).
      fs.utimesSync(note, TWO_HOURS_AGO, TWO_HOURS_AGO);
    }
    const cold = await runCli([notes, '--cache', cache, '--format', 'ndjson']);
    expect(cold.exitCode).toBe(0);
    const salts = fs.readdirSync(path.join(cache, 'packs'));
    expect(salts).toHaveLength(1);
    const folder = path.join(cache, 'packs', salts[0]!);
    const kept = fs.readdirSync(folder).sort();
    expect(kept.filter((name) => name.endsWith('.pack'))).toHaveLength(1);

    // What a run killed mid-way leaves: entries written, no index (14 MB of them in #22).
    const dead = deadPid();
    const orphan = path.join(folder, `${packName(dead, '0badc0de')}.pack`);
    fs.writeFileSync(orphan, '{"format":4}\n'.repeat(10_000));
    // A merge killed before its index was renamed into place: the merged pack and the unfinished index.
    const merge = path.join(folder, packName(dead, '0badf00d'));
    fs.writeFileSync(`${merge}.pack`, '{"format":4}\n');
    fs.writeFileSync(`${merge}.index.tmp`, 'half a line');
    // Held by a live process (this one), however old: a run that is still writing.
    const live = path.join(folder, `${packName(process.pid, '1111aaaa')}.pack`);
    fs.writeFileSync(live, '{"format":4}\n');
    for (const file of [orphan, `${merge}.pack`, `${merge}.index.tmp`, live]) fs.utimesSync(file, TWO_HOURS_AGO, TWO_HOURS_AGO);
    // Recent: its run may be on another host (where its pid means nothing) and still writing.
    const recent = path.join(folder, `${packName(dead, '2222bbbb')}.pack`);
    fs.writeFileSync(recent, '{"format":4}\n');

    const next = await runCli([notes, '--cache', cache, '--format', 'ndjson']);
    expect(next.exitCode).toBe(0);
    expect(next.stdout).toBe(cold.stdout);
    expect(fs.readdirSync(folder).sort()).toEqual([...kept, path.basename(live), path.basename(recent)].sort());
  });
});
