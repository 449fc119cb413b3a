/**
 * Web pages clipped into a vault: four real Obsidian Web Clipper notes from
 * four vaults in fixtures/web-clipper (checked by hand against the
 * collector's facts, docs/facts/clipper), the
 * Web Clipper note of fixtures/markdown-web-clipper (read as `markdown`
 * before this format existed: only its `format` changed), and MarkDownload
 * notes written here from its default template (no real one with a known
 * repository was found: the search answers carry no provenance).
 *
 * Where ingest differs from the facts files on purpose:
 * - category: the facts say `articles`; the notes state no category, and a
 *   record's category is `null` when its note does not say (as for every
 *   other Markdown note, and as fixtures/markdown-web-clipper has it).
 * - 04's url: normalize drops the `#fragment` of every URL (its `#?pk=…`
 *   is a client-side route, but the rule is the same for all formats).
 */
import { describe, expect, it } from 'vitest';
import { webClipper } from '../src/formats/web-clipper/web-clipper.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, readNote, records } from './helpers.js';

/** Reads a note given under a vault's file name. */
const read = async (name: string, text: string): Promise<IngestRecord> => readNote(name, text);

const fixture = await records(['fixtures/web-clipper'], { exclude: ['SOURCES.md'] });

describe('Obsidian Web Clipper notes', () => {
  it('read title, author links, source, published and description from the frontmatter', () => {
    expect(fixture.map((record) => [record.kind, record.format, record.title, record.authors, record.url, record.published, record.category, record.tags])).toEqual([
      [
        'markdown',
        'web-clipper',
        'The Rise Of Micro-Communities: What This Means For Social Media Marketers',
        ['Chelsea Alves'],
        'https://www.searchenginejournal.com/the-rise-of-micro-communities/532677/',
        '2024-12-04',
        null,
        ['clippings'],
      ],
      ['markdown', 'web-clipper', 'Claude Code 10个必装的 Skills 完全指南（2026）', ['七牛云行业应用'], 'https://www.cnblogs.com/qiniushanghai/p/19728076', '2026-03-17', null, ['clippings']],
      // Empty `author:` and `published:` are nothing, not "".
      ['markdown', 'web-clipper', 'Where teams and agents work together', [], 'https://app.notion.com/p/Introduction-to-Javascript-2763a78e0e22809db99af584c1c5c6ec', null, null, ['clippings']],
      ['markdown', 'web-clipper', 'Link Elearning', [], 'https://www.link-elearning.com/linkdl/portal/?pk=308084e345d485b3b03a12c2a822523a_ita_23', null, null, ['clippings']],
    ]);
    expect(fixture[0]!.summary).toBe('Discover how micro-communities on social media create new opportunities for marketers to connect with engaged, niche audiences.');
    expect(fixture[3]!.summary).toBeNull();
    // `created` is the clip date: never `published`.
    expect(fixture.map((record) => record.extra)).toEqual([{ created: '2026-01-21' }, { created: '2026-05-31' }, { created: '2026-06-30' }, { created: '2025-06-08' }]);
    expect(fixture.every((record) => record.highlights.length === 0 && record.diagnostics.length === 0)).toBe(true);
  });

  it('keep the whole article as text: rules, blockquotes and a `---` right after the frontmatter are the body', () => {
    expect(fixture[0]!.text).toMatch(/^The Rise Of Micro-Communities: What This Means For Social Media Marketers\n\n\[\[コミュニティーマーケ\]\]\nThe Rise Of/);
    expect(fixture[1]!.text).toMatch(/^一句话定义： Claude Code Skills 是可插拔的能力扩展包/);
    expect(fixture[1]!.text).toContain('什么是 Claude Code Skills？');
    expect(fixture[2]!.text).toMatch(/^Introduction to Javascript\n\nDeveloper know html and CSS/);
    expect(fixture[2]!.text).toContain('<table>');
    expect(fixture[3]!.text).toMatch(/^- Rezime\n\nUvod u Java EE\n\n00:34:39/);
  });

  it('keeps every field the Markdown reader gave the Web Clipper fixture, with format web-clipper', async () => {
    const [record] = await records(['fixtures/markdown-web-clipper']);
    expect(record).toMatchObject({
      kind: 'markdown',
      format: 'web-clipper',
      title: 'How I use Obsidian',
      authors: ['Steph Ango'],
      url: 'https://stephango.com/vault',
      tags: ['clippings'],
      summary: 'My personal Obsidian vault template.',
      extra: { categories: ['[[Clippings]]'], created: '2026-01-03 18:06:46+03:00' },
    });
  });

  it('takes the title from the file name when the frontmatter and body state none', async () => {
    const note = ['---', 'source: "https://example.com/post"', 'author:', '  - "[[A. Writer]]"', 'created: 2025-01-02', 'tags:', '  - "clippings"', '---', 'Just the article.', ''].join('\n');
    const record = await read('A Post &amp; More.md', note);
    expect(record).toMatchObject({ format: 'web-clipper', title: 'A Post & More', authors: ['A. Writer'], text: 'Just the article.' });
  });
});

describe('MarkDownload notes', () => {
  // MarkDownload's default frontmatter template, filled in (src/shared/default-options.js @ 8ed4b6f0).
  const note = [
    '---',
    'created: 2023-07-20T23:08:15 (UTC +08:00)',
    'tags: [git,terminal]',
    'source: https://medium.com/nerd-for-tech/workflow-for-switching-github-accounts-in-your-terminal-d87e50bb5511',
    'author: William Infante',
    '---',
    '',
    '# Switching GitHub accounts in your terminal | by William Infante | Nerd For Tech | Medium',
    '',
    '> ## Excerpt',
    "> Quick rundown on what to check and change when you're switching GitHub accounts",
    '',
    '---',
    '---',
    '',
    '## Check your SSH keys',
    '',
    '1\\. List them first.',
    '',
  ].join('\n');

  it('read the page title from the H1, the excerpt as summary, the clip date into extra', async () => {
    const record = await read('Switching GitHub accounts.md', note);
    expect(record).toMatchObject({
      kind: 'markdown',
      format: 'web-clipper',
      title: 'Switching GitHub accounts in your terminal | by William Infante | Nerd For Tech | Medium',
      authors: ['William Infante'],
      url: 'https://medium.com/nerd-for-tech/workflow-for-switching-github-accounts-in-your-terminal-d87e50bb5511',
      published: null,
      tags: ['git', 'terminal'],
      summary: "Quick rundown on what to check and change when you're switching GitHub accounts",
      extra: { created: '2023-07-20T23:08:15 (UTC +08:00)' },
      text: 'Check your SSH keys\n\n1. List them first.',
      highlights: [],
    });
  });
});

describe('Web clipper detection', () => {
  it('takes the clipped notes and nothing else of the fixtures or the real-world exports', () => {
    const taken = detectedBy(webClipper);
    const realWorld = taken.filter((file) => file.startsWith('../'));
    expect(taken.filter((file) => !file.startsWith('../'))).toEqual([...fixture.map((record) => record.source.path), 'fixtures/markdown-web-clipper/How I use Obsidian.md', 'fixtures/merge-article/clipping/How I use Obsidian.md'].sort());
    // The real-world Web Clipper notes (MANIFEST kind plain-article), and only those.
    expect(realWorld.every((file) => /GuppyTheCat__obsidian-second-brain\/How I use Obsidian\.md$|unknownzjc__roam\/Obsidian Web Clipper\.md$/.test(file))).toBe(true);
  });
  it('wants a source URL, a clip date and a clipper\'s mark', () => {
    const front = (lines: string[]): string => ['---', ...lines, '---', 'Body.', ''].join('\n');
    const detect = (lines: string[]): boolean => webClipper.detect({ name: 'a.md', text: front(lines) });
    expect(detect(['source: https://a.example/x', 'created: 2024-01-01', 'tags: [clippings]'])).toBe(true);
    expect(detect(['source: https://a.example/x', 'created: 2024-01-01', 'author: "[[Someone]]"'])).toBe(true);
    expect(detect(['source: https://a.example/x', 'tags: [clippings]'])).toBe(false);
    expect(detect(['created: 2024-01-01', 'tags: [clippings]'])).toBe(false);
    expect(detect(['source: https://a.example/x', 'created: 2024-01-01', 'tags: [reading]'])).toBe(false);
    expect(detect(['source: https://readwise.io/x', 'created: 2024-01-01', 'tags: [clippings]'])).toBe(false);
  });
});
