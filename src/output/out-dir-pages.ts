/**
 * `--out-dir` pages: one per record and an index, named so that a page keeps
 * its name while its document exists. Loaded only for --out-dir.
 */
import type { Diagnostic, IngestRecord } from '../schema.js';
import { escapeLineSeparators } from '../emit/line-separators.js';
import { byDigestOrder, displayTitle, documentPage, escapeInline, fileLabel } from '../emit/markdown.js';
import { Names } from '../slug.js';
import { LOCK, MANIFEST, PageError, type OutDir } from './out-dir.js';
import type { OutputFormat } from '../emit/emitter.js';

/**
 * Writes a page per record and the index; a page that cannot be written
 * (PageError) is reported as an error on its document and left out of the
 * index, and the others are written.
 */
export async function writePages(outDir: OutDir, settings: { readonly format: OutputFormat }, records: AsyncIterable<IngestRecord>, report: (where: string, diagnostic: Diagnostic) => void): Promise<boolean> {
  const markdown = settings.format === 'md';
  const extension = markdown ? '.md' : '.json';
  // Names pages of the last run hold for their documents are not handed to others.
  const names = new Names(['index.md', 'index.json', MANIFEST, LOCK], outDir.previousPages.values());
  const index: IndexEntry[] = [];
  for await (const record of records) {
    // An untitled page is named after its file, as it always was: its first words would rename it whenever its text changes.
    const file = names.keep(outDir.previousPages.get(record.id), record.title ?? fileLabel(record).replace(/\.[^.]+$/, ''), extension);
    try {
      await outDir.write(file, markdown ? documentPage(record) : `${escapeLineSeparators(JSON.stringify(record, null, 2))}\n`, record.id);
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
  const key = (entry: IndexEntry) => ({ published: entry.published, title: entry.title, path: entry.source.path, index: entry.source.bundle?.index ?? -1 });
  index.sort((a, b) => byDigestOrder(key(a), key(b)));
  await outDir.writeIndex(markdown ? 'index.md' : 'index.json', markdown ? indexPage(index) : `${escapeLineSeparators(JSON.stringify(index, null, 2))}\n`);
  return outDir.finish();
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

function indexPage(entries: IndexEntry[]): string {
  const lines = ['# Index', '', `${entries.length} ${entries.length === 1 ? 'document' : 'documents'}, newest first`, ''];
  for (const entry of entries) {
    const meta = [entry.site, entry.published].filter(Boolean).join(', ');
    lines.push(`- [${escapeInline(entry.title)}](<${entry.file}>)${meta ? ` — ${escapeInline(meta)}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
