/** A pool worker: processes one file's bytes at a time (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import { prepareFile, processFile } from './process.js';
import { SourceFile, type SourceFileData } from './source-file.js';

export interface Task {
  id: number;
  /** The file, as plain data: rebuilt into a SourceFile here. */
  file: SourceFileData;
  /** Milliseconds to parse Markdown in; the rest of the file is then read without the parser. */
  budget: number;
}

// Loading the parsers takes a while; the pool starts the clock on a file only once this says ready.
parentPort!.postMessage({ ready: true });

parentPort!.on('message', async (task: Task) => {
  try {
    await prepareFile(new SourceFile(task.file));
    // The clock starts when the worker starts on the file, as the pool's does.
    const file = new SourceFile({ ...task.file, deadline: performance.now() + task.budget });
    parentPort!.postMessage({ id: task.id, outcomes: processFile(file) });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: (error as Error).message });
  }
});
