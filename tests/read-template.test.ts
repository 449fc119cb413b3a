/**
 * `--read-template`: real templates from three public vaults (their plugin's
 * data.json, fixtures/read-template/*, see its SOURCES.md) read the notes
 * they made exactly, through the binary; a plain note and a note of another
 * template gain nothing; what the matcher refuses is a usage error; a large
 * note that almost matches is given up on within a bound of steps.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../src/formats/template/compile.js';
import { matchTemplate, STEPS_PER_CHARACTER } from '../src/formats/template/match.js';
import type { IngestRecord } from '../src/schema.js';
import { ROOT, runCli, scratch } from './helpers.js';

const FIXTURE = 'fixtures/read-template';
const BRAIN_DUMP = `${FIXTURE}/brain-dump`;
const BOOKS = `${FIXTURE}/obsidian-books`;
const THESIS = `${FIXTURE}/thesis-vault`;
const MIRROR = `${BRAIN_DUMP}/.obsidian/plugins/readwise-mirror/data.json`;
const KINDLE = `${BOOKS}/.obsidian/plugins/obsidian-kindle-plugin/data.json`;
const ZOTERO = `${THESIS}/.obsidian/plugins/obsidian-zotero-desktop-connector/data.json`;

async function read(args: string[]): Promise<{ byName: Map<string, IngestRecord>; stderr: string; exitCode: number | null }> {
  const run = await runCli([...args, '--no-cache', '--format', 'ndjson', '--verbose']);
  const list = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as IngestRecord);
  return { byName: new Map(list.map((record) => [record.source.path.split('/').pop()!, record])), stderr: run.stderr, exitCode: run.exitCode };
}

describe('--read-template on real templates and the notes they made', () => {
  it('Readwise Mirror (header and highlight templates in data.json): every note, each highlight with its id and link', async () => {
    const { byName, exitCode } = await read([`${BRAIN_DUMP}/Readwise`, '--read-template', MIRROR]);
    expect(exitCode).toBe(0);
    expect([...byName.values()].map((record) => record.format)).toEqual(['read-template', 'read-template', 'read-template']);
    const woe = byName.get('Tweets from Woe.md')!;
    expect(woe.title).toBe('Tweets from Woe');
    expect(woe.url).toBe('https://twitter.com/Woesenpaixo');
    expect(woe.category).toBe('tweets');
    expect(woe.image).toBe('https://pbs.twimg.com/profile_images/1938044514481971200/QvAoaHer.jpg');
    expect(woe.extra['readwiseId']).toBe('55512905');
    expect(woe.extra['highlightsCount']).toBe('2');
    expect(woe.highlights.map((h) => [h.text, h.id, h.url])).toEqual([
      ['im waitinggg 👀 https://t.co/AssODJzo6q', '946113776', 'https://twitter.com/Woesenpaixo/status/1975988378844701042'],
      ['oil me down? (please) 💙 https://t.co/YV6I57cMMz', '946113777', 'https://twitter.com/Woesenpaixo/status/1975988378840469994'],
    ]);
    // A highlight of several paragraphs, and a last one whose blank line before `---` the user removed.
    const shumer = byName.get('Tweets From Matt Shumer.md')!;
    expect(shumer.highlights).toHaveLength(2);
    expect(shumer.highlights[0]!.text).toMatch(/^Incredibly powerful Claude Code prompt when dealing with a pesky bug:\n\nI am experiencing the following bug:\n\n<bug>\n\[explain_bug_here\]\n<\/bug>\n\nI need your help .* follow the workflow$/s);
    expect(shumer.highlights[1]!.url).toBe('https://twitter.com/mattshumer_/status/1965619929635586387');
    // The frontmatter the user added is read apart: its tags are the note's.
    expect(shumer.tags).toEqual(['ai', 'claude', 'prompts', 'readwise', 'twitter']);
    const bay = byName.get('Tweets From Bay.md')!;
    expect(bay.highlights.map((h) => [h.text, h.id])).toEqual([['Precognition is kept hidden from the masses. https://t.co/WedAKKXmzl\n\n![](https://pbs.twimg.com/media/GzY6Xl5XEAE66th.jpg)', '931989456']]);
  });

  it('the Obsidian Kindle plugin (its fileTemplate, the built-in highlight template, kindle-sync frontmatter)', async () => {
    const { byName, exitCode } = await read([BOOKS, '--read-template', KINDLE]);
    expect(exitCode).toBe(0);
    const giang = byName.get('Tìm mình trong thế giới hậu tuổi thơ - Giang.md')!;
    expect(giang.format).toBe('read-template');
    expect(giang.title).toBe('Tìm mình trong thế giới hậu tuổi thơ');
    expect(giang.authors).toEqual(['Đặng Hoàng Giang']);
    expect(giang.highlights.map((h) => [h.text, h.location, h.id, h.note])).toEqual([
      ['Có nhiều điều cám dỗ vẫy gọi tôi lắm, chỉ một cái gật đầu là cuộc sống của tôi đổi hướng.', 'Location 248', '55764', 'Lorrem'],
    ]);
    const ove = byName.get('Người Đàn Ông Mang Tên Ove - Backman-(dịch).md')!;
    expect(ove.authors).toEqual(['Fredrik Backman', 'Hoàng Anh (dịch)']);
    expect(ove.highlights.map((h) => [h.location, h.id, h.note])).toEqual([['Location 549', '16430', null]]);
    const flow = byName.get('Dòng chảy Flow - Csikszentmihalyi.md')!;
    expect(flow.highlights.map((h) => [h.text, h.location, h.id])).toEqual([
      ['Những biểu hiện rõ ràng nhất liên quan đến thái độ hờ hững đang lan rộng, ảnh hưởng đến rất nhiều cuộc đời.', 'Location 410', '21208'],
    ]);
  });

  it('Zotero Integration (the template file data.json names, persist block, Import Date; the user’s text below kept as text)', async () => {
    const { byName, stderr, exitCode } = await read([`${THESIS}/Literature`, '--read-template', ZOTERO]);
    expect(exitCode).toBe(0);
    const goman = byName.get('gomanStatespaceRepresentationAerodynamic1994.md')!;
    expect(goman.format).toBe('read-template');
    expect(goman.title).toBe('State-space representation of aerodynamic characteristics of an aircraft at high angles of attack');
    expect(goman.authors).toEqual(['Goman', 'Khrabrov']);
    expect(goman.extra['citekey']).toBe('gomanStatespaceRepresentationAerodynamic1994');
    expect(goman.extra['doi']).toBe('10.2514/3.46618');
    expect(goman.extra['year']).toBe('1994');
    expect(goman.tags).toEqual(['literature']);
    expect(goman.text).toMatch(/^---\n\n## Related\n\n- \[\[gk-equations\]\] — all equations/);
    const williams = byName.get('williamsModelingLiftHysteresis2016.md')!;
    expect(williams.format).toBe('read-template');
    expect(williams.authors).toEqual(['Williams', 'Reißner', 'Greenblatt', 'Müller-Vahl', 'Strangfeld']);
    expect(williams.extra['doi']).toBe('10.2514/1.J054937');
    // A note the user changed inside the template's part (a stray `p` line) is not the template's: read as usual, and --verbose says where matching stopped.
    const ayancik = byName.get('ayancikAllYouNeed2021.md')!;
    expect(ayancik.format).toBe('markdown');
    expect(stderr).toMatch(/ayancikAllYouNeed2021\.md:\d+:\d+ +info +the template Templates\/lit-note\.md \(zotero-integration\) does not match this note \(it stops at line \d+, column \d+.*read-template-miss/);
  });

  it('a plain note and a note of another template gain nothing', async () => {
    const inputs = [`${BOOKS}/100 Reference notes/_kindle`, 'fixtures/markdown-note', `${THESIS}/Literature/ayancikAllYouNeed2021.md`];
    const without = await runCli([...inputs, '--no-cache', '--format', 'ndjson']);
    const withMirror = await runCli([...inputs, '--no-cache', '--format', 'ndjson', '--read-template', MIRROR]);
    expect(withMirror.exitCode).toBe(0);
    // The same records, but for the info that says the template did not match.
    const records = (stdout: string): unknown[] =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const record = JSON.parse(line) as IngestRecord;
          return { ...record, diagnostics: record.diagnostics.filter((diagnostic) => diagnostic.rule !== 'read-template-miss') };
        });
    expect(records(withMirror.stdout)).toEqual(records(without.stdout));
    expect(withMirror.stdout.match(/"rule":"read-template-miss"/g)).toHaveLength(5);
    expect(without.stdout).not.toContain('"format":"read-template"');
  });

  it('a page template with {{ highlights }} takes the next file as its highlight template (Readwise Official)', async () => {
    const { folder } = scratch('read-template');
    const dir = folder('official');
    fs.writeFileSync(path.join(dir, 'page.njk'), '# {{ title }}\n\n- Author: [[{{ author }}]]\n- Category: #{{ category }}\n\n## Highlights\n{{ highlights }}\n');
    fs.writeFileSync(path.join(dir, 'highlight.njk'), '- {{ highlight_text }}{% if highlight_location %} ([{{ highlight_location }}]({{ highlight_location_url }})){% endif %}{% if highlight_note %}\n    - Note: {{ highlight_note }}{% endif %}\n');
    const notes = folder('notes');
    fs.writeFileSync(path.join(notes, 'Deep Work.md'), '# Deep Work\n\n- Author: [[Cal Newport]]\n- Category: #books\n\n## Highlights\n- One idea. ([Location 12](https://readwise.io/to_kindle?location=12))\n    - Note: mine\n- Another idea.\n');
    const { byName } = await read([notes, '--read-template', path.join(dir, 'page.njk'), '--read-template', path.join(dir, 'highlight.njk')]);
    const note = byName.get('Deep Work.md')!;
    expect(note.format).toBe('read-template');
    expect(note.authors).toEqual(['Cal Newport']);
    expect(note.highlights.map((h) => [h.text, h.location, h.note])).toEqual([
      ['One idea.', 'Location 12', 'mine'],
      ['Another idea.', null, null],
    ]);
  });

  it('refuses a tag it cannot read, and Readwise Official’s data.json, as usage errors naming why', async () => {
    const { folder } = scratch('read-template-bad');
    const dir = folder('bad');
    fs.writeFileSync(path.join(dir, 'macro.njk'), '# {{ title }}\n\n{% macro cell(x) %}{{ x }}{% endmacro %}\n');
    const macro = await runCli([FIXTURE, '--no-cache', '--read-template', path.join(dir, 'macro.njk')]);
    expect(macro.exitCode).toBe(2);
    expect(macro.stderr).toMatch(/macro\.njk:3:1 +error +\{% macro %\} is not supported by --read-template .*; nothing was read +read-template-error/);
    expect(macro.stdout).toBe('');
    fs.mkdirSync(path.join(dir, '.obsidian/plugins/readwise-official'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.obsidian/plugins/readwise-official/data.json'), '{"readwiseDir": "Readwise", "booksIDsMap": {}}');
    const official = await runCli([FIXTURE, '--no-cache', '--read-template', path.join(dir, '.obsidian/plugins/readwise-official/data.json')]);
    expect(official.exitCode).toBe(2);
    expect(official.stderr).toContain("Readwise Official's data.json, which holds no template");
  });

  it('the templates are part of the cache key: a run with one after a run without reads with it', async () => {
    const { folder } = scratch('read-template-cache');
    const cache = folder('cache');
    const plain = await runCli([BOOKS, '--cache', cache, '--format', 'ndjson']);
    expect(plain.stdout).not.toContain('"format":"read-template"');
    const named = await runCli([BOOKS, '--cache', cache, '--format', 'ndjson', '--read-template', KINDLE]);
    expect(named.stdout.split('\n').filter((line) => line.startsWith('{') && (JSON.parse(line) as IngestRecord).format === 'read-template')).toHaveLength(3);
    const again = await runCli([BOOKS, '--cache', cache, '--format', 'ndjson']);
    expect(again.stdout).toBe(plain.stdout);
  });
});

describe('the matcher stays within its bound of steps', () => {
  const kindle = compileTemplate({ name: 'k', text: '## Highlights\n{{ highlights }}\n', highlight: '{{ text }} — location: [{{ location }}]({{ appLink }}) ^ref-{{ id }}\n\n{% if note %}{{note}}{% endif %}\n\n---\n' });

  it('reads a 1 MB note of 8,000 highlights', () => {
    const highlight = (i: number): string => `${'word '.repeat(20)}number ${i} — location: [${i}](kindle://book?location=${i}) ^ref-${i}\n\n${i % 3 === 0 ? `a note ${i}\n\n` : ''}---\n`;
    const text = `## Highlights\n${Array.from({ length: 8000 }, (_, i) => highlight(i)).join('')}`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const match = matchTemplate(kindle, text);
    expect(match.ok).toBe(true);
    expect(match.steps).toBeLessThan(STEPS_PER_CHARACTER * text.length);
  });

  it('gives up on a 1 MB note that almost matches (its last line is wrong) within the bound, where unbounded backtracking would not end', () => {
    const highlight = (i: number): string => `${'word — location: '.repeat(10)} — location: [${i}](x) ^ref-${i}\n\n---\n`;
    const text = `## Highlights\n${Array.from({ length: 6000 }, (_, i) => highlight(i)).join('')}not the template\n`;
    expect(text.length).toBeGreaterThan(1_000_000);
    const match = matchTemplate(kindle, text);
    expect(match.ok).toBe(false);
    expect(match.steps).toBeLessThanOrEqual(STEPS_PER_CHARACTER * text.length + 100_001);
  });

  it('values next to each other in a loop (a pattern that is exponential for a RegExp) end within the bound', () => {
    const program = compileTemplate({ name: 'p', text: '{% for a in xs %}{{ a.b }}{{ a.c }}x{% endfor %}!' });
    const text = `${'x'.repeat(200_000)}?`;
    const match = matchTemplate(program, text);
    expect(match.ok).toBe(false);
    expect(match.steps).toBeLessThanOrEqual(STEPS_PER_CHARACTER * text.length + 100_001);
  });
});

describe('--read-template: cost when unused', () => {
  it('loads nunjucks only once a template is parsed (loaded with the readers, it slowed every cold run by a fifth)', () => {
    // A fresh process: which CommonJS modules reading a note loads, then parsing a template.
    const probe = `
      import { createRequire } from 'node:module';
      const { processFile } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'process.js'))});
      const { SourceFile } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'source-file.js'))});
      const { parseTemplate } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'formats', 'template', 'parse.js'))});
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((name) => name.includes('/nunjucks/'));
      processFile(new SourceFile({ path: 'a.md', bytes: Buffer.from('# A\\n\\n## Highlights\\n- One ([Location 12](https://readwise.io/to_kindle?location=12))\\n') }));
      const before = loaded();
      parseTemplate('- {{ highlight_text }}\\n');
      console.log(JSON.stringify({ before, after: loaded() }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ before: false, after: true });
  });
});
