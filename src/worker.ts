/** A pool worker: processes one file's bytes at a time (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import { processFile } from './process.js';

export interface Task {
  id: number;
  path: string;
  bytes: Uint8Array;
  /** The document's place in the folder given, which its id comes from. */
  place: string;
  /** Milliseconds to parse Markdown in; the rest of the file is then read without the parser. */
  budget: number;
  /** Set when the file is read again after a worker gave no answer in time: why. */
  noMarkdown: string | undefined;
  /** A walked file only specific formats claim: no outcome when none accepts it (process.ts). */
  optional: boolean;
}

// Loading the parsers takes a while; the pool starts the clock on a file only once this says ready.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (task: Task) => {
  try {
    // The clock starts when the worker starts on the file, as the pool's does.
    const deadline = performance.now() + task.budget;
    const settings = { place: task.place, deadline, optional: task.optional, ...(task.noMarkdown === undefined ? {} : { noMarkdown: task.noMarkdown }) };
    parentPort!.postMessage({ id: task.id, outcomes: processFile(task.path, task.bytes, settings) });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: (error as Error).message });
  }
});
