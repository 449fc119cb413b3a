/**
 * `--out-dir` pages: one per work (one per document with --no-merge) and an
 * index, named so that a page keeps its name while its work exists. A
 * Markdown page is rendered by the page template (page-template.ts) and
 * carries the page's properties (page-view.ts); out-dir.ts keeps what the
 * user wrote in it. Loaded only for --out-dir.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic, IngestRecord } from '../schema.js';
import { escapeLineSeparators } from '../emit/line-separators.js';
import { byDigestOrder, displayTitle, escapeInline, fileLabel } from '../emit/markdown.js';
import { Names } from '../slug.js';
import { LOCK, MANIFEST, PageError, type OutDir } from './out-dir.js';
import type { OutputFormat } from '../emit/emitter.js';
import { pageContext, sourceLinks, type PlaceOfPages } from './page-view.js';
import type { PageTemplate } from './page-template.js';
import type { PageStyle } from './page-style.js';
import { IndexDigest } from './index-digest.js';
import type { DigestMemory } from '../emit/digest-memory.js';
import type { Highlight } from '../schema.js';
import { parseDocument, isMap } from 'yaml';

export interface PagesSettings {
  readonly format: OutputFormat;
  /** One page per work (the record's `work`), else one per document (its `id`). */
  readonly merge: boolean;
  /** The page template (Markdown pages). */
  readonly template: PageTemplate;
  /** What source paths are relative to. */
  readonly cwd: string;
  /** Obsidian or Logseq pages. */
  readonly style: PageStyle;
  /** What's new and Today's review on the index (Obsidian-style Markdown pages): the index's memory, the day, the review's size, and where the new memory goes. */
  readonly digest?: {
    readonly previous: DigestMemory | null;
    readonly today: string;
    readonly review: number;
    remember(next: DigestMemory, facts: { readonly fresh: number; readonly reviewed: number }): void;
  };
}

/**
 * Writes a page per record and the index; a page that cannot be written
 * (PageError) is reported as an error on its document and left out of the
 * index, and the others are written.
 */
export async function writePages(outDir: OutDir, settings: PagesSettings, records: AsyncIterable<IngestRecord>, report: (where: string, diagnostic: Diagnostic) => void): Promise<boolean> {
  const markdown = settings.format === 'md';
  const extension = markdown ? '.md' : '.json';
  const place: PlaceOfPages = { outDir: outDir.dir, vault: vaultAround(outDir.dir), cwd: settings.cwd };
  const previous = outDir.previousPages;
  // Names pages of the last run hold for their works are not handed to others, nor the names of the user's own files.
  const names = new Names(['index.md', 'index.json', MANIFEST, LOCK, ...outDir.foreignNames], previous.values());
  const index: IndexEntry[] = [];
  const digest = markdown && settings.digest && settings.style.name === 'obsidian' ? new IndexDigest(settings.digest.previous, settings.digest.today, settings.digest.review) : null;
  for await (const record of records) {
    const key = settings.merge ? `work:${record.work}` : `id:${record.id}`;
    // An untitled page is named after its file, as it always was: its first words would rename it whenever its text changes.
    // The page of this work, or (from a manifest of ingest 0.3, which wrote a page per document) of its first document that had one.
    const prior = previous.get(key) ?? record.sources.map((ref) => previous.get(`id:${ref.id}`)).find((name) => name !== undefined);
    const file = names.keep(prior, record.title ?? fileLabel(record).replace(/\.[^.]+$/, ''), extension, settings.merge);
    try {
      if (markdown) {
        const links = sourceLinks(record, place);
        const { style } = settings;
        const blocks = new Map<Highlight, string>();
        const render = (previousIds: ReadonlySet<string>) => {
          const context = pageContext(record, links, previousIds, style.blockId);
          record.highlights.forEach((highlight, i) => blocks.set(highlight, (context['highlights'] as Array<{ block: string }>)[i]!.block));
          return renderPage(settings.template, context, style.properties(record, links));
        };
        await outDir.write(file, { kind: 'md', render }, key);
        digest?.add({ title: displayTitle(record), authors: record.authors, file }, record.highlights, blocks, style.blockId);
      } else {
        await outDir.write(file, { kind: 'json', text: `${escapeLineSeparators(JSON.stringify(record, null, 2))}\n` }, key);
      }
    } catch (error) {
      if (!(error instanceof PageError)) throw error;
      report(record.source.path, { severity: 'error', rule: 'out-dir-page', message: `${error.message}; this document has no page in the index`, line: null, column: null });
      continue;
    }
    index.push({
      id: record.id,
      title: displayTitle(record),
      file,
      kind: record.kind,
      published: record.published,
      site: record.site,
      source: record.source,
    });
  }
  const order = (entry: IndexEntry) => ({ published: entry.published, title: entry.title, path: entry.source.path, index: entry.source.bundle?.index ?? -1 });
  index.sort((a, b) => byDigestOrder(order(a), order(b)));
  if (markdown) {
    let part = settings.style.index(indexLines(index));
    if (digest !== null) {
      // What's new and Today's review open the index, under its heading and count.
      const { text, next, fresh } = digest.sections();
      const [heading, ...list] = part.body.split(/\n(?=- )/);
      part = { ...part, body: `${heading!.replace(/\n*$/, '\n\n')}${text}\n## Works\n\n${list.join('\n')}` };
      settings.digest!.remember(next, { fresh, reviewed: next.reviews.get(settings.digest!.today)?.length ?? 0 });
    }
    await outDir.writeIndex('index.md', { kind: 'md', render: () => part });
  }
  else await outDir.writeIndex('index.json', { kind: 'json', text: `${escapeLineSeparators(JSON.stringify(index, null, 2))}\n` });
  return outDir.finish();
}

/**
 * ingest's part of a page: the template's text, and the properties, with
 * those a template writes in a frontmatter of its own (the Kindle plugin's
 * `tags: kindle`) added after ingest's.
 */
function renderPage(template: PageTemplate, context: Record<string, unknown>, properties: Record<string, unknown>): { properties: Record<string, unknown>; body: string } {
  const text = template.render(context).replace(/\r\n?/g, '\n');
  const front = /^\s*---\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(text);
  if (!front) return { properties, body: text };
  const yaml = parseDocument(front[1] ?? '');
  const own = yaml.errors.length === 0 && isMap(yaml.contents) ? (yaml.toJSON() as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...properties };
  for (const [key, value] of Object.entries(own)) if (!(key in merged) && value !== null && value !== undefined) merged[key] = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  return { properties: merged, body: text.slice(front[0].length) };
}

/** The Obsidian vault the folder is in: the nearest folder up from it that holds `.obsidian/`. */
function vaultAround(folder: string): string | null {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    try {
      if (fs.statSync(path.join(dir, '.obsidian')).isDirectory()) return dir;
    } catch {
      // not here
    }
    if (path.dirname(dir) === dir) return null;
  }
}

interface IndexEntry {
  id: string;
  title: string;
  file: string;
  kind: IngestRecord['kind'];
  published: string | null;
  site: string | null;
  source: IngestRecord['source'];
}

function indexLines(entries: IndexEntry[]): IndexLine[] {
  return entries.map((entry) => ({ title: entry.title, file: entry.file, meta: [entry.site, entry.published].filter(Boolean).join(', ') }));
}

/** One work in the index: its title, its page's file name, its site and date. */
export interface IndexLine {
  readonly title: string;
  readonly file: string;
  readonly meta: string;
}

/** The index as a Markdown page: newest first, each entry linking to its page. */
export function indexPage(entries: readonly IndexLine[]): string {
  const lines = ['# Index', '', `${entries.length} ${entries.length === 1 ? 'document' : 'documents'}, newest first`, ''];
  for (const entry of entries) lines.push(`- [${escapeInline(entry.title)}](<${entry.file}>)${entry.meta ? ` — ${escapeInline(entry.meta)}` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** The index as Logseq blocks under ingest's block: a page reference to each page (Logseq names a page by its file). */
export function logseqIndex(entries: readonly IndexLine[]): string {
  return entries.map((entry) => `\t- [[${entry.file.replace(/\.md$/, '')}]]${entry.meta ? ` — ${escapeInline(entry.meta)}` : ''}`).join('\n') + (entries.length > 0 ? '\n' : '');
}
