/**
 * The Markdown digest: what a researcher actually reads.
 *
 *   # Research digest            one line: documents · highlights · sources · date range
 *   ## Contents                  shelves (Books, Articles, …), each entry with its highlights and date
 *   ## Tags                      each tag → its documents
 *   ## Key figures               per document, each sentence with money, percentages or large counts, the figures marked
 *   ## <document> …              metadata, summary, highlights, or the opening of a text; a link back to the contents
 *
 * Pure and deterministic: no timestamps, a fixed order, stable anchors.
 */
import type { Highlight, IngestRecord } from '../schema.js';
import { SHELVES, contents, shelfOf, type Shelf } from './digest-contents.js';
import { figureRows, keyFigures, type FigureRow } from './digest-figures.js';
import type { Emitter } from './emitter.js';
import type { Since } from '../since.js';
import { escapeBlock, escapeInline } from './escape.js';
import { anchorOf, displayTitle, sourceLabel } from './labels.js';
import { quoteLines } from './quote.js';
import { canonicalUrl } from '../normalize.js';

export { escapeInline } from './escape.js';
export { anchorOf, displayTitle, fileLabel } from './labels.js';

interface Entry {
  anchor: string;
  title: string;
  shelf: Shelf;
  published: string | null;
  path: string;
  index: number;
  site: string | null;
  tags: string[];
  figures: FigureRow[];
  section: string;
  highlights: number;
}

export const emitMarkdown: Emitter = async function* (records, options = {}) {
  const entries: Entry[] = [];
  for await (const record of records) {
    entries.push({
      anchor: anchorOf(record),
      title: displayTitle(record),
      shelf: shelfOf(record),
      published: record.published,
      path: record.source.path,
      index: record.source.bundle?.index ?? -1,
      site: record.site,
      tags: record.tags,
      figures: figureRows(record),
      section: documentSection(record),
      highlights: record.highlights.length,
    });
  }
  // Shelf by shelf, as the contents list them, so that reading on follows the contents.
  entries.sort((a, b) => SHELVES.indexOf(a.shelf) - SHELVES.indexOf(b.shelf) || byDigestOrder(a, b));
  yield header(entries, options.since ?? null);
  yield contents(entries);
  yield tagIndex(entries);
  yield keyFigures(entries);
  for (const entry of entries) yield entry.section;
};

/** What the digest and the --out-dir index sort by. */
export interface DigestKey {
  published: string | null;
  title: string;
  path: string;
  index: number;
}

/** Newest first, undated last; ties by title, then path and bundle index. */
export function byDigestOrder(a: DigestKey, b: DigestKey): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? 1 : -1;
  }
  const titleA = a.title.toLowerCase();
  const titleB = b.title.toLowerCase();
  if (titleA !== titleB) return titleA < titleB ? -1 : 1;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.index - b.index;
}

function header(entries: Entry[], since: Since | null): string {
  const highlights = entries.reduce((sum, entry) => sum + entry.highlights, 0);
  // Sites (web hosts), named as such: books and notes have none.
  const sites = new Set(entries.map((entry) => entry.site).filter((site): site is string => site !== null)).size;
  const dates = entries.map((entry) => entry.published).filter((date): date is string => date !== null).sort();
  const overview = [plural(entries.length, 'document'), plural(highlights, 'highlight'), ...(sites > 0 ? [plural(sites, 'site')] : []), publishedRange(dates, entries.length)].join(' · ');
  // A weekly review says which week: the highlights are those made since that day.
  const period = since ? `Since ${since.date}${since.given === since.date ? '' : ` (${since.given})`}: ` : '';
  return `# Research digest\n\n${period}${overview}\n`;
}

/** When the documents were published, saying so: one date alone would read as the digest's own date. */
function publishedRange(dates: readonly string[], documents: number): string {
  if (dates.length === 0) return 'no publication dates';
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const span = first === last ? `published ${first}` : `published ${first} to ${last}`;
  return dates.length === documents ? span : `${span} (${dates.length} of ${documents} dated)`;
}

function tagIndex(entries: Entry[]): string {
  const byTag = new Map<string, Entry[]>();
  for (const entry of entries) for (const tag of entry.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
  if (byTag.size === 0) return '';
  const tags = [...byTag.keys()].sort();
  const lines = tags.map((tag) => `- **${escapeInline(tag)}**: ${byTag.get(tag)!.map((entry) => `[${escapeInline(entry.title)}](#${entry.anchor})`).join(', ')}`);
  return `\n## Tags\n\n${lines.join('\n')}\n`;
}

function documentSection(record: IngestRecord): string {
  const title = escapeInline(displayTitle(record));
  const lines = [`\n<a id="${anchorOf(record)}"></a>\n`, `## ${record.url ? `[${title}](<${record.url}>)` : title}`, ''];
  lines.push(...metadataLines(record));
  if (record.highlights.length > 0) {
    lines.push(`### Highlights (${record.highlights.length})`, '');
    for (const highlight of record.highlights) lines.push(...quote(highlight), '');
  } else if (record.text) {
    lines.push(...quoteLines(opening(record.text).join('\n\n'), OPENING_LINES), '');
  }
  lines.push(`<sub>${escapeInline(sourceLabel(record))} · [back to contents](#contents)</sub>`, '');
  return lines.join('\n');
}

/** A text as page paragraphs: bullet lines as a list, other lines escaped, with hard line breaks. */
export function textParagraphs(text: string): string {
  return text
    .split('\n\n')
    .map((paragraph) => {
      const bullets = paragraph.split('\n').every((line) => /^[•·▪◦‣*-]\s/.test(line));
      return bullets ? paragraph.split('\n').map((line) => `- ${escapeInline(line.replace(/^[•·▪◦‣*-]\s+/, ''))}`).join('\n') : paragraph.split('\n').map(escapeBlock).join('  \n');
    })
    .join('\n\n');
}

/** The line under a page's title: authors, site, published, category. */
export function bylineOf(record: IngestRecord): string {
  return [record.authors.join(', '), record.site, record.published, record.category].filter((value): value is string => Boolean(value)).join(' · ');
}

/** Tags as code spans: `a`, `b`. */
export function tagCodes(tags: readonly string[]): string {
  return tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(', ');
}

function metadataLines(record: IngestRecord): string[] {
  const lines: string[] = [];
  const byline = bylineOf(record);
  if (byline) lines.push(escapeInline(byline), '');
  if (record.tags.length > 0) lines.push(`Tags: ${tagCodes(record.tags)}`, '');
  if (record.summary) lines.push(`**Summary:** ${escapeInline(record.summary)}`, '');
  return lines;
}

/** How many lines of a text's opening the digest shows: a note that is one long list (a sync log) shows its start. */
const OPENING_LINES = 12;

/** The opening of a text: its In-brief list when it has one, else its first two paragraphs. */
function opening(text: string): string[] {
  const paragraphs = text.split('\n\n');
  const brief = paragraphs.findIndex((paragraph) => /^in brief\b/i.test(paragraph));
  if (brief >= 0 && paragraphs[brief + 1]?.startsWith('•')) return paragraphs.slice(brief, brief + 2);
  const prose = paragraphs.filter((paragraph) => paragraph.length > 80 || /[.!?]$/.test(paragraph));
  return (prose.length > 0 ? prose : paragraphs).slice(0, 2);
}

/** A highlight as a blockquote with its paragraphs, line breaks and lists, then its note, tags and link. */
export function quote(highlight: Highlight): string[] {
  const lines = highlight.text.trim() === '' ? imageLines(highlight.markdown) : quoteLines(highlight.text);
  const after: string[] = [];
  if (highlight.note) after.push(`*Note:* ${escapeInline(highlight.note)}`);
  if (highlight.tags.length > 0) after.push(`Tags: ${tagCodes(highlight.tags)}`);
  if (highlight.url) after.push(`[${escapeInline(highlight.location ?? 'View Highlight')}](<${highlight.url}>)`);
  else if (highlight.location) after.push(escapeInline(highlight.location));
  if (after.length > 0) lines.push(...(lines.length > 0 ? ['>'] : []), `> — ${after.join(' · ')}`);
  return lines;
}

/**
 * A highlight of an image only (its text is empty): a link to each image,
 * never an empty quote. Linked, not shown: a digest loads nothing remote.
 */
function imageLines(markdown: string): string[] {
  const images = [...markdown.matchAll(/!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?[^)]*\)/g)];
  return images.map((match) => {
    const url = canonicalUrl(match[2]!);
    const label = `Image${match[1]!.trim() ? `: ${match[1]!.trim()}` : ''}`;
    return `> ${url && /^https?:/.test(url) ? `[${escapeInline(label)}](<${url}>)` : escapeInline(label)}`;
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

