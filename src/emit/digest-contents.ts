/**
 * The digest's contents: documents on shelves by what they are (Books,
 * Articles, Tweets, Podcasts, Notes, Clippings), each entry with its
 * highlight count and date, so the first screen says what there is to read.
 * Pure.
 */
import { shelfOfFormat } from '../formats/registry.js';
import type { Shelf } from '../formats/format.js';
import type { IngestRecord } from '../schema.js';
import { escapeInline } from './escape.js';
import { authorLine } from './labels.js';

export const SHELVES: readonly Shelf[] = ['Books', 'Articles', 'Tweets', 'Podcasts', 'Notes', 'Clippings'];
export type { Shelf };

/** What puts a document on a shelf when neither its category nor its format does (shelfOf, last rules): for docs/digests-and-cron.md. */
export const SHELF_EVIDENCE: Readonly<Record<Shelf, string>> = {
  Books: 'highlights with `Location …` places and no URL',
  Articles: 'highlights of a web page (a `url` that is not Twitter/X)',
  Tweets: "highlights with a `twitter.com`/`x.com` URL, or without a URL of their own when every highlight links to a tweet (Readwise's `Tweets From …` pages)",
  Podcasts: '',
  Notes: 'any other document of kind `highlights` or `markdown`',
  Clippings: 'kind `text` (a plain-text article or clipping)',
};

/** A record's `category` word (any case, singular or plural, Readwise's emoji categories) → its shelf. */
export const BY_CATEGORY: Readonly<Record<string, Shelf>> = {
  book: 'Books',
  books: 'Books',
  '📚': 'Books',
  supplemental: 'Books',
  supplementals: 'Books',
  article: 'Articles',
  articles: 'Articles',
  '📰': 'Articles',
  paper: 'Articles',
  papers: 'Articles',
  journalarticle: 'Articles',
  email: 'Articles',
  emails: 'Articles',
  pdf: 'Articles',
  pdfs: 'Articles',
  tweet: 'Tweets',
  tweets: 'Tweets',
  '🐦': 'Tweets',
  podcast: 'Podcasts',
  podcasts: 'Podcasts',
  '🎙️': 'Podcasts',
  '🎧': 'Podcasts',
  note: 'Notes',
  notes: 'Notes',
  clipping: 'Clippings',
  clippings: 'Clippings',
};

/** Formats whose documents are all of one kind, whatever their category says (or when it says nothing). */

const TWEET_HOSTS = new Set(['twitter.com', 'x.com', 'mobile.twitter.com']);

/**
 * The shelf a document goes on: its category when it names one we know, else
 * its format (a Kindle export is books, a Web Clipper note a clipping), else,
 * for highlights, where they came from (a tweet's link, a web page: an
 * article; Kindle locations: a book), else its kind: a plain-text document is
 * a clipping, anything else a note.
 */
export function shelfOf(record: Pick<IngestRecord, 'category' | 'format' | 'kind' | 'url' | 'highlights'>): Shelf {
  // A nested tag (`#Type/Highlight/Podcast`) names the kind last.
  const category = (record.category ?? '').trim().toLowerCase().replace(/^#/, '').split('/').pop()!;
  const known = BY_CATEGORY[category] ?? shelfOfFormat(record.format);
  if (known) return known;
  if (record.kind === 'highlights') {
    const host = hostOf(record.url);
    if (host !== null) return TWEET_HOSTS.has(host) ? 'Tweets' : 'Articles';
    // No link of its own (Readwise's `Tweets From …` pages): tweets when every highlight links to a tweet.
    const hosts = record.highlights.map((highlight) => hostOf(highlight.url)).filter((linked) => linked !== null);
    if (hosts.length > 0 && hosts.every((linked) => TWEET_HOSTS.has(linked))) return 'Tweets';
    if (record.highlights.some((highlight) => highlight.location?.startsWith('Location ') === true)) return 'Books';
  }
  return record.kind === 'text' ? 'Clippings' : 'Notes';
}

function hostOf(url: string | null): string | null {
  if (url === null || !/^https?:/.test(url)) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

export interface ContentsEntry {
  anchor: string;
  title: string;
  authors: readonly string[];
  shelf: Shelf;
  site: string | null;
  published: string | null;
  highlights: number;
}

/** The shelf's anchor: `#shelf-books`. */
export function shelfAnchor(shelf: Shelf): string {
  return `shelf-${shelf.toLowerCase()}`;
}

/**
 * `## Contents`: one line of shelves with their counts, then each shelf's
 * entries (`- [Title](#doc-…) — Author · site · 17 highlights · 2023-07-01`). An
 * undated entry says nothing of a date; a document without highlights says
 * nothing of them. Entries come in the order given.
 */
export function contents(entries: readonly ContentsEntry[]): string {
  if (entries.length === 0) return '';
  const shelves = SHELVES.map((shelf) => [shelf, entries.filter((entry) => entry.shelf === shelf)] as const).filter(([, list]) => list.length > 0);
  const parts = ['\n<a id="contents"></a>\n\n## Contents\n\n', shelves.map(([shelf, list]) => `[${shelf}](#${shelfAnchor(shelf)}) ${list.length}`).join(' · '), '\n'];
  for (const [shelf, list] of shelves) {
    parts.push(`\n<a id="${shelfAnchor(shelf)}"></a>\n\n### ${shelf} (${list.length})\n\n`);
    for (const entry of list) {
      const facts = [entry.authors.length > 0 ? authorLine(entry.authors) : null, entry.site, entry.highlights > 0 ? `${entry.highlights} highlight${entry.highlights === 1 ? '' : 's'}` : null, entry.published].filter((fact): fact is string => fact !== null);
      parts.push(`- [${escapeInline(entry.title)}](#${entry.anchor})${facts.length > 0 ? ` — ${escapeInline(facts.join(' · '))}` : ''}\n`);
    }
  }
  return parts.join('');
}
