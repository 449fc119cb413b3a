/**
 * `ingest [paths...]`: settings → the library's pipeline (pipeline/run.ts),
 * and what the user sees of it: diagnostics on stderr as they come, a
 * progress bar on a terminal, the summary line, the `--report` file, and the
 * line that says what an interrupt left as it was.
 */
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { isAtLeast } from '../messages.js';
import type { Diagnostic } from '../schema.js';
import { OutputError } from '../output/sinks.js';
import { exitStatus, isSpecialFile, runPipeline, targetFor } from '../pipeline/run.js';
import { EXIT_INPUT, EXIT_OK, EXIT_STALE, EXIT_USAGE, type Io } from './io.js';
import { Progress } from './progress.js';
import { emptyTally, formatDiagnostic, formatSummary } from './report.js';
import type { PageTemplate } from '../output/page-template.js';
import type { ReadTemplate } from '../formats/template/read-template.js';
import { buildRunReport, writeRunReport, type ReportedDiagnostic } from './run-report.js';
import type { Settings } from './settings.js';
import { printable } from '../printable.js';

export async function run(settings: Settings, io: Io, color: ChalkInstance): Promise<number> {
  const started = performance.now();
  const tally = emptyTally();
  const files = { read: 0, found: 0 };
  const diagnostics: ReportedDiagnostic[] = [];
  const progress = Progress.for(io.stderr, io.env);
  const show = (where: string, diagnostic: Diagnostic): void => {
    // The report keeps every diagnostic, whatever stderr shows.
    diagnostics.push({ file: where, line: diagnostic.line, column: diagnostic.column, severity: diagnostic.severity, message: diagnostic.message, rule: diagnostic.rule });
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
    const target = targetFor(settings.output, settings.outDir, io.stdout);
    // A template that does not parse stops the run before anything is read or written.
    let template: PageTemplate | null = null;
    let digestTemplate: PageTemplate | null = null;
    if (settings.template !== null || settings.digestTemplate !== null) {
      const { pageTemplate, TemplateError } = await import('../output/page-template.js');
      try {
        if (settings.template !== null) template = pageTemplate(settings.template);
        if (settings.digestTemplate !== null) digestTemplate = pageTemplate(settings.digestTemplate);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        io.stderr.write(formatDiagnostic(shown(error.file, io.cwd), { severity: 'error', rule: 'template-error', message: `${error.reason}; nothing was written`, line: error.line ?? 1, column: error.column ?? 1 }, color));
        return EXIT_USAGE;
      }
    }
    let readTemplates: ReadTemplate[] = [];
    if (settings.readTemplates.length > 0) {
      const { readTemplates: load, ReadTemplateError } = await import('../input/read-templates.js');
      try {
        readTemplates = load(settings.readTemplates, (file) => shown(file, io.cwd));
      } catch (error) {
        if (!(error instanceof ReadTemplateError)) throw error;
        io.stderr.write(formatDiagnostic(error.file, { severity: 'error', rule: 'read-template-error', message: `${error.reason}; nothing was read`, line: error.line ?? 1, column: error.column ?? 1 }, color));
        return EXIT_USAGE;
      }
    }
    const result = await runPipeline(settings.paths, {
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
      format: settings.format,
      target,
      merge: settings.merge,
      since: settings.since,
      check: settings.check,
      onDiagnostic: show,
      onNote: (message) => io.stderr.write(`ingest: ${printable(message)}\n`),
      force: settings.force,
      template,
      digestTemplate,
      style: settings.style,
      review: settings.review,
      today: settings.today,
      readTemplates,
    });
    Object.assign(tally, result.tally);
    const status = exitStatus(result, settings.check);
    if (result.status === 'failed') return fail(result.failure!.message, status);
    if (result.status === 'interrupted') {
      ending.signal = result.signal;
      return status;
    }
    ending.readerLeft = result.status === 'reader-left';
    ending.completed = true;
    ending.written = !settings.check;
    if (status === EXIT_STALE) {
      progress?.clear();
      io.stderr.write(`ingest: ${printable(settings.output ?? settings.outDir ?? '')} would change\n`);
    }
    return status;
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
