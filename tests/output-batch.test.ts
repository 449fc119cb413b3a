/**
 * Output is written in pieces, not a write per record (#16): what is
 * pending goes out when the run waits, before commit, and on abort; a
 * failed write still fails the run.
 */
import { setImmediate as idle } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BATCH_BYTES, batched, type Sink } from '../src/output/sinks.js';

/** A sink that records each write; `failOn` makes the write of that text fail. */
function recorder(failOn?: string): Sink & { writes: string[]; committed: boolean; aborted: boolean } {
  return {
    writes: [],
    committed: false,
    aborted: false,
    closed: false,
    write(given) {
      const chunk = typeof given === 'string' ? given : Buffer.from(given).toString('utf8');
      if (failOn !== undefined && chunk.includes(failOn)) return Promise.reject(new Error('disk full'));
      this.writes.push(chunk);
      return Promise.resolve();
    },
    commit() {
      this.committed = true;
      return Promise.resolve(true);
    },
    abort() {
      this.aborted = true;
      return Promise.resolve();
    },
  };
}

describe('batched output', () => {
  it('writes records made without a pause as one piece, at the commit', async () => {
    const inner = recorder();
    const sink = batched(inner);
    for (let i = 0; i < 100; i++) await sink.write(`{"n":${i}}\n`);
    expect(inner.writes).toEqual([]);
    expect(await sink.commit()).toBe(true);
    expect(inner.writes).toHaveLength(1);
    expect(inner.writes[0]!.split('\n')).toHaveLength(101);
    expect(inner.committed).toBe(true);
  });

  it(`writes a piece once about ${BATCH_BYTES / 1024} KiB are pending (at least three quarters of it), in order`, async () => {
    const inner = recorder();
    const sink = batched(inner);
    const line = `${'x'.repeat(1023)}\n`;
    const lines = (BATCH_BYTES / 1024) * 3;
    for (let i = 0; i < lines; i++) await sink.write(line);
    await sink.commit();
    expect(inner.writes.length).toBeGreaterThanOrEqual(3);
    expect(inner.writes.slice(0, -1).every((piece) => piece.length >= (BATCH_BYTES * 3) / 4 && piece.length <= BATCH_BYTES)).toBe(true);
    expect(inner.writes.join('')).toBe(line.repeat(lines));
  });

  it('takes text and UTF-8 bytes alike, in order, whole characters across pieces', async () => {
    const inner = recorder();
    const sink = batched(inner);
    const text = '引用 “quoted” — ünïcödé 📌\n';
    let expected = '';
    for (let i = 0; i < BATCH_BYTES / 16; i++) {
      const line = `${i} ${text}`;
      expected += line;
      await sink.write(i % 2 === 0 ? line : new TextEncoder().encode(line));
    }
    await sink.commit();
    expect(inner.writes.length).toBeGreaterThan(1);
    // Every piece ends on a whole character: each decodes on its own.
    expect(inner.writes.join('')).toBe(expected);
    expect(inner.writes.some((piece) => piece.includes('\uFFFD'))).toBe(false);
  });

  it('writes a large record as it is, after what was pending', async () => {
    const inner = recorder();
    const sink = batched(inner);
    const large = `${'y'.repeat(BATCH_BYTES / 4)}\n`;
    await sink.write(large);
    expect(inner.writes).toEqual([large]);
    await sink.write('small\n');
    await sink.write(large);
    await sink.commit();
    expect(inner.writes.join('')).toBe(`${large}small\n${large}`);
  });

  it('writes what is pending as soon as the run waits', async () => {
    const inner = recorder();
    const sink = batched(inner);
    await sink.write('first\n');
    await idle();
    expect(inner.writes).toEqual(['first\n']);
  });

  it('writes what is pending before abandoning the output', async () => {
    const inner = recorder();
    const sink = batched(inner);
    await sink.write('kept\n');
    await sink.abort();
    expect(inner.writes).toEqual(['kept\n']);
    expect(inner.aborted).toBe(true);
  });

  it('fails the next write or the commit when a piece could not be written', async () => {
    const inner = recorder('bad');
    const sink = batched(inner);
    await sink.write('bad\n');
    await idle();
    await expect(sink.write('next\n')).rejects.toThrow('disk full');
    await expect(sink.commit()).rejects.toThrow('disk full');
    expect(inner.committed).toBe(false);
  });
});
