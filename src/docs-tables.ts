/**
 * The tables of docs/ that come from code: the formats table (from the
 * format registry) in docs/formats.md and the rules table (from the rule
 * registry) in docs/bad-input.md, and the digest's shelves (from the
 * registry and emit/digest-contents.ts) in docs/digests-and-cron.md, each
 * between its marker lines:
 *
 *   <!-- generated: formats (npm run docs) -->
 *   …
 *   <!-- end generated: formats -->
 *
 * `npm run docs` rewrites them; tests/docs-tables.test.ts fails when a
 * table in docs/ differs from what the code says.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FormatDescriptor } from './formats/format.js';
import { BY_CATEGORY, SHELF_EVIDENCE, SHELVES } from './emit/digest-contents.js';
import { REGISTRY } from './formats/registry.js';
import { RULES, type Rule } from './rules.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One row per format, in registry order: `format`, kind, what it is, what is read from it. */
export function formatsTable(): string {
  const rows = (REGISTRY as readonly FormatDescriptor[]).flatMap((descriptor) =>
    descriptor.formats.map((info) => `| \`${info.name}\` | ${cell(info.kind)} | ${cell(info.about)} | ${cell(info.reads)} |`),
  );
  return ['| `format` | kind | what it is | read from it |', '|---|---|---|---|', ...rows].join('\n');
}

/** One row per rule, in registry order: rule, severity, what happened. */
export function rulesTable(): string {
  const rows = (Object.entries(RULES) as Array<[string, Rule]>).map(([id, rule]) => `| \`${id}\` | ${rule.severities.join(' / ')} | ${cell(rule.meaning)} |`);
  return ['| rule | severity | what happened |', '|---|---|---|', ...rows].join('\n');
}

/** One row per digest shelf: the category words, the formats, and what else puts a document on it. */
export function shelvesTable(): string {
  const code = (words: readonly string[]): string => words.map((word) => `\`${word}\``).join(', ');
  const rows = SHELVES.map((shelf) => {
    const categories = Object.keys(BY_CATEGORY).filter((word) => BY_CATEGORY[word] === shelf);
    // Formats in registry order, as the formats table lists them.
    const formats = (REGISTRY as readonly FormatDescriptor[]).flatMap((descriptor) => descriptor.formats).filter((info) => info.shelf === shelf).map((info) => info.name);
    return `| ${shelf} | ${code(categories)} | ${code(formats)} | ${cell(SHELF_EVIDENCE[shelf])} |`;
  });
  return ['| shelf | `category` | else `format` | else |', '|---|---|---|---|', ...rows].join('\n');
}

/** Each generated table: its name, its file under docs/, and its text. */
export const GENERATED: ReadonlyArray<{ name: string; file: string; table: () => string }> = [
  { name: 'formats', file: 'formats.md', table: formatsTable },
  { name: 'rules', file: 'bad-input.md', table: rulesTable },
  { name: 'shelves', file: 'digests-and-cron.md', table: shelvesTable },
];

/** The document with the named table replaced by `table`; throws when its markers are missing. */
export function withTable(document: string, name: string, table: string): string {
  const start = `<!-- generated: ${name} (npm run docs) -->`;
  const end = `<!-- end generated: ${name} -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from) throw new Error(`no "${start}" … "${end}" markers`);
  return `${document.slice(0, from + start.length)}\n\n${table}\n\n${document.slice(to)}`;
}

/** Rewrites every generated table under `docs` (a folder); returns the files that changed. */
export function writeDocs(docs: string): string[] {
  const changed: string[] = [];
  for (const { name, file, table } of GENERATED) {
    const target = path.join(docs, file);
    const before = fs.readFileSync(target, 'utf8');
    const after = withTable(before, name, table());
    if (after !== before) {
      fs.writeFileSync(target, after);
      changed.push(target);
    }
  }
  return changed;
}
