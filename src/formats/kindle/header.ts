/**
 * The header line of a Kindle clipping, in every locale and firmware:
 *
 *   - Your Highlight on page 12 | Location 170-171 | Added on Monday, March 13, 2023 10:21:33 PM
 *   - Highlight Loc. 143-46  | Added on Friday, 6 July 12 07:37:42 GMT+01:00
 *   - Ihre Markierung bei Position 7616-7627 | Hinzugefügt am Montag, 20. Mai 2019 17:14:46
 *   - 您在第 25 页（位置 #243-244）的标注 | 添加于 2023年2月14日星期二 上午5:15:57
 *   - 22ページ|位置No. 336のメモ |作成日: 2023年6月10日土曜日 9:18:40
 *   – Ваш выделенный отрывок в месте 904–905 | Добавлено: понедельник, 24 июля 2023 г. в 15:44:52
 *
 * Read by its parts, not by one pattern per locale: the kind of clipping is
 * a word of the locale, the page and location are numbers after (or, in
 * Japanese and Chinese, around) their word, the date is the last `|` part.
 * Pure.
 */
import { readDateTime, stamp } from '../../extract/datetime.js';

export type ClippingType = 'highlight' | 'note' | 'bookmark';

export interface Range {
  start: number;
  end: number;
}

export interface Header {
  /** `null` when no word of any known locale says what the clipping is. */
  type: ClippingType | null;
  /** As written: `12`, `ix`. */
  page: string | null;
  /** `Location 170-171`: the start and the end as numbers too. */
  location: (Range & { label: string }) | null;
  /** `YYYY-MM-DDTHH:MM:SS` (with an offset only when the line states `GMT±hh:mm`). */
  added: string | null;
}

/** Words that say what a clipping is, checked in this order (a bookmark line says nothing of notes). */
const TYPES: ReadonlyArray<readonly [ClippingType, RegExp]> = [
  ['bookmark', /bookmark|lesezeichen|signet|marcador|segnalibro|bladwijzer|zakładka|ブックマーク|书签|書籤|закладка/iu],
  ['note', /\bnote\b|notiz|\bnota\b|notitie|notatka|メモ|笔记|筆記|заметка/iu],
  ['highlight', /highlight|markierung|surlignement|subrayado|evidenziazione|destaque|markering|zaznaczenie|ハイライト|标注|標註|выделен|\bclip|artikel\b.*\bspeichern/iu],
];

/** A page or location number: Arabic or Roman. */
const NUMBER = String.raw`(?:\d+|[ivxlcdm]+)`;
const PAGE_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?:\bpage|\bseite|\bpágina|\bpagina|\bpág\.?|\bstronie|странице|стр\.)\s+(${NUMBER}(?:\s*[-–]\s*${NUMBER})?)(?![\p{L}\d])`, 'iu'),
  /(\d+|[ivxlcdm]+)\s*ページ/iu,
  /ページ\s*(\d+|[ivxlcdm]+)/iu,
  /第\s*(\d+|[ivxlcdm]+)\s*[页頁]/iu,
];
const LOCATION_PATTERNS: readonly RegExp[] = [
  /(?:\blocation|\bloc\.|\bpos\.|\bposition|\bposición|\bposicion|\bposizione|\bposição|\bposicao|\bemplacement|\blocatie|\bpozycja|\bpozycji|месте|место|позиции|位置(?:No\.)?)\s*#?\s*(\d+)(?:\s*(?:[-–]|t\/m)\s*#?(\d+))?/iu,
];

export function readHeader(line: string): Header {
  const parts = line.split('|');
  const when = parts.length > 1 ? parts[parts.length - 1]! : '';
  const what = parts.length > 1 ? parts.slice(0, -1).join('|') : line;
  const type = TYPES.find(([, pattern]) => pattern.test(what))?.[0] ?? null;
  const page = firstGroup(PAGE_PATTERNS, what);
  const dateTime = readDateTime(parts.length > 1 ? when : line);
  return { type, page: page?.replace(/\s+/g, '') ?? null, location: readLocation(what), added: dateTime ? stamp(dateTime) : null };
}

/** Whether the line is laid out like a header: a dash (or en dash) first, or `|` parts. */
export function looksLikeHeader(line: string): boolean {
  return /^\s*[-–—]\s/u.test(line) || /^[^|]+\|[^|]+/u.test(line);
}

function readLocation(text: string): Header['location'] {
  for (const pattern of LOCATION_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : expandEnd(match[1]!, match[2]);
    return { start, end, label: match[2] === undefined ? `Location ${start}` : `Location ${start}-${end}` };
  }
  return null;
}

/** Old firmware abbreviates the end of a range: `143-46` is 143 to 146, `198-02` is 198 to 202. */
function expandEnd(start: string, end: string): number {
  if (end.length >= start.length) return Number(end);
  const expanded = Number(start.slice(0, start.length - end.length) + end);
  return expanded >= Number(start) ? expanded : expanded + 10 ** end.length;
}

function firstGroup(patterns: readonly RegExp[], text: string): string | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match[1]!;
  }
  return null;
}
