/**
 * Hypothesis notes (obsidian-hypothesis-plugin): the real notes in
 * fixtures/hypothesis, checked against the collector's hand-made facts
 * (docs/facts/hypothesis/*.json), and notes written from
 * the plugin's own templates for the shapes no collected note shows.
 *
 * Where this differs from the facts files, on purpose:
 * - `authors`: the facts put the Metadata list's `Author: [sspai.com]()` in
 *   `authors`. The plugin fills it with the page's host, never a person, and
 *   `authors` is one entry per person: the host goes to `site`, `authors`
 *   stays empty (a name that is not a host name is still an author).
 * - 03's second highlight: the facts join `n to toggle` and `highlight visi`
 *   with a space; highlight text keeps its line breaks (docs/schema.md, Highlight
 *   `text`), so it is `n to toggle\nhighlight visi`, without the line's indentation.
 */
import { describe, expect, it } from 'vitest';
import { hypothesis } from '../src/formats/hypothesis/hypothesis.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, readNote, recordsOf } from './helpers.js';

const notes = await recordsOf('hypothesis');
const note = (name: string): IngestRecord => notes.get(name)!;

describe('Hypothesis: real notes', () => {
  it('are all read as hypothesis highlights', () => {
    expect([...notes.values()].every((record) => record.format === 'hypothesis' && record.kind === 'highlights')).toBe(true);
    expect([...notes.values()].map((record) => record.highlights.length)).toEqual([11, 10, 2, 11]);
  });

  it('01: frontmatter, a localised Category, `—[Updated on …](…)—Group:` without spaces, a block id after the group', () => {
    const record = note('01-sspai-efficiency.md');
    expect(record).toMatchObject({
      title: '年度征文 - 我的效率系统三原则',
      authors: [],
      site: 'sspai.com',
      url: 'https://sspai.com/post/71754',
      published: null,
      category: 'articles',
      tags: ['webnote', '文章'],
      text: '',
    });
    expect(record.extra).toEqual({
      'date created': '2022-08-28',
      'date modified': '2023-03-14',
      doc_type: 'hypothesis-highlights',
      groups: ['webNote'],
    });
    expect(record.highlights[1]).toMatchObject({
      text: '卡片笔记法提倡即时记录闪念笔记，定时将闪念笔记整理成标准化的永久笔记，且要勤于回顾永久笔记。又如，Get Things Done 系统提倡新进任务及时归入收集箱，集中整理收集箱中的待办事项并安排任务清单，且要做周期性回顾。',
      markdown: '卡片笔记法提倡即时记录闪念笔记，定时将闪念笔记整理成标准化的永久笔记，且要勤于回顾永久笔记。又如，Get Things Done 系统提倡新进任务及时归入收集箱，集中整理收集箱中的待办事项并安排任务清单，且要做周期性回顾。',
      url: 'https://hyp.is/y0-rTiPOEe2rBzuVi6w0Cw/sspai.com/post/71754',
      id: 'y0-rTiPOEe2rBzuVi6w0Cw',
      location: null,
      page: null,
      color: null,
      tags: [],
      note: null,
      highlightedAt: '2022-08-25',
    });
    // The em dashes inside a quote stay; the `^5906dc` after the sixth's group is Obsidian's, not the quote's.
    expect(record.highlights[2]!.text).toContain('三个基本原则——一元化收集');
    expect(record.highlights[5]!.text.endsWith('我们在收集过程中不做复杂的整理。')).toBe(true);
    expect(record.highlights[5]!.markdown).not.toMatch(/Group|\^5906dc|hyp\.is/);
  });

  it('02: no frontmatter, no group (private), times in the Updated on dates', () => {
    const record = note('02-zhubai-backlinks.md');
    expect(record).toMatchObject({
      title: '不思考关系的双向链接并不能带来思维提升 | 噗噗观止',
      authors: [],
      site: 'fengchenpupu.zhubai.love',
      url: 'https://fengchenpupu.zhubai.love/posts/2089706009596542976',
      category: 'articles',
      tags: [],
      extra: {},
    });
    expect(record.highlights.map((highlight) => highlight.highlightedAt)).toEqual([
      '2022-01-09T18:25:26', '2022-01-09T18:25:30', '2022-01-09T18:25:35', '2022-01-09T18:25:39', '2022-01-09T18:25:41',
      '2022-01-09T18:25:48', '2022-01-09T18:25:53', '2022-01-09T18:25:56', '2022-01-09T18:25:58', '2022-01-09T18:26:35',
    ]);
    expect(record.highlights[0]!.text).toBe('在卡片盒笔记法中一共有四种方式来表明卡片之间的关系');
    expect(record.highlights[9]!.id).toBe('n4QrZnE2EeyO0F8qQA-Nrg');
  });

  it('03: three copies from re-syncs are one highlight each, with an info per repeat; a `---` block mid-file is no frontmatter', () => {
    const record = note('03-hypothesis-welcome.md');
    expect(record).toMatchObject({ title: 'Hypothesis', site: 'hypothes.is', url: 'https://hypothes.is/welcome/5153483335fb54cd', category: 'articles', tags: [] });
    expect(record.highlights.map(({ text, id, highlightedAt }) => ({ text, id, highlightedAt }))).toEqual([
      { text: 'tations that can be cre', id: '3cMz8nH7EeySOYu-3K64xw', highlightedAt: '2022-01-10T10:58:31' },
      { text: 'n to toggle\nhighlight visi', id: 'ATZD7HH8EeyGBD9l96zRNg', highlightedAt: '2022-01-10T10:59:30' },
    ]);
    expect(record.diagnostics.map(({ severity, rule, line }) => [severity, rule, line])).toEqual([
      ['info', 'hypothesis-duplicate', 18],
      ['info', 'hypothesis-duplicate', 20],
      ['info', 'hypothesis-duplicate', 31],
      ['info', 'hypothesis-duplicate', 33],
    ]);
    // Groups are who may see an annotation: kept in extra, never tags.
    expect(record.extra).toEqual({ groups: ['Public', 'LULUETH'] });
    // The stray block stays the note's own text (remark reads it as a setext heading).
    expect(record.text).toBe('tag: hypothesis highlights');
  });

  it('04 (a fork of 01, another template version): the same annotations, its own title and inline-list tags', () => {
    const fork = note('04-sspai-efficiency-fork.md');
    const original = note('01-sspai-efficiency.md');
    expect(fork.title).toBe('年度征文 | 我的效率系统三原则');
    expect(fork.tags).toEqual(['article', 'webnote']);
    expect(fork.category).toBe('articles');
    expect(fork.highlights.map((highlight) => highlight.id)).toEqual(original.highlights.map((highlight) => highlight.id));
    expect(fork.highlights[2]!.text).toContain('三个基本原则 —— 一元化收集');
    expect(fork.highlights.every((highlight) => highlight.highlightedAt === '2022-08-25')).toBe(true);
  });
});

/** The current default template (defaultTemplate.njk @1753b81) as it renders a page with a page note, a shared and a private highlight. */
const CURRENT_TEMPLATE = `---
doc_type: hypothesis-highlights
url: 'https://example.com/essay?utm_source=x'
---

# An Essay
## Metadata
- Author: [example.com]()
- Title: An Essay
- Reference: https://example.com/essay
- Category: #article

## Page Notes
The whole page argues one thing.
Tags: #thesis #to-read 

## Highlights
- The first quote — [Updated on 2024-03-05 09:08:07](https://hyp.is/AbCdEfGhIjKlMnOpQrStUv/example.com/essay) 
- Group: #Reading-Club
    - Tags:  #method  #open-question 
    - Annotation:
      Why *this* method?

      A second paragraph.

- The second quote — [Updated on 2024-03-05 09:10:00](https://hyp.is/ZyXwVuTsRqPoNmLkJiHgFe/example.com/essay)
    - Annotation:
      Only for me.

`;

/** The older default (@754d6e7): `[view in context]`, annotation on the item's line, three-space nesting. */
const OLDER_TEMPLATE = `# Old Page

## Metadata
- Author: [old.example.org]()
- Title: Old Page
- Reference: https://old.example.org/page
- Category: #article

## Highlights
- A quote with *stars* and a # sign — [view in context](https://hyp.is/OldOldOldOldOldOldOld1/old.example.org/page)
   - Tags: #one #two 
   - Annotation: same line note
* Another quote — [Updated on 2021-11-27](https://hyp.is/OldOldOldOldOldOldOld2/old.example.org/page)  — Group: #Topic/Dev
`;

describe('Hypothesis: template shapes', () => {
  it('current default: page notes, a `- Group:` item with Tags and Annotation under it, frontmatter url first', () => {
    const record = readNote('An Essay.md', CURRENT_TEMPLATE);
    expect(record).toMatchObject({
      format: 'hypothesis',
      title: 'An Essay',
      url: 'https://example.com/essay',
      site: 'example.com',
      authors: [],
      category: 'articles',
      text: '',
    });
    expect(record.extra).toEqual({ doc_type: 'hypothesis-highlights', groups: ['Reading-Club'] });
    expect(record.highlights).toMatchObject([
      {
        text: '',
        markdown: '',
        url: null,
        id: null,
        location: null,
        page: null,
        color: null,
        tags: ['thesis', 'to-read'],
        note: 'The whole page argues one thing.',
        highlightedAt: null,
      },
      {
        text: 'The first quote',
        markdown: 'The first quote',
        url: 'https://hyp.is/AbCdEfGhIjKlMnOpQrStUv/example.com/essay',
        id: 'AbCdEfGhIjKlMnOpQrStUv',
        location: null,
        page: null,
        color: null,
        tags: ['method', 'open-question'],
        note: 'Why this method?\n\nA second paragraph.',
        highlightedAt: '2024-03-05T09:08:07',
      },
      {
        text: 'The second quote',
        markdown: 'The second quote',
        url: 'https://hyp.is/ZyXwVuTsRqPoNmLkJiHgFe/example.com/essay',
        id: 'ZyXwVuTsRqPoNmLkJiHgFe',
        location: null,
        page: null,
        color: null,
        tags: [],
        note: 'Only for me.',
        highlightedAt: '2024-03-05T09:10:00',
      },
    ]);
    // The frontmatter's url wins over the Metadata list's, as for Readwise notes; canonical, they are one.
    expect(record.diagnostics).toEqual([expect.objectContaining({ severity: 'info', rule: 'metadata-disagrees', line: 3 })]);
  });

  it('older default: `view in context` has no date; Tags and Annotation on their lines; `*` bullets; a group with a slash', () => {
    const record = readNote('Old Page.md', OLDER_TEMPLATE);
    expect(record.highlights.map(({ text, markdown, tags, note, highlightedAt }) => ({ text, markdown, tags, note, highlightedAt }))).toEqual([
      // The quote is Hypothesis's exact text, not Markdown: the stars stay.
      { text: 'A quote with *stars* and a # sign', markdown: 'A quote with *stars* and a # sign', tags: ['one', 'two'], note: 'same line note', highlightedAt: null },
      { text: 'Another quote', markdown: 'Another quote', tags: [], note: null, highlightedAt: '2021-11-27' },
    ]);
    expect(record.extra).toEqual({ groups: ['Topic/Dev'] });
    expect(record.url).toBe('https://old.example.org/page');
  });

  it('an annotation synced again after an edit replaces the earlier copy in its place', () => {
    const edited = OLDER_TEMPLATE.replace('Old Page\n\n## Metadata', 'Old Page\n\n## Metadata').concat(
      '\n- A quote with *stars* and a # sign — [Updated on 2021-12-01](https://hyp.is/OldOldOldOldOldOldOld1/old.example.org/page)\n   - Annotation: edited note\n',
    );
    const record = readNote('Old Page.md', edited);
    expect(record.highlights.map(({ id, note, highlightedAt }) => ({ id, note, highlightedAt }))).toEqual([
      { id: 'OldOldOldOldOldOldOld1', note: 'edited note', highlightedAt: '2021-12-01' },
      { id: 'OldOldOldOldOldOldOld2', note: null, highlightedAt: '2021-11-27' },
    ]);
    expect(record.diagnostics).toEqual([expect.objectContaining({ severity: 'info', rule: 'hypothesis-duplicate', line: 15, message: expect.stringContaining('updates the one at line 10') })]);
  });

  it('an untitled note takes its file name; an author that is not a host name is a person', () => {
    const record = readNote('Notes/A Saved Page.md', '## Metadata\n- Author: [Jane Roe]()\n- Reference: https://example.net/a\n\n## Highlights\n- Text — [Updated on 2024-01-02 03:04:05](https://hyp.is/IdIdIdIdIdIdIdIdIdIdId/example.net/a)\n');
    expect(record).toMatchObject({ title: 'A Saved Page', authors: ['Jane Roe'], site: 'example.net', category: null });
  });

  it('a date in a format it cannot read is a warning, and no highlightedAt', () => {
    const record = readNote('x.md', '# X\n\n## Highlights\n- Text — [Updated on 03/04/2024](https://hyp.is/IdIdIdIdIdIdIdIdIdIdId/example.net/a)\n');
    expect(record.highlights[0]!.highlightedAt).toBeNull();
    expect(record.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', rule: 'hypothesis-date', line: 4 })]);
  });
  it('a note too deeply nested to parse is read as plain text, and keeps its format', () => {
    const record = readNote('Deep.md', `## Highlights\n- Text — [Updated on 2024-01-02](https://hyp.is/IdIdIdIdIdIdIdIdIdIdId/example.net/a)\n\n${'> '.repeat(70)}deep\n`);
    expect(record).toMatchObject({ format: 'hypothesis', kind: 'highlights', title: 'Deep' });
    expect(record.diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(['markdown-too-complex']);
  });
});

describe('Hypothesis: detect', () => {
  it('takes its own notes and nothing else in fixtures/ and ../shared/realworld', () => {
    const taken = detectedBy(hypothesis);
    expect(taken).toEqual([
      'fixtures/hypothesis/01-sspai-efficiency.md',
      'fixtures/hypothesis/02-zhubai-backlinks.md',
      'fixtures/hypothesis/03-hypothesis-welcome.md',
      'fixtures/hypothesis/04-sspai-efficiency-fork.md',
    ]);
  });

  it('needs the plugin’s markers, not a mention of Hypothesis', () => {
    expect(hypothesis.detect({ name: 'a.md', text: 'I use [Hypothesis](https://hypothes.is) and https://hyp.is/abc links.\n' })).toBe(false);
    expect(hypothesis.detect({ name: 'a.md', text: '---\ndoc_type: hypothesis-highlights\n---\n# T\n' })).toBe(true);
    expect(hypothesis.detect({ name: 'a.md', text: '## Metadata\n- Author: [example.com]()\n- Reference: https://example.com/\n' })).toBe(true);
  });
});

describe('Hypothesis: the next highlight glued to an annotation', () => {
  it('a template that trims the newline after an annotation (`{%- endfor -%}`): the glued `- quote — [Updated on …](https://hyp.is/…)` is a highlight of its own, with the items after it', () => {
    const link = (id: string): string => `[Updated on 2021-11-27](https://hyp.is/${id}/example.org/a/)`;
    const record = readNote(
      'n.md',
      `# A Page\n\n## Highlights\n- first quote — ${link('AAAA1')}\n\n   - annotation: my first note\nits second line.- second quote — ${link('BBBB2')}\n   - Tags: #x\n   - annotation: my second note\n- third quote — ${link('CCCC3')}\n`,
    );
    expect(record.format).toBe('hypothesis');
    expect(record.highlights.map(({ text, note, url, tags }) => ({ text, note, url, tags }))).toEqual([
      { text: 'first quote', note: 'my first note\nits second line.', url: 'https://hyp.is/AAAA1/example.org/a/', tags: [] },
      { text: 'second quote', note: 'my second note', url: 'https://hyp.is/BBBB2/example.org/a/', tags: ['x'] },
      { text: 'third quote', note: null, url: 'https://hyp.is/CCCC3/example.org/a/', tags: [] },
    ]);
  });

  it('a `- ` inside an annotation without a hyp.is link after it stays the annotation\'s', () => {
    const record = readNote('n.md', `# A Page\n\n## Highlights\n- first quote — [Updated on 2021-11-27](https://hyp.is/AAAA1/example.org/a/)\n   - annotation: pros- and cons- of it\n`);
    expect(record.highlights.map(({ text, note }) => ({ text, note }))).toEqual([{ text: 'first quote', note: 'pros- and cons- of it' }]);
  });
});
