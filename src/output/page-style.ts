/**
 * How pages are written for the app that reads them (`--style`): Obsidian
 * (and any Markdown app: YAML properties, `<!-- ingest:begin/end -->`
 * markers, `^id` block ids) or Logseq (`key:: value` page properties, one
 * block ingest manages, `id::` UUIDs). Each style is its built-in template,
 * its block ids, its properties and how a page is put together and read
 * back; the rest of `--out-dir` is the same for both.
 */
import type { IngestRecord } from '../schema.js';
import { composePage, readPage, type ManagedPart, type ReadPage } from './managed-page.js';
import { MANAGED_LINE, MANAGED_NOTE, composeLogseqPage, logseqBlockId, logseqIdsIn, readLogseqPage } from './logseq-page.js';
import { indexPage, logseqIndex, type IndexLine } from './out-dir-pages.js';
import { blockId, blockIdsIn, pageProperties, type SourceLink } from './page-view.js';
import { BUILT_IN_LOGSEQ_PAGE, BUILT_IN_PAGE } from './page-template.js';

export const STYLES = ['obsidian', 'logseq'] as const;
export type StyleName = (typeof STYLES)[number];

export interface PageStyle {
  readonly name: StyleName;
  /** The built-in page template (`ingest template page`, `ingest template logseq`). */
  readonly template: string;
  blockId(key: string): string;
  blockIdsIn(text: string): Set<string>;
  properties(record: IngestRecord, links: readonly SourceLink[]): Record<string, unknown>;
  /** The index page's own part. */
  index(entries: readonly IndexLine[]): ManagedPart;
  compose(part: ManagedPart, old: ReadPage | null): string;
  read(text: string, keys: readonly string[]): ReadPage | null;
  /** Whether `text` (a page ingest 0.3 wrote, with no markers) is what it wrote for this part: then it holds nothing of the user's. */
  wroteBefore(text: string, part: ManagedPart): boolean;
  /** What the user changed, and where their text goes instead: for the page-edited warning. */
  readonly managedPart: string;
  readonly yourPart: string;
}

export const OBSIDIAN: PageStyle = {
  name: 'obsidian',
  template: BUILT_IN_PAGE,
  blockId,
  blockIdsIn,
  properties: pageProperties,
  index: (entries) => ({ properties: { title: 'Index', managed_by: 'ingest' }, body: indexPage(entries) }),
  compose: composePage,
  read: readPage,
  // 0.3's page was today's built-in page without block ids, with the source's path as its last line.
  wroteBefore: (text, part) => withoutSourceLine(text) === withoutSourceLine(part.body.replace(/\n\^[a-z0-9-]+\n/g, '')),
  managedPart: 'its properties or the text between ingest:begin and ingest:end',
  yourPart: 'move your text above ingest:begin or below ingest:end',
};

/**
 * Logseq names a page by its `title::` property when it has one: two works
 * of one title would be one page there. So the title is `full-title::`
 * (as Readwise's Logseq export writes it) and the page is named by its file;
 * property names take `-`, not `_`.
 */
export const LOGSEQ: PageStyle = {
  name: 'logseq',
  template: BUILT_IN_LOGSEQ_PAGE,
  blockId: logseqBlockId,
  blockIdsIn: logseqIdsIn,
  properties(record, links) {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(pageProperties(record, links))) {
      const name = key === 'title' ? 'full-title' : key.replace(/_/g, '-');
      properties[name] = key === 'authors' ? (value as string[]).map((author) => `[[${author.replace(/[[\]]/g, '')}]]`) : value;
    }
    return properties;
  },
  index: (entries) => ({ properties: { 'full-title': 'Index', 'managed-by': 'ingest' }, body: `- ${entries.length} ${entries.length === 1 ? 'work' : 'works'}, newest first · ${MANAGED_NOTE}\n  ${MANAGED_LINE}\n${logseqIndex(entries)}` }),
  compose: composeLogseqPage,
  read: readLogseqPage,
  // ingest 0.3 wrote no Logseq pages.
  wroteBefore: () => false,
  managedPart: 'its properties or the block marked ingest:: managed (or a block under it)',
  yourPart: 'move your text into top-level blocks of your own',
};

function withoutSourceLine(text: string): string {
  return text.replace(/<sub>[^\n]*<\/sub>\n?$/, '');
}

export function pageStyle(name: StyleName): PageStyle {
  return name === 'logseq' ? LOGSEQ : OBSIDIAN;
}
