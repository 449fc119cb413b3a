/**
 * Dates with times as devices and exporters write them, in many languages:
 * `Monday, March 13, 2023 10:21:33 PM`, `Montag, 20. Mai 2019 17:14:46`,
 * `2023年2月14日星期二 上午5:15:57`, `24 июля 2023 г. в 15:44:52`,
 * `Friday, 6 July 12 07:37:42 GMT+01:00`, `December 5, 2023 at 10:12 AM`.
 * → `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, plus an offset only when the text
 * states one. Never shifted by a time zone. Pure.
 */

/** Month names (and their genitive forms) → month number, lower case. */
const MONTH_NAMES: ReadonlyArray<readonly [number, string]> = [
  // English, German, French, Spanish, Italian, Portuguese, Dutch, Swedish, Russian, Polish
  [1, 'january jan januar jänner janvier janv enero gennaio janeiro januari января январь stycznia styczeń'],
  [2, 'february feb februar février févr fevrier febrero febbraio fevereiro februari февраля февраль lutego luty'],
  [3, 'march mar märz maerz mars marzo março marco maart марта март marca marzec'],
  [4, 'april apr avril abril aprile апреля апрель kwietnia kwiecień'],
  [5, 'may mai mayo maggio maio mei maj мая май maja'],
  [6, 'june jun juni juin junio giugno junho июня июнь czerwca czerwiec'],
  [7, 'july jul juli juillet julio luglio julho июля июль lipca lipiec'],
  [8, 'august aug août aout agosto augustus augusti августа август sierpnia sierpień'],
  [9, 'september sep sept septembre septiembre setiembre settembre setembro сентября сентябрь września wrzesień'],
  [10, 'october oct oktober octobre octubre ottobre outubro октября октябрь października październik'],
  [11, 'november nov novembre noviembre novembro ноября ноябрь listopada listopad'],
  [12, 'december dec dezember décembre decembre diciembre dicembre dezembro декабря декабрь grudnia grudzień'],
];
const MONTHS = new Map<string, number>(MONTH_NAMES.flatMap(([month, names]) => names.split(' ').map((name) => [name, month] as const)));

/** `上午`/`午前`/`오전` and friends: the hour is before noon (AM) or after (PM). */
const MERIDIEM_BEFORE = /(上午|早上|凌晨|午前|오전|下午|晚上|中午|午後|오후)\s*$/u;
const AM_WORDS = new Set(['上午', '早上', '凌晨', '午前', '오전']);
const MERIDIEM_AFTER = /^\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?![\p{L}])/iu;
/** `10:21:33`, `9:18`, and the spelled-out `09时11分28秒` and `23h32min06s`. */
const TIME = /(?<![\d:])(\d{1,2})(?::|时|h)(\d{2})(?:(?::|分|min)(\d{2})(?:秒|s)?|分|min)?(?![\d:])/u;
const OFFSET = /\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\b/i;
/** `GMT` or `Greenwich Mean Time` with no offset after it: the time is stated in UTC. */
const UTC = /\b(?:Greenwich Mean Time|GMT|UTC)\b/i;
const ISO = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/u;
const CJK = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/u;

export interface DateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM:SS` on a 24-hour clock, or null when the text gives no time. */
  time: string | null;
  /** `+01:00` when the text states an offset (`GMT+01:00`), else null. */
  offset: string | null;
}

/** `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DDTHH:MM:SS+hh:mm`. */
export function stamp(value: DateTime): string {
  if (value.time === null) return value.date;
  return `${value.date}T${value.time}${value.offset ?? ''}`;
}

/** Seconds since the epoch (a number, or digits) → `YYYY-MM-DDTHH:MM:SSZ`: an epoch time states UTC. Null for anything else. */
export function epochTime(value: unknown): string | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(seconds) || seconds <= 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : `${date.toISOString().slice(0, 19)}Z`;
}

/** The first date (with its time, if any) in a text; null when there is none. */
export function readDateTime(raw: string): DateTime | null {
  let text = toAscii(raw);
  let offset: string | null = null;
  const zone = OFFSET.exec(text);
  const utc = zone ? null : UTC.exec(text);
  if (zone) {
    offset = `${zone[1]}${zone[2]!.padStart(2, '0')}:${zone[3] ?? '00'}`;
    text = cut(text, zone.index, zone[0].length);
  } else if (utc) {
    offset = '+00:00';
    text = cut(text, utc.index, utc[0].length);
  }
  let time: string | null = null;
  const clock = TIME.exec(text);
  if (clock) {
    let hour = Number(clock[1]);
    const before = MERIDIEM_BEFORE.exec(text.slice(0, clock.index));
    const after = MERIDIEM_AFTER.exec(text.slice(clock.index + clock[0].length));
    const pm = after ? /^p/i.test(after[1]!) : before ? !AM_WORDS.has(before[1]!) : null;
    if (pm !== null && hour <= 12) {
      if (before?.[1] === '中午') hour = hour < 11 ? hour + 12 : hour;
      else if (pm && hour < 12) hour += 12;
      else if (!pm && hour === 12) hour = 0;
    }
    const [minute, second] = [Number(clock[2]), Number(clock[3] ?? 0)];
    if (hour < 24 && minute < 60 && second < 60) time = [hour, minute, second].map((part) => String(part).padStart(2, '0')).join(':');
    text = cut(text, clock.index, clock[0].length);
  }
  const date = isoDate(text) ?? cjkDate(text) ?? namedDate(text) ?? numericDate(text);
  return date === null ? null : { date, time, offset: time === null ? null : offset };
}

function isoDate(text: string): string | null {
  const match = ISO.exec(text);
  return match ? valid(+match[1]!, +match[2]!, +match[3]!) : null;
}

function cjkDate(text: string): string | null {
  const match = CJK.exec(text);
  return match ? valid(+match[1]!, +match[2]!, +match[3]!) : null;
}

/**
 * A date with a month name: `March 13, 2023`, `13 March 2023`, `20. Mai 2019`,
 * `12 de octubre de 2019`, `6 July 12` (a two-digit year, from old Kindles).
 * The day is the number right before the month, else the one right after it;
 * the year is the next number after those.
 */
function namedDate(text: string): string | null {
  const tokens = [...text.matchAll(/(\d+)(?:st|nd|rd|th|er|e)?\.?|([\p{L}]+)\.?/gu)].map((match) =>
    match[1] !== undefined ? { number: match[1] } : { word: match[2]!.toLowerCase() },
  );
  const fillers = new Set(['de', 'del', 'of', 'le', 'el', 'the', 'г', 'in', 'data']);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const month = 'word' in token ? MONTHS.get(token.word!) : undefined;
    if (month === undefined) continue;
    const numberAt = (at: number, step: 1 | -1): { value: string; at: number } | null => {
      for (let i = at; i >= 0 && i < tokens.length; i += step) {
        const candidate = tokens[i]!;
        if ('number' in candidate) return { value: candidate.number!, at: i };
        if (!fillers.has(candidate.word!)) return null;
      }
      return null;
    };
    const before = numberAt(index - 1, -1);
    const after = numberAt(index + 1, 1);
    let day: string | undefined;
    let year: string | undefined;
    if (before && before.value.length <= 2) {
      day = before.value;
      year = after?.value;
    } else if (after && after.value.length <= 2) {
      day = after.value;
      year = numberAt(after.at + 1, 1)?.value;
    }
    if (day === undefined || year === undefined || (year.length !== 4 && year.length !== 2)) continue;
    const date = valid(year.length === 2 ? 2000 + Number(year) : Number(year), month, Number(day));
    if (date) return date;
  }
  return null;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * `23-02-2023`, `02/23/2023`: day and month in either order, read only when
 * the order cannot be mistaken: one part is over 12, or both are equal, or
 * a weekday name (`Thursday, 23-02-2023`) fits one reading and not the other.
 */
function numericDate(text: string): string | null {
  const match = /(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)/u.exec(text);
  if (!match) return null;
  const [a, b, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayFirst = valid(year, b, a);
  const monthFirst = valid(year, a, b);
  if (dayFirst === monthFirst || !dayFirst || !monthFirst) return dayFirst ?? monthFirst;
  const weekday = WEEKDAYS.findIndex((name) => new RegExp(String.raw`\b${name}\b`, 'i').test(text));
  if (weekday === -1) return null;
  const fits = (iso: string): boolean => new Date(`${iso}T00:00:00Z`).getUTCDay() === weekday;
  if (fits(dayFirst) !== fits(monthFirst)) return fits(dayFirst) ? dayFirst : monthFirst;
  return null;
}

function valid(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Full-width digits and colons (`２０２３`, `：`) as ASCII. */
function toAscii(text: string): string {
  return text.replace(/[０-９：]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`;
}
