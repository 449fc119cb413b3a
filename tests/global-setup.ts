/** One cache folder for the whole test run, made before it and removed after it, so no run leaves one behind. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-test-cache-'));
  process.env['INGEST_TEST_CACHE'] = cache;
  return () => fs.rmSync(cache, { recursive: true, force: true });
}
