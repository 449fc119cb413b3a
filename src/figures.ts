/**
 * Key figures: money amounts, percentages and large counts stated in a
 * text, each with the sentence it stands in. Pure.
 *
 * Exact on purpose: a figure needs a currency, a `%`/percent, a scale word
 * (million, billion, …) or a grouped number of five digits or more, so a
 * year (`2024`), a date (`May 15`) or a small count (`two votes`) never is one.
 */

export interface Figure {
  /** As written: `$17.5 billion`, `USD 12–13 billion`, `11%`, `170 million`. */
  figure: string;
  kind: 'money' | 'percent' | 'count';
  /** The sentence the figure stands in. */
  sentence: string;
}

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const RANGE = String.raw`(?:${NUMBER})(?:\s?(?:[–—-]|to)\s?(?:${NUMBER}))?`;
const SCALE = String.raw`(?:trillion|billion|million|thousand|tn|bn|mn|[kKmMbB](?![\p{L}\p{N}]))`;
const CURRENCY_SYMBOL = String.raw`(?:US\$|A\$|C\$|HK\$|S\$|\$|€|£|¥|₹|₩)`;
const CURRENCY_CODE = String.raw`(?:USD|EUR|GBP|CNY|RMB|JPY|HKD|SGD|INR|KRW|AUD|CAD|CHF)`;

const MONEY = new RegExp(
  String.raw`(?:${CURRENCY_SYMBOL}\s?${RANGE}|${CURRENCY_CODE}\s?${RANGE})(?:\s?${SCALE})?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])${RANGE}\s?(?:${SCALE}\s)?(?:dollars|yuan|euros|pounds|yen|rupees)\b`,
  'gu',
);
const PERCENT = new RegExp(String.raw`(?<![\p{L}\p{N}.$])${RANGE}\s?(?:%|percent\b|per cent\b|percentage points\b)`, 'gu');
const COUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}.$€£¥₹,])(?:${RANGE})\s(?:trillion|billion|million|thousand)\b|(?<![\p{L}\p{N}.$€£¥₹,])(?:\d{2,3}(?:,\d{3})+|\d(?:,\d{3}){2,})(?![\d,])(?!\s?(?:%|percent))`,
  'gu',
);

/** Splits text into sentences, keeping abbreviations such as `U.S.` and `Inc.` inside them. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let start = 0;
    const boundary = /[.!?…]["”’)]?\s+(?=["“‘(]?[\p{Lu}\p{N}])/gu;
    for (let match = boundary.exec(paragraph); match; match = boundary.exec(paragraph)) {
      const before = paragraph.slice(start, match.index + 1);
      // `U.S.`, `e.g.`, `Mr.`: a period that ends an abbreviation ends no sentence.
      if (/(?:\b[\p{L}]\.){1,3}$|\b(?:Mr|Mrs|Ms|Dr|Prof|Inc|Ltd|Co|Corp|St|vs|etc|No|Jr|Sr)\.$/u.test(before)) continue;
      out.push(paragraph.slice(start, match.index + match[0].trimEnd().length).trim());
      start = match.index + match[0].length;
    }
    const rest = paragraph.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out.filter((sentence) => sentence !== '');
}

export function findFigures(text: string): Figure[] {
  const found: Array<Figure & { order: number }> = [];
  sentences(text).forEach((raw, index) => {
    const sentence = raw.replace(/^[•·▪◦‣*-]\s+/, '');
    const taken: Array<[number, number]> = [];
    const collect = (pattern: RegExp, kind: Figure['kind']): void => {
      for (const match of sentence.matchAll(pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        if (taken.some(([a, b]) => start < b && end > a)) continue;
        taken.push([start, end]);
        found.push({ figure: match[0].trim(), kind, sentence, order: index * 1e6 + start });
      }
    };
    // Money first: `$17.5 billion` is money, not a count of 17.5 billion.
    collect(MONEY, 'money');
    collect(PERCENT, 'percent');
    collect(COUNT, 'count');
  });
  // In the order they stand in the text.
  return found.sort((a, b) => a.order - b.order).map(({ figure, kind, sentence }) => ({ figure, kind, sentence }));
}
