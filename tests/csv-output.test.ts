/**
 * `-f csv` (issue #25): one row per highlight in the columns of Readwise's
 * CSV import, through the real binary. Rows are parsed back with csv-parse
 * and compared with what the same run writes as JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../src/schema.js';
import { BIN, SUMMARY, runCli, scratch, withoutSummary } from './helpers.js';

const HEADER = 'Highlight,Title,Author,URL,Note,Location,Date\n';
const { work, folder } = scratch('csv');

type Row = Record<'Highlight' | 'Title' | 'Author' | 'URL' | 'Note' | 'Location' | 'Date', string>;

function rowsOf(csv: string): Row[] {
  return parse(csv, { columns: true, bom: false }) as Row[];
}

async function recordsOf(args: string[], cwd?: string): Promise<IngestRecord[]> {
  const run = await runCli([...args, '-f', 'json', '--no-cache'], { cwd });
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as IngestRecord[];
}

/** A Readwise CSV export whose highlights hold commas, quotes and a line break, and a note with no highlight. */
function writeInputs(): string {
  const dir = folder('quoting');
  fs.writeFileSync(
    path.join(dir, 'export.csv'),
    [
      'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags',
      '"He said, ""go"" and',
      'left.",A Book,"Ann Author, Bob Writer",,"first thought, second",yellow,"power of thought,habit",page,12,2023-03-13 22:21:33+00:00,',
      '=SUM(A1:A2) is no formula,A Book,"Ann Author, Bob Writer",,,,,location,170,2023-03-14T08:00:00Z,',
      'A line heard,A Podcast,Some Host,,,,,time_offset,754,2023-03-15,',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'note.md'), '# Just a note\n\nSome text, and no highlight.\n');
  return dir;
}

describe('-f csv', () => {
  it('writes the header and one row per highlight of the seeds, with the title, authors and URL of its document', async () => {
    const run = await runCli(['seeds', '-f', 'csv', '--no-cache']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout.startsWith(HEADER)).toBe(true);
    const records = await recordsOf(['seeds']);
    const expected = records.flatMap((record) =>
      record.highlights.map((highlight) => ({
        Highlight: highlight.text,
        Title: record.title,
        Author: record.authors.join(', '),
        URL: record.url ?? '',
        Note: [...highlight.tags.map((tag) => `.${tag.replace(/\s+/g, '-')}`), ...(highlight.note ? [highlight.note] : [])].join(' '),
      })),
    );
    expect(expected.length).toBe(5);
    expect(rowsOf(run.stdout).map(({ Highlight, Title, Author, URL, Note }) => ({ Highlight, Title, Author, URL, Note }))).toEqual(expected);
    // Three seeds have no highlight: no row, and the summary does not call them written.
    expect(run.stderr).toMatch(/^ingest: 5 documents: 2 written, 3 without highlights \(no CSV rows\), 0 not ingested · 5 highlights · /);
    expect(run.stderr).toMatch(SUMMARY);
  });

  it('gives a Kindle book its location numbers and dates, and a note with no highlight as the highlight', async () => {
    const inputs = ['fixtures/kindle-cases/orphan-note.txt', 'fixtures/kindle-locales/02-en-page-location-24h-bjoern.txt'];
    const run = await runCli([...inputs, '-f', 'csv', '--no-cache']);
    expect(run.exitCode, run.stderr).toBe(0);
    const rows = rowsOf(run.stdout);
    const highlights = (await recordsOf(inputs)).flatMap((record) => record.highlights.map((highlight) => ({ record, highlight })));
    expect(rows.length).toBe(highlights.length);
    // The Russian Kindle's note at location 640 has no highlight: the note is the row's Highlight, and not repeated as its Note.
    expect(rows[0]).toEqual({
      Highlight: 'этотгадо апмнить',
      Title: 'Руководство пользователя Kindle Voyage, 2-ое издание (Russian Edition)',
      Author: 'Amazon',
      URL: '',
      Note: '',
      Location: '640',
      Date: '2015-03-16 21:46:06',
    });
    // "Page 45 | Location 245-246": Readwise's Location is the Kindle location number.
    const portray = rows.find((row) => row.Note === 'Portray of a Somebody')!;
    expect([portray.Location, portray.Date, portray.Author]).toEqual(['245', '2021-09-01 22:50:00', 'Lowndes, Leil']);
    for (const [i, row] of rows.entries()) {
      const { highlight } = highlights[i]!;
      expect(row.Highlight).toBe(highlight.text || highlight.note);
      expect(row.Location).toBe(/^Location (\d+)/.exec(highlight.location ?? '')?.[1] ?? '');
      expect(row.Date).toBe((highlight.highlightedAt ?? '').replace('T', ' '));
    }
  });

  it('quotes commas, quotes and line breaks, writes tags as inline tags, and gives a document with no highlight no row', async () => {
    const dir = writeInputs();
    const run = await runCli(['.', '-f', 'csv', '--no-cache'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      HEADER +
        '"He said, ""go"" and\nleft.",A Book,"Ann Author, Bob Writer",,".power-of-thought .habit first thought, second",12,2023-03-13 22:21:33+00:00\n' +
        // Readwise is the reader, not a spreadsheet: a cell that starts with = is written as it is.
        '=SUM(A1:A2) is no formula,A Book,"Ann Author, Bob Writer",,,170,2023-03-14 08:00:00+00:00\n' +
        // Time 0:12:34 → 754 seconds; a day stays a day.
        'A line heard,A Podcast,Some Host,,,754,2023-03-15\n',
    );
    const records = await recordsOf(['.'], dir);
    expect(records.map((record) => record.title)).toContain('Just a note');
    const rows = rowsOf(run.stdout);
    expect(rows.map((row) => row.Highlight)).toEqual(records.flatMap((record) => record.highlights.map((highlight) => highlight.text)));
    expect(rows.map((row) => row.Title)).not.toContain('Just a note');
    expect(run.stderr).toMatch(/^ingest: 3 documents: 2 written, 1 without highlights \(no CSV rows\), 0 not ingested · 3 highlights · /);
  });

  it('writes an image highlight (no text) as its Markdown', async () => {
    const run = await runCli(['fixtures/logseq', '-f', 'csv', '--no-cache']);
    expect(run.exitCode, run.stderr).toBe(0);
    const image = rowsOf(run.stdout).find((row) => row.Highlight.includes('image-1.png'))!;
    expect(image.Highlight).toBe('![](https://blog.langchain.dev/content/images/2023/03/image-1.png)');
    expect(image.Title).toBe('Retrieval');
  });

  it('writes -o the same bytes as stdout, --check compares, --since and --merge cut and join rows, and the report counts the documents without highlights', async () => {
    const dir = writeInputs();
    const stdout = (await runCli(['.', '-f', 'csv', '--no-cache'], { cwd: dir })).stdout;
    const target = path.join(work, 'highlights.csv');
    const report = path.join(work, 'run.json');
    const written = await runCli([dir, '-f', 'csv', '-o', target, '--no-cache', '--report', report], { cwd: dir });
    expect(written.exitCode, written.stderr).toBe(0);
    expect(fs.readFileSync(target, 'utf8')).toBe(stdout);
    expect(JSON.parse(fs.readFileSync(report, 'utf8')).counts).toMatchObject({ documents: 3, written: 2, withoutHighlights: 1, highlights: 3 });
    expect((await runCli([dir, '-f', 'csv', '-o', target, '--check', '--no-cache'], { cwd: dir })).exitCode).toBe(0);
    fs.appendFileSync(target, 'stale,,,,,,\n');
    expect((await runCli([dir, '-f', 'csv', '-o', target, '--check', '--no-cache'], { cwd: dir })).exitCode).toBe(3);

    const since = await runCli(['.', '-f', 'csv', '--since', '2023-03-14', '--no-cache'], { cwd: dir });
    expect(since.exitCode, since.stderr).toBe(0);
    expect(rowsOf(since.stdout).map((row) => row.Date)).toEqual(['2023-03-14 08:00:00+00:00', '2023-03-15']);

    // The same book from Kindle and from Readwise: --merge gives its highlights once.
    const apart = rowsOf((await runCli(['fixtures/merge-kindle-readwise', '-f', 'csv', '--no-cache'])).stdout);
    const merged = await runCli(['fixtures/merge-kindle-readwise', '-f', 'csv', '--merge', '--no-cache']);
    expect(merged.exitCode, merged.stderr).toBe(0);
    const joined = rowsOf(merged.stdout);
    const records = await recordsOf(['fixtures/merge-kindle-readwise', '--merge']);
    expect(joined.length).toBe(records.reduce((sum, record) => sum + record.highlights.length, 0));
    expect(joined.length).toBeLessThan(apart.length);
  });

  it('refuses --out-dir: one file per document makes no sense for rows (exit 2)', async () => {
    const run = await runCli(['seeds', '-f', 'csv', '--out-dir', path.join(work, 'pages')]);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--out-dir writes Markdown or JSON files, not csv; .*-o FILE for csv/);
    expect(fs.existsSync(path.join(work, 'pages'))).toBe(false);
  });

  it('ends quietly when the reader closes the pipe (| head -1)', async () => {
    const run = await runCli([], { shell: `node ${BIN} seeds fixtures/kindle-locales -f csv -q --no-cache | head -1` });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(HEADER);
    expect(withoutSummary(run.stderr)).toBe('');
    const many = await runCli([], { shell: `node ${BIN} seeds fixtures/readwise-* fixtures/kindle-* -f csv --no-cache | head -c 10 >/dev/null` });
    expect(many.exitCode).toBe(0);
    expect(many.stderr).not.toMatch(/Error|at .*\.js/);
  });
});
