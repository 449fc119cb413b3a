/** The seeds: what issue #2 says they must give, field by field. */
import { describe, expect, it } from 'vitest';
import { records } from './helpers.js';

describe('seeds', async () => {
  const list = await records(['seeds']);
  const byFile = (prefix: string) => list.find((record) => record.source.path.startsWith(`seeds/${prefix}`))!;

  it('gives five records in path order', () => {
    expect(list.map((record) => record.source.path)).toEqual([
      'seeds/000_65a76a17cc260e56.txt',
      'seeds/001_4a9c33193a5ff20c.txt',
      'seeds/002_625ac58c555be09b.txt',
      'seeds/003_55e4fff325b2b9c3.txt',
      'seeds/004_3a2fb6d2eac5ed43.txt',
    ]);
  });

  it('reads seed 000 (Readwise, frontmatter + Metadata + Highlights) exactly', () => {
    const record = byFile('000');
    expect(record.kind).toBe('readwise');
    expect(record.title).toBe('2024 Will Be a Make-or-Break Year for TikTok Shop');
    expect(record.authors).toEqual(['Danny Parisi']);
    expect(record.url).toBe('https://www.glossy.co/fashion/2024-will-be-a-make-or-break-year-for-tiktok-shop/');
    expect(record.published).toBe('2023-12-27');
    expect(record.category).toBe('articles');
    expect(record.tags).toEqual(['dtc', 'ecommerce', 'marketing', 'social-commerce']);
    expect(record.highlights).toHaveLength(2);
    const [first, second] = record.highlights;
    expect(first!.text.startsWith('According to Insider Intelligence, social commerce will make up almost 6% of all retail sales')).toBe(true);
    expect(first!.text).not.toMatch(/[[\]()]/);
    expect(first!.markdown).toContain('[almost 6% of all retail sales](https://www.insiderintelligence.com/');
    expect(first!.markdown).not.toContain('View Highlight');
    expect(first!.url).toBe('https://read.readwise.io/read/01hkd4tvjpckgfceg4r577z4j0');
    expect(first!.id).toBe('01hkd4tvjpckgfceg4r577z4j0');
    expect(first!.location).toBe('View Highlight');
    expect(first!.tags).toEqual(['social-media']);
    expect(second!.tags).toEqual([]);
    expect(record.image).toBe('https://www.glossy.co/wp-content/uploads/sites/4/2023/12/Screenshot-2023-12-26-at-11.50.46-AM.png');
    expect(record.extra).toEqual({ source: 'reader', permalink: 'l/articles/2024-will-be-a-make-or-break-year-for-tik-tok-shop' });
    expect(record.diagnostics).toEqual([]);
  });

  it('reads seed 003 (other frontmatter names; category and tags from the Metadata list)', () => {
    const record = byFile('003');
    expect(record.kind).toBe('readwise');
    expect(record.title).toBe('TikTok Shop Goes All-in on Livestreaming to Drive Sales This Holiday Season');
    expect(record.authors).toEqual(['Allison Smith']);
    expect(record.published).toBe('2024-10-28');
    expect(record.url).toBe(
      'https://www.modernretail.co/technology/tiktok-shop-is-all-in-on-livestreaming-to-drive-sales-this-holiday-season/',
    );
    expect(record.category).toBe('articles');
    expect(record.tags).toEqual(['ecommerce', 'live-shopping', 'retail', 'social-commerce', 'social-media', 'tiktok']);
    expect(record.highlights.map((highlight) => highlight.id)).toEqual([
      '01jc5vc9ewwe321n14d042cwp3',
      '01jc5vcny63xrp32khgj25jt2r',
      '01jc5vfge1q7arfn4yzedz3pap',
    ]);
    expect(record.image).toBe('https://www.modernretail.co/wp-content/uploads/sites/5/2024/09/tiktok-stage-digiday.webp?w=1000');
    expect(record.extra['status']).toBeNull();
  });

  it('reads the plain-text seeds as text', () => {
    expect(list.filter((record) => record.kind === 'text').map((record) => record.source.path.slice(6, 9))).toEqual([
      '001',
      '002',
      '004',
    ]);
    expect(byFile('001').title).toBeNull();
    expect(byFile('002').title).toBe('TikTok sticks to ambitious US e-commerce targets despite slow start to 2024');
    expect(byFile('002').site).toBe('KrASIA');
    const seed004 = byFile('004');
    expect(seed004.title).toBe('TikTok Aims To Sell Billion$ In Chinese Goods To U.S. Shoppers');
    expect(seed004.authors).toEqual(['Belal Awad']);
    expect(seed004.published).toBe('2023-07-31');
    expect(seed004.site).toBe('Light Wave');
  });

  it('keeps text paragraphs one per line, separated by a blank line', () => {
    const text = byFile('001').text;
    expect(text.split('\n\n')).toContain('The Bottom Line: A High-Stakes Bet');
    expect(text).not.toMatch(/\n{3,}/);
  });
});
