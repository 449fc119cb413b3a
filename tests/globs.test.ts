/** globsRegExp (src/globs.ts) says what picomatch's matcher of the same globs says. */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCLUDE, REGISTRY } from '../src/formats/registry.js';
import { globsRegExp } from '../src/globs.js';

const part = fc.constantFrom('a', 'notes', 'My Clippings', '.hidden', '.md', 'x.MD', 'metadata.epub.lua', 'Metadata.PDF.LUA', 'b.markdown', 'c.txt', 'd.json', 'e.sqlite', 'f.html', 'g.htm', 'h.xhtml', 'i.csv', 'j.md.bak', 'k.lua', '引用.md', 'é', '.', 'a b.Txt', 'x.md~', 'KoboReader.sqlite', 'My Clippings.txt');
const relative = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));

describe('globsRegExp', () => {
  it("matches a walked path as picomatch's matcher of the default include does", () => {
    const globs = DEFAULT_INCLUDE.map((glob) => (glob.includes('/') ? glob : `**/${glob}`));
    const mine = globsRegExp(globs, { nocase: true, dot: false });
    const theirs = picomatch(globs, { nocase: true, dot: false });
    fc.assert(
      fc.property(relative, (name) => {
        expect(mine.test(name)).toBe(theirs(name));
      }),
      { numRuns: 5000 },
    );
  });

  it("matches a base name as picomatch's basename matcher of each reader's claims, and of the fallbacks' claims, does", () => {
    const claimSets = [['*.md', '*.markdown', '*.txt'], ...REGISTRY.map((descriptor) => [...descriptor.claims])];
    for (const globs of claimSets) {
      const mine = globsRegExp(globs, { nocase: true });
      const theirs = picomatch(globs, { nocase: true, basename: true });
      fc.assert(
        fc.property(part, (name) => {
          expect(mine.test(name)).toBe(theirs(name));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('refuses a negated glob, and matches nothing with none', () => {
    expect(() => globsRegExp(['!*.md'], {})).toThrow(/negated/);
    expect(globsRegExp([], {}).test('a.md')).toBe(false);
  });
});
