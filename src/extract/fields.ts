/**
 * What an extractor finds in a document, before normalizing: values as the
 * document states them (dates and URLs as written, tags with their `#` or
 * `[[ ]]`). `normalize` turns them into a record.
 */
import type { Place } from '../messages.js';
import type { Kind } from '../schema.js';

/** Where the values of a document's fields were read (see Place). */
export interface FieldPlaces {
  /** The url as written (its first character). */
  url?: Place | null;
  /** Each `extra` key as written (the key, not its value). */
  extra?: ReadonlyMap<string, Place> | null;
}

export interface FoundHighlight {
  text: string;
  markdown: string;
  url: string | null;
  id: string | null;
  location: string | null;
  /** The page as written (`12`, `ix`). */
  page: string | null;
  color: string | null;
  tags: string[];
  note: string | null;
  /** As the source states it; normalized to `YYYY-MM-DD[THH:MM:SS[offset]]` by `normalize`. */
  highlightedAt: string | null;
  /** Where `url` is written (its first character). */
  urlAt?: Place | null;
}

/** A highlight with nothing but its text (and the Markdown it was written as). */
export function foundHighlight(text: string, markdown: string = text): FoundHighlight {
  return { text, markdown, url: null, id: null, location: null, page: null, color: null, tags: [], note: null, highlightedAt: null };
}

export interface Fields {
  kind: Kind;
  /** The exporter or template (`readwise`, `kindle-clippings`, …): the record's `format`. */
  format: string;
  title: string | null;
  /** Author strings as written: `[[Danny Parisi]]`, `By A and B`, … */
  authors: string[];
  url: string | null;
  site: string | null;
  published: string | null;
  category: string | null;
  tags: string[];
  summary: string | null;
  image: string | null;
  highlights: FoundHighlight[];
  /** Paragraphs of the document's own text. */
  paragraphs: string[];
  extra: Record<string, unknown>;
  /** Where the values were read, for diagnostics. */
  at?: FieldPlaces;
}

export function emptyFields(kind: Kind, format: string): Fields {
  return {
    kind,
    format,
    title: null,
    authors: [],
    url: null,
    site: null,
    published: null,
    category: null,
    tags: [],
    summary: null,
    image: null,
    highlights: [],
    paragraphs: [],
    extra: {},
  };
}

/**
 * The first value stated among those a document may give a field (the
 * frontmatter's, then the Metadata list's, …), and where it was read.
 */
export function firstStated(...candidates: Array<[value: string | null | undefined, at: () => Place | null | undefined]>): { value: string | null; at: Place | null } {
  for (const [value, at] of candidates) if (value !== null && value !== undefined) return { value, at: at() ?? null };
  return { value: null, at: null };
}
