/**
 * Near misses of the fast path's grammar (src/parse/fast-blocks.ts and the
 * modules it uses): the line shapes it builds, the lines that may stand
 * around them, and every character that means something to Markdown, to
 * put in every position.
 */
import fc from 'fast-check';

/** The shapes the fast path builds, as real exports write them. */
export const GRAMMAR_LINES = [
  '- A highlight, with 1.5 billion R&D and utm_source! ([View Highlight](https://read.readwise.io/read/01h9x_y?a=1&b=%20))',
  '    - Tags: [[blue]] [[two words]] ',
  '    - Note: a note (with parentheses) on it.',
  '- Plain text: “quotes”, 50% & more; 2023 was… 😀 ',
  '  - Nested by two: ([Location 12](https://readwise.io/to_kindle?action=open&asin=B0&location=12)) end',
  '- [[Page]] and [label](https://example.com/x) then text',
  '## Highlights: 1.5 R&D, a_b and [[x]] ',
  '![rw-book-cover](https://readwise-assets.s3.amazonaws.com/static/images/article4.6bc1851654a0.png)',
  'A title line with [a link](https://example.com) (and more).',
  '  a second line of the item, [[x]] and ([View Highlight](https://read.readwise.io/read/01c))',
  'A line with *emphasis*, **strong words** and `some code` then [a link](https://example.com/l). (*Aside*)',
  'First line of a paragraph with [a link](https://example.com/p)\nand its *second* line, `code`: **end**.',
  '> A quoted line with *emphasis*, `code` and [a link](https://example.com/q).\n> Its second line.',
  '1. An ordered item with `code` and **strong**.\n2. A second, *emphasised*.',
  '```js\nconst a = 1; // *x* [y](z) `q`\n\n\tindented <b>\n```',
];

/** Lines that may stand before, between or after them. */
export const CONTEXT_LINES = [
  '', '   ', '    ', '     ', '\t', ' \t', '# Title', '## Highlights', '###### Six', '####### Seven', 'A paragraph line.', '  an indented continuation',
  '      six spaces in', 'lazy text at column 0', '* a star item', '+ a plus item', '1. an ordered item', '2) another',
  '> a quote', '```', '~~~', '    code', '<div>', '<!-- comment', '-->', '[ref]: https://example.com', '---', '***', '-', '-   ',
  '- ', '\t- a tab item', ' - one space', '=====', '![cover](https://example.com/c.png)', '- *emphasis* item', '- `code` item',
  '- item\\', '- item  ', '\u00a0', '- [ ] task', 'Setext heading',
  '> a second quote line', '>', '3. a third', '1) paren item', '```js', '~~~~', 'text with *em* and `code`', '**strong** start', '`code` start',
];

/** Characters and snippets with a meaning somewhere in Markdown (or in micromark's handling of input). */
export const SIGNIFICANT = [
  '\\', '`', '*', '**', '``', '~~~', '_', '&', '[', ']', '(', ')', '!', '~', '|', '<', '>', '#', '-', '+', '=', ':', ';', '"', "'", ' ', '\t',
  '\n', '\r', '0', '1', '.', '%', '{', '}', '^', '$', '@', '?', ',', '/', '\u00a0', '\u0000', '\u0085', 'é', '😀', '\uD83D',
  '&amp;', '&#35;', '&x;', '  ', '\n\n', '\n    ', '\n  ', '\n- ', '\nlazy', ']:', '[x]', '](', '![', '<b>', '***', '1. ', '    ',
  '[[', ']]', '_a_', 'a_b', '%zz', '\n#', '\n```', '\n---', '\n===',
];

/**
 * `line` with each piece put in at each position, or put in place of the
 * character there: one of the two by turns, or both when `full`.
 */
export function mutations(line: string, full = false): string[] {
  const out: string[] = [];
  for (let at = 0; at <= line.length; at++) {
    SIGNIFICANT.forEach((piece, index) => {
      const replace = at < line.length && (full || (at + index) % 2 === 1);
      if (full || !replace) out.push(line.slice(0, at) + piece + line.slice(at));
      if (replace) out.push(line.slice(0, at) + piece + line.slice(at + 1));
    });
  }
  return out;
}

/**
 * A few lines around `line`, in one of three places (`place`). An item
 * line: after a heading and before an item, between two items, or last
 * before a blank line and a heading; a nested line gets a parent item. A
 * continuation line: under an item, between a link and a line that starts
 * with one, or twice. A quote: before another quote line, after one, or
 * before lazy text. An ordered item: before another, after one, or before
 * a bullet. Any other block: between headings, between an item and a
 * heading, or right before an item.
 */
export function documentAround(line: string, place: number): string {
  const item = '- An item ([View Highlight](https://read.readwise.io/read/01z))';
  const parent = /^ /.test(line) ? ['- Parent ([View Highlight](https://read.readwise.io/read/01p))'] : [];
  const continuation = ['- An item', '- [[x]] ends in a link ([View](https://example.com/1))'];
  const contexts = /^ *-/.test(line)
    ? [['## Highlights', ...parent, line, item], [item, ...parent, line, '    - Note: after'], [item, ...parent, line, '', '## Next']]
    : /^ {2}[^ ]/.test(line)
      ? [[continuation[0]!, line, item], [continuation[1]!, line, '  [x](https://example.com/2) starts with a link', '    - Note: after'], [item, line, line, '', '## Next']]
      : /^>/.test(line)
        ? [['# Title', '', line, '> and more', '', '## Next'], ['> first', line, '', 'text'], ['', line, 'lazy text']]
        : /^\d/.test(line)
          ? [['## Title', '', line, '3. third', '', 'after'], ['1. first', line, '## Next'], [line, item]]
          : [['# Title', '', line, '', '## Next'], [item, '', line, '## Next'], [line, item]];
  return `${contexts[place % 3]!.join('\n')}\n`;
}

const mutated = fc
  .tuple(fc.constantFrom(...GRAMMAR_LINES), fc.nat(), fc.constantFrom(...SIGNIFICANT), fc.boolean())
  .map(([line, at, piece, replace]) => {
    const where = at % (line.length + 1);
    return line.slice(0, where) + piece + line.slice(where + (replace ? 1 : 0));
  });

/** Documents of grammar lines, near misses and context lines in any order, with or without a final newline. */
export const nearMissDocument = fc
  .tuple(
    fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...GRAMMAR_LINES) }, { weight: 2, arbitrary: mutated }, { weight: 2, arbitrary: fc.constantFrom(...CONTEXT_LINES) }), { maxLength: 24 }),
    fc.boolean(),
  )
  .map(([lines, newline]) => lines.join('\n') + (newline ? '\n' : ''));

/** What may stand before a line: indentation of every width that matters, and the markers of the containers it may be in. */
export const LINE_PREFIXES = ['', ' ', '  ', '   ', '    ', '     ', '      ', '        ', '\t', ' \t', '> ', '>', '- ', '1. ', '  - ', '    - '];

/** Documents of grammar and context lines, each after a prefix (mostly none): lines in containers, indented, or not. */
export const indentedDocument = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 3, arbitrary: fc.constantFrom(...LINE_PREFIXES) }), fc.constantFrom(...GRAMMAR_LINES, ...CONTEXT_LINES)), { maxLength: 16 }),
    fc.boolean(),
  )
  .map(([lines, newline]) => lines.map(([prefix, line]) => prefix + line).join('\n') + (newline ? '\n' : ''));

/** Words and spans of the inline grammar, with and without what breaks them. */
const INLINE_PIECES = ['word', 'a', 'x_y', 'https://example.com/a_b', 'R&D', '1.5', 'é', ' ', '  ', 'foo*bar', '[[x]]', '**b**', '*e*', '`c`', '[l](https://e.com)', '<https://e.com>', '![i](https://e.com/i.png)', 'a\\*b', '~~s~~', '==m=='];
/** A line's text: inline pieces and significant characters in any order. */
const inlineText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...INLINE_PIECES) }, { weight: 2, arbitrary: fc.constantFrom(...SIGNIFICANT.filter((piece) => !/[\r\n]/.test(piece))) }), { minLength: 1, maxLength: 12 })
  .map((pieces) => pieces.join(''));
/** A block of the grammar (item, note, heading, quote, paragraph) around such text, with or without a highlight's link. */
const inlineBlock = fc
  .tuple(
    fc.constantFrom('- ', '', '# ', '## ', '> ', '1. ', '    - Note: ', '    - Tags: '),
    inlineText,
    fc.constantFrom('', ' ([View Highlight](https://read.readwise.io/read/01a))', ' ([Location 12](https://readwise.io/to_kindle?action=open&asin=B0&location=12))'),
  )
  .map(([start, text, link]) => start + text + link);

/** Documents of such blocks and blank lines. */
export const inlineDocument = fc
  .tuple(fc.array(fc.oneof(inlineBlock, fc.constant('')), { minLength: 1, maxLength: 10 }), fc.boolean())
  .map(([lines, newline]) => lines.join('\n') + (newline ? '\n' : ''));
