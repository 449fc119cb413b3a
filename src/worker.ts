/** A pool worker: processes one file's bytes at a time (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import { processFile } from './process.js';

export interface Task {
  id: number;
  path: string;
  bytes: Uint8Array;
  /** The document's place in the folder given, which its id comes from. */
  place: string;
}

// Loading the parsers takes a while; the pool starts the clock on a file only once this says ready.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', (task: Task) => {
  try {
    parentPort!.postMessage({ id: task.id, outcomes: processFile(task.path, task.bytes, { place: task.place }) });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: (error as Error).message });
  }
});
