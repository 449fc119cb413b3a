/** Titles from file names: what every highlights exporter and web clipper names its files by. Pure. */
import { decodeEntities } from './values.js';

/** Readwise (and every highlights exporter and web clipper) names its files by title: `Atomic Habits.md`. */
export function titleFromFileName(fileName: string): string | null {
  const base = fileName.split('/').pop() ?? fileName;
  const stem = base.replace(/\.(md|markdown|mdown|mkd|txt)$/i, '').trim();
  return stem === '' ? null : decodeEntities(stem);
}
