/** Values as Readwise's CSV export and export API give them. Pure. */
import { readDateTime, stamp } from '../../extract/datetime.js';
import type { FoundHighlight } from '../../extract/fields.js';

/**
 * A highlight's place from Readwise's `location_type` and `location`:
 * `location` → `Location 170`, `page` → `Page 12` (and `page`), `time_offset`
 * (seconds into a podcast or video) → `Time 0:12:34`. `order` (the
 * highlight's rank in an article or thread) and `offset` (a character
 * offset in a Reader document) are no place a reader can go to: no location.
 */
export function setReadwiseLocation(highlight: FoundHighlight, type: string, value: string): void {
  const kind = type.trim().toLowerCase();
  const where = value.trim();
  if (where === '' || kind === '' || kind === 'order' || kind === 'offset' || kind === 'none') return;
  if (kind === 'page') {
    highlight.location = `Page ${where}`;
    highlight.page = where;
  } else if (kind === 'location') {
    highlight.location = `Location ${where}`;
  } else if (kind === 'time_offset' || kind === 'time') {
    highlight.location = /^\d+$/.test(where) ? `Time ${clock(Number(where))}` : `Time ${where}`;
  } else {
    highlight.location = `${kind[0]!.toUpperCase()}${kind.slice(1).replace(/_/g, ' ')} ${where}`;
  }
}

function clock(seconds: number): string {
  const parts = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  return `${parts[0]}:${String(parts[1]).padStart(2, '0')}:${String(parts[2]).padStart(2, '0')}`;
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** `2023-03-13 22:21:33+00:00`, `2023-03-13T22:21:33.123Z` → `2023-03-13T22:21:33+00:00`, `…Z`; null when not a date. */
export function readwiseTime(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const match = ISO_TIME.exec(value.trim());
  if (!match) {
    const found = readDateTime(value);
    return found ? stamp(found) : null;
  }
  if (match[2] === undefined) return match[1]!;
  const zone = match[5];
  const offset = zone === undefined ? '' : zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  return `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${offset}`;
}

/** `a, b` → `[a, b]` (CSV tag columns). */
export function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
}
