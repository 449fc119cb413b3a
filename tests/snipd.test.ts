/**
 * Snipd notes (the official plugin, snipd-app/snipd-obsidian, and Snipd's
 * earlier Markdown export): the real notes in fixtures/snipd (SOURCES.md),
 * with facts written by hand from the files, and the export's callout
 * transcript no collected note shows whole.
 *
 * What goes where (README, docs/formats.md): the episode is the record (the
 * show is its `site`, the owner or host its authors); each snip is a
 * highlight whose text is the transcript (the quote when there is none),
 * whose note is the snip's title, then its summary, then the quote and its
 * speaker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snipd } from '../src/formats/snipd/snipd.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, readNote, recordsOf, runCli, scratch } from './helpers.js';

const notes = await recordsOf('snipd');
const note = (name: string): IngestRecord => notes.get(name)!;

describe('Snipd: real notes', () => {
  it('are all read as snipd podcasts, one highlight per snip', () => {
    expect([...notes.keys()].map((name) => [name, note(name).format, note(name).category, note(name).highlights.length])).toEqual([
      ["How to practice 'deep reading'.md", 'snipd', 'podcasts', 1],
      ['Seed Oils.md', 'snipd', 'podcasts', 2],
      ['Story The Untold Story of SQLite.md', 'snipd', 'podcasts', 1],
    ]);
    expect([...notes.values()].flatMap((record) => record.diagnostics)).toEqual([]);
  });

  it('the plugin: the episode from the frontmatter, two hosts, quote and transcript', () => {
    const record = note('Seed Oils.md');
    expect(record).toMatchObject({
      title: 'Seed Oils',
      authors: ['Aubrey Gordon', 'Michael Hobbes'],
      site: 'Maintenance Phase',
      url: 'https://share.snipd.com/episode/71be152d-a415-46d2-8c56-34e68398a324',
      published: '2025-08-26',
      image: 'https://wsrv.nl/?url=https%3A%2F%2Fstorage.buzzsprout.com%2Ffec61jabs16rwgkpgcrqwe7puh43%3F.jpg&w=500&h=500',
    });
    expect(record.summary).toMatch(/^Delve into the comical and contentious world of seed oils!/u);
    expect(record.extra).toMatchObject({ mentioned_books: ['Carnivore Code', 'The Omega diet', 'Deep Nutrition'], snips_count: 2, from_snipd: true, duration: '01:18:44' });
    const [first, second] = record.highlights;
    expect(first).toMatchObject({
      url: 'https://share.snipd.com/snip/bd2fb543-218c-4e69-bf3d-a2082aa31ae7',
      id: 'bd2fb543-218c-4e69-bf3d-a2082aa31ae7',
      location: 'Time 06:20-07:20',
      note: "Worst Person, Good Point\n\n- Aubrey observes the irony of Andrew Tate making a valid point about seed oils.\n- She likens it to the Onion's 'Worst person you know just made a really great point' meme.\n\nYou're afraid of sunflowers.",
    });
    expect(first!.text.split('\n\n')).toHaveLength(6);
    expect(first!.text).toMatch(/^Aubrey Gordon: is maybe the most profound example of a stopped clock/u);
    expect(first!.text).toContain('\n\nMichael Hopps: Such uninteresting lives. Total losers.\n\n');
    expect(second).toMatchObject({
      text: "What you have to do here is you don't just have to double check the citation. You have to basically do a completely new search for like meta-analyses of canola oil's effects on rats.",
      location: 'Time 17:57-17:57',
      note: "Fact-checking Grifters\n\n- When fact-checking grifters who cite studies, don't just double-check the citation.\n- Instead, perform a new search for meta-analyses to understand the broader scientific consensus.\n\n— Aubrey Gordon\n\nAubrey Gordon on fact-checking people who misrepresent research",
    });
  });

  it('the plugin: guests, a paragraph summary', () => {
    const record = note("How to practice 'deep reading'.md");
    expect(record).toMatchObject({ title: "How to practice 'deep reading'", authors: ['NPR'], site: 'Life Kit', published: '2024-04-30' });
    expect(record.extra['guests']).toEqual(['Maryanne Wolf']);
    expect(record.highlights[0]).toMatchObject({
      location: 'Time 01:56-03:20',
      id: 'ed0f6e24-9b38-4c71-8055-639d463e06e2',
      note: "Deep Reading: Discovering Wisdom within Solitude\n\nDeep reading is the process where readers go beyond the author's wisdom to find their own insights. It involves a fertile miracle of communication that occurs in solitude, where the reader delves into a space of introspection and discovery.",
    });
    expect(record.highlights[0]!.text).toMatch(/^Andrew Limbaugh: She's also the author of the book Proust and the Squid/u);
    expect(record.highlights[0]!.text).toMatch(/\n\nMaryanne Wolf: Andrew, you set me up for my response beautifully .* Deep reading is when we enter that space\. I$/u);
  });

  it('the 2023 export: metadata list with wikilinks, Play snip link, key takeaways, HTML transcript', () => {
    const record = note('Story The Untold Story of SQLite.md');
    expect(record).toMatchObject({
      title: 'Story: The Untold Story of SQLite',
      authors: ['Adam Gordon Bell - Software Developer'],
      site: 'CoRecursive: Coding Stories',
      url: 'https://share.snipd.com/episode/05843a8c-7714-4c41-b936-f44d763fd19d',
      published: '2021-07-02',
    });
    expect(record.extra['export_date']).toBe('2023-01-31T02:25');
    const [snip] = record.highlights;
    expect(snip).toMatchObject({ url: 'https://share.snipd.com/snip/6ef02752-e845-40c0-8fa5-a3b93ad3692f', location: 'Time 02:49-04:42' });
    expect(snip!.note).toBe(
      "The Problem Is That You Can't Connect a Data Base Server\n\n1. The solution to a problem can be computationally complex, but the general description of the problem is incomplete.\n2. For systems that are designed by humans, the polynomial time solution is usually possible.\n3. To solve a problem quickly, furistics are often used to approximate the solution.\n4. If a system is not working correctly, it can be blamed on the developers even if it is not their fault.",
    );
    expect(snip!.text).toMatch(/^Speaker 1: Richard was brought in because the solution/u);
    expect(snip!.text).toMatch(/because we were painting the dialogue boxy\.$/u);
    expect(snip!.text).not.toMatch(/<|details|Click to expand/u);
  });
});

describe('Snipd: shapes', () => {
  it('a transcript in a `> [!quote]- Transcript` callout, speakers on their own lines', () => {
    const record = readNote(
      'Episode.md',
      [
        '## Episode metadata',
        '- Show:: [[The Show\\|The Show]]',
        '',
        '## Snips',
        '',
        '### [03:47] A Snip',
        '',
        '[🎧 Play snip - 1min️ (02:04 - 03:51)](https://share.snipd.com/snip/8fa1d04f-1a0a-413c-b438-430155148404)',
        '',
        '#### 📚 Transcript',
        '> [!quote]- Transcript',
        '> ',
        '> **Speaker 1**',
        '> Absolutely. A perfect way.',
        '>',
        '> **Speaker 2**',
        '> Awesome.',
        '',
        '---',
      ].join('\n'),
    );
    expect(record.site).toBe('The Show');
    expect(record.highlights.map(({ text, note: n, location }) => ({ text, note: n, location }))).toEqual([
      { text: 'Speaker 1: Absolutely. A perfect way.\n\nSpeaker 2: Awesome.', note: 'A Snip', location: 'Time 02:04-03:51' },
    ]);
  });

  it('takes a note with `## Snips` and a snip link, and no other fixture or real-world note', () => {
    expect(snipd.detect({ name: 'a.md', text: '## Snips\n\nnothing here\n' })).toBe(false);
    expect(snipd.detect({ name: 'a.md', text: '[x](https://share.snipd.com/snip/abc)\n## Highlights\n' })).toBe(false);
    expect(detectedBy(snipd).every((file) => file.startsWith('fixtures/snipd/'))).toBe(true);
  });
});

describe('Snipd through the binary', () => {
  const { folder } = scratch('snipd');
  it('a folder of Snipd notes gives one record per episode with every snip', async () => {
    const dir = folder('vault');
    for (const name of ['Seed Oils.md', 'Story The Untold Story of SQLite.md']) fs.copyFileSync(path.join('fixtures/snipd', name), path.join(dir, name));
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as IngestRecord);
    expect(records.map((record) => [record.format, record.title, record.highlights.length])).toEqual([
      ['snipd', 'Seed Oils', 2],
      ['snipd', 'Story: The Untold Story of SQLite', 1],
    ]);
  });
});
