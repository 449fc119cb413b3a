/** What a run counted: documents, what became of them, highlights, diagnostics. */
export interface Tally {
  documents: number;
  records: number;
  /** Documents joined into another document's record (--merge). */
  merged: number;
  /** Records left out by --since. */
  leftOut: number;
  /** Records left out of a CSV (`-f csv`, one row per highlight) because they have no highlight. */
  withoutHighlights: number;
  failed: number;
  highlights: number;
  errors: number;
  warnings: number;
  /** A digest written to a file: its new highlights (none on the first digest there), and the day of its review when it has one. */
  digest?: { fresh: number; first: boolean; reviewDay: string | null };
}

export function emptyTally(): Tally {
  return { documents: 0, records: 0, merged: 0, leftOut: 0, withoutHighlights: 0, failed: 0, highlights: 0, errors: 0, warnings: 0 };
}
