/**
 * The read stages of the pipeline, scheduled: `ingest(paths, options)`
 * discovers the inputs and streams one outcome per document (a record and
 * its diagnostics), in a deterministic order, reading a few files ahead;
 * each file's outcomes come from the cache when it has them, else from
 * process.ts, in this thread or in the worker pool (pool thresholds, time
 * limits and the fallbacks when a worker gives no answer are decided here),
 * or, for a large file of records, from a streamed read. It never prints,
 * exits or reads process.argv.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cache, hashBytes, type Report, type Slot, type StatRead } from '../cache.js';
import type { Pool } from '../pool.js';
import { discover, type Input } from '../discover.js';
import { couldNotRead, readInput } from '../input/read-input.js';
import { DEFAULT_MAX_BYTES, STREAM_BYTES } from '../limits.js';
import { SCHEMA_VERSION } from '../schema-version.js';
import { TOOL_VERSION } from '../version.js';
import type * as ProcessModuleNs from '../process.js';
import type { Outcome } from '../process.js';
import type { ParserMeter } from '../parse/markdown.js';
import { SourceFile } from '../source-file.js';
import type { ReadTemplate } from '../formats/template/read-template.js';

type ProcessModule = typeof ProcessModuleNs;
import type { RuleId } from '../rules.js';
import type { Diagnostic } from '../schema.js';


export interface IngestOptions {
  /** Relative paths are resolved against it and shown relative to it. */
  cwd?: string;
  /** Globs of files to read inside folders (default: DEFAULT_INCLUDE, the registry's claims). */
  include?: readonly string[];
  /** Globs of files or folders to skip inside folders. */
  exclude?: readonly string[];
  /** Files and folders this run writes: never read from a walked folder (no run ingests its own output). */
  outputs?: readonly string[];
  /** Where `-` reads from. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /**
   * Documents (and stdin) larger than this are not read: an error names
   * them. A file of records read as a stream (see STREAM_BYTES) may be
   * larger: the limit applies to each of its records. Default 16 MiB.
   */
  maxBytes?: number;
  /** A cache folder for records (see cache.ts); none when absent. */
  cache?: string;
  /** Problems of the run itself rather than of a document (a damaged cache). */
  report?: Report;
  /**
   * Worker threads that may parse files in parallel; 1 (the default) parses
   * in this thread. Workers start only once remark has much Markdown to
   * parse (REMARK_POOL_BYTES); the output is the same either way.
   */
  jobs?: number;
  /** Milliseconds a worker may spend on one file before it is read again as plain text (default 20 s). */
  parseBudgetMs?: number;
  /** Aborts reads that may wait forever (a FIFO nobody writes to). */
  signal?: AbortSignal;
  /** Called as each input file is done: for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Templates named with `--read-template` (formats/template/load.ts): notes they match are read with them. Part of the cache key. */
  readTemplates?: readonly ReadTemplate[];
}

/** A file whose parsing takes longer than this in a worker is read again as plain text. */
export const PARSE_BUDGET_MS = 20_000;
/** Fewer input files than this are parsed in this thread: starting workers would cost more. */
const POOL_THRESHOLD = 16;
/**
 * Workers are started once remark has parsed this much Markdown in this
 * thread, not for the number of files: the fast path for highlight lists
 * (src/parse/fast-blocks.ts) leaves remark little to parse in most exports,
 * and then one thread is as fast as two (3,000 documents: 2.3 s against
 * 2.4 s) at two thirds of the memory (118 MB against 180 MB).
 */
export const REMARK_POOL_BYTES = 1024 * 1024;
/** `INGEST_POOL_BYTES=0` starts workers at the first file (tests compare their output with one thread's). */
const POOL_BYTES = Number(process.env['INGEST_POOL_BYTES'] ?? REMARK_POOL_BYTES);
/** Files this large are parsed in a worker, with the time budget, on every path (one file, stdin, `--jobs 1`); not files of records, read as a stream. */
export const BOUNDED_BYTES = 256 * 1024;
/** `INGEST_STREAM_BYTES=0` reads every file of records as a stream (tests compare its output with a whole read's). */
const STREAM_FROM = Number(process.env['INGEST_STREAM_BYTES'] ?? STREAM_BYTES);

/**
 * What a cache key must change with besides the file: the tool's version,
 * the schema, and the compiled code itself, so that a build from a checkout
 * between releases never reuses records an older build made.
 */
export async function cacheSalt(templates: readonly ReadTemplate[] = []): Promise<string> {
  const salt = { tool: TOOL_VERSION, schema: SCHEMA_VERSION, build: await buildId() };
  // Records read with a template are another run's: the templates' text is part of the key (and none leaves the key as it always was).
  if (templates.length === 0) return JSON.stringify(salt);
  return JSON.stringify({ ...salt, templates: createHash('sha256').update(JSON.stringify(templates)).digest('hex').slice(0, 16) });
}

let build: Promise<string> | null = null;
function buildId(): Promise<string> {
  build ??= buildIdOf(fileURLToPath(new URL('.', import.meta.url)));
  return build;
}

/** The id of the build whose module `here` (a folder) holds: what changes with every rebuild of the code that runs. */
export async function buildIdOf(here: string): Promise<string> {
  const hash = createHash('sha256');
  if (path.basename(here) === 'bundle') {
    /*
     * Run from the bundled CLI (dist/bundle/): its chunks are named by a
     * hash of their contents, so their names, with the entry's and the
     * worker's stat (the worker runs the unbundled build beside it), change
     * with any rebuild: one folder read and two stats, where statting all
     * 350 files of dist/ took 16 ms of every run.
     */
    const names = (await fs.promises.readdir(here)).filter((name) => name.endsWith('.js')).sort();
    hash.update(names.join('\0'));
    for (const file of [path.join(here, 'main.js'), path.join(here, '..', 'worker.js')]) {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      hash.update(`\0${path.basename(file)}\0${stat?.size}\0${stat?.mtimeMs}`);
    }
    return hash.digest('hex').slice(0, 16);
  }
  const root = path.join(here, '..');
  const files = (await fs.promises.readdir(root, { recursive: true })).filter((name) => name.endsWith('.js')).sort();
  // Each file's size and mtime, not its bytes: reading them all took 30 ms of every run; a rebuild changes the id.
  for (const file of files) {
    const stat = fs.statSync(path.join(root, file));
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

export async function* ingest(paths: readonly string[], options: IngestOptions = {}): AsyncGenerator<Outcome> {
  const cwd = options.cwd ?? process.cwd();
  const { inputs, problems } = await discover(paths, { cwd, include: options.include, exclude: options.exclude, outputs: options.outputs });
  for (const walkProblem of problems) {
    // A loop or a link into /proc is no document: a warning of the run's, not a failed input.
    if (walkProblem.severity === 'warning') options.report?.(walkProblem.path, { severity: 'warning', rule: walkProblem.rule, message: walkProblem.message, line: null, column: null });
    else yield failure(walkProblem.path, 'read-error', `could not read: ${walkProblem.message}`);
  }
  // How many files the cache will be asked about: it spreads what it writes over them.
  const cacheable = options.cache ? inputs.filter((input) => input.file !== null && !input.stream).length : 0;
  const cache = options.cache ? await Cache.open(options.cache, await cacheSalt(options.readTemplates), options.report ?? (() => undefined), cacheable) : null;
  const jobs = Math.max(1, Math.floor(options.jobs ?? 1));
  // Started at the first file the cache does not have that needs it: a warm run starts no worker.
  let pool: Promise<Pool | null> | null = null;
  const mayParallel = jobs > 1 && inputs.length >= POOL_THRESHOLD;
  // Set once remark has had enough to parse in this thread (REMARK_POOL_BYTES); from then on files go to `jobs` workers.
  let parallel = mayParallel && POOL_BYTES <= 0;
  const poolFor = async (size: number): Promise<Pool | null> => {
    // A large file goes to a worker even when parsing in this thread: only a worker's time can be bounded.
    if (!parallel && size < BOUNDED_BYTES) return null;
    pool ??= startPool(parallel ? jobs : 1, options.parseBudgetMs ?? PARSE_BUDGET_MS);
    const started = await pool;
    if (parallel) started?.grow(jobs);
    return started;
  };
  // Loaded on first use: `ingest --version` and a warm run need none of the parsers.
  let processModule: ProcessModule | null = null;
  // What remark has parsed in this thread during this run: each file's reading says what it cost.
  let remarkBytes = 0;
  const processInline = async (file: SourceFile): Promise<Outcome[]> => {
    processModule ??= await import('../process.js');
    await processModule.prepareFile(file);
    const meter: ParserMeter = { documents: 0, blocks: 0, items: 0, remarkBytes: 0 };
    const outcomes = processModule.processFile(file.with({ meter }));
    remarkBytes += meter.remarkBytes;
    if (mayParallel && remarkBytes >= POOL_BYTES) parallel = true;
    return outcomes;
  };

  /** Set when the consumer stopped early (a closed pipe, an interrupt): reads ahead are dropped. */
  let stopped = false;
  // One listener for the whole run (one for each file in a worker would pass Node's limit of 10 on an AbortSignal).
  const interrupt = interruption(options.signal);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const handle = async (input: Input): Promise<Outcome[]> => {
    // Interrupted: nothing more is read (the CLI ends the run once what is pending has settled).
    if (stopped || options.signal?.aborted) return [];
    // A stream has no stable file to key a cache entry by. The place is part of the key: the same file reached from another folder has other ids.
    // An optional file (a walked .json) may come to nothing where the same file named would be an error: keyed apart.
    const slot = cache && input.file && !input.stream ? cache.slot(input.file, input.path, input.optional ? `${input.place}\0optional` : input.place) : null;
    // An unchanged file (same stat as its entry's) is not even opened.
    const unchanged = slot && cache!.unchanged(slot, maxBytes);
    if (unchanged) return unchanged;
    let bytes = await readInput(input, options.stdin, maxBytes, STREAM_FROM, options.signal);
    if (bytes.ok === 'large') {
      const streamed = await readRecords(input, bytes.stat, slot);
      if (streamed) return streamed;
      // Not a file of records (or one that may be a bundle): read whole, under --max-bytes.
      bytes = await readInput(input, options.stdin, maxBytes, Infinity, options.signal);
    }
    if (bytes.ok === false) return [failure(input.path, bytes.rule, bytes.message)];
    // Not with an infinite streamFrom; said, never dropped without a word, should it ever happen.
    if (bytes.ok === 'large') return [failure(input.path, 'read-error', 'could not read: neither a file of records nor within --max-bytes')];
    // Hashed here only to compare with an earlier entry; a new entry's writer hashes the bytes itself.
    const hash = slot?.found ? hashBytes(bytes.bytes) : null;
    const cached = hash !== null && cache!.get(slot!, hash, bytes.stat);
    if (cached) return cached;
    let outcomes: Outcome[];
    const templates = options.readTemplates?.length ? { templates: options.readTemplates } : {};
    const file = new SourceFile({ path: input.path, bytes: bytes.bytes, place: input.place, optional: input.optional, ...templates });
    const workers = await poolFor(bytes.bytes.length);
    if (workers) {
      // Waited for with the signal: an interrupt must not wait for a worker (it is stopped when the pool closes).
      const inWorker = (noMarkdown?: string): Promise<Outcome[]> => Promise.race([workers.run(noMarkdown === undefined ? file : file.with({ noMarkdown })), interrupt.promise]);
      try {
        outcomes = await inWorker();
      } catch (error) {
        if (stopped || options.signal?.aborted) return [];
        // Stuck in one step of parsing (or a worker that died): read again block by block, in a worker too, so that this thread still hears signals.
        try {
          outcomes = await inWorker(`parsing took too long or failed (${(error as Error).message})`);
        } catch (again) {
          if (stopped || options.signal?.aborted) return [];
          return [failure(input.path, 'read-error', `could not read: ${(again as Error).message}`)];
        }
      }
    } else {
      outcomes = await processInline(file);
    }
    if (slot) cache!.set(slot, bytes.bytes, hash, outcomes, bytes.stat);
    return outcomes;
  };

  /**
   * A large file of records, read as a stream in this thread: no copy of it
   * goes to a worker, and the format readers need no time budget (they do
   * not run the Markdown parser). `null` when it is not a file of records.
   * Cached only up to --max-bytes: an entry is read back whole.
   */
  const readRecords = async (input: Input, stat: StatRead, slot: Slot | null): Promise<Outcome[] | null> => {
    const { readRecordFile, Interrupted } = await import('../input/record-file.js');
    try {
      // A SourceFile without bytes: read as a stream, never held whole.
      const read = await readRecordFile(input.file!, new SourceFile({ path: input.path, place: input.place }), {
        maxRecord: maxBytes,
        stop: () => stopped || options.signal?.aborted === true,
      });
      if (!read) return null;
      if (slot && read.bytesHash !== null && read.size <= maxBytes) cache!.set(slot, null, read.bytesHash, read.outcomes, stat);
      return read.outcomes;
    } catch (error) {
      if (error instanceof Interrupted) return [failure(input.path, 'read-error', 'could not read: interrupted')];
      return [failure(input.path, 'read-error', couldNotRead(error))];
    }
  };

  // Files are read and parsed a few ahead, and yielded in input order; memory stays flat.
  const window = Math.max(4, jobs * 4);
  const pending: Array<Promise<Outcome[]>> = [];
  let next = 0;
  let done = 0;
  const fill = (): void => {
    while (pending.length < window && next < inputs.length) {
      const promise = handle(inputs[next++]!);
      promise.catch(() => undefined); // awaited in order below
      pending.push(promise);
    }
  };
  try {
    fill();
    while (pending.length > 0) {
      const outcomes = await pending.shift()!;
      fill();
      done += 1;
      options.onProgress?.(done, inputs.length);
      // One by one, not `yield*`: that wraps the array in an async iterator, a promise more per outcome.
      for (const outcome of outcomes) yield outcome;
    }
  } finally {
    stopped = true;
    interrupt.dispose();
    const started = pool as Promise<Pool | null> | null;
    if (started) await (await started)?.close();
    await cache?.close();
  }
}

async function startPool(jobs: number, budget: number): Promise<Pool | null> {
  const script = new URL('../worker.js', import.meta.url);
  // Run from TypeScript sources (the tests), there is no compiled worker: parse in this thread.
  if (!fs.existsSync(fileURLToPath(script))) return null;
  const { Pool } = await import('../pool.js');
  return new Pool(jobs, script, budget);
}

/** A promise that rejects when the signal aborts (never, without one), and how to stop listening. */
function interruption(signal: AbortSignal | undefined): { promise: Promise<never>; dispose: () => void } {
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new Error('interrupted'));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined); // raced with each worker's answer: seen there
  return { promise, dispose: () => signal?.removeEventListener('abort', onAbort) };
}

function failure(path: string, rule: RuleId, message: string): Outcome {
  const diagnostic: Diagnostic = { severity: 'error', rule, message, line: null, column: null };
  return { path, record: null, diagnostics: [diagnostic] };
}
