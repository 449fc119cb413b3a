/**
 * Large bodies are parsed in pieces and unclosable backtick runs are handed
 * to micromark as stand-ins (src/parse/chunks.ts), so that both stay linear.
 * Neither may change what is read: these tests compare with remark-parse on
 * the whole body.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../src/formats/readwise/markdown.js';
import { Messages } from '../src/messages.js';
import { neutralizeTicks, parsePieces, pieceStarts, restoreTicks, TICK } from '../src/parse/chunks.js';
import { parseFrontmatter } from '../src/parse/frontmatter.js';
import { tooCostly } from '../src/parse/guard.js';
import { parseMarkdown, parseWhole } from '../src/parse/markdown.js';
import { ROOT } from './helpers.js';
import { indentedDocument, inlineDocument, nearMissDocument } from './near-miss.js';

function markdownFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return /\.(md|txt)$/.test(entry.name) && entry.name !== 'SOURCES.md' && fs.statSync(full).size < 65_536 ? [full] : [];
  });
}

const documents = [...markdownFiles(path.join(ROOT, 'fixtures')), ...markdownFiles(path.join(ROOT, 'seeds')), ...markdownFiles(path.resolve(ROOT, '..', 'shared', 'realworld'))];

function fieldsOf(text: string, parse: (body: string) => ReturnType<typeof parseWhole>) {
  const frontmatter = parseFrontmatter(text, new Messages());
  const messages = new Messages();
  return { fields: extractMarkdown(frontmatter, parse(frontmatter.body), messages, 'x.md'), diagnostics: messages.list };
}

/** A Readwise export with `count` highlights, each with a nested note and tags. */
function bigExport(count: number): string {
  const lines = ['---', 'title: Big', '---', '# Big', '', '## Highlights', ''];
  for (let i = 0; i < count; i++) {
    lines.push(`- Highlight number ${i} about things. ([View Highlight](https://read.readwise.io/read/01h${String(i).padStart(23, '0')}))`);
    if (i % 2 === 0) lines.push(`    - Note: a note on ${i}`);
    if (i % 3 === 0) lines.push('    - Tags: [[favorite]] ');
  }
  return `${lines.join('\n')}\n`;
}

describe('parsing in pieces', () => {
  it('reads every fixture, seed and real-world note exactly as one whole parse does, cut into pieces of 256 characters', () => {
    expect(documents.length).toBeGreaterThan(60);
    let cut = 0;
    for (const file of documents) {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      // What the guards keep from remark (fixtures/bad-inputs) is read as plain text, never parsed.
      if (tooCostly(parseFrontmatter(text, new Messages()).body)) continue;
      const pieces = (body: string) => parsePieces(body, parseWhole, 256);
      if (pieceStarts(parseFrontmatter(text, new Messages()).body, 256).length > 0) cut += 1;
      expect(fieldsOf(text, pieces), file).toEqual(fieldsOf(text, parseWhole));
    }
    expect(cut).toBeGreaterThan(30);
  });
  it('reads a large export the same way, and cuts it only where a top-level block starts', () => {
    const text = bigExport(3000);
    const body = parseFrontmatter(text, new Messages()).body;
    const starts = pieceStarts(body);
    expect(starts.length).toBeGreaterThan(5);
    for (const start of starts) expect(body[start - 1]).toBe('\n');
    expect(starts.every((start) => /^- Highlight/.test(body.slice(start)))).toBe(true);
    expect(fieldsOf(text, parseMarkdown)).toEqual(fieldsOf(text, parseWhole));
  });
  it('never cuts inside a fenced code block, and not at all when link definitions could act across pieces', () => {
    const fenced = `${'- item\n'.repeat(50)}\`\`\`\n${'- inside\n'.repeat(50)}\`\`\`\n${'- after\n'.repeat(50)}`;
    const starts = pieceStarts(fenced, 64);
    const open = fenced.indexOf('```');
    const close = fenced.indexOf('```', open + 3);
    expect(starts.some((start) => start > open && start <= close)).toBe(false);
    expect(pieceStarts(`${'- item\n'.repeat(50)}[ref]: https://example.com\n`, 64)).toEqual([]);
  });
  it('does not cut after a line of no-break spaces (a paragraph, not a blank line), nor join ordered lists with different delimiters', () => {
    const nbsp = `${'x'.repeat(300)}\n\u00a0\nfoo bar\n`;
    expect(parsePieces(nbsp, parseWhole, 256, true)).toEqual(parseWhole(nbsp));
    const delimiters = `${'x'.repeat(300)}\n\n1. a\n   ${'y'.repeat(300)}\n\n2) b\n`;
    expect(pieceStarts(delimiters, 256, true).length).toBeGreaterThan(1);
    expect(parsePieces(delimiters, parseWhole, 256, true)).toEqual(parseWhole(delimiters));
  });
  // Found by these: micromark keeps an indented code block open over the blank lines after it (their whitespace is
  // its text, and a list after them interrupts it), a list right after a paragraph may not start with an empty item,
  // another list's marker or a quote, and a fence or HTML block in a list item or quote stays open to its end.
  it('reads generated documents cut at every line where a piece may start as one whole parse does', () => {
    fc.assert(
      fc.property(fc.oneof(indentedDocument, nearMissDocument, inlineDocument), (document) => {
        // As the reader gives bodies to the parser: a carriage return is a line ending.
        const body = document.replace(/\r\n?/g, '\n');
        expect(parsePieces(body, parseWhole, 1)).toEqual(parseWhole(body));
      }),
      { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 200) * 10 },
    );
  }, 120_000);
});

describe('unclosable backtick runs', () => {
  // Runs of 1 to 400 backticks, none of which any later run can close.
  const growing = Array.from({ length: 400 }, (_, i) => `x${'`'.repeat(1 + i)}`).join(' ');
  it('are given to micromark as stand-ins of the same length, and the tree comes back as a whole parse gives it', () => {
    const neutral = neutralizeTicks(growing)!;
    expect(neutral).not.toBeNull();
    expect(neutral.length).toBe(growing.length);
    expect(neutral).toContain(TICK);
    const tree = parseMarkdown(growing);
    expect(tree).toEqual(parseWhole(growing));
    const again = parseWhole(neutral);
    restoreTicks(again);
    expect(again).toEqual(parseWhole(growing));
  });
  it('leave code spans, escaped ticks and notes with few ticks alone', () => {
    expect(neutralizeTicks('Use `code` and `more`.')).toBeNull();
    const spans = Array.from({ length: 300 }, (_, i) => `\`span ${i}\``).join(' ');
    expect(neutralizeTicks(spans)).toBeNull();
  });
});
