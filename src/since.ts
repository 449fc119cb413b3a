/**
 * `--since <date | Nd | Nw>` (#14): only what is new since a day. Pure: the
 * day it is today is given, never read here.
 */
import { countWords } from './normalize.js';
import type { IngestRecord } from './schema.js';

export interface Since {
  /** The first day kept, `YYYY-MM-DD`. */
  readonly date: string;
  /** As the user gave it, for the digest's overview line: `7d`, `2w`, `2024-03-01`. */
  readonly given: string;
}

/** `2024-03-01`, `7d`, `2w` → the first day kept; null when it is none of these. */
export function parseSince(given: string, today: string): Since | null {
  const text = given.trim();
  const relative = /^(\d{1,5})\s*([dw])$/i.exec(text);
  if (relative) {
    const days = Number(relative[1]) * (relative[2]!.toLowerCase() === 'w' ? 7 : 1);
    const [year, month, day] = today.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day - days));
    return { date: date.toISOString().slice(0, 10), given: text };
  }
  const absolute = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!absolute) return null;
  const date = new Date(Date.UTC(Number(absolute[1]), Number(absolute[2]) - 1, Number(absolute[3])));
  // 2024-02-30 is no day.
  return date.toISOString().slice(0, 10) === text ? { date: text, given: text } : null;
}

/** Today in the machine's time zone, `YYYY-MM-DD`: a weekly cron job means the user's week. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The record with only the highlights made on or after the day (by the date
 * the source states, as written); null when none is left and the document
 * was not published since either.
 */
export function sinceFilter(record: IngestRecord, since: Since): IngestRecord | null {
  const highlights = record.highlights.filter((highlight) => highlight.highlightedAt !== null && highlight.highlightedAt.slice(0, 10) >= since.date);
  const published = record.published !== null && record.published >= since.date;
  if (highlights.length === 0 && !published) return null;
  if (highlights.length === record.highlights.length) return record;
  return { ...record, highlights, wordCount: countWords(record.text) + highlights.reduce((sum, highlight) => sum + countWords(highlight.text), 0) };
}
