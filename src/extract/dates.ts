/**
 * Dates as people write them → `YYYY-MM-DD`, never shifted by a time zone. Pure.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;

const FORMS: Array<{ pattern: RegExp; parts: (match: RegExpExecArray) => [number, number, number] | null }> = [
  // 2023-07-31, 2023-07-31T10:00:00Z, 2023/07/31, 2023.07.31
  { pattern: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/, parts: (m) => [+m[1]!, +m[2]!, +m[3]!] },
  // July 31, 2023 · Jul 31 2023 · July 31st, 2023
  {
    pattern: new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i'),
    parts: (m) => [+m[3]!, monthNumber(m[1]!), +m[2]!],
  },
  // 31 July 2023 · 31st July, 2023
  {
    pattern: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?\s+(\d{4})\b`, 'i'),
    parts: (m) => [+m[3]!, monthNumber(m[2]!), +m[1]!],
  },
  // 3/3/2024 or 31/7/2023: only where unambiguous (both parts equal, or one is over 12)
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
    parts: (m) => {
      const a = +m[1]!;
      const b = +m[2]!;
      if (a === b) return [+m[3]!, a, b];
      if (a > 12 && b <= 12) return [+m[3]!, b, a];
      if (b > 12 && a <= 12) return [+m[3]!, a, b];
      return null;
    },
  },
];

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, name.toLowerCase().startsWith('sept') ? 4 : 3)] ?? 0;
}

export interface FoundDate {
  iso: string;
  /** The text with the date removed. */
  rest: string;
}

/** The first date in `text`, or null. */
export function findDate(text: string): FoundDate | null {
  let best: { index: number; length: number; iso: string } | null = null;
  for (const form of FORMS) {
    const match = form.pattern.exec(text);
    if (!match) continue;
    const parts = form.parts(match);
    if (!parts) continue;
    const iso = isoDate(...parts);
    if (iso && (!best || match.index < best.index)) best = { index: match.index, length: match[0].length, iso };
  }
  if (!best) return null;
  return { iso: best.iso, rest: (text.slice(0, best.index) + text.slice(best.index + best.length)).trim() };
}

/** A whole value that is a date (frontmatter `published: …`), or null. */
export function parseDate(value: string): string | null {
  return findDate(value.trim())?.iso ?? null;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
