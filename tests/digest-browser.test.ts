/**
 * The digests as a reader sees them (#27): the Markdown digest rendered by a
 * real renderer (marked, GFM) and the HTML digest, each loaded in headless
 * Chromium; the text of the page Chromium built must hold every section, no
 * raw Markdown or HTML markup, and (HTML) the chart. Screenshots go to
 * $INGEST_SCREENSHOTS (default: a temporary folder) for a person to look at.
 * Needs Chromium (.ci/run installs Debian's `chromium`): said in the test's
 * name when it is missing, never passed quietly.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0) ?? null;
const shots = process.env['INGEST_SCREENSHOTS'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-shots-'));
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-browser-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** What Chromium made of the page: its DOM after parsing, and a screenshot. */
function load(file: string, name: string): string {
  const common = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--allow-file-access-from-files'];
  spawnSync(CHROMIUM!, [...common, `--screenshot=${path.join(shots, `${name}.png`)}`, '--window-size=1100,2400', `file://${file}`], { encoding: 'utf8', timeout: 60_000 });
  const dump = spawnSync(CHROMIUM!, [...common, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
  expect(dump.status, dump.stderr).toBe(0);
  return dump.stdout;
}

/** The text a reader sees: no style, no markup, entities decoded. */
function visibleText(dom: string): string {
  return dom
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const MARKUP = /\*\*|\]\(|\]\[|<\/?(?:a|b|i|em|strong|p|div|span|sub|blockquote|code)\b[^>]*>|\\[\\`*_[\]<>|#&-]|^#{1,6} |^> /m;

describe.skipIf(CHROMIUM === null)(`the digests in a browser${CHROMIUM === null ? ' (skipped: Chromium is not installed; .ci/run installs Debian’s chromium)' : ''}`, () => {
  it('show every section, no raw markup, and the chart, as Markdown (rendered by marked) and as HTML', async () => {
    const notes = [path.join(ROOT, 'seeds'), path.join(ROOT, 'fixtures', 'merge-kindle-readwise'), path.join(ROOT, 'fixtures', 'kindle-cases')];
    const md = path.join(work, 'digest.md');
    const html = path.join(work, 'digest.html');
    // Twice: the second digest has a memory, so What's new says so.
    for (let run = 0; run < 2; run++) {
      expect((await runCli([...notes, '-f', 'md', '-o', md, '--no-cache', '-q', '--date', '2026-12-06'])).exitCode).toBe(0);
      expect((await runCli([...notes, '-f', 'html', '-o', html, '--no-cache', '-q', '--date', '2026-12-06'])).exitCode).toBe(0);
    }
    const rendered = path.join(work, 'digest-md.html');
    fs.writeFileSync(rendered, `<!doctype html><html><head><meta charset="utf-8"><title>Digest</title></head><body>${marked.parse(fs.readFileSync(md, 'utf8'), { async: false, gfm: true })}</body></html>`);
    for (const [file, name] of [
      [rendered, 'digest-md'],
      [html, 'digest-html'],
    ] as const) {
      const dom = load(file, name);
      const text = visibleText(dom);
      for (const section of ['Research digest', 'What', 'Today', 'review', 'Contents', 'Books', 'Highlights (']) expect(text, `${name}: ${section}`).toContain(section);
      expect(text).toContain('Good habits make time your ally. Bad habits make time your enemy.');
      const lines = text.split('\n').map((line) => line.trim());
      const raw = lines.filter((line) => MARKUP.test(line));
      expect(raw, `${name}: raw markup a reader would see`).toEqual([]);
      expect(dom).not.toMatch(/<script/i);
      if (name === 'digest-html') {
        expect(dom).toMatch(/<svg class="chart"[\s\S]*<rect /);
        expect(dom).not.toMatch(/(?:src|href)="(?!#|https?:)/);
        expect(fs.existsSync(path.join(shots, `${name}.png`))).toBe(true);
      }
    }
  }, 120_000);
});
