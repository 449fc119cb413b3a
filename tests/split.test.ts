import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Messages } from '../src/messages.js';
import { packDocument } from '../src/pack.js';
import { delimiterName, documentText, split } from '../src/split.js';

const run = (text: string) => {
  const messages = new Messages();
  return { segments: split(text, messages), diagnostics: messages.list };
};

describe('split', () => {
  it('reads a file without delimiters as one document', () => {
    const { segments } = run('hello\nworld\n\n\n');
    expect(segments).toEqual([{ bundle: null, text: 'hello\nworld\n', origin: { line: 1, column: 1 } }]);
  });

  it('splits on <<<FILE>>> and <<<FILE: name>>> lines, keeping index, name and delimiter line', () => {
    const { segments, diagnostics } = run('<<<FILE: a.md>>>\n# A\n\n  <<<FILE>>>  \nplain\n<<<FILE:   b c.txt  >>>\nlast');
    expect(diagnostics).toEqual([]);
    expect(segments).toEqual([
      { bundle: { index: 0, name: 'a.md', line: 1 }, text: '# A\n', origin: { line: 2, column: 1 } },
      { bundle: { index: 1, name: null, line: 4 }, text: 'plain\n', origin: { line: 5, column: 1 } },
      { bundle: { index: 2, name: 'b c.txt', line: 6 }, text: 'last\n', origin: { line: 7, column: 1 } },
    ]);
  });

  it('does not split on lines that only mention a delimiter', () => {
    expect(run('see <<<FILE>>> here\n<<<FILE>>> and more\n').segments).toHaveLength(1);
    expect(delimiterName('<<<FILE: x>>> y')).toBeUndefined();
    expect(delimiterName('<<<FILE: >>>')).toBeNull();
  });

  it('makes non-blank text before the first delimiter a document of its own, with a warning', () => {
    const { segments, diagnostics } = run('stray text\n<<<FILE: a.txt>>>\nA\n');
    expect(segments.map((segment) => [segment.bundle, segment.text])).toEqual([
      [{ index: 0, name: null, line: 1 }, 'stray text\n'],
      [{ index: 1, name: 'a.txt', line: 2 }, 'A\n'],
    ]);
    expect(diagnostics).toMatchObject([{ severity: 'warning', rule: 'bundle-preamble', line: 1, column: 1 }]);
  });

  it('ignores blank text before the first delimiter', () => {
    const { segments, diagnostics } = run('\n\n<<<FILE>>>\nA');
    expect(segments).toHaveLength(1);
    expect(diagnostics).toEqual([]);
  });

  it('keeps empty documents between delimiters', () => {
    expect(run('<<<FILE: a>>>\n<<<FILE: b>>>\nB\n').segments.map((segment) => segment.text)).toEqual(['', 'B\n']);
  });

  it('gives back the same documents after pack (property)', () => {
    const line = fc.string({ unit: fc.constantFrom('a', ' ', '<', '>', 'F', 'I', 'L', 'E', ':', '\t', 'é', '\n') });
    const name = fc.option(
      fc.stringMatching(/^[\w. -]{0,12}[\w.-]$/).filter((n) => n.trim() === n),
      { nil: null },
    );
    const documents = fc.array(fc.record({ name, text: line }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(documents, (docs) => {
        const clean = docs.map((doc) => ({
          name: doc.name,
          // A line that is itself a delimiter cannot be packed (pack reports it); leave such lines out.
          text: documentText(doc.text.split('\n').filter((l) => delimiterName(l) === undefined).join('\n')),
        }));
        const bundle = clean.map(packDocument).join('');
        const { segments } = run(bundle);
        expect(segments.map((segment) => ({ name: segment.bundle?.name ?? null, text: segment.text }))).toEqual(clean);
      }),
      { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 200) },
    );
  });
});
