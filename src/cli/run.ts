/**
 * `ingest [paths...]`: streams outcomes from the library, prints their
 * diagnostics on stderr, serializes records with the chosen emitter and
 * writes them to stdout or atomically to a file.
 */
import type { ChalkInstance } from 'chalk';
import { ingest } from '../index.js';
import { isAtLeast } from '../messages.js';
import type { IngestRecord } from '../schema.js';
import type { Emitter } from '../emit/emitter.js';
import { emitJson } from '../emit/json.js';
import { emitMarkdown } from '../emit/markdown.js';
import { emitNdjson } from '../emit/ndjson.js';
import { EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, type Io } from './main.js';
import { OutputError, fileSink, streamSink, type Sink } from './output.js';
import { emptyTally, formatDiagnostic, formatSummary, type Tally } from './report.js';
import type { Format, Settings } from './settings.js';

const EMITTERS: Record<Format, Emitter> = { json: emitJson, ndjson: emitNdjson, md: emitMarkdown };

export async function run(settings: Settings, io: Io, color: ChalkInstance): Promise<number> {
  const started = performance.now();
  let sink: Sink;
  try {
    sink = settings.output ? await fileSink(settings.output) : streamSink(io.stdout);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.stderr.write(color.red(`ingest: ${error.message}\n`));
    return EXIT_USAGE;
  }
  const tally = emptyTally();
  const outcomes = ingest(settings.paths, {
    cwd: io.cwd,
    include: settings.include,
    exclude: settings.exclude,
    stdin: io.stdin,
  });
  async function* records(): AsyncGenerator<IngestRecord> {
    for await (const outcome of outcomes) {
      tally.documents += 1;
      for (const diagnostic of outcome.diagnostics) {
        if (diagnostic.severity === 'error') tally.errors += 1;
        if (diagnostic.severity === 'warning') tally.warnings += 1;
        if (isAtLeast(diagnostic, settings.show)) io.stderr.write(formatDiagnostic(outcome.path, diagnostic, color));
      }
      if (outcome.record === null) {
        tally.failed += 1;
        continue;
      }
      tally.records += 1;
      tally.highlights += outcome.record.highlights.length;
      yield outcome.record;
    }
  }

  try {
    for await (const chunk of EMITTERS[settings.format](records())) {
      if (io.signal?.aborted) {
        await sink.abort();
        return EXIT_INTERRUPTED;
      }
      await sink.write(chunk);
      if (sink.closed) return EXIT_OK; // the reader went away (`| head -1`): stop quietly
    }
    if (io.signal?.aborted) {
      await sink.abort();
      return EXIT_INTERRUPTED;
    }
    await sink.commit();
  } catch (error) {
    await sink.abort();
    if (error instanceof OutputError) {
      io.stderr.write(color.red(`ingest: ${error.message}\n`));
      return EXIT_USAGE;
    }
    throw error;
  }
  if (io.stderr.isTTY) io.stderr.write(formatSummary(tally, (performance.now() - started) / 1000, color));
  return tally.errors > 0 ? EXIT_INPUT : EXIT_OK;
}

export type { Tally };
