/**
 * Tags in frontmatter (issue 22, item 6): a YAML list item is one tag,
 * spaces and all, in every reader that takes frontmatter tags; a string is
 * still split as Obsidian reads it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-tags-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function tagsOf(name: string, text: string): Promise<string[]> {
  const file = path.join(work, name);
  fs.writeFileSync(file, text);
  const run = await runCli([file, '--no-cache']);
  expect(run.exitCode).toBe(0);
  return JSON.parse(run.stdout)[0].tags;
}

describe('frontmatter tags', () => {
  it('keeps a flow list item whole', async () => {
    expect(await tagsOf('flow.md', '---\ntitle: A note\ntags: [machine learning, "Deep Work"]\n---\n# A note\n\nText.\n')).toEqual(['deep work', 'machine learning']);
  });
  it('keeps a block list item whole, and a wikilink item as its target', async () => {
    expect(await tagsOf('block.md', '---\ntitle: B\ntags:\n  - reading notes\n  - "[[Long Form]]"\n  - "#inbox"\n---\n# B\n\nText.\n')).toEqual(['inbox', 'long form', 'reading notes']);
  });
  it('still splits a string of tags on spaces or commas', async () => {
    expect(await tagsOf('string.md', '---\ntitle: C\ntags: alpha beta\n---\n# C\n\nText.\n')).toEqual(['alpha', 'beta']);
    expect(await tagsOf('comma.md', '---\ntitle: D\ntags: "alpha one, beta"\n---\n# D\n\nText.\n')).toEqual(['alpha one', 'beta']);
  });
  it('keeps list items whole in a Readwise export and a web clipping too', async () => {
    const readwise = '---\ntags: [deep reading, "Habit Formation"]\n---\n# Atomic Habits\n\n## Metadata\n- Author: James Clear\n- Category: #books\n\n## Highlights\n- A highlight. ([Location 12](https://readwise.io/to_kindle?action=open&asin=B07D23CFGR&location=12))\n';
    expect(await tagsOf('Atomic Habits.md', readwise)).toEqual(['deep reading', 'habit formation']);
    const clipping = '---\ntitle: "A clipped page"\nsource: "https://example.com/a"\nauthor:\n  - "[[Jane Doe]]"\npublished: 2024-03-01\ncreated: 2024-03-02\ntags:\n  - "web clipping"\n  - clippings\n---\nThe page text.\n';
    expect(await tagsOf('clip.md', clipping)).toEqual(['clippings', 'web clipping']);
  });
});
