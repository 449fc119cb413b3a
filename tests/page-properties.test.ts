/**
 * Page properties (output/managed-page.ts propertiesYaml): whatever a
 * title, author or tag holds, the YAML ingest writes reads back as the same
 * value with a YAML 1.2 reader (yaml, what ingest reads pages back with) and
 * a YAML 1.1 one (gray-matter, js-yaml: what many vault tools use), and the
 * fingerprint of a page is the same read back as written.
 */
import fc from 'fast-check';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { composePage, fingerprint, propertiesYaml, readPage } from '../src/output/managed-page.js';

const tricky = fc.oneof(
  fc.string(),
  fc.constantFrom('yes', 'No', 'on', 'null', '~', '12', '1e3', '.5', '0x1F', '2018-10-16', 'a: b', 'a #b', '#tag', '- x', '[x]', '{x}', '*x', '&x', '!x', '%x', '@x', '`x', '|x', '>x', '? x', 'trailing ', 'tab\there', 'back\\slash', 'quote"d', "it's", 'Ünïcode', '漢字', ''),
);

describe('page properties', () => {
  it('read back as written, by a YAML 1.2 and a YAML 1.1 reader', () => {
    fc.assert(
      fc.property(tricky, fc.array(tricky, { minLength: 1, maxLength: 4 }), fc.nat(100000), (title, authors, count) => {
        const properties = { title, authors, highlights: count, published: '2018-10-16', managed_by: 'ingest' };
        const yaml = propertiesYaml(properties);
        expect(parse(yaml)).toEqual(properties);
        const data = matter(`---\n${yaml}---\n`, {}).data as Record<string, unknown>;
        expect({ ...data, published: (data['published'] as Date).toISOString().slice(0, 10) }).toEqual(properties);
      }),
      { numRuns: 300 },
    );
  });

  it('give a page the same fingerprint read back as written', () => {
    fc.assert(
      fc.property(tricky, fc.array(tricky, { maxLength: 3 }), fc.string(), (title, tags, body) => {
        const part = { properties: { title, tags, highlights: 3, managed_by: 'ingest' }, body: `# ${body.replace(/<!--/g, '')}\n` };
        const read = readPage(composePage(part, null), Object.keys(part.properties));
        expect(read).not.toBeNull();
        expect(fingerprint(read!)).toBe(fingerprint({ properties: part.properties, body: part.body.replace(/\n*$/, '\n') }));
      }),
      { numRuns: 300 },
    );
  });
});
