/**
 * `ingest diff OLD NEW`: reads two runs' output (NDJSON, or a JSON array),
 * prints what changed as NDJSON or as a "What's new" digest. No hidden
 * state: a cron job keeps yesterday's file and diffs today's against it.
 * Each run is held as an index (work → highlight key → highlight), not as
 * records.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { ChalkInstance } from 'chalk';
import { addToIndex, countChanges, diffRuns, emptyIndex, type RunIndex } from '../diff.js';
import { escapeLineSeparators } from '../emit/line-separators.js';
import { renderWhatsNew } from '../emit/whats-new.js';
import { printable } from '../printable.js';
import type { IngestRecord } from '../schema.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type Io } from './io.js';
import { OutputError } from '../output/sinks.js';
import { openSink } from './open-sink.js';
import { formatDiagnostic } from './report.js';

export interface DiffSettings {
  before: string;
  after: string;
  format: 'ndjson' | 'md';
  output: string | null;
  /** How the two files are named in the digest and in diagnostics. */
  shown: { before: string; after: string };
}

export async function runDiff(settings: DiffSettings, io: Io, color: ChalkInstance): Promise<number> {
  let bad = 0;
  const problem = (file: string, line: number, message: string): void => {
    bad += 1;
    io.stderr.write(formatDiagnostic(file, { severity: 'error', rule: 'diff-input', message, line, column: 1 }, color));
  };
  let before: RunIndex;
  let after: RunIndex;
  try {
    before = await readRun(settings.before, settings.shown.before, problem);
    after = await readRun(settings.after, settings.shown.after, problem);
  } catch (error) {
    io.stderr.write(color.red(`ingest: ${printable((error as Error).message)}\n`));
    return EXIT_USAGE;
  }
  const changes = diffRuns(before, after);
  const sink = await openSink(settings.output, io, color);
  if (sink === null) return EXIT_USAGE;
  try {
    if (settings.format === 'md') await sink.write(renderWhatsNew(changes, settings.shown));
    else {
      for (const change of changes) {
        await sink.write(`${escapeLineSeparators(JSON.stringify(change))}\n`);
        if (sink.closed) return EXIT_OK;
      }
    }
    await sink.commit();
  } catch (error) {
    await sink.abort();
    if (error instanceof OutputError) {
      io.stderr.write(color.red(`ingest: ${printable(error.message)}\n`));
      return EXIT_USAGE;
    }
    throw error;
  }
  // The one-line summary cron mails: what changed, in numbers.
  const { documents: d, highlights: h } = countChanges(changes);
  io.stderr.write(`ingest diff: documents +${d.added} ~${d.changed} -${d.removed} · highlights +${h.added} ~${h.changed} -${h.removed}\n`);
  return bad > 0 ? EXIT_INPUT : EXIT_OK;
}

/** One run's records, from NDJSON lines or a JSON array; a line that is no v3 record is reported and skipped. */
async function readRun(file: string, shown: string, problem: (file: string, line: number, message: string) => void): Promise<RunIndex> {
  const index = emptyIndex();
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    // A folder passes access() and fails only at the first read: name it here, in words.
    if ((await fs.promises.stat(file)).isDirectory()) throw new Error(`cannot read ${shown}: it is a folder; give the file a run wrote (e.g. today.ndjson)`);
    stream = fs.createReadStream(file, { encoding: 'utf8' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code ? `cannot read ${shown}: ${code}` : (error as Error).message);
  }
  const take = (value: unknown, line: number): void => {
    if (!isRecord(value)) {
      problem(shown, line, 'not an ingest record of schema v3 (no `work` or `highlights` with keys): make both runs with ingest 0.3 or later, --format ndjson or json');
      return;
    }
    addToIndex(index, value);
  };
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  let array: string[] | null = null;
  try {
    for await (const line of lines) {
      number += 1;
      if (array) {
        array.push(line);
        continue;
      }
      if (line.trim() === '') continue;
      // `--format json` output is one array over many lines: read it whole.
      if (line.trimStart().startsWith('[')) {
        array = [line];
        continue;
      }
      try {
        take(JSON.parse(line), number);
      } catch {
        problem(shown, number, 'not a line of JSON');
      }
    }
  } catch (error) {
    // A read that fails half-way (EIO on a bad disk): one line naming the file, never the system's bare message.
    throw new Error(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (array) {
    let values: unknown;
    try {
      values = JSON.parse(array.join('\n'));
    } catch {
      problem(shown, 1, 'not JSON: expected NDJSON (one record per line) or the JSON array of --format json');
      return index;
    }
    if (Array.isArray(values)) values.forEach((value) => take(value, 1));
  }
  return index;
}

function isRecord(value: unknown): value is IngestRecord {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Partial<IngestRecord>;
  return typeof record.work === 'string' && Array.isArray(record.highlights) && Array.isArray(record.sources) && record.highlights.every((highlight) => typeof highlight?.key === 'string');
}
