/**
 * `ingest [paths...]`: streams outcomes from the library, prints their
 * diagnostics on stderr, serializes records and writes them: to stdout, to
 * one file (atomically, under a lock), or one file per document (--out-dir).
 * With --check nothing is written; the exit code says whether it would change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { ingest } from '../index.js';
import { isAtLeast } from '../messages.js';
import type { Diagnostic, IngestRecord } from '../schema.js';
import type { Emitter } from '../emit/emitter.js';
import { emitJson } from '../emit/json.js';
import { emitNdjson } from '../emit/ndjson.js';
import { EXIT_INPUT, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, EXIT_STALE, EXIT_TERMINATED, EXIT_USAGE, type Io } from './io.js';
import { LockError, acquireLock, type Lock } from './lock.js';
import { LOCK, OutDir } from './out-dir.js';
import { OutputError, batched, checkSink, fileSink, linkTarget, removeStaleTemps, specialFileSink, streamSink, type Sink } from './output.js';
import { Progress } from './progress.js';
import { emptyTally, formatDiagnostic, formatSummary } from './report.js';
import { buildRunReport, writeRunReport, type ReportedDiagnostic } from './run-report.js';
import type { Format, Settings } from './settings.js';
import { printable } from '../printable.js';

/** The digest's emitter (and the figures, escaping and shelves it needs) is loaded only for a digest: a warm NDJSON run stays small. */
async function emitterFor(format: Format): Promise<Emitter> {
  if (format === 'md') return (await import('../emit/markdown.js')).emitMarkdown;
  return format === 'json' ? emitJson : emitNdjson;
}

class Interrupted extends Error {}

export async function run(settings: Settings, io: Io, color: ChalkInstance): Promise<number> {
  const started = performance.now();
  const tally = emptyTally();
  const files = { read: 0, found: 0 };
  const diagnostics: ReportedDiagnostic[] = [];
  const progress = Progress.for(io.stderr, io.env);
  const show = (where: string, diagnostic: Diagnostic): void => {
    // The report keeps every diagnostic, whatever stderr shows.
    diagnostics.push({ file: where, line: diagnostic.line, column: diagnostic.column, severity: diagnostic.severity, message: diagnostic.message, rule: diagnostic.rule });
    if (diagnostic.severity === 'error') tally.errors += 1;
    if (diagnostic.severity === 'warning') tally.warnings += 1;
    if (!isAtLeast(diagnostic, settings.show)) return;
    progress?.clear();
    io.stderr.write(formatDiagnostic(where, diagnostic, color));
  };
  const fail = (message: string, code: number): number => {
    progress?.clear();
    io.stderr.write(color.red(`ingest: ${printable(message)}\n`));
    return code;
  };
  /** How the run ended, for the last line of stderr and the report. */
  const ending = { completed: false, written: false, readerLeft: false, signal: null as 'SIGINT' | 'SIGTERM' | null };

  let code = await execute();
  progress?.clear();
  const seconds = (performance.now() - started) / 1000;
  let reportNote: string | null = null;
  if (settings.report) {
    const report = buildRunReport({ tally, files, diagnostics, exitCode: code, signal: ending.signal, output: settings.output ?? settings.outDir, outputWritten: ending.written, seconds });
    try {
      await writeRunReport(settings.report, report);
      reportNote = `report written to ${shown(settings.report, io.cwd)}`;
    } catch (error) {
      const message = error instanceof OutputError ? error.message : `cannot write ${settings.report}: ${(error as Error).message}`;
      reportNote = `no report: ${message}`;
      if (!ending.signal) {
        fail(message, EXIT_USAGE);
        if (code === EXIT_OK || code === EXIT_INPUT) code = EXIT_USAGE;
      }
    }
  }
  if (ending.signal) {
    // Always said, --quiet or not: the user (or cron's mail) must know the output is the previous one.
    const parts = [`interrupted by ${ending.signal}: ${leftAsItWas(settings, io.cwd)}`, `${files.read} of ${files.found} files read`, ...(reportNote ? [reportNote] : [])];
    io.stderr.write(color.yellow(`ingest: ${printable(parts.join('; '))}\n`));
  } else if (ending.completed && !ending.readerLeft && (io.stderr.isTTY || settings.show !== 'error')) {
    // A terminal always gets the summary; cron (no terminal) gets it too unless --quiet, and mails it.
    io.stderr.write(formatSummary(tally, seconds, color));
  }
  return code;

  async function execute(): Promise<number> {
    // `-o /dev/null` or a FIFO: written straight through, never replaced by a file, no lock.
    const special = settings.output !== null && isSpecialFile(settings.output);
    let lock: Lock | null = null;
    if (!settings.check && !special && (settings.output || settings.outDir)) {
      const target = settings.output ?? settings.outDir!;
      try {
        if (settings.outDir) {
          await fs.promises.mkdir(settings.outDir, { recursive: true }).catch((error: Error) => {
            throw new OutputError(`cannot write to ${settings.outDir}: ${error.message}`);
          });
        }
        lock = await acquireLock(settings.output ? `${settings.output}.lock` : path.join(settings.outDir!, LOCK), target);
      } catch (error) {
        if (error instanceof LockError) return fail(error.message, EXIT_LOCKED);
        if (error instanceof OutputError) return fail(error.message, EXIT_USAGE);
        throw error;
      }
      if (lock.tookOver) show(target, { severity: 'warning', rule: 'stale-lock', message: lock.tookOver, line: null, column: null });
    }

    try {
      const outcomes = ingest(settings.paths, {
        cwd: io.cwd,
        include: settings.include,
        exclude: settings.exclude,
        // The report is an output too: never read back as a note.
        outputs: [settings.output, settings.outDir, settings.report].filter((output): output is string => output !== null),
        stdin: io.stdin,
        cache: settings.cache ?? undefined,
        maxBytes: settings.maxBytes,
        parseBudgetMs: settings.timeLimitMs,
        jobs: settings.jobs,
        signal: io.signal,
        onProgress: (done, total) => {
          files.read = done;
          files.found = total;
          progress?.update(done, total);
        },
        report: show,
      });
      async function* records(): AsyncGenerator<IngestRecord> {
        let turned = performance.now();
        for await (const outcome of outcomes) {
          // Reading and parsing in this thread (--jobs 1, a warm cache) is synchronous work chained by promises: the
          // event loop, and with it SIGINT, would wait for the whole run. Let it turn every 50 ms.
          if (performance.now() - turned > 50) {
            await new Promise((resolve) => setImmediate(resolve));
            turned = performance.now();
          }
          if (io.signal?.aborted) throw new Interrupted();
          tally.documents += 1;
          for (const diagnostic of outcome.diagnostics) show(outcome.path, diagnostic);
          if (outcome.record === null) {
            tally.failed += 1;
            continue;
          }
          yield outcome.record;
        }
        // Interrupted while files were in workers: the library reads nothing more and ends without another outcome.
        if (io.signal?.aborted) throw new Interrupted();
      }
      /** What is written: records merged by work (--merge) and cut to --since, counted as they go out. */
      async function* written(): AsyncGenerator<IngestRecord> {
        // Loaded only when asked for: they bring the normalizer, which a warm run never needs.
        const sinceFilter = settings.since ? (await import('../since.js')).sinceFilter : null;
        const out = (record: IngestRecord): IngestRecord | null => {
          const kept = sinceFilter && settings.since ? sinceFilter(record, settings.since) : record;
          if (kept === null) tally.leftOut += 1;
          else {
            tally.records += 1;
            tally.highlights += kept.highlights.length;
          }
          return kept;
        };
        if (!settings.merge) {
          for await (const record of records()) {
            const kept = out(record);
            if (kept) yield kept;
          }
          return;
        }
        // Merging needs every document of a work: records are held (as JSON) until the last is read.
        const { Merger } = await import('../merge.js');
        const merger = new Merger();
        for await (const record of records()) merger.add(record);
        for (const record of merger.merged((where, diagnostic) => show(where, diagnostic))) {
          tally.merged += record.sources.length - 1;
          if (io.signal?.aborted) throw new Interrupted();
          const kept = out(record);
          if (kept) yield kept;
        }
      }

      let changed: boolean;
      try {
        changed = settings.outDir ? await writeOutDir(settings, written(), io, show) : await writeOne(settings, io, written(), special);
      } catch (error) {
        if (error instanceof Interrupted) {
          ending.signal = io.signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
          return ending.signal === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED;
        }
        if (error instanceof OutputError) return fail(error.message, EXIT_USAGE);
        throw error;
      }
      ending.completed = true;
      ending.written = !settings.check;
      if (settings.check && changed) {
        progress?.clear();
        io.stderr.write(`ingest: ${printable(settings.output ?? settings.outDir ?? '')} would change\n`);
        return EXIT_STALE;
      }
      return tally.errors > 0 ? EXIT_INPUT : EXIT_OK;
    } finally {
      await lock?.release();
    }
  }

  async function writeOne(settings: Settings, io: Io, records: AsyncIterable<IngestRecord>, special: boolean): Promise<boolean> {
    let sink: Sink;
    if (settings.check) sink = checkSink(settings.output!);
    else if (settings.output && special) sink = specialFileSink(settings.output);
    else if (settings.output) {
      await removeStaleTemps(await linkTarget(settings.output));
      sink = await fileSink(settings.output, { followLinks: true });
    } else sink = streamSink(io.stdout);
    // A terminal gets each record as it is made; a pipe or a file gets them in pieces.
    if (!settings.check && !(settings.output === null && (io.stdout as { isTTY?: boolean }).isTTY)) sink = batched(sink);
    try {
      for await (const chunk of (await emitterFor(settings.format))(records, { since: settings.since })) {
        if (io.signal?.aborted) throw new Interrupted();
        await sink.write(chunk);
        if (sink.closed) {
          ending.readerLeft = true; // the reader went away (`| head -1`): stop quietly, with no summary
          return false;
        }
      }
      if (io.signal?.aborted) throw new Interrupted();
      return await sink.commit();
    } catch (error) {
      await sink.abort();
      throw error;
    }
  }
}

/** What an interrupted run left as it was, in words. */
function leftAsItWas(settings: Settings, cwd: string): string {
  if (settings.check) return 'nothing was written (--check)';
  const target = settings.output ?? settings.outDir;
  if (target === null) return 'the output on stdout is incomplete';
  if (settings.output && isSpecialFile(settings.output)) return `the output to ${shown(settings.output, cwd)} is incomplete`;
  return `${shown(target, cwd)} left as it was`;
}

/** A path as the user would name it: relative to the working folder when inside it. */
function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** A device, FIFO or socket: something to write into, not a file to replace. */
function isSpecialFile(file: string): boolean {
  try {
    const stats = fs.statSync(file);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}

/** One file per document, named by its title, and an index; returns whether anything changed. */
async function writeOutDir(settings: Settings, records: AsyncIterable<IngestRecord>, io: Io, report: (where: string, diagnostic: Diagnostic) => void): Promise<boolean> {
  const outDir = await OutDir.open(settings.outDir!, settings.check);
  try {
    const { writePages } = await import('./out-dir-pages.js');
    const changed = await writePages(outDir, settings, records, report);
    if (!settings.check) return changed;
    const foreign = await outDir.foreign();
    // Files of the user's own in DIR are never touched, so they are no staleness: named, so that none goes unseen.
    for (const name of foreign) io.stderr.write(`ingest: ${printable(path.join(settings.outDir!, name))} is in the output folder but no run of ingest wrote it; left as it is\n`);
    return changed;
  } catch (error) {
    await outDir.abort();
    throw error;
  }
}


