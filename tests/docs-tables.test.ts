/**
 * The tables of docs/ that come from code (src/docs-tables.ts) are what the
 * code says: a format or rule added, renamed or described anew without
 * `npm run docs` fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED, withTable } from '../src/docs-tables.js';
import { FORMAT_INFOS } from '../src/formats/registry.js';
import { RULES } from '../src/rules.js';
import { ROOT } from './helpers.js';

describe('generated tables in docs/', () => {
  for (const { name, file, table } of GENERATED) {
    it(`${name} in docs/${file} is up to date (npm run docs)`, () => {
      const document = fs.readFileSync(path.join(ROOT, 'docs', file), 'utf8');
      expect(withTable(document, name, table())).toBe(document);
    });
  }

  it('the formats table has a row per format, the rules table a row per rule', () => {
    const formats = fs.readFileSync(path.join(ROOT, 'docs', 'formats.md'), 'utf8');
    for (const info of FORMAT_INFOS) expect(formats).toContain(`| \`${info.name}\` | ${info.kind.replace(/\|/g, '\\|')} |`);
    const rules = fs.readFileSync(path.join(ROOT, 'docs', 'bad-input.md'), 'utf8');
    for (const rule of Object.keys(RULES)) expect(rules).toContain(`| \`${rule}\` |`);
  });

  it('notices a table that drifted from the code', () => {
    const document = fs.readFileSync(path.join(ROOT, 'docs', 'formats.md'), 'utf8');
    const drifted = document.replace('| `kindle-clippings` | highlights |', '| `kindle-clippings` | books |');
    expect(withTable(drifted, 'formats', GENERATED[0]!.table())).not.toBe(drifted);
  });
});
