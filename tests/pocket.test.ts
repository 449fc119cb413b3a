/**
 * Pocket's annotations export (fixtures/pocket, see its SOURCES.md): the
 * facts below were written by hand from the files before expected.json was
 * generated. And what the reader does not take: other JSON, Readwise and
 * Bookcision exports, ingest's own output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pocketAnnotations } from '../src/formats/pocket/annotations.js';
import { readwiseJson } from '../src/formats/readwise/json.js';
import { bookcision } from '../src/formats/bookcision/bookcision.js';
import type { IngestRecord } from '../src/schema.js';
import { detectedBy, records, runCli, scratch } from './helpers.js';

const { work, folder } = scratch('pocket');
const all = await records(['fixtures/pocket'], { exclude: ['SOURCES.md'] });
const of = (file: string): IngestRecord[] => all.filter((record) => record.source.path.endsWith(file));

describe('Pocket annotations export', () => {
  it('gives one record per article, every highlight, in the export’s order', () => {
    expect(of('01-broadsheet.json').map((record) => [record.title, record.highlights.length])).toEqual([
      ['Why So Many Smart People Aren’t Happy', 1],
      ['The Rise and Fall of Getting Things Done', 1],
      ['How to Spot an Incompetent Leader', 3],
      // Pocket cut the title at 75 characters; the space it ended on is trimmed.
      ['Are you a time optimist? Why some people are perennially late – and how to', 2],
      ['‘We’re sedating women with self-care’: how we became obsessed with wellness', 2],
    ]);
    expect(of('02-readthis.json').map((record) => record.highlights.length)).toEqual([2, 3, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1]);
    expect(of('03-lumpy-pocket.json').map((record) => record.highlights.length)).toEqual([2, 3, 1, 1, 2, 1, 1, 3, 2, 1, 1, 2, 1]);
    for (const record of all) expect([record.format, record.kind, record.category, record.authors, record.tags]).toEqual(['pocket', 'highlights', 'articles', [], []]);
  });

  it('reads the URL, and a title that is the URL as no title', () => {
    const [first] = of('01-broadsheet.json');
    expect(first!.url).toBe('https://getpocket.com/explore/item/why-so-many-smart-people-aren-t-happy');
    const readthis = of('02-readthis.json');
    expect([readthis[0]!.title, readthis[0]!.url]).toEqual([null, 'http://www.paulgraham.com/say.html']);
    expect(readthis[1]!.title).toBe("Avalon Project - Washington's Farewell Address 1796");
    expect(readthis.filter((record) => record.title === null)).toHaveLength(9);
    // `&#x3a;` as Pocket stored it: a colon.
    expect(readthis[11]!.title).toBe("We can't all be friends: crypto and the psychology of mass movements");
    const lumpy = of('03-lumpy-pocket.json');
    expect(lumpy.map((record) => record.title)).toEqual([
      'article-mobile.html',
      'Is It Worth Being Wise?',
      'Keep Your Identity Small',
      null,
      'Blog | Documenting Architecture Decisions | Relevance',
      'article-mobile.html',
      'Inversion: The Crucial Thinking Skill Nobody Ever Taught You',
      'The "fundamental rule" of traffic: building new roads just makes people dri',
      null,
      'How to Get Yourself to Do Things',
      'If You’re Not Getting Rich in your 20s, You’re Doing it Wrong',
      'The logic of Buddhist philosophy goes beyond simple truth | Aeon Essays',
      'Clueyness: A Weird Kind of Sad — Wait But Why',
    ]);
    expect(lumpy[3]!.url).toBe('http://www.aaronsw.com/weblog/theoryofchange');
  });

  it('reads each quote and its created_at as a UTC time', () => {
    const leader = of('01-broadsheet.json')[2]!.highlights;
    expect(leader.map((highlight) => [highlight.text, highlight.highlightedAt])).toEqual([
      [
        'For some time now, we have had at our disposal scientifically valid assessments to predict and avoid managerial and leadership incompetence. Even simple tests that may initially seem innocuous or ineffective can predict whether someone is likely to be an incompetent leader.',
        '2024-05-06T09:46:39Z',
      ],
      ['Incompetent leaders are the main reason for low levels of employee engagement, and the prevalent high levels of passive job seeking and self-employment.', '2024-05-06T09:45:35Z'],
      ['To start, those responsible for judging leadership candidates need to improve their ability to distinguish between confidence and competence.', '2024-05-06T09:46:16Z'],
    ]);
    expect(of('01-broadsheet.json')[0]!.highlights[0]!.highlightedAt).toBe('2024-05-06T18:46:54Z');
    const say = of('02-readthis.json')[0]!.highlights;
    expect(say[0]!.text).toBe("Mapmakers deliberately put slight mistakes in their maps so they can tell when someone copies them. If another map has the same mistake, that's very convincing evidence.");
    expect(say.map((highlight) => highlight.highlightedAt)).toEqual(['2019-12-14T07:19:10Z', '2019-12-16T02:59:17Z']);
    // A quote over several paragraphs keeps its line breaks.
    const gtd = of('01-broadsheet.json')[1]!.highlights[0]!;
    expect(gtd.text).toMatch(/, creating frustration\.\n\nIn this context, the shortcomings of personal-productivity systems/);
    expect(gtd.highlightedAt).toBe('2023-10-16T08:47:06Z');
    for (const record of all) for (const highlight of record.highlights) expect([highlight.note, highlight.location, highlight.color, highlight.url]).toEqual([null, null, null, null]);
  });

  it('leaves out a highlight whose quote is empty', () => {
    const aeon = of('03-lumpy-pocket.json')[11]!;
    expect(aeon.highlights.map((highlight) => highlight.highlightedAt)).toEqual(['2018-11-16T05:15:32Z', '2018-11-16T04:54:45Z']);
    expect(aeon.highlights[1]!.text).toMatch(/^This principle is called the catuskoti, meaning ‘four corners’/);
  });
});

describe('what the Pocket reader takes', () => {
  it('takes the Pocket fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(pocketAnnotations)).toEqual(['fixtures/pocket/01-broadsheet.json', 'fixtures/pocket/02-readthis.json', 'fixtures/pocket/03-lumpy-pocket.json']);
  });

  it('is the only reader that takes a Pocket export: not Readwise JSON, not Bookcision', () => {
    const text = fs.readFileSync('fixtures/pocket/01-broadsheet.json', 'utf8');
    const document = { name: 'annotations/part_000000.json', text };
    expect([pocketAnnotations.detect(document), readwiseJson.detect(document), bookcision.detect(document)]).toEqual([true, false, false]);
  });

  it('takes no JSON of another shape', () => {
    const takes = (text: string, name = 'part_000000.json'): boolean => pocketAnnotations.detect({ name, text });
    expect(takes('[{"url":"https://a.test/","title":"T","highlights":[{"quote":"q","created_at":1700000000}]}]')).toBe(true);
    expect(takes('[{"url":"https://a.test/","title":"T","highlights":[{"quote":"q","created_at":1700000000}]}]', 'part.md')).toBe(false);
    // Omnivore-like highlights (createdAt), a list of quotes with no article, an object.
    expect(takes('[{"url":"https://a.test/","title":"T","highlights":[{"quote":"q","createdAt":"2023-01-01"}]}]')).toBe(false);
    expect(takes('[{"quote":"q","created_at":1700000000}]')).toBe(false);
    expect(takes('{"url":"https://a.test/","title":"T","highlights":[{"quote":"q","created_at":1700000000}]}')).toBe(false);
    expect(takes('[]')).toBe(false);
  });

  it('through the binary: a folder holding a Pocket export gives one record per article with every highlight; a JSON of another shape is passed over', async () => {
    const dir = folder('walked');
    fs.mkdirSync(path.join(dir, 'annotations'));
    fs.copyFileSync('fixtures/pocket/01-broadsheet.json', path.join(dir, 'annotations', 'part_000000.json'));
    fs.writeFileSync(path.join(dir, 'settings.json'), '[{"url": "https://a.test/", "title": "not an export"}]\n');
    const run = await runCli([dir, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as IngestRecord);
    expect(lines.map((record) => [record.format, record.highlights.length])).toEqual([
      ['pocket', 1],
      ['pocket', 1],
      ['pocket', 3],
      ['pocket', 2],
      ['pocket', 2],
    ]);
    expect(new Set(lines.map((record) => record.id)).size).toBe(5);
  });

  it('through the binary: an array of other objects named on the command line is an unknown format', async () => {
    fs.writeFileSync(path.join(work, 'other.json'), '[{"url": "https://a.test/", "title": "T", "highlights": [{"quote": "q", "created_at": 1}]}, {"x": 1}]\n');
    const run = await runCli(['other.json', '--no-cache', '-f', 'ndjson'], { cwd: work });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^other\.json {2}error {2}this JSON is not a Pocket annotations export .* {2}unknown-format$/m);
  });
});
