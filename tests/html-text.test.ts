/**
 * Text that looks like HTML in highlights and notes (issue 22, item 1):
 * kept as the reader saw it, never dropped or split, through the binary and
 * with either parser.
 */
import { describe, expect, it } from 'vitest';
import { htmlPiecesText } from '../src/parse/html-text.js';
import { runCli } from './helpers.js';

const EXPECTED = [
  '<div> and <span> are block and inline elements',
  'The <script> tag blocks parsing until the script has run.',
  'Press Ctrl + C to stop the server.',
  'A List<T> is written List<T> in prose.',
  'A highlighted word, a bold one, and a line\nbreak.',
  'Use <!-- a comment --> only in HTML.',
];

describe('text that looks like HTML', () => {
  for (const parser of ['fast path', 'remark']) {
    it(`keeps every highlight whole (${parser})`, async () => {
      const env: Record<string, string> = parser === 'remark' ? { INGEST_PARSER: 'remark' } : {};
      const run = await runCli(['fixtures/html-in-text/readwise-programming.md', '--no-cache'], { env });
      expect(run.exitCode).toBe(0);
      const [record] = JSON.parse(run.stdout);
      expect(record.highlights.map((highlight: { text: string }) => highlight.text)).toEqual(EXPECTED);
      expect(record.highlights[3].note).toBe('generic types everywhere');
    });
    it(`keeps inline HTML in a plain note's text and reads HTML blocks as a rendered note shows them (${parser})`, async () => {
      const env: Record<string, string> = parser === 'remark' ? { INGEST_PARSER: 'remark' } : {};
      const run = await runCli(['fixtures/html-in-text/plain-note.md', '--no-cache'], { env });
      const [record] = JSON.parse(run.stdout);
      expect(record.highlights).toEqual([]);
      expect(record.text).toBe('Some text with Esc and a Map<K, V> in it.\n\nCentered words\nand more\n\nA quoted line and <span>an unclosed tag.\n\nEnd.');
    });
  }
  it('writes each highlight as one escaped quote in the digest', async () => {
    const run = await runCli(['fixtures/html-in-text/readwise-programming.md', '--no-cache', '-f', 'md', '--review', '0']);
    expect(run.stdout).toContain('> Press Ctrl + C to stop the server.\n');
    expect(run.stdout).toContain('> The \\<script\\> tag blocks parsing until the script has run.\n');
    expect(run.stdout).toContain('> \\<div\\> and \\<span\\> are block and inline elements\n');
    // Each highlight is one quote: its text, a blank quote line, its location (no text split into paragraphs).
    const quotes = run.stdout.split('\n\n').filter((block) => block.startsWith('> '));
    expect(quotes).toHaveLength(EXPECTED.length);
    for (const quote of quotes) expect(quote).toMatch(/^(> [^\n]+\n)+>\n> — /);
  });
});

describe('htmlPiecesText', () => {
  it('pairs an element across the pieces of one paragraph', () => {
    expect(htmlPiecesText(['<kbd>', '</kbd>', '<T>'])).toEqual(['', '', '<T>']);
  });
  it('keeps a closing tag with no opening one, and nested elements of one name', () => {
    expect(htmlPiecesText(['</b> then <b><b>x</b></b>'])).toEqual(['</b> then x']);
  });
  it('keeps comments only when asked (a highlight), drops them in rendered text', () => {
    expect(htmlPiecesText(['a <!-- c --> b'], true)).toEqual(['a <!-- c --> b']);
    expect(htmlPiecesText(['a <!-- c --> b'])).toEqual(['a  b']);
  });
  it('never reads script or a block element as markup', () => {
    expect(htmlPiecesText(['<script>x</script> <div>y</div>'])).toEqual(['<script>x</script> <div>y</div>']);
  });
});
