/**
 * One work as a digest shows it, whatever the digest is written in: the
 * facts its sections sort, group and remember by (title, authors, shelf,
 * each highlight's key hash and day), beside the work's section rendered
 * by the emitter (Markdown or HTML). Pure.
 */
import type { IngestRecord } from '../schema.js';
import { originsOf } from '../work.js';
import { shelfOf, type Shelf } from './digest-contents.js';
import { keyHash } from './digest-memory.js';
import { anchorOf, displayTitle } from './labels.js';

export interface DigestEntry {
  anchor: string;
  title: string;
  authors: string[];
  shelf: Shelf;
  published: string | null;
  path: string;
  index: number;
  site: string | null;
  tags: string[];
  /** The section's lines before its highlights, each highlight's quote, and its last line, as the emitter wrote them. */
  head: string;
  quotes: string[];
  tail: string;
  /** Each highlight's key hash and day (What's new). */
  hashes: string[];
  /** Other keys (hashes) a highlight had in its own documents, when a merge gave it another. */
  aliases: Array<readonly string[]>;
  days: Array<string | null>;
  highlights: number;
}

/** The entry of a record, with its section as the emitter rendered it. */
export function digestEntry(record: IngestRecord, section: Pick<DigestEntry, 'head' | 'quotes' | 'tail'>): DigestEntry {
  return {
    anchor: anchorOf(record),
    title: displayTitle(record),
    authors: record.authors,
    shelf: shelfOf(record),
    published: record.published,
    path: record.source.path,
    index: record.source.bundle?.index ?? -1,
    site: record.site,
    tags: record.tags,
    ...section,
    hashes: record.highlights.map((highlight) => keyHash(highlight.key)),
    aliases: record.highlights.map((highlight) => originsOf(highlight).filter((key) => key !== highlight.key).map(keyHash)),
    days: record.highlights.map((highlight) => highlight.highlightedAt),
    highlights: record.highlights.length,
  };
}
