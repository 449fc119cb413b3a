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
    expect(record.kind).toBe('highlights');
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
    expect(first!.location).toBeNull(); // a link's label, not a place in the work
    expect(first!.tags).toEqual(['social-media']);
    expect(second!.tags).toEqual([]);
    expect(record.image).toBe('https://www.glossy.co/wp-content/uploads/sites/4/2023/12/Screenshot-2023-12-26-at-11.50.46-AM.png');
    expect(record.extra).toEqual({ source: 'reader', permalink: 'l/articles/2024-will-be-a-make-or-break-year-for-tik-tok-shop' });
    expect(record.diagnostics).toEqual([]);
  });

  it('reads seed 003 (other frontmatter names; category and tags from the Metadata list)', () => {
    const record = byFile('003');
    expect(record.kind).toBe('highlights');
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

  it('keeps seed 001 one paragraph per line, every section heading its own paragraph, without "Also read"', () => {
    const paragraphs = byFile('001').text.split('\n\n');
    for (const heading of [
      'TikTok’s E-commerce Ambition: A Bold Challenge to Amazon',
      'The Strategy: Leveraging Virality for Sales',
      'The Asian Perspective: A Familiar Playbook?',
      'Challenges Ahead: Convincing the Consumers',
      'The Potential: A New Era of Social Shopping',
      'The Global Implications: A Ripple Effect',
      'The Bottom Line: A High-Stakes Bet',
      'Looking Ahead: The Road to 2024',
    ]) {
      expect(paragraphs).toContain(heading);
    }
    expect(paragraphs).toHaveLength(17); // the opening paragraph, then 8 headings with a paragraph each
    expect(byFile('001').text).not.toMatch(/Also read|\n{3,}/);
  });

  it('reads seed 002 without its chrome, the writer from the credit line', () => {
    const record = byFile('002');
    expect(record.text.startsWith('ByteDance-owned TikTok remains committed')).toBe(true);
    for (const chrome of ['FB Pixel no script', 'MENU', 'Share', 'Auto loading next article...', 'Loading...']) {
      expect(record.text).not.toContain(chrome);
    }
    expect(record.authors).toEqual(['Zhang Rao']);
  });

  it('keeps seed 004’s In brief… bullets and drops the photo credit glued to the caption', () => {
    const paragraphs = byFile('004').text.split('\n\n');
    expect(paragraphs[0]).toBe('In brief…');
    expect(paragraphs[1]!.split('\n')).toHaveLength(5);
    expect(paragraphs[1]!.startsWith('• TikTok plans to expand into e-commerce')).toBe(true);
    expect(paragraphs[2]).toBe('TikTok plans to do a deep dive into e-commerce over the coming year.');
  });
});
