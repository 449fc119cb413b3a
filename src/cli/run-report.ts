/**
 * `--report FILE.json`: what a cron job keeps of a run. The counts, the
 * duration and every diagnostic (whatever --quiet hides from stderr), and
 * whether the run was interrupted and what it left as it was. Built purely
 * from what the run tallied; written atomically like every output.
 */
import type { Diagnostic } from '../schema.js';
import { TOOL_VERSION } from '../version.js';
import { writeFileAtomic } from '../output/atomic-file.js';
import { escapeLineSeparators } from '../emit/line-separators.js';
import type { Tally } from './report.js';

export interface ReportedDiagnostic {
  file: string;
  line: number | null;
  column: number | null;
  severity: Diagnostic['severity'];
  message: string;
  rule: string;
}

export interface RunReport {
  tool: 'ingest';
  version: string;
  exitCode: number;
  /** Stopped by SIGINT or SIGTERM before the output was written. */
  interrupted: boolean;
  signal: 'SIGINT' | 'SIGTERM' | null;
  /** The -o file or --out-dir folder, `null` for stdout. */
  output: string | null;
  /** Whether the output was replaced (false: left as it was, or with --check never written). */
  outputWritten: boolean;
  durationSeconds: number;
  counts: {
    /** Input files read, of those found. */
    files: { read: number; found: number };
    /** Documents found in the files read (a bundle or a Kindle file holds several). */
    documents: number;
    written: number;
    /** Documents joined into another document's record (--merge). */
    merged: number;
    /** Records left out by --since. */
    leftOutBySince: number;
    /** Records left out of a CSV (-f csv) because they have no highlight. */
    withoutHighlights: number;
    notIngested: number;
    highlights: number;
    errors: number;
    warnings: number;
    info: number;
  };
  /** How many of each rule, by severity: `{"warning": {"yaml-syntax": 2}}`. */
  rules: { error: Record<string, number>; warning: Record<string, number>; info: Record<string, number> };
  diagnostics: ReportedDiagnostic[];
}

export interface RunFacts {
  tally: Tally;
  files: { read: number; found: number };
  diagnostics: readonly ReportedDiagnostic[];
  exitCode: number;
  signal: 'SIGINT' | 'SIGTERM' | null;
  output: string | null;
  outputWritten: boolean;
  seconds: number;
}

export function buildRunReport(facts: RunFacts): RunReport {
  const rules: RunReport['rules'] = { error: {}, warning: {}, info: {} };
  for (const diagnostic of facts.diagnostics) rules[diagnostic.severity][diagnostic.rule] = (rules[diagnostic.severity][diagnostic.rule] ?? 0) + 1;
  // Sorted by rule id: the same run gives the same report apart from its duration.
  const sorted = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    tool: 'ingest',
    version: TOOL_VERSION,
    exitCode: facts.exitCode,
    interrupted: facts.signal !== null,
    signal: facts.signal,
    output: facts.output,
    outputWritten: facts.outputWritten,
    durationSeconds: Math.round(facts.seconds * 1000) / 1000,
    counts: {
      files: facts.files,
      documents: facts.tally.documents,
      written: facts.tally.records,
      merged: facts.tally.merged,
      leftOutBySince: facts.tally.leftOut,
      withoutHighlights: facts.tally.withoutHighlights,
      notIngested: facts.tally.failed,
      highlights: facts.tally.highlights,
      errors: facts.tally.errors,
      warnings: facts.tally.warnings,
      info: facts.diagnostics.filter((diagnostic) => diagnostic.severity === 'info').length,
    },
    rules: { error: sorted(rules.error), warning: sorted(rules.warning), info: sorted(rules.info) },
    diagnostics: [...facts.diagnostics],
  };
}

export async function writeRunReport(file: string, report: RunReport): Promise<void> {
  await writeFileAtomic(file, `${escapeLineSeparators(JSON.stringify(report, null, 2))}\n`);
}
