/**
 * Pipes named on the command line (#13): a named FIFO and bash's process
 * substitution are read as streams, and a FIFO nobody writes to never stops
 * Ctrl-C from ending the run.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, TEST_CACHE, runCli, untilLocked, withoutSummary } from './helpers.js';

const NOTE = path.join(ROOT, 'seeds', '000_65a76a17cc260e56.txt');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-pipes-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const titleOf = (stdout: string): unknown => (JSON.parse(stdout) as Array<{ title: unknown }>)[0]?.title;

describe('pipes and FIFOs', () => {
  it('reads process substitution as a stream', async () => {
    const run = await runCli([], { shell: `node ${JSON.stringify(BIN)} <(cat ${JSON.stringify(NOTE)}) <(cat ${JSON.stringify(NOTE)}) -f ndjson` });
    expect(withoutSummary(run.stderr)).toBe('');
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { title: string; kind: string; highlights: unknown[] });
    expect(lines).toHaveLength(2);
    for (const record of lines) {
      expect(record.title).toBe('2024 Will Be a Make-or-Break Year for TikTok Shop');
      expect(record.highlights.length).toBeGreaterThan(0);
    }
  });

  it('reads a named FIFO once its writer comes', async () => {
    const fifo = path.join(dir, 'inbox.md');
    execFileSync('mkfifo', [fifo]);
    const running = runCli([fifo]);
    // The writer comes late: the reader must wait for it, not read an empty file.
    await new Promise((resolve) => setTimeout(resolve, 700));
    fs.writeFileSync(fifo, fs.readFileSync(NOTE));
    const run = await running;
    expect(withoutSummary(run.stderr)).toBe('');
    expect(run.exitCode).toBe(0);
    expect(titleOf(run.stdout)).toBe('2024 Will Be a Make-or-Break Year for TikTok Shop');
  });

  it('ends on SIGINT while a FIFO has no writer', async () => {
    const fifo = path.join(dir, 'never.md');
    execFileSync('mkfifo', [fifo]);
    const out = path.join(dir, 'never.json');
    const child = spawn(process.execPath, [BIN, fifo, '-o', out], { env: { ...process.env, XDG_CACHE_HOME: TEST_CACHE }, stdio: 'ignore' });
    await untilLocked(child, out);
    await new Promise((resolve) => setTimeout(resolve, 700));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 5000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(130);
  });
});
