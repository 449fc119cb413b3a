import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { Messages } from '../src/messages.js';
import { MAX_YAML_ALIASES, parseFrontmatter } from '../src/parse/frontmatter.js';

const parse = (text: string, origin = { line: 1, column: 1 }) => {
  const messages = new Messages(origin);
  return { ...parseFrontmatter(text, messages), diagnostics: messages.list };
};

describe('frontmatter', () => {
  it('parses YAML, keeping dates as strings and block scalars as text', () => {
    const result = parse('---\ntitle: |\n  Hello\npublished_date: 2023-12-27\nstatus: \n---\n# Body\n');
    expect(result.data).toEqual({ title: 'Hello\n', published_date: '2023-12-27', status: null });
    expect(result.body).toBe('# Body\n');
    expect(result.bodyStart).toEqual({ line: 7, column: 1 });
    expect(result.diagnostics).toEqual([]);
  });

  it('never runs ---js or ---javascript frontmatter', () => {
    for (const language of ['js', 'javascript', 'JS']) {
      const globals = globalThis as { __pwned?: boolean };
      delete globals.__pwned;
      const result = parse(`---${language}\n{ title: (globalThis.__pwned = true, 'x') }\n---\nbody\n`);
      expect(globals.__pwned).toBeUndefined();
      expect(result.data).toBeNull();
      expect(result.body).toBe('body\n');
      expect(result.diagnostics).toMatchObject([{ severity: 'error', rule: 'frontmatter-language', line: 1 }]);
    }
  });

  it('refuses unknown languages such as ---coffee without calling an engine', () => {
    const result = parse('---coffee\ntitle: "x"\n---\nbody\n');
    expect(result.data).toBeNull();
    expect(result.diagnostics[0]!.message).toContain('---coffee');
  });

  it('does not fill gray-matter’s process-wide cache', () => {
    // gray-matter's cache is not in its type declarations.
    const cached = matter as unknown as { cache: Record<string, unknown>; clearCache(): void };
    cached.clearCache();
    parse('---\ntitle: cached?\n---\nbody\n');
    expect(Object.keys(cached.cache)).toEqual([]);
  });

  it('reports YAML syntax errors at their line and column in the physical file', () => {
    // The document starts on line 10 of its bundle: `---` is line 10, the bad line 12.
    const result = parse('---\nauthor: A\ntitle: Paul Graham: Essays\n---\n# T\n', { line: 10, column: 1 });
    expect(result.data).toBeNull();
    expect(result.diagnostics).toMatchObject([{ severity: 'warning', rule: 'yaml-syntax', line: 12, column: 8 }]);
    expect(result.body).toBe('# T\n');
  });

  it('reports duplicate keys and keeps the last value', () => {
    const result = parse('---\ntitle: a\ntitle: b\n---\n');
    expect(result.data).toEqual({ title: 'b' });
    expect(result.diagnostics).toMatchObject([{ rule: 'yaml-duplicate-key', line: 3, column: 1 }]);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const result = parse(`---\ntitle: Kept\n${lines.join('\n')}\n---\nbody\n`);
    // The fields that use no alias are read; the others are dropped, named in one warning at the first of them.
    expect(result.data).toEqual({ title: 'Kept', a: Array(9).fill('x') });
    expect(result.diagnostics).toMatchObject([{ rule: 'yaml-alias-limit', line: 4 }]);
    expect(result.diagnostics[0]!.message).toContain(String(MAX_YAML_ALIASES));
    expect(result.diagnostics[0]!.message).toContain('`b`, `c`');
  });

  it('warns about an unterminated block and reads the whole text as the body', () => {
    const result = parse('---\ntitle: x\n# Heading\n');
    expect(result.data).toBeNull();
    expect(result.body).toBe('---\ntitle: x\n# Heading\n');
    expect(result.diagnostics).toMatchObject([{ rule: 'frontmatter-unterminated', line: 1 }]);
  });

  it('warns when the frontmatter is not a mapping', () => {
    expect(parse('---\n- a\n- b\n---\n').diagnostics).toMatchObject([{ rule: 'frontmatter-not-mapping' }]);
    expect(parse('---\njust text\n---\n').diagnostics).toMatchObject([{ rule: 'frontmatter-not-mapping' }]);
  });

  it('keeps `category: #articles`, which YAML reads as a comment, aside for a fallback', () => {
    const result = parse('---\ncategory: #articles\n---\n');
    expect(result.data).toEqual({ category: null });
    expect(result.commented).toEqual(new Map([['category', '#articles']]));
    expect(result.diagnostics).toMatchObject([{ severity: 'warning', rule: 'yaml-hash-comment', line: 2, column: 11 }]);
  });

  it('leaves a thematic break at the top alone', () => {
    expect(parse('----\ntext\n').data).toBeNull();
  });
});
