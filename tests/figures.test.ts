/**
 * Key figures: money, percentages and large counts, never years or dates.
 * The seeds' list below was checked by hand against the seed texts.
 */
import { describe, expect, it } from 'vitest';
import { findFigures, nonProse, sentences } from '../src/figures.js';
import { records } from './helpers.js';

const figures = (text: string, exclude: string[] = []) => findFigures(text, exclude).map((figure) => figure.figure);

describe('findFigures', () => {
  it('finds money with symbols, codes, ranges and scales', () => {
    expect(figures('A $17.5 billion business, USD 12–13 billion in GMV, €3.2bn and £40m, US$5 million.')).toEqual([
      '$17.5 billion',
      'USD 12–13 billion',
      '€3.2bn',
      '£40m',
      'US$5 million',
    ]);
    expect(figures('It grew from $5 billion to $20 billion.')).toEqual(['$5 billion', '$20 billion']);
    expect(figures('They paid 12 billion yuan for it.')).toEqual(['12 billion yuan']);
    // A headline capitalises the scale (from hantianjz/notes' Readwise Syncs.md).
    expect(figures("Apple Is World's First $3 Trillion Company")).toEqual(['$3 Trillion']);
  });
  it('finds percentages and large counts', () => {
    expect(figures('Only 11% of the goal, up 2.5 percent, with 170 million monthly active users.')).toEqual(['11%', '2.5 percent', '170 million']);
    expect(figures('It ranks in the top 100,000 and has 2,500,000 buyers.')).toEqual(['100,000', '2,500,000']);
  });
  it('never takes years, dates, small counts or plain numbers for figures', () => {
    expect(figures('In 2024, on May 15, two votes and 5,000 followers met 3 times in the 1990s.')).toEqual([]);
    expect(figures('By the end of 2023 TikTok had spent billions.')).toEqual([]);
  });
  it('never counts a figure inside a URL, a percent-encoded byte, code or a link target', () => {
    // From /work/shared/realworld (0xb120, a WAF-bypass article): `%26%23` is no 26%.
    expect(figures('hex/numeric entities, e.g: imperva.com/?x=<input/%26%23x3e/autofocus/onfocus=x()>')).toEqual([]);
    expect(figures('See https://example.com/report?share=25%25 and www.example.org/$5-billion for 11% more.')).toEqual(['11%']);
    expect(figures('Set limit=50% in the config; it saves 30%.', ['limit=50%'])).toEqual(['30%']);
    expect(nonProse('Set `limit=50%` and [the report](https://x.org/?q=$5million) in:\n```\nrate = 99%\n```\n')).toEqual(['rate = 99%', 'limit=50%', 'https://x.org/?q=$5million']);
    // CJK right after a figure is still a figure.
    expect(figures('防治慢病吃什么：35%动物类食物+ 65%植物类食物')).toEqual(['35%', '65%']);
  });
  it('finds figures written against CJK words, with CJK scales and currencies', () => {
    expect(figures('以脂肪分解为主，占80%左右，蛋白质的分解约占20%。')).toEqual(['80%', '20%']);
    expect(figures('营收¥300亿，用户1.7亿，投资500万元，另有3万人。')).toEqual(['¥300亿', '1.7亿', '500万元', '3万']);
    expect(figures('在2023年，男性为1400千卡／天左右。')).toEqual([]);
  });
  it('says where each figure stands in its sentence', () => {
    const [first, second] = findFigures('It grew from $5 billion to $20 billion.');
    expect(first!.sentence.slice(first!.at, first!.at + first!.figure.length)).toBe('$5 billion');
    expect(second!.at).toBe(27);
  });
  it('ends a CJK sentence at its full-width mark', () => {
    // From GengMS/reading-record's My Clippings.txt (fixtures/digest-cjk-figure).
    expect(sentences('一般来讲，人在饥饿时，以脂肪分解为主，占80%左右，蛋白质的分解约占20%。比如一个房间里没有电？把门拆了！')).toEqual([
      '一般来讲，人在饥饿时，以脂肪分解为主，占80%左右，蛋白质的分解约占20%。',
      '比如一个房间里没有电？',
      '把门拆了！',
    ]);
  });
  it('keeps abbreviations inside sentences', () => {
    expect(sentences('Sales in the U.S. grew 5%. Dr. Smith said so. Then it fell.')).toEqual([
      'Sales in the U.S. grew 5%.',
      'Dr. Smith said so.',
      'Then it fell.',
    ]);
  });
});

describe('the seeds’ key figures (checked by hand)', async () => {
  const list = await records(['seeds']);
  const bySeed = new Map(
    list.map((record) => [
      record.source.path.slice(6, 9),
      [...record.highlights.map((highlight) => highlight.text), record.text].flatMap((text) => figures(text)),
    ]),
  );
  it('lists each seed’s figures in order', () => {
    expect(Object.fromEntries(bySeed)).toEqual({
      '000': ['6%', '40%', '$500 million'],
      '001': ['$17.5 billion'],
      '002': [
        'USD 12–13 billion',
        '170 million',
        'USD 14 million',
        'USD 2 billion',
        'USD 17.5 billion',
        '11%',
        'USD 2 million',
        '100,000',
        'USD 2 million',
        'USD 2 million',
        '170 million',
      ],
      '003': ['25%', '$703 billion', '14%'],
      '004': ['$5 billion', '$20 billion', '$5 billion', '$20 billion'],
    });
  });
  it('includes the figures a researcher reads the digest for, and no bare years', () => {
    const all = [...bySeed.values()].flat();
    for (const figure of ['$17.5 billion', '$500 million', 'USD 12–13 billion', '170 million', '$20 billion']) expect(all).toContain(figure);
    expect(all.filter((figure) => /^(19|20)\d\d$/.test(figure))).toEqual([]);
  });
});
