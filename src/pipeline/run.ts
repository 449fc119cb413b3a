/**
 * The whole pipeline, owned by the library: discover → read → detect → read
 * format → normalize (the `ingest` generator: one outcome per document) →
 * merge (`--merge`) → with highlights (`-f csv`) → since (`--since`) → emit
 * (JSON, NDJSON, Markdown, CSV) → write to a Target (stdout, a file, a
 * special file, a folder), with `--check` comparing instead of writing.
 * Each stage is a function that can be called on its own; `runPipeline`
 * chains them and returns what the run counted and how it ended, and
 * `exitStatus` derives the exit status from that. It never prints:
 * diagnostics and notes go to the caller's hooks.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { EmitOptions, Emitter, OutputFormat } from '../emit/emitter.js';
import type { DigestMemory } from '../emit/digest-memory.js';
import { emitJson } from '../emit/json.js';
import { emitNdjson } from '../emit/ndjson.js';
import type { Outcome } from '../process.js';
import { ingest, type IngestOptions } from './read.js';
import { LOCK, LockError, acquireLock, type Lock } from '../output/lock.js';
import type { PageTemplate } from '../output/page-template.js';
import type { StyleName } from '../output/page-style.js';
import { TemplateError } from '../output/template-error.js';
import { fileSink, linkTarget, removeStaleTemps } from '../output/atomic-file.js';
import { OutputError, batched, checkSink, specialFileSink, streamSink, type Sink } from '../output/sinks.js';
import type { Diagnostic, IngestRecord } from '../schema.js';
import { highlightCount, standIn } from '../serialized.js';
import type { Since } from '../since.js';
import { EXIT_INPUT, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, EXIT_STALE, EXIT_TERMINATED, EXIT_USAGE } from './exit.js';
import { emptyTally, type Tally } from './tally.js';

/** Where the output goes. */
export type Target =
  /** A stream (the process's stdout): written as made; a terminal gets each record at once. */
  | { readonly kind: 'stdout'; readonly stream: Writable & { isTTY?: boolean } }
  /** A file, replaced atomically under a lock once the run completes. */
  | { readonly kind: 'file'; readonly path: string }
  /** A device, FIFO or socket (`/dev/null`): written straight through, never replaced, no lock. */
  | { readonly kind: 'special'; readonly path: string }
  /** A folder of pages, one per record, and an index (`--out-dir`). */
  | { readonly kind: 'folder'; readonly path: string };

/** The target for an output file (`-o`), an output folder (`--out-dir`), or neither (the stream). */
export function targetFor(output: string | null, outDir: string | null, stream: Writable & { isTTY?: boolean }): Target {
  if (outDir !== null) return { kind: 'folder', path: outDir };
  if (output === null) return { kind: 'stdout', stream };
  return isSpecialFile(output) ? { kind: 'special', path: output } : { kind: 'file', path: output };
}

/** A path the target writes, if any (never read back as a note). */
export function targetPath(target: Target): string | null {
  return target.kind === 'stdout' ? null : target.path;
}

export interface PipelineOptions extends Omit<IngestOptions, 'report'> {
  readonly format: OutputFormat;
  readonly target: Target;
  /** Merge the documents of one work into one record. */
  readonly merge: boolean;
  /** Only highlights made on or after this day (and documents that have some). */
  readonly since: Since | null;
  /** Compare with the target instead of writing it: `changed` says whether a run would change it. */
  readonly check: boolean;
  /** Every diagnostic, of documents and of the run itself, as it is found. */
  readonly onDiagnostic: (where: string, diagnostic: Diagnostic) => void;
  /** A line for the user that is no diagnostic (a file of the user's own in an output folder, under --check). */
  readonly onNote?: (message: string) => void;
  /** --out-dir: replace ingest's part of pages the user changed (`--force`). */
  readonly force?: boolean;
  /** --out-dir -f md: the page template, compiled (null or absent: the built-in page of the style). */
  readonly template?: PageTemplate | null;
  /** -f md to stdout or -o: the digest rendered by this template instead of ingest's own layout. */
  readonly digestTemplate?: PageTemplate | null;
  /** The day of the run (`--date`): for the review. */
  readonly today?: string;
  /** `--review N`: highlights a digest brings back. */
  readonly review?: number;
  /** --out-dir -f md: pages for Obsidian (and any Markdown app) or for Logseq. */
  readonly style?: StyleName;
}

/** How a run ended. */
export interface RunResult {
  /** `completed`; `reader-left` (the stream's reader went away: `| head -1`); `interrupted` (the signal); `failed` (`failure` says why). */
  readonly status: 'completed' | 'reader-left' | 'interrupted' | 'failed';
  readonly tally: Tally;
  /** With `check`: whether the target would change. Without: whether it changed. */
  readonly changed: boolean;
  /** Why the output could not be written (a held lock, a full disk), and the exit status it means. */
  readonly failure: { readonly message: string; readonly status: number } | null;
  /** For `interrupted`: which signal, from the abort signal's reason. */
  readonly signal: 'SIGINT' | 'SIGTERM' | null;
}

/** The exit status of a run: from how it ended and what it counted. */
export function exitStatus(result: RunResult, check: boolean): number {
  if (result.status === 'failed') return result.failure!.status;
  if (result.status === 'interrupted') return result.signal === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED;
  if (check && result.changed) return EXIT_STALE;
  return result.tally.errors > 0 ? EXIT_INPUT : EXIT_OK;
}

class Interrupted extends Error {}

/** The emitter of an output format; the digest's (and the figures, escaping and shelves it needs) is loaded only for a digest, the CSV writer only for CSV. */
export async function emitterFor(format: OutputFormat): Promise<Emitter> {
  if (format === 'md') return (await import('../emit/markdown.js')).emitMarkdown;
  if (format === 'html') return (await import('../emit/html.js')).emitHtml;
  if (format === 'csv') return (await import('../emit/csv.js')).emitCsv;
  return format === 'json' ? emitJson : emitNdjson;
}

/**
 * Stage: outcomes → records. Counts documents and failures, hands every
 * diagnostic on, and lets the event loop turn every 50 ms (reading in this
 * thread is synchronous work chained by promises: a signal would wait for
 * the whole run otherwise).
 */
export async function* recordsOf(
  outcomes: AsyncIterable<Outcome>,
  tally: Tally,
  report: (where: string, diagnostic: Diagnostic) => void,
  signal?: AbortSignal,
  /** Only the NDJSON emitter follows, with no --merge or --since: a cached record goes on as its text alone (serialized.ts standIn). */
  textOnly = false,
): AsyncGenerator<IngestRecord> {
  let turned = performance.now();
  for await (const outcome of outcomes) {
    if (performance.now() - turned > 50) {
      await new Promise((resolve) => setImmediate(resolve));
      turned = performance.now();
    }
    if (signal?.aborted) throw new Interrupted();
    tally.documents += 1;
    for (const diagnostic of outcome.diagnostics) report(outcome.path, diagnostic);
    const stand = textOnly ? standIn(outcome) : null;
    if (stand) {
      yield stand;
      continue;
    }
    if (outcome.record === null) {
      tally.failed += 1;
      continue;
    }
    yield outcome.record;
  }
  // Interrupted while files were in workers: the library reads nothing more and ends without another outcome.
  if (signal?.aborted) throw new Interrupted();
}

/** Stage: records of one work merged into one (held, as JSON, until the last document is read). */
export async function* merged(records: AsyncIterable<IngestRecord>, tally: Tally, report: (where: string, diagnostic: Diagnostic) => void, signal?: AbortSignal): AsyncGenerator<IngestRecord> {
  const { Merger } = await import('../merge.js');
  const merger = new Merger();
  for await (const record of records) merger.add(record);
  for (const record of merger.merged(report)) {
    tally.merged += record.sources.length - 1;
    if (signal?.aborted) throw new Interrupted();
    yield record;
  }
}

/** Stage (CSV only, one row per highlight): a record with no highlight gives no row, and is counted as such, not as written. */
export async function* withHighlights(records: AsyncIterable<IngestRecord>, tally: Tally): AsyncGenerator<IngestRecord> {
  for await (const record of records) {
    if (highlightCount(record) === 0) {
      tally.withoutHighlights += 1;
      continue;
    }
    yield record;
  }
}

/** Stage: records cut to `since` (highlights made on or after it), counted as they go out. */
export async function* sinceCut(records: AsyncIterable<IngestRecord>, since: Since | null, tally: Tally): AsyncGenerator<IngestRecord> {
  // Loaded only when asked for: it brings the normalizer, which a warm run never needs.
  const sinceFilter = since ? (await import('../since.js')).sinceFilter : null;
  for await (const record of records) {
    const kept = sinceFilter && since ? sinceFilter(record, since) : record;
    if (kept === null) {
      tally.leftOut += 1;
      continue;
    }
    tally.records += 1;
    tally.highlights += highlightCount(kept);
    yield kept;
  }
}

/** Runs the whole pipeline on `paths`. */
export async function runPipeline(paths: readonly string[], options: PipelineOptions): Promise<RunResult> {
  const tally = emptyTally();
  const { target, check, signal } = options;
  const report = (where: string, diagnostic: Diagnostic): void => {
    if (diagnostic.severity === 'error') tally.errors += 1;
    if (diagnostic.severity === 'warning') tally.warnings += 1;
    options.onDiagnostic(where, diagnostic);
  };
  const result = (status: RunResult['status'], changed = false, failure: RunResult['failure'] = null): RunResult => ({
    status,
    tally,
    changed,
    failure,
    signal: status === 'interrupted' ? (signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') : null,
  });

  let lock: Lock | null = null;
  if (!check && (target.kind === 'file' || target.kind === 'folder')) {
    try {
      if (target.kind === 'folder') {
        await fs.promises.mkdir(target.path, { recursive: true }).catch((error: Error) => {
          throw new OutputError(`cannot write to ${target.path}: ${error.message}`);
        });
      }
      lock = await acquireLock(target.kind === 'file' ? `${target.path}.lock` : path.join(target.path, LOCK), target.path);
    } catch (error) {
      if (error instanceof LockError) return result('failed', false, { message: error.message, status: EXIT_LOCKED });
      if (error instanceof OutputError) return result('failed', false, { message: error.message, status: EXIT_USAGE });
      throw error;
    }
    if (lock.tookOver) report(target.path, { severity: 'warning', rule: 'stale-lock', message: lock.tookOver, line: null, column: null });
  }
  try {
    const outcomes = ingest(paths, { ...options, report });
    const textOnly = options.format === 'ndjson' && !options.merge && options.since === null;
    const records = recordsOf(outcomes, tally, report, signal, textOnly);
    const whole = options.merge ? merged(records, tally, report, signal) : records;
    const written = sinceCut(options.format === 'csv' ? withHighlights(whole, tally) : whole, options.since, tally);
    try {
      if (target.kind === 'folder') return result('completed', await writeFolder(target.path, options, written, report, tally));
      const changed = await writeStream(target, options, written, tally);
      return changed === null ? result('reader-left') : result('completed', changed);
    } catch (error) {
      if (error instanceof Interrupted) return result('interrupted');
      if (error instanceof OutputError) return result('failed', false, { message: error.message, status: EXIT_USAGE });
      // A template that fails on a record: nothing is written (the staged pages are thrown away).
      if (error instanceof TemplateError) return result('failed', false, { message: error.message, status: EXIT_USAGE });
      throw error;
    }
  } finally {
    await lock?.release();
  }
}

/** Stage: emit and write to a stream, a file or a special file; whether it changed (`null`: the reader went away). */
async function writeStream(target: Exclude<Target, { kind: 'folder' }>, options: PipelineOptions, records: AsyncIterable<IngestRecord>, tally: Tally): Promise<boolean | null> {
  let sink: Sink;
  if (options.check) sink = checkSink(target.kind === 'stdout' ? '-' : target.path);
  else if (target.kind === 'special') sink = specialFileSink(target.path);
  else if (target.kind === 'file') {
    await removeStaleTemps(await linkTarget(target.path));
    sink = await fileSink(target.path, { followLinks: true });
  } else sink = streamSink(target.stream);
  // A terminal gets each record as it is made; a pipe or a file gets them in pieces.
  if (!options.check && !(target.kind === 'stdout' && target.stream.isTTY)) sink = batched(sink);
  try {
    const emit = options.digestTemplate ? (await import('../emit/digest-template.js')).templateDigest(options.digestTemplate, { cwd: options.cwd ?? process.cwd(), output: target.kind === 'stdout' ? null : target.path }) : await emitterFor(options.format);
    // A digest written to a file remembers what it showed, beside it: its next run opens with what is new.
    const memory = isDigest(options.format) && target.kind === 'file' ? await openMemory(target.path) : null;
    const emitOptions = { since: options.since, today: options.today, review: isDigest(options.format) ? (options.review ?? 0) : 0, ...(memory ? { memory: memory.hooks } : {}) };
    for await (const chunk of emit(records, emitOptions)) {
      if (options.signal?.aborted) throw new Interrupted();
      await sink.write(chunk);
      // The reader went away (`| head -1`): stop quietly.
      if (sink.closed) return null;
    }
    if (options.signal?.aborted) throw new Interrupted();
    const changed = await sink.commit();
    if (memory) {
      const facts = memory.facts();
      tally.digest = { fresh: facts.fresh, first: facts.first ?? false, reviewDay: facts.reviewed > 0 ? facts.today : null };
      if (!options.check) await memory.save();
    }
    return changed;
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

function isDigest(format: OutputFormat): boolean {
  return format === 'md' || format === 'html';
}

/** The memory of the digest at `file` (`.NAME.ingest-state.json` beside it): read now, written once the digest is. */
async function openMemory(file: string): Promise<{ hooks: NonNullable<EmitOptions['memory']>; facts(): DigestFacts; save(): Promise<void> }> {
  const { parseMemory, serializeMemory } = await import('../emit/digest-memory.js');
  const place = path.join(path.dirname(file), `.${path.basename(file)}.ingest-state.json`);
  const text = await fs.promises.readFile(place, 'utf8').catch(() => null);
  const previous = text === null ? null : parseMemory(text);
  let next: DigestMemory | null = null;
  let facts: DigestFacts = { fresh: 0, reviewed: 0, today: null, first: previous === null };
  return {
    hooks: {
      previous,
      remember(memory, counted) {
        next = memory;
        facts = { ...counted, today: [...memory.reviews.keys()].sort().at(-1) ?? null, first: previous === null };
      },
    },
    facts: () => facts,
    async save() {
      if (next === null) return;
      const { writeFileAtomic } = await import('../output/atomic-file.js');
      await writeFileAtomic(place, serializeMemory(next));
    },
  };
}

/** What a digest written to a file found: new highlights, how many the review brought back and for which day. */
export interface DigestFacts {
  readonly fresh: number;
  readonly reviewed: number;
  readonly today: string | null;
  /** No memory was found: the first digest at this place. */
  readonly first?: boolean;
}

/** Stage: one page per record and an index in a folder; whether anything changed. */
async function writeFolder(folder: string, options: PipelineOptions, records: AsyncIterable<IngestRecord>, report: (where: string, diagnostic: Diagnostic) => void, tally: Tally): Promise<boolean> {
  // Loaded only for --out-dir: its pages bring YAML, the templates and Nunjucks.
  const [{ OutDir }, { writePages }, { pageStyle }, { pageTemplate }] = await Promise.all([import('../output/out-dir.js'), import('../output/out-dir-pages.js'), import('../output/page-style.js'), import('../output/page-template.js')]);
  const style = pageStyle(options.style ?? 'obsidian');
  const outDir = await OutDir.open(folder, { check: options.check, force: options.force ?? false, report, style });
  try {
    const template = options.template ?? pageTemplate(null, style.template);
    // The index of Obsidian-style pages is a digest too: What's new and Today's review, remembered beside it.
    const memory = options.format === 'md' && style.name === 'obsidian' ? await openMemory(path.join(outDir.dir, 'index.md')) : null;
    const digest = memory ? { ...memory.hooks, today: options.today ?? new Date().toISOString().slice(0, 10), review: options.review ?? 0 } : undefined;
    const changed = await writePages(outDir, { format: options.format, merge: options.merge, template, cwd: options.cwd ?? process.cwd(), style, ...(digest ? { digest } : {}) }, records, report);
    if (memory) {
      const facts = memory.facts();
      tally.digest = { fresh: facts.fresh, first: facts.first ?? false, reviewDay: facts.reviewed > 0 ? facts.today : null };
      if (!options.check) await memory.save();
    }
    if (outDir.edited > 0) options.onNote?.(`${outDir.edited} ${outDir.edited === 1 ? 'page' : 'pages'} in ${folder} left as ${outDir.edited === 1 ? 'it is' : 'they are'}: you changed the part ingest manages (see the page-edited warnings; --force replaces them)`);
    if (!options.check) return changed;
    // Files of the user's own in the folder are never touched, so they are no staleness: named, so that none goes unseen.
    for (const name of await outDir.foreign()) options.onNote?.(`${path.join(folder, name)} is in the output folder but no run of ingest wrote it; left as it is`);
    return changed;
  } catch (error) {
    await outDir.abort();
    throw error;
  }
}

/** A device, FIFO or socket: something to write into, not a file to replace. */
export function isSpecialFile(file: string): boolean {
  try {
    const stats = fs.statSync(file);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}
