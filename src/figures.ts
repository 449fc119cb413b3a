/**
 * Key figures: money amounts, percentages and large counts stated in a
 * text, each with the sentence it stands in. Pure.
 *
 * Exact on purpose: a figure needs a currency, a `%`/percent, a scale word
 * (million, billion, …) or a grouped number of five digits or more, so a
 * year (`2024`), a date (`May 15`) or a small count (`two votes`) never is one.
 * Nor is anything inside a URL (`?x=%26%23` is no 26%), or inside code and
 * link targets the caller names (the plain text of a highlight has lost its
 * backticks, so only its Markdown can tell what was code).
 */

export interface Figure {
  /** As written: `$17.5 billion`, `USD 12–13 billion`, `11%`, `170 million`. */
  figure: string;
  kind: 'money' | 'percent' | 'count';
  /** The sentence the figure stands in. */
  sentence: string;
  /** Where the figure starts in the sentence (UTF-16 offset). */
  at: number;
}

/** CJK writes numbers right against its words (`占80%左右`): only a letter of a script that spaces its words makes a number part of a word. */
const CJK = String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]`;
const WORD_LETTER = String.raw`(?:(?!${CJK})\p{L})`;
const CJK_SCALE = String.raw`(?:万亿|亿|万)`;
// `0,1 %` and `2,5 millions` are decimal commas (most of Europe): a comma not followed by three digits is no thousands separator.
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?`;
const RANGE = String.raw`(?:${NUMBER})(?:\s?(?:[–—-]|to)\s?(?:${NUMBER}))?`;
// Capitalised in headlines: `$3 Trillion Company`.
const SCALE = String.raw`(?:[Tt]rillion|[Bb]illion|[Mm]illion|[Tt]housand|tn|bn|mn|[kKmMbB](?![\p{L}\p{N}]))`;
const CURRENCY_SYMBOL = String.raw`(?:US\$|A\$|C\$|HK\$|S\$|\$|€|£|¥|₹|₩)`;
const CURRENCY_CODE = String.raw`(?:USD|EUR|GBP|CNY|RMB|JPY|HKD|SGD|INR|KRW|AUD|CAD|CHF)`;

const MONEY = new RegExp(
  String.raw`(?:${CURRENCY_SYMBOL}\s?${RANGE}|${CURRENCY_CODE}\s?${RANGE})(?:\s?(?:${SCALE}|${CJK_SCALE}))?(?!${WORD_LETTER}|\p{N})|(?<![\p{L}\p{N}.])${RANGE}\s?(?:${SCALE}\s)?(?:dollars|yuan|euros|pounds|yen|rupees)\b|(?<!${WORD_LETTER}|[\p{N}.])${RANGE}\s?${CJK_SCALE}?(?:美元|人民币|日元|欧元|港元|元)`,
  'gu',
);
// `%26` after a number is a percent-encoded byte, not a percentage.
const PERCENT = new RegExp(String.raw`(?<!${WORD_LETTER}|[\p{N}.,$%])${RANGE}\s?(?:%(?![0-9A-Fa-f]{2})|percent\b|per cent\b|percentage points\b)`, 'gu');

/** A URL, with or without its scheme (`imperva.com/?x=…`, `www.x.org`), or a token with a percent-encoded byte: no figure inside one counts. */
function isUrlLike(token: string): boolean {
  return token.includes('://') || /^[(<"'“]?www\./i.test(token) || /^[(<"'“]?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\//i.test(token) || /%[0-9A-Fa-f]{2}/.test(token);
}
const COUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}.$€£¥₹,])(?:${RANGE})\s(?:trillion|billion|million|thousand)\b|(?<!${WORD_LETTER}|[\p{N}.$€£¥₹,])(?:${RANGE})\s?${CJK_SCALE}|(?<![\p{L}\p{N}.$€£¥₹,])(?:\d{2,3}(?:,\d{3})+|\d(?:,\d{3}){2,})(?![\d,])(?!\s?(?:%|percent))`,
  'gu',
);

/** Splits text into sentences (`。` ends one too), keeping abbreviations such as `U.S.` and `Inc.` inside them. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let start = 0;
    // CJK ends a sentence with a full-width mark and no space after it.
    const boundary = /[.!?…]["”’)]?\s+(?=["“‘(]?[\p{Lu}\p{N}])|[。！？]["”’」』）]?\s*/gu;
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

/**
 * The figures in a text, in the order they stand. `exclude` names stretches
 * of the text that are no prose (code, link targets): a figure inside one of
 * them does not count.
 */
export function findFigures(text: string, exclude: readonly string[] = []): Figure[] {
  const found: Array<Figure & { order: number }> = [];
  sentences(text).forEach((raw, index) => {
    const sentence = raw.replace(/^[•·▪◦‣*-]\s+/, '');
    const taken: Array<[number, number]> = [...masked(sentence, exclude)];
    const collect = (pattern: RegExp, kind: Figure['kind']): void => {
      for (const match of sentence.matchAll(pattern)) {
        const start = match.index;
        const end = start + match[0].length;
        if (taken.some(([a, b]) => start < b && end > a)) continue;
        taken.push([start, end]);
        found.push({ figure: match[0].trim(), kind, sentence, at: start, order: index * 1e6 + start });
      }
    };
    // Money first: `$17.5 billion` is money, not a count of 17.5 billion.
    collect(MONEY, 'money');
    collect(PERCENT, 'percent');
    collect(COUNT, 'count');
  });
  // In the order they stand in the text.
  return found.sort((a, b) => a.order - b.order).map(({ figure, kind, sentence, at }) => ({ figure, kind, sentence, at }));
}

/** Stretches of a sentence where no figure counts: URLs, and every occurrence of an excluded string. */
function masked(sentence: string, exclude: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  // Token by token (runs of non-space), so that no pattern backtracks over a long line.
  for (const match of sentence.matchAll(/\S+/g)) if (isUrlLike(match[0])) ranges.push([match.index, match.index + match[0].length]);
  for (const part of exclude) {
    if (part.trim() === '') continue;
    for (let at = sentence.indexOf(part); at >= 0; at = sentence.indexOf(part, at + part.length)) ranges.push([at, at + part.length]);
  }
  return ranges;
}

/**
 * What in a highlight's Markdown is no prose: code spans, code blocks and
 * link targets. Their text is what findFigures should skip in the plain text.
 */
export function nonProse(given: string): string[] {
  // The lazy patterns below are quadratic at worst (many unclosed backtick runs): a highlight is short, and past 20,000 characters code is no longer told apart.
  const markdown = given.slice(0, 20_000);
  const parts: string[] = [];
  for (const match of markdown.matchAll(/^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:^ {0,3}\1[ \t]*$|(?![\s\S]))/gm)) parts.push(...match[2]!.split('\n'));
  for (const match of markdown.matchAll(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g)) parts.push(match[2]!.trim());
  for (const match of markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?/g)) parts.push(match[1]!);
  return [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
}
