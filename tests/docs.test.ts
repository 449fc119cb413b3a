/**
 * The documentation holds together: the README stays a front door (short),
 * every relative link in README.md and docs/*.md leads to a file and a
 * heading that exist (GitHub's heading anchors), every option the CLI's help
 * lists is documented in docs/usage.md, and the two tables generated from the
 * code (formats, rules) keep the marker lines the generator rewrites between.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const README = path.join(ROOT, 'README.md');
const DOCS = path.join(ROOT, 'docs');

/** README.md and the Markdown files directly in docs/. */
function documents(): string[] {
  const docs = fs
    .readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(DOCS, name));
  return [README, ...docs];
}

const relative = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

/** The text outside fenced code blocks, line by line (fenced lines become empty, so line numbers hold). */
function proseLines(text: string): string[] {
  let fence: string | null = null;
  return text.split('\n').map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      return '';
    }
    if (marker) {
      fence = marker;
      return '';
    }
    return line;
  });
}

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` removed, spaces made `-`. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings, with `-1`, `-2`… for repeats as GitHub makes them. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const line of proseLines(fs.readFileSync(file, 'utf8'))) {
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

interface Link {
  file: string;
  line: number;
  target: string;
}

/** Inline links and images outside code, whose target is no URL with a scheme. */
function relativeLinks(file: string): Link[] {
  const links: Link[] = [];
  proseLines(fs.readFileSync(file, 'utf8')).forEach((text, index) => {
    const prose = text.replace(/(`+)[^`]*?\1/g, '');
    for (const match of prose.matchAll(/!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ file, line: index + 1, target });
    }
  });
  return links;
}

/** What is wrong with a link, or null when it leads somewhere real. */
function brokenBecause(link: Link): string | null {
  const [pathPart = '', anchor] = link.target.split('#', 2);
  const target = pathPart === '' ? link.file : path.resolve(path.dirname(link.file), decodeURIComponent(pathPart));
  if (!fs.existsSync(target)) return `no file ${relative(target)}`;
  if (anchor === undefined) return null;
  if (!target.endsWith('.md')) return `an anchor into ${relative(target)}, which is no Markdown file`;
  return anchors(target).has(decodeURIComponent(anchor)) ? null : `no heading #${anchor} in ${relative(target)}`;
}

describe('the README', () => {
  it('is a front door: at most 320 lines', () => {
    const lines = fs.readFileSync(README, 'utf8').replace(/\n$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(320);
  });

  it('links to every file of docs/', () => {
    const links = relativeLinks(README).map((link) => path.resolve(ROOT, link.target.split('#')[0]!));
    const unlinked = documents()
      .slice(1)
      .filter((file) => !links.includes(file))
      .map(relative);
    expect(unlinked).toEqual([]);
  });
});

describe('links in README.md and docs/*.md', () => {
  it('lead to files and headings that exist', () => {
    const links = documents().flatMap(relativeLinks);
    expect(links.length).toBeGreaterThan(20);
    const broken = links.flatMap((link) => {
      const why = brokenBecause(link);
      return why === null ? [] : [`${relative(link.file)}:${link.line}: (${link.target}) ${why}`];
    });
    expect(broken).toEqual([]);
  });

  it('are checked for real: a missing file and a missing heading are found', () => {
    const from = path.join(DOCS, 'usage.md');
    expect(brokenBecause({ file: from, line: 1, target: 'formats.md#kindle' })).toBeNull();
    expect(brokenBecause({ file: from, line: 1, target: '../README.md#exit-codes' })).toBeNull();
    expect(brokenBecause({ file: from, line: 1, target: 'nowhere.md' })).toBe('no file docs/nowhere.md');
    expect(brokenBecause({ file: from, line: 1, target: 'formats.md#no-such-heading' })).toBe('no heading #no-such-heading in docs/formats.md');
  });

  it("use GitHub's anchors for headings", () => {
    expect(slug('Record schema (v3)')).toBe('record-schema-v3');
    expect(slug('The benchmark (`npm run bench`)')).toBe('the-benchmark-npm-run-bench');
    expect(slug('--merge')).toBe('--merge');
    expect(slug('Bad input, diagnostics and safety')).toBe('bad-input-diagnostics-and-safety');
    expect(slug('Progress, colours and the summary line')).toBe('progress-colours-and-the-summary-line');
  });
});

describe('docs/usage.md', () => {
  const usage = fs.readFileSync(path.join(DOCS, 'usage.md'), 'utf8');

  it.each(['--help', 'pack --help', 'diff --help'])('documents every --flag that `ingest %s` lists', async (args) => {
    const run = await runCli(args.split(' '));
    expect(run.exitCode).toBe(0);
    const flags = [...new Set(run.stdout.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])];
    expect(flags.length).toBeGreaterThan(1);
    const missing = flags.filter((flag) => !new RegExp(`(?<![\\w-])${flag}(?![\\w-])`).test(usage));
    expect(missing).toEqual([]);
  });
});

describe('generated tables', () => {
  it.each([
    ['formats', 'docs/formats.md', '| `format` | kind | what it is | read from it |'],
    ['rules', 'docs/bad-input.md', '| rule | severity | what happened |'],
  ])('%s: one table between its marker lines in %s', (name, file, header) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const start = `<!-- generated: ${name} (npm run docs) -->`;
    const end = `<!-- end generated: ${name} -->`;
    expect(text.split(start).length - 1).toBe(1);
    expect(text.split(end).length - 1).toBe(1);
    const between = text.slice(text.indexOf(start) + start.length, text.indexOf(end));
    expect(between.startsWith(`\n\n${header}\n|---|`)).toBe(true);
    expect(between.endsWith(' |\n\n')).toBe(true);
    expect(between.trim().split('\n').every((line) => line.startsWith('|'))).toBe(true);
  });
});
