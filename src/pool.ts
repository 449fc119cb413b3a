/**
 * A pool of worker threads that process files in parallel. Each task has a
 * time budget: the worker stops parsing Markdown when it runs out and reads
 * the rest in linear time (see parseMarkdownUntil); a worker still busy
 * well after it (stuck in one step that cannot be cut: one huge piece of
 * Markdown) is terminated and replaced, and the caller decides what to do
 * with the file instead. The caller keeps input order; the pool only runs
 * tasks, and must close() it.
 */
import { Worker } from 'node:worker_threads';
import type { Outcome } from './process.js';
import type { SourceFile, SourceFileData } from './source-file.js';
import type { Task } from './worker.js';

export class TimeoutError extends Error {}

/** A larger young generation: parsing allocates many short-lived objects, and fewer scavenges save time. */
const YOUNG_MB = Number(process.env['INGEST_YOUNG_MB'] ?? 48);
/**
 * The old generation's ceiling. V8 grows a heap whose ceiling is under 2 GiB
 * by a small factor (1.3-2) and collects often: on 3,000 documents a cold run
 * took 9.35 s with 256 MiB, 8.45 s with 2 GiB and the 2× factor that
 * bin/ingest.js sets, 7.3 s with V8's own 4× (medians of 5; but 300 MB peak
 * RSS on 10,000 documents). The ceiling only stops a runaway document
 * (inputs are at most 16 MiB).
 */
const OLD_MB = Number(process.env['INGEST_OLD_MB'] ?? 2048);

/**
 * A worker that has read a file this large is stopped once it answers, and
 * another started only when a file is waiting: V8 keeps the heap it grew
 * (about 250 MB for a 50 MB note) while the main thread writes the record,
 * and its peak comes on top of the worker's.
 */
export const RETIRE_BYTES = 8 * 1024 * 1024;

/**
 * How long a worker may take on a file in all: its budget to parse, then as
 * long again, and a grace (2 s and a second per MiB) to read the rest (in
 * linear time) and answer. `INGEST_STOP_GRACE_MS` sets the grace (tests
 * that must see a stuck worker stopped, whatever the machine's speed).
 */
export function hardLimit(budget: number, bytes: number): number {
  const grace = process.env['INGEST_STOP_GRACE_MS'];
  return 2 * budget + (grace !== undefined && grace !== '' ? Number(grace) : 2000 + Math.ceil((1000 * bytes) / (1024 * 1024)));
}

interface Job {
  id: number;
  file: SourceFileData;
  resolve: (outcomes: Outcome[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Stopped after a large file (RETIRE_BYTES): replaced when a file is waiting. */
  retired: boolean;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export class Pool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly script: URL,
    /** Milliseconds one file may take. */
    private readonly budget: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Adds workers up to `size` (a pool started for one large file may later be wanted for many). */
  grow(size: number): void {
    while (!this.closed && this.slots.length < size) this.slots.push(this.spawn());
  }

  /** The file's outcomes; one with `noMarkdown` set (why) is read block by block from the start, with no time limit but its parser's. */
  run(file: SourceFile): Promise<Outcome[]> {
    if (this.closed) return Promise.reject(new Error('the pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file: file.data(), resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs not done are rejected, and no timer is left to keep the process alive. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the pool is closed');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    for (const slot of this.slots) {
      const job = slot.job;
      this.release(slot);
      job?.reject(stopped);
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { retired: false, ready: false, worker: new Worker(this.script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: OLD_MB } }), job: null, timer: null };
    slot.worker.on('message', (message: { ready?: boolean; id: number; outcomes?: Outcome[]; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      this.release(slot);
      if (job.file.bytes.length >= RETIRE_BYTES) this.retire(slot);
      if (message.error !== undefined) job.reject(new Error(message.error));
      else job.resolve(message.outcomes!);
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.replace(slot, error));
    slot.worker.on('exit', () => {
      if (!this.closed && slot.job && !slot.retired) this.replace(slot, new Error('the worker stopped'));
    });
    return slot;
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  /** Gives up on a slot's job and puts a fresh worker in its place. */
  private replace(slot: Slot, error: Error): void {
    const job = slot.job;
    this.release(slot);
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots[index] = this.spawn();
    job?.reject(error);
    this.dispatch();
  }

  /** Stops a worker that is done with a large file; dispatch starts another when one is wanted. */
  private retire(slot: Slot): void {
    slot.retired = true;
    slot.ready = false;
    void slot.worker.terminate();
  }

  /** The workers' thread ids (tests: a worker that read a large file is not kept). */
  get threadIds(): number[] {
    return this.slots.filter((slot) => !slot.retired).map((slot) => slot.worker.threadId);
  }

  private dispatch(): void {
    if (this.closed) return;
    this.slots.forEach((slot, index) => {
      if (slot.retired && this.queue.length > 0) this.slots[index] = this.spawn();
    });
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      // A file read again after a stuck worker is read to its end: in a worker, so the run still hears signals.
      if (job.file.noMarkdown === undefined) {
        const limit = hardLimit(this.budget, job.file.bytes.length);
        slot.timer = setTimeout(() => this.replace(slot, new TimeoutError(`took longer than ${limit / 1000} s`)), limit);
      }
      const task: Task = { id: job.id, file: job.file, budget: this.budget };
      slot.worker.postMessage(task);
    }
  }
}
