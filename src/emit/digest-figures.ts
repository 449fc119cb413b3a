/**
 * The digest's Key figures: per document, one row per sentence that states
 * money, a percentage or a large count, every figure in it marked. Pure.
 */
import { findFigures, nonProse } from '../figures.js';
import type { IngestRecord } from '../schema.js';
import { escapeInline, markStrong } from './escape.js';

export interface FigureRow {
  /** The figures, as written, in the order they stand. */
  figures: string[];
  sentence: string;
  /** Where each figure stands in the sentence: [start, end). */
  marks: Array<[number, number]>;
}

/**
 * Sentences with figures in the highlights, then in the text; a sentence
 * that stands twice (a highlight of the text) once. Code and link targets in
 * a highlight's Markdown are no prose: figures there do not count.
 */
export function figureRows(record: IngestRecord): FigureRow[] {
  const rows = new Map<string, FigureRow>();
  const sources = [...record.highlights.map((highlight) => ({ text: highlight.text, exclude: nonProse(highlight.markdown) })), { text: record.text, exclude: [] }];
  for (const { text, exclude } of sources) {
    const bySentence = new Map<string, FigureRow>();
    for (const figure of findFigures(text, exclude)) {
      const row = bySentence.get(figure.sentence) ?? { figures: [], sentence: figure.sentence, marks: [] };
      row.figures.push(figure.figure);
      row.marks.push([figure.at, figure.at + figure.figure.length]);
      bySentence.set(figure.sentence, row);
    }
    for (const [sentence, row] of bySentence) if (!rows.has(sentence)) rows.set(sentence, row);
  }
  return [...rows.values()];
}

export interface FiguresEntry {
  anchor: string;
  title: string;
  figures: FigureRow[];
}

/** `## Key figures`: a table per document, `| Figures | Sentence |`. */
export function keyFigures(entries: readonly FiguresEntry[]): string {
  const withFigures = entries.filter((entry) => entry.figures.length > 0);
  if (withFigures.length === 0) return '';
  const parts = ['\n## Key figures\n'];
  for (const entry of withFigures) {
    parts.push(`\n### [${escapeInline(entry.title)}](#${entry.anchor})\n\n| Figures | Sentence |\n|---|---|\n`);
    for (const row of entry.figures) {
      const marks = [...row.marks].sort((a, b) => a[0] - b[0]);
      parts.push(`| ${escapeInline(row.figures.join(', '))} | ${markStrong(row.sentence, marks)} |\n`);
    }
  }
  return parts.join('');
}
