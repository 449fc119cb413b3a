#!/usr/bin/env node
// Runs the compiled CLI, bundled (npm install builds dist/ and dist/bundle/ through the `prepare` script).
import v8 from 'node:v8';
import { main } from '../dist/bundle/main.js';

// Heaps grow at most 1.5× between collections. With the workers' 2 GiB ceiling
// (see src/pool.ts) V8 would allow 4×: 300 MB peak RSS on 10,000 documents
// against 235 MB, for a cold run about 15% faster. What the heap holds between
// two collections is dead records waiting to be collected, and the longer a
// run, the more of them pile up under a growth factor of 2×: peak RSS grew
// 1.31× from 2,500 to 10,000 documents with nothing live growing (13 MB live
// after a full collection at the end of both runs). At 1.5× it grows about
// 1.05×, for the same CPU time (#23). A process-wide setting, so it is made
// here, for the CLI's own process, not by the library.
v8.setFlagsFromString('--heap-growing-percent=50');

// A reader that goes away (`ingest --help | head -1`) ends the output quietly, and a full disk behind
// `> file` is a one-line error from main (exit 2): never a stack trace.
process.stdout.on('error', () => undefined);

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => controller.abort(signal));
}
// stdin is opened only if `-` is read: touching process.stdin early can keep a terminal run alive.
const stdin = { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() };
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin,
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
