/**
 * The Markdown digest: what a researcher actually reads.
 *
 *   # Research digest            one line: documents · highlights · sites · date range
 *   ## What's new                (a digest written to a file) highlights added since the last digest there, by work, newest first
 *   ## Today's review            (--review N) N highlights brought back, chosen from the day (review.ts)
 *   ## Contents                  shelves (Books, Articles, …), each entry with its authors, site, highlights and date
 *   ## Tags                      each tag → its documents
 *   ## <document> …              metadata, summary, highlights, or the opening of a text; a link back to the contents
 *
 * Pure and deterministic: no timestamps (the day is given), a fixed order,
 * stable anchors. What it remembers between runs goes out through
 * `options.memory.remember` (digest-memory.ts), never to a file from here.
 */
import type { Highlight, IngestRecord } from '../schema.js';
import { digestEntry, type DigestEntry } from './digest-entry.js';
import { SHELVES, contents } from './digest-contents.js';
import type { DigestOptions, Emitter } from './emitter.js';
import type { Since } from '../since.js';
import { escapeBlock, escapeInline } from './escape.js';
import { anchorOf, authorLine, displayTitle, sourceLabel } from './labels.js';
import { quoteLines } from './quote.js';
import { canonicalUrl } from '../normalize.js';
import { recentReviews, whatIsNew, withReview } from './digest-memory.js';
import { ReviewPicker } from './review.js';

export { escapeInline } from './escape.js';
export { anchorOf, authorLine, displayTitle, fileLabel } from './labels.js';

type Entry = DigestEntry;

export const emitMarkdown: Emitter = async function* (records, options = {}) {
  const entries: Entry[] = [];
  const today = options.today ?? '1970-01-01';
  const picker = new ReviewPicker<{ entry: number; highlight: number }>(today, options.review ?? 0, recentReviews(options.memory?.previous ?? null, today));
  for await (const record of records) {
    const entry = entryOf(record);
    record.highlights.forEach((highlight, i) => {
      if (highlight.text.trim() !== '') picker.offer(entries.length, entry.hashes[i]!, highlight.note !== null, { entry: entries.length, highlight: i });
    });
    entries.push(entry);
  }
  // Shelf by shelf, as the contents list them, so that reading on follows the contents.
  const order = entries.map((_, i) => i).sort((a, b) => SHELVES.indexOf(entries[a]!.shelf) - SHELVES.indexOf(entries[b]!.shelf) || byDigestOrder(entries[a]!, entries[b]!));
  const digest = digestFacts(entries, picker, options);
  yield header(entries, options.since ?? null);
  if (digest.news !== null) yield whatsNewSection(entries, digest.news);
  if (digest.review.length > 0) yield reviewSection(entries, digest.review, today);
  const sorted = order.map((i) => entries[i]!);
  yield contents(sorted);
  yield tagIndex(sorted);
  for (const entry of sorted) yield `${entry.head}${entry.quotes.map((quote) => `${quote}\n\n`).join('')}${entry.tail}`;
};

type Place = { entry: number; highlight: number };

/**
 * What is new and today's review, from every highlight's key and the
 * memory of this digest's place; the new memory goes to `remember`.
 */
export function digestFacts(entries: ReadonlyArray<{ hashes: readonly string[]; aliases: ReadonlyArray<readonly string[]> }>, picker: ReviewPicker<Place>, options: DigestOptions): { news: { fresh: ReadonlySet<string>; firstSeen: string } | null; review: Place[] } {
  const today = options.today ?? '1970-01-01';
  if (!options.memory) return { news: null, review: picker.picks(new Set()).map((pick) => pick.item) };
  const keys = new Set(entries.flatMap((entry) => entry.hashes));
  const aliases = new Map(entries.flatMap((entry) => entry.hashes.flatMap((hash, i) => (entry.aliases[i]!.length > 0 ? [[hash, entry.aliases[i]!] as const] : []))));
  const { fresh, firstSeen, next } = whatIsNew(options.memory.previous, keys, today, aliases);
  const review = picker.picks(fresh);
  options.memory.remember({ ...next, reviews: withReview(options.memory.previous?.reviews ?? new Map(), today, review.map((pick) => pickHash(entries, pick))) }, { fresh: fresh.size, reviewed: review.length });
  return { news: { fresh, firstSeen: firstSeen ?? today }, review: review.map((pick) => pick.item) };
}

function pickHash(entries: ReadonlyArray<{ hashes: readonly string[] }>, pick: { item: Place }): string {
  return entries[pick.item.entry]!.hashes[pick.item.highlight]!;
}

function entryOf(record: IngestRecord): Entry {
  const title = escapeInline(displayTitle(record));
  const head = [`\n<a id="${anchorOf(record)}"></a>\n`, `## ${record.url ? `[${title}](<${record.url}>)` : title}`, '', ...metadataLines(record)];
  if (record.highlights.length > 0) head.push(`### Highlights (${record.highlights.length})`, '');
  else if (record.text) head.push(...quoteLines(opening(record.text).join('\n\n'), OPENING_LINES), '');
  return digestEntry(record, {
    head: `${head.join('\n')}\n`,
    quotes: record.highlights.map((highlight) => quote(highlight).join('\n')),
    tail: `<sub>${escapeInline(sourceLabel(record))} · [back to contents](#contents)</sub>\n`,
  });
}

/** `## What's new`: the new highlights by work, the work with the newest first; in a work, the newest first. */
function whatsNewSection(entries: readonly Entry[], news: { fresh: ReadonlySet<string>; firstSeen: string }): string {
  const out = ['\n## What\'s new\n'];
  const groups = news.fresh.size === 0 ? [] : newGroups(entries, news.fresh);
  if (groups.length === 0) {
    out.push(`${nothingNew(news.firstSeen)}\n`);
    return out.join('\n');
  }
  const count = groups.reduce((sum, group) => sum + group.found.length, 0);
  out.push(`${plural(count, 'new highlight')} in ${plural(groups.length, 'work')}, first in the digest on ${news.firstSeen}.\n`);
  for (const { entry, found } of groups) {
    out.push(`### [${escapeInline(entry.title)}](#${entry.anchor})${entry.authors.length > 0 ? ` — ${escapeInline(authorLine(entry.authors))}` : ''}\n`);
    for (const i of found) out.push(`${entry.quotes[i]}\n`);
  }
  return out.join('\n');
}

/**
 * The line of a What's new with nothing in it: the same on the first digest
 * at a place and on the next ones until the notes change, so that a rerun
 * on unchanged notes writes the same digest (`--check` stays quiet).
 */
export function nothingNew(since: string): string {
  return `No highlights added since ${since}.`;
}

/** The works with new highlights (their places), the work with the newest first; in a work, the newest first. */
export function newGroups<E extends DigestKey & { hashes: readonly string[]; days: ReadonlyArray<string | null> }>(entries: readonly E[], fresh: ReadonlySet<string>): Array<{ entry: E; found: number[] }> {
  return entries
    .map((entry) => ({ entry, found: entry.hashes.flatMap((hash, i) => (fresh.has(hash) ? [i] : [])) }))
    .filter((group) => group.found.length > 0)
    .map((group) => ({ ...group, found: [...group.found].sort((a, b) => newerFirst(group.entry.days[a]!, group.entry.days[b]!) || a - b) }))
    .sort((a, b) => newerFirst(a.entry.days[a.found[0]!]!, b.entry.days[b.found[0]!]!) || byDigestOrder(a.entry, b.entry));
}

/** `## Today's review`: each pick's quote, then the work it is from. */
function reviewSection(entries: readonly Entry[], picks: readonly Place[], today: string): string {
  const works = new Set(picks.map((pick) => pick.entry)).size;
  const out = ['\n## Today\'s review\n', `${plural(picks.length, 'highlight')} from ${plural(works, 'work')} for ${today}.\n`];
  for (const pick of picks) {
    const entry = entries[pick.entry]!;
    out.push(`${entry.quotes[pick.highlight]}\n>\n> — from [${escapeInline(entry.title)}](#${entry.anchor})${entry.authors.length > 0 ? `, ${escapeInline(authorLine(entry.authors))}` : ''}\n`);
  }
  return out.join('\n');
}

/** Later days first; undated last. */
function newerFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

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
  return `# Research digest\n\n${overviewLine(entries, since)}\n`;
}

/** The digest's overview: documents · highlights · sites · when they were published (and the --since day). */
export function overviewLine(entries: ReadonlyArray<{ highlights: number; site: string | null; published: string | null }>, since: Since | null): string {
  const highlights = entries.reduce((sum, entry) => sum + entry.highlights, 0);
  // Sites (web hosts), named as such: books and notes have none.
  const sites = new Set(entries.map((entry) => entry.site).filter((site): site is string => site !== null)).size;
  const dates = entries.map((entry) => entry.published).filter((date): date is string => date !== null).sort();
  const overview = [plural(entries.length, 'document'), plural(highlights, 'highlight'), ...(sites > 0 ? [plural(sites, 'site')] : []), publishedRange(dates, entries.length)].join(' · ');
  // A weekly review says which week: the highlights are those made since that day.
  const period = since ? `Since ${since.date}${since.given === since.date ? '' : ` (${since.given})`}: ` : '';
  return `${period}${overview}`;
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

