/**
 * Diagnostics and the end-of-run summary, as text for stderr:
 *   path:line:column  severity  message  rule-id
 */
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../schema.js';
import { printable } from '../printable.js';
import type { Tally } from '../pipeline/tally.js';

export { emptyTally, type Tally } from '../pipeline/tally.js';

export function formatDiagnostic(path: string, diagnostic: Diagnostic, color: ChalkInstance): string {
  const shown = printable(path);
  const where = diagnostic.line === null ? shown : `${shown}:${diagnostic.line}:${diagnostic.column ?? 1}`;
  const severity =
    diagnostic.severity === 'error'
      ? color.red('error')
      : diagnostic.severity === 'warning'
        ? color.yellow('warning')
        : color.blue('info');
  return `${where}  ${severity}  ${printable(diagnostic.message)}  ${color.dim(diagnostic.rule)}\n`;
}

/** `ingest: 12 documents: 9 written, 2 merged, 1 not ingested · 40 highlights, 3 new · review of 2026-12-06 · 2 warnings · 1 error · 0.42s` (new and review: a digest written to a file) */
export function formatSummary(tally: Tally, seconds: number, color: ChalkInstance): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const fates = [`${tally.records} written`, ...(tally.merged > 0 ? [`${tally.merged} merged`] : []), ...(tally.leftOut > 0 ? [`${tally.leftOut} left out by --since`] : []), ...(tally.withoutHighlights > 0 ? [`${tally.withoutHighlights} without highlights (no CSV rows)`] : []), `${tally.failed} not ingested`];
  const documents = `${count(tally.documents, 'document')}: ${fates.join(', ')}`;
  const parts = [
    documents,
    // Cron mails this line: it says whether the digest holds anything new, and which day's review it has.
    `${count(tally.highlights, 'highlight')}${tally.digest ? `, ${tally.digest.first ? 'first digest here' : `${tally.digest.fresh} new`}` : ''}`,
    ...(tally.digest?.reviewDay ? [`review of ${tally.digest.reviewDay}`] : []),
    color[tally.warnings > 0 ? 'yellow' : 'reset'](count(tally.warnings, 'warning')),
    color[tally.errors > 0 ? 'red' : 'reset'](count(tally.errors, 'error')),
    `${seconds.toFixed(2)}s`,
  ];
  return `${color.bold('ingest')}: ${parts.join(' · ')}\n`;
}
