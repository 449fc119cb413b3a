/**
 * Escaping and strong emphasis in the digest, checked against two real
 * CommonMark renderers (micromark, the reference-grade one under remark, and
 * marked): a figure marked in a sentence is bold in both, never literal `**`.
 */
import { marked } from 'marked';
import { micromark } from 'micromark';
import { describe, expect, it } from 'vitest';
import { escapeBlock, markStrong } from '../src/emit/escape.js';

const renderers = { // Raw HTML on, as GitHub and most renderers have it: `<strong>` is how bold is written where `**` cannot flank.
  micromark: (text: string) => micromark(text, { allowDangerousHtml: true }), marked: (text: string) => marked.parse(text, { async: false }) };

function boldIn(markdown: string): string[][] {
  return Object.values(renderers).map((render) => [...render(markdown).matchAll(/<strong>(.*?)<\/strong>/g)].map((match) => match[1]!));
}

describe('markStrong', () => {
  it('uses ** where it flanks and <strong> where CommonMark would leave ** literal (CJK after punctuation)', () => {
    const cjk = '防治慢病吃什么：35%动物类食物+ 65%植物类食物';
    const marked = markStrong(cjk, [[8, 11], [18, 21]]);
    expect(marked).toBe('防治慢病吃什么：<strong>35%</strong>动物类食物+ <strong>65%</strong>植物类食物');
    expect(boldIn(marked)).toEqual([['35%', '65%'], ['35%', '65%']]);
    // The naive form: literal asterisks in both renderers.
    expect(boldIn('防治慢病吃什么：**35%**动物类食物')).toEqual([[], []]);
  });
  it('keeps ** between spaces and around escaped currency', () => {
    const text = 'it grew 25% in China to $703 billion this year.';
    const out = markStrong(text, [[8, 11], [24, 36]]);
    expect(out).toBe('it grew **25%** in China to **\\$703 billion** this year.');
    expect(boldIn(out)).toEqual([['25%', '$703 billion'], ['25%', '$703 billion']]);
  });
  it('renders bold in both renderers for every figure next to letters, CJK, punctuation and symbols', () => {
    const cases: Array<[string, [number, number]]> = [
      ['花了$5 billion买', [2, 12]],
      ['“$5 billion”', [1, 11]],
      ['(11%)', [1, 4]],
      ['约¥300亿', [1, 5]],
      ['up 5%, then', [3, 5]],
      ['x€3bn', [1, 5]],
    ];
    for (const [text, mark] of cases) {
      const out = markStrong(text, [mark]);
      const expected = text.slice(mark[0], mark[1]);
      expect(boldIn(out), out).toEqual([[expected], [expected]]);
    }
  });
});

describe('escapeBlock', () => {
  it('keeps a line from becoming a heading, rule, quote or list', () => {
    for (const line of ['# not a heading', '---', '===', '> not a quote', '- not a list', '+ no', '1. not a list', '12) nor this']) {
      const html = micromark(`para\n${escapeBlock(line)}`);
      expect(html, line).toMatch(/^<p>para\n.*<\/p>$/);
    }
  });
});
