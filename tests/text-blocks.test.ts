/**
 * The fallback Markdown reader walks a note's blocks as they are parsed and
 * makes its text as it goes (parse/text-blocks.ts, extract/markdown-document.ts
 * readMarkdownBlocks): what it reads must be what a walk of the whole tree
 * reads, on every fixture and seed, on long notes, and where the walk takes
 * back blocks it has already made text (then it reads the whole tree).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the benchmarks, without types
import { longNote } from '../bench/long-note.mjs';
import { readMarkdown, textFields } from '../src/extract/markdown-document.js';
import { extractMarkdown } from '../src/formats/readwise/markdown.js';
import { readwiseMarkdown } from '../src/formats/readwise/readwise.js';
import { Messages } from '../src/messages.js';
import { ROOT } from './helpers.js';

const makeNote = longNote as (bytes: number, code?: boolean) => string;

function notes(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return notes(full);
    return /\.(md|markdown)$/.test(entry.name) && entry.name !== 'SOURCES.md' && fs.statSync(full).size < 4 * 1024 * 1024 ? [full] : [];
  });
}

/** The fields and diagnostics the reader gives, and those of a walk of the whole tree. */
function bothWays(text: string): { blocks: unknown; whole: unknown } {
  const messages = new Messages();
  const reading = readwiseMarkdown.read({ name: 'note.md', text }, messages);
  // What the reader did before it walked blocks as they came: readMarkdown's tree, walked whole.
  const wholeMessages = new Messages();
  const document = { name: 'note.md', text };
  const parsed = readMarkdown(document, wholeMessages);
  const fields = parsed.tree ? extractMarkdown(parsed.frontmatter, parsed.tree, wholeMessages, 'note.md') : textFields(parsed);
  return { blocks: { fields: reading.works?.[0]?.fields, diagnostics: messages.list }, whole: { fields, diagnostics: wholeMessages.list } };
}

const paragraphs = (count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => `Paragraph ${from + i} of the note.`);

describe('a note read block by block', () => {
  it('gives what its whole tree gives, on every fixture, seed and real-world note', () => {
    const files = [...notes(path.join(ROOT, 'fixtures')), ...notes(path.join(ROOT, 'seeds')), ...notes(path.resolve(ROOT, '..', 'shared', 'realworld'))];
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const { blocks, whole } = bothWays(fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n'));
      expect(blocks, file).toEqual(whole);
    }
  });

  it('gives what its whole tree gives on long notes', () => {
    for (const code of [true, false]) {
      const { blocks, whole } = bothWays(makeNote(512 * 1024, code));
      expect(blocks).toEqual(whole);
    }
  });

  it('gives what its whole tree gives where the walk takes back blocks it had made text, or meets a definition late', () => {
    const marker = (i: number): string => `[](https://read.readwise.io/read/01h${String(i).padStart(23, '0')})`;
    const cases = {
      // Each marker line takes the block before it: 40 in a row reach past the blocks kept as nodes.
      'a chain of markers': [...paragraphs(80), ...Array.from({ length: 40 }, (_, i) => marker(i))],
      'a short chain of markers': [...paragraphs(80), ...Array.from({ length: 5 }, (_, i) => marker(i)), ...paragraphs(5, 100)],
      // A definition is no block: plainText joins every node without a blank line then.
      'a definition after many blocks': [...paragraphs(80), '[site]: https://example.com', 'See [the site][site].'],
      'quotes, rules, code and HTML': [...paragraphs(40), '> one', '> two', '---', '```\ncode\n```', '<div>\nhtml\n</div>', ...paragraphs(40, 50), '## Empty section'],
      'empty sections': [...paragraphs(40), '## A', '## B', ...paragraphs(40, 50), '## C'],
    };
    for (const [name, lines] of Object.entries(cases)) {
      const { blocks, whole } = bothWays(`# A note\n\n${lines.join('\n\n')}\n`);
      expect(blocks, name).toEqual(whole);
    }
  });
});
