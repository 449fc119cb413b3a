/**
 * What a vault page shows of a record: the template's variables, the page's
 * properties (YAML frontmatter that Obsidian's Properties, Dataview and
 * Bases read) and the block id of each highlight. Pure: the folder the page
 * goes to and the vault around it are given.
 *
 * Links to source notes are relative to the page, or wikilinks when the
 * source is inside the same vault: a page names no absolute path of the
 * machine that wrote it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Highlight, IngestRecord } from '../schema.js';
import { bylineOf, displayTitle } from '../emit/markdown.js';
import { originsOf } from '../work.js';

export interface PlaceOfPages {
  /** The folder pages are written to (absolute). */
  readonly outDir: string;
  /** The Obsidian vault (a folder holding `.obsidian/`) around outDir, if any (absolute). */
  readonly vault: string | null;
  /** What source paths are relative to (absolute). */
  readonly cwd: string;
}

/** The property that marks a page as ingest's. */
export const MANAGED_BY = 'managed_by';

/**
 * A highlight's block id (`^readwise-123`), from its key: the same in every
 * rebuild and merge, whatever else changes on the page. Obsidian takes
 * letters, digits and `-` only: a key that is more (or long, or in capitals)
 * gets a short hash of the whole key so that two keys never meet.
 */
export function blockId(key: string): string {
  if (key.startsWith('h:')) return `h-${key.slice(2, 14).toLowerCase()}`;
  const plain = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const exact = plain.length <= 40 && key.replace(':', '-') === plain;
  if (exact && plain !== '') return plain;
  return `${plain.slice(0, 32).replace(/-+$/, '') || 'h'}-${createHash('sha1').update(key).digest('hex').slice(0, 8)}`;
}

/**
 * The block id a highlight had on the page before, when it had one: under
 * its key, or under a key it had in its own document before a merge joined
 * it with a copy from another source or gave it the work's key (a new source
 * that names the ISBN). Else the id of its key. A block reference made today
 * resolves after any later rebuild, merge or new highlight.
 */
export function stableBlockId(highlight: Highlight, previousIds: ReadonlySet<string>, idOf: (key: string) => string = blockId): string {
  const own = idOf(highlight.key);
  if (previousIds.size === 0 || previousIds.has(own)) return own;
  for (const key of originsOf(highlight)) {
    const id = idOf(key);
    if (previousIds.has(id)) return id;
  }
  return own;
}

/** The block ids in a page's text (`^id` at the end of a line). */
export function blockIdsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/\^([a-z0-9-]+)[ \t]*$/gm)].map((match) => match[1]!));
}

export interface SourceLink {
  /** What the page shows: a wikilink (`[[notes/book]]`) or a Markdown link to the file relative to the page. */
  readonly markdown: string;
  /** The same as a property value: the wikilink, or the relative path. */
  readonly property: string;
  readonly format: string;
}

/** Where each document of the record is, from the page: in the vault a wikilink, else a relative link; stdin is named. */
export function sourceLinks(record: IngestRecord, place: PlaceOfPages): SourceLink[] {
  return record.sources.map(({ source, format }) => {
    const part = source.bundle ? ` #${source.bundle.index}` : '';
    if (source.path === '-') return { markdown: `stdin${part}`, property: `stdin${part}`, format };
    const absolute = path.resolve(place.cwd, source.path);
    const name = path.basename(absolute);
    const inVault = place.vault !== null && isInside(absolute, place.vault) ? toPosix(path.relative(place.vault, absolute)).replace(/\.md$/i, '') : null;
    // A wikilink cannot name a file with [ ] | # ^ in its name (Obsidian reads them as its own syntax): those get a relative link.
    if (inVault !== null && !/[[\]|#^]/.test(inVault)) {
      const link = `[[${inVault}${part ? `|${name}${part}` : ''}]]`;
      return { markdown: link, property: link, format };
    }
    const relative = toPosix(path.relative(place.outDir, absolute));
    return { markdown: `[${escapeLabel(name)}${part}](<${relative.replace(/[<>#?%]/g, encodeURIComponent)}>)`, property: relative, format };
  });
}

/**
 * The page's properties, in this order; none that has no value. Types that
 * Obsidian's Properties take: lists as lists, dates as YAML dates
 * (YYYY-MM-DD), counts as numbers.
 */
export function pageProperties(record: IngestRecord, links: readonly SourceLink[]): Record<string, unknown> {
  const dates = record.highlights
    .map((highlight) => highlight.highlightedAt?.slice(0, 10))
    .filter((date): date is string => date !== undefined)
    .sort();
  const properties: Record<string, unknown> = {
    title: displayTitle(record),
    authors: record.authors,
    url: record.url,
    category: record.category,
    // An Obsidian tag has no spaces: `machine learning` is the tag machine-learning.
    tags: record.tags.map((tag) => tag.replace(/\s+/g, '-')),
    format: record.format,
    sources: links.map((link) => link.property),
    work: record.work,
    published: record.published,
    highlights: record.highlights.length,
    first_highlighted: dates[0] ?? null,
    last_highlighted: dates.at(-1) ?? null,
    [MANAGED_BY]: 'ingest',
  };
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) delete properties[key];
  }
  return properties;
}

/** A highlight as a template sees it: its fields, its block id, and the names the Kindle plugin's templates use. */
export interface HighlightView extends Highlight {
  readonly block: string;
  readonly createdDate: string | null;
  readonly appLink: string | null;
}

/**
 * The template's variables: the record's fields (`title` is the title
 * shown: an untitled note's first words), the byline, the highlights with
 * their block ids, the source links; and the names the Kindle plugin's file
 * templates use (`author`, `imageUrl`, `highlightsCount`, `lastAnnotatedDate`,
 * `asin`, `isbn`), so that such a template renders as it did there.
 */
export function pageContext(record: IngestRecord, links: readonly SourceLink[], previousIds: ReadonlySet<string> = new Set(), idOf: (key: string) => string = blockId): Record<string, unknown> {
  const taken = new Set<string>();
  const views = record.highlights.map((highlight, i): HighlightView => {
    let block = stableBlockId(highlight, previousIds, idOf);
    // The same key twice on one page (a highlight repeated in one source): the second gets the id of its key and place.
    if (taken.has(block)) block = idOf(`${highlight.key}#${i}`);
    taken.add(block);
    return { ...highlight, block, createdDate: highlight.highlightedAt, appLink: highlight.url };
  });
  const rendered = new HighlightList(...views);
  const dates = views.map((view) => view.highlightedAt).filter((date): date is string => date !== null).sort();
  const work = record.work;
  return {
    ...record,
    title: displayTitle(record),
    record_title: record.title,
    byline: bylineOf(record),
    highlights: rendered,
    sources: record.sources.map((ref, i) => ({ ...ref, link: links[i]!.markdown })),
    source_links: links.length <= 1 ? (links[0]?.markdown ?? '') : `Merged from ${links.map((link) => `${link.markdown} (${link.format})`).join(', ')}`,
    author: record.authors.join(', '),
    imageUrl: record.image,
    highlightsCount: record.highlights.length,
    lastAnnotatedDate: dates.at(-1) ?? null,
    asin: work.startsWith('asin:') ? work.slice(5) : null,
    isbn: work.startsWith('isbn:') ? work.slice(5) : null,
  };
}

/**
 * The highlights: a list to loop over, which printed whole (`{{ highlights }}`,
 * as the Kindle plugin's file templates do) is every highlight's text with its note.
 */
class HighlightList extends Array<HighlightView> {
  override toString(): string {
    return this.map((view) => `${view.text}${view.note ? `\n\nNote: ${view.note}` : ''}${view.location ? ` — ${view.location}` : ''} ^${view.block}`).join('\n\n');
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function escapeLabel(label: string): string {
  return label.replace(/[\\`*_[\]<>|]/g, '\\$&');
}
