/**
 * Diagnostics and the end-of-run summary, as text for stderr:
 *   path:line:column  severity  message  rule-id
 */
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from '../schema.js';

export function formatDiagnostic(path: string, diagnostic: Diagnostic, color: ChalkInstance): string {
  const where = diagnostic.line === null ? path : `${path}:${diagnostic.line}:${diagnostic.column ?? 1}`;
  const severity =
    diagnostic.severity === 'error'
      ? color.red('error')
      : diagnostic.severity === 'warning'
        ? color.yellow('warning')
        : color.blue('info');
  return `${where}  ${severity}  ${diagnostic.message}  ${color.dim(diagnostic.rule)}\n`;
}

export interface Tally {
  documents: number;
  records: number;
  failed: number;
  highlights: number;
  errors: number;
  warnings: number;
}

export function emptyTally(): Tally {
  return { documents: 0, records: 0, failed: 0, highlights: 0, errors: 0, warnings: 0 };
}

export function formatSummary(tally: Tally, seconds: number, color: ChalkInstance): string {
  const parts = [
    `${tally.documents} ${tally.documents === 1 ? 'document' : 'documents'}`,
    `${tally.highlights} ${tally.highlights === 1 ? 'highlight' : 'highlights'}`,
    color[tally.warnings > 0 ? 'yellow' : 'reset'](`${tally.warnings} ${tally.warnings === 1 ? 'warning' : 'warnings'}`),
    color[tally.errors > 0 ? 'red' : 'reset'](`${tally.errors} ${tally.errors === 1 ? 'error' : 'errors'}`),
  ];
  const failed = tally.failed > 0 ? ` (${tally.failed} not ingested)` : '';
  return `${color.bold('ingest')}: ${parts.join(', ')}${failed} in ${seconds.toFixed(2)}s\n`;
}
