/**
 * A digest worth opening every morning (#27), through the binary: What's new
 * across runs (what the state beside the digest remembers), today's review
 * (the same on one day, another the next, never today's new, spread over
 * works), the summary line cron mails, and the HTML digest's safety.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-digest-memory-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const KINDLE = path.join(ROOT, 'fixtures', 'merge-kindle-readwise', 'My Clippings.txt');
const READWISE = path.join(ROOT, 'fixtures', 'merge-kindle-readwise', 'Atomic Habits.md');

function folder(name: string, files: string[]): string {
  const notes = path.join(work, name);
  fs.mkdirSync(notes, { recursive: true });
  for (const file of files) fs.copyFileSync(file, path.join(notes, path.basename(file)));
  return notes;
}

const digest = (notes: string, out: string, day: string, ...more: string[]) => runCli([notes, '-f', out.endsWith('.html') ? 'html' : 'md', '-o', out, '--no-cache', '--date', day, ...more]);
const section = (text: string, heading: string) => text.split(/\n(?=## )/).find((part) => part.startsWith(`## ${heading}`)) ?? '';

describe("What's new", () => {
  it('lists the highlights added since the last digest at that place, by work, with their notes; then nothing new until the notes change', async () => {
    const notes = folder('new', [READWISE]);
    const out = path.join(work, 'new-digest', 'digest.md');
    fs.mkdirSync(path.dirname(out));
    const first = await digest(notes, out, '2026-12-06');
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toMatch(/ · \d+ highlights, first digest here · review of 2026-12-06 · /);
    expect(section(fs.readFileSync(out, 'utf8'), "What's new")).toBe("## What's new\n\nNo highlights added since 2026-12-06.\n");
    // Unchanged notes: the same digest, so --check and cron stay quiet.
    expect((await digest(notes, out, '2026-12-06', '--check')).exitCode).toBe(0);
    expect((await digest(notes, out, '2026-12-06')).stderr).toMatch(/ highlights, 0 new · /);

    // A Kindle file of the same book: one new highlight (with its note: the other two are copies of Readwise's).
    fs.copyFileSync(KINDLE, path.join(notes, 'My Clippings.txt'));
    const second = await digest(notes, out, '2026-12-07');
    expect(second.stderr).toMatch(/ highlights, 1 new · review of 2026-12-07 · /);
    const text = fs.readFileSync(out, 'utf8');
    expect(section(text, "What's new")).toBe(
      "## What's new\n\n1 new highlight in 1 work, first in the digest on 2026-12-07.\n\n### [Atomic Habits](#doc-4ea1b5a7d0fb0045) — James Clear\n\n> All big things come from small beginnings.\n>\n> — Location 520-520\n",
    );
    // Today's review never brings back today's new.
    expect(section(text, "Today's review")).not.toContain('All big things come from small beginnings.');
    // The same day again: the same digest.
    expect((await digest(notes, out, '2026-12-07', '--check')).exitCode).toBe(0);
    // Deleting the state only makes the next digest a first one.
    fs.rmSync(path.join(path.dirname(out), '.digest.md.ingest-state.json'));
    expect((await digest(notes, out, '2026-12-07')).stderr).toMatch(/first digest here/);
  });

  it('is not in a digest on stdout (no place to remember), and the summary line says nothing of it there', async () => {
    const run = await runCli([folder('stdout', [READWISE]), '-f', 'md', '--no-cache', '--date', '2026-12-06']);
    expect(run.stdout).not.toContain("## What's new");
    expect(run.stdout).toContain("## Today's review");
    expect(run.stderr).not.toMatch(/ new · |first digest/);
  });
});

describe("Today's review", () => {
  const notes = path.join(ROOT, 'fixtures', 'kindle-cases');
  it('is the same on one day and another the next, five highlights from five works by default, and none with --review 0', async () => {
    const day = async (date: string) => section((await runCli([notes, '-f', 'md', '--no-cache', '-q', '--date', date])).stdout, "Today's review");
    const monday = await day('2026-12-07');
    expect(monday).toMatch(/^## Today's review\n\n5 highlights from 5 works for 2026-12-07\.\n/);
    expect(monday.match(/— from \[/g)).toHaveLength(5);
    expect(new Set(monday.match(/— from \[[^\]]+\]/g)).size).toBe(5);
    expect(await day('2026-12-07')).toBe(monday);
    const tuesday = await day('2026-12-08');
    expect(tuesday).not.toBe(monday.replace('2026-12-07', '2026-12-08'));
    const three = await runCli([notes, '-f', 'md', '--no-cache', '-q', '--date', '2026-12-07', '--review', '3']);
    expect(section(three.stdout, "Today's review").match(/— from \[/g)).toHaveLength(3);
    const none = await runCli([notes, '-f', 'md', '--no-cache', '-q', '--review', '0']);
    expect(none.stdout).not.toContain("## Today's review");
    for (const bad of [['--review', '-1'], ['--review', 'five'], ['--date', '2026-13-01'], ['--review', '3', '-f', 'json']]) expect((await runCli([notes, '--no-cache', ...bad])).exitCode, bad.join(' ')).toBe(2);
  });

  it('favours highlights not shown in the reviews of the last days', async () => {
    const many = folder('review-days', [path.join(ROOT, 'fixtures', 'merge-kindle-readwise', 'Atomic Habits.md')]);
    const out = path.join(work, 'review-days', 'digest.md');
    const seen = new Map<string, number>();
    for (const date of ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']) {
      expect((await digest(many, out, date, '--review', '3')).exitCode).toBe(0);
      for (const quote of section(fs.readFileSync(out, 'utf8'), "Today's review").match(/^> [^—>].*$/gm) ?? []) seen.set(quote, (seen.get(quote) ?? 0) + 1);
    }
    // 33 highlights, 3 a day, over 4 days: with the last days' picks held back, none comes twice.
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(seen.size).toBe(12);
  });
});

describe('the HTML digest', () => {
  it('is one self-contained page: the same sections, a chart, links to each work, everything from notes escaped', async () => {
    const notes = folder('html', [READWISE, KINDLE]);
    fs.writeFileSync(path.join(notes, 'evil.md'), '---\ntitle: "<script>alert(1)</script> & <img src=x onerror=alert(2)>"\nurl: javascript:alert(3)\n---\n\n<iframe src="https://evil.example"></iframe> text\n');
    const out = path.join(work, 'html-digest', 'digest.html');
    fs.mkdirSync(path.dirname(out));
    expect((await digest(notes, out, '2026-12-06')).exitCode).toBe(0);
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>\n/);
    for (const part of ['<h1>Research digest</h1>', '<section id="new">', '<section id="review">', '<section id="contents">', '<svg class="chart"']) expect(page).toContain(part);
    expect(page).not.toMatch(/<script|<iframe|<img|href="javascript:/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    // No remote resource: only in-page links and http(s) links a reader clicks.
    expect([...page.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!).filter((url) => !url.startsWith('#') && !/^https?:\/\//.test(url))).toEqual([]);
    expect([...page.matchAll(/\ssrc="/g)]).toEqual([]);
    // Each work has a section the contents link to.
    for (const anchor of page.matchAll(/<li><a href="#(doc-[0-9a-f]+)">/g)) expect(page).toContain(`<section id="${anchor[1]}">`);
  });
});

const REALWORLD = path.resolve(ROOT, '..', 'shared', 'realworld');
const present = fs.existsSync(path.join(REALWORLD, 'MANIFEST.tsv'));

describe.skipIf(!present)(`golden digests of the real-world exports${present ? '' : ` (skipped: ${REALWORLD} is absent)`}`, () => {
  for (const format of ['md', 'html']) {
    it(`are what tests/golden/realworld/digest.${format} holds (UPDATE=1 rewrites it, to be reviewed)`, async () => {
      // Run inside the folder: source paths are relative to it, the same on every machine.
      const run = await runCli(['.', '-f', format, '--no-cache', '-q', '--date', '2026-12-06', '--review', '5'], { cwd: REALWORLD });
      expect(run.exitCode).toBeLessThan(2);
      const golden = path.join(ROOT, 'tests', 'golden', 'realworld', `digest.${format}`);
      if (process.env['UPDATE']) {
        fs.mkdirSync(path.dirname(golden), { recursive: true });
        fs.writeFileSync(golden, run.stdout);
      }
      expect(run.stdout).toBe(fs.readFileSync(golden, 'utf8'));
    }, 120_000);
  }
});

describe('the --out-dir index', () => {
  it("opens with What's new and Today's review, each highlight linking to its block on its page", async () => {
    const notes = folder('index-notes', [READWISE, path.join(ROOT, 'fixtures', 'kindle-cases', 'parser-test-blocks.txt')]);
    const vault = path.join(work, 'index-vault');
    const build = (day: string) => runCli([notes, '--out-dir', vault, '-f', 'md', '--no-cache', '--date', day]);
    expect((await build('2026-12-06')).exitCode).toBe(0);
    expect(fs.readFileSync(path.join(vault, 'index.md'), 'utf8')).toContain("## What's new\n\nNo highlights added since 2026-12-06.\n");
    fs.copyFileSync(KINDLE, path.join(notes, 'My Clippings.txt'));
    const run = await build('2026-12-07');
    expect(run.stderr).toMatch(/, 1 new · review of 2026-12-07 · /);
    const index = fs.readFileSync(path.join(vault, 'index.md'), 'utf8');
    const link = /### \[Atomic Habits\]\(<atomic-habits\.md>\) — James Clear\n\n> All big things come from small beginnings\.\n>\n> — Location 520-520\n>\n> — \[on its page\]\(<atomic-habits\.md#\^([a-z0-9-]+)>\)/.exec(index);
    expect(link, index).not.toBeNull();
    expect(fs.readFileSync(path.join(vault, 'atomic-habits.md'), 'utf8')).toContain(`> All big things come from small beginnings.\n>\n> — Location 520-520\n\n^${link![1]}\n`);
    expect(index).toMatch(/## Today's review\n\n\d highlights? for 2026-12-07\.\n/);
    expect((await runCli([notes, '--out-dir', vault, '-f', 'md', '--no-cache', '-q', '--date', '2026-12-07', '--check'])).exitCode).toBe(0);
  });
});
