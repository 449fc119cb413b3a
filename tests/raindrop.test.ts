/**
 * Raindrop Highlights notes (kaiiiz/obsidian-raindrop-highlights-plugin):
 * the real notes in fixtures/raindrop (SOURCES.md), with facts written by
 * hand from the files, and the shapes of the plugin's templates no
 * collected note shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { raindrop } from '../src/formats/raindrop/raindrop.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, readNote, recordsOf, runCli, scratch } from './helpers.js';

const notes = await recordsOf('raindrop');
const note = (name: string): IngestRecord => notes.get(name)!;

describe('Raindrop: real notes', () => {
  it('are all read as raindrop highlights, one per highlight the template marks', () => {
    expect([...notes.values()].every((record) => record.format === 'raindrop' && record.kind === 'highlights')).toBe(true);
    expect([...notes.keys()].map((name) => [name, note(name).highlights.length])).toEqual([
      ['01-hot-vs-cold.md', 2],
      ['02-programming-skills.md', 4],
      ['03-llm-code-review.md', 1],
      ['04-no-highlights-yet.md', 0],
      ['05-constructed-notes-colours.md', 3],
    ]);
  });

  it('01: the default template of 0.0.18: Source URL, H1, excerpt, callouts with their dates and the danger colour', () => {
    const record = note('01-hot-vs-cold.md');
    expect(record).toMatchObject({
      title: 'Hot vs Cold Observables (перевод)',
      authors: [],
      url: 'https://medium.com/@aksenovdev/hot-vs-cold-observables-%D0%BF%D0%B5%D1%80%D0%B5%D0%B2%D0%BE%D0%B4-4951ee651e4c',
      summary: 'Перевод статьи Ben Lesh “Hot vs Cold Observables“',
      tags: [],
      text: '',
      diagnostics: [],
    });
    expect(record.extra).toEqual({ raindrop_id: 533067785, raindrop_last_update: '2023-03-12T23:57:30.600Z' });
    expect(record.highlights.map(({ text, note: n, color, highlightedAt }) => ({ text, note: n, color, highlightedAt }))).toEqual([
      { text: 'Producer — это источник значений для вашего observable.', note: null, color: null, highlightedAt: '2023-03-10T18:58:22' },
      {
        text: 'Итак, всё, что подпишется на source выше получит свой собственный экземпляр соединения Websocket, и при закрытии произойдёт .close() подключения. Это означает, что наш источник действительно одноадресный, потому что producer может посылать значений только одному observer.',
        note: null,
        color: 'red',
        highlightedAt: '2023-03-10T19:00:16',
      },
    ]);
  });

  it('02: autoescaped text decoded, JavaScript dates with their offset', () => {
    const record = note('02-programming-skills.md');
    expect(record.title).toBe('How to Improve Your Programming Skills');
    expect(record.url).toBe('https://www.freecodecamp.org/news/how-to-improve-your-programming-skills/');
    expect(record.summary).toBe(
      "Since I started coding, I've always been looking for tips to improve my programming skills. I read and tried a lot of things, and I want to share some of my top tips with you. So if you are looking for ways to become a better developer, you're in",
    );
    expect(record.highlights[1]!.text).toBe("But you don't always have to finish them. The idea is to achieve small goals in your projects.");
    expect(record.highlights[3]!.text).toBe(
      'Try to practice coding daily, during your lunch break or after work. Even if it is only for one hour, if you create a habit and stick to it, you will see daily improvements.',
    );
    expect(record.highlights.every((highlight) => highlight.highlightedAt === '2023-06-06T20:22:41+03:00' && highlight.color === null)).toBe(true);
    expect(Object.keys(record.extra['raindrop_highlights'] as object)).toHaveLength(4);
  });

  it('03: a custom template: frontmatter fields, the summary callout, the one marked highlight, and a warning for the unmarked ones', () => {
    const record = note('03-llm-code-review.md');
    expect(record).toMatchObject({
      title: 'LLM Code Review vs Deterministic SAST Security Tools',
      url: 'https://blog.fraim.dev/ai_eval_vs_rules/',
      summary: 'How do the latest models stack up against traditional code scanners?',
      category: 'articles',
      image: 'https://blog.fraim.dev/_astro/placeholder.CLqIWIsO.svg',
      tags: ['_index', 'ai', 'llm', 'tech-blog', 'tools'],
    });
    expect(record.extra['created']).toBe(1759684221644);
    expect(record.highlights[0]).toMatchObject({
      text: 'Fraim is an open source toolkit for Security teams that includes built in AI workflows to help supercharge your security practices',
      color: 'blue',
      highlightedAt: null,
    });
    // The unmarked highlights are not lost: they are the record's text.
    expect(record.text).toContain('We’ve spent the last few months building Fraim');
    expect(record.text).toContain('Static rules definitely have their place');
    expect(record.diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.severity])).toEqual([['raindrop-unmarked', 'warning']]);
    expect(record.diagnostics[0]!.message).toContain('lists 4 highlights but the template marks 1');
  });

  it('04: a bookmark synced before it had highlights', () => {
    expect(note('04-no-highlights-yet.md')).toMatchObject({
      title: '20 Best Productivity Podcasts You Have To Listen To in 2023 - Quidlo',
      url: 'https://www.quidlo.com/blog/best-productivity-podcasts/',
      summary: 'List of the best productivity podcasts on the internet. All of them, curated in one place.',
      highlights: [],
      diagnostics: [],
    });
  });

  it('05 (constructed): notes inside callouts, green and blue, a highlight over two lines, Topics tags', () => {
    const record = note('05-constructed-notes-colours.md');
    expect(record.tags).toEqual(['notes', 'reading']);
    expect(record.summary).toBe("The bookmark's excerpt.");
    expect(record.highlights.map(({ text, note: n, color, highlightedAt }) => ({ text, note: n, color, highlightedAt }))).toEqual([
      { text: 'First line of a green highlight\nthat goes on to a second line.', note: "The reader's note on it.", color: 'green', highlightedAt: '2024-05-02T09:14:03' },
      { text: 'A blue highlight without a note.', note: null, color: 'blue', highlightedAt: '2024-05-02T09:15:10' },
      { text: 'A highlight of the default colour.', note: 'Another note.', color: null, highlightedAt: '2024-05-02T09:16:45' },
    ]);
  });
});

describe('Raindrop: template shapes', () => {
  it("the first default template's task lines, and `&gt;` lines an escaped join left", () => {
    const record = readNote(
      'old.md',
      [
        '---',
        'raindrop_id: 123',
        'raindrop_last_update: 2022-07-21T10:00:00.000Z',
        '---',
        '# Metadata',
        'Source URL:: https://example.com/a',
        '',
        '---',
        '# An Old Note',
        '',
        '- [ ] The first highlight — Updated on 2022/07/20 09:00:00',
        '- [ ] The second one — Updated on 2022/07/20 09:05:00',
        '',
        '> [!quote]+ Updated on 2022/08/01 10:00:00',
        '>',
        '> {',
        '&gt;  &quot;type&quot;: 1',
        '&gt;}',
      ].join('\n'),
    );
    expect(record.highlights.map((highlight) => [highlight.text, highlight.highlightedAt])).toEqual([
      ['The first highlight', '2022-07-20T09:00:00'],
      ['The second one', '2022-07-20T09:05:00'],
      ['{\n "type": 1\n}', '2022-08-01T10:00:00'],
    ]);
  });

  it('a note without the plugin frontmatter is not Raindrop, and no other fixture is', () => {
    expect(raindrop.detect({ name: 'a.md', text: '# Metadata\nSource URL:: https://x.y\n\n> [!quote]+ Updated on 2023/03/10 18:58:22\n>\n> text\n' })).toBe(false);
    expect(raindrop.detect({ name: 'a.md', text: 'Some text\nraindrop_id: 5\n' })).toBe(false);
    expect(detectedBy(raindrop).every((file) => file.startsWith('fixtures/raindrop/'))).toBe(true);
  });
});

describe('Raindrop through the binary', () => {
  const { folder } = scratch('raindrop');
  it('a folder of Raindrop notes gives one record per bookmark with every highlight', async () => {
    const dir = folder('vault');
    for (const name of ['01-hot-vs-cold.md', '02-programming-skills.md', '05-constructed-notes-colours.md']) {
      fs.copyFileSync(path.join('fixtures/raindrop', name), path.join(dir, name));
    }
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as IngestRecord);
    expect(records.map((record) => [record.format, record.title, record.highlights.length])).toEqual([
      ['raindrop', 'Hot vs Cold Observables (перевод)', 2],
      ['raindrop', 'How to Improve Your Programming Skills', 4],
      ['raindrop', 'A Constructed Article', 3],
    ]);
  });
});
