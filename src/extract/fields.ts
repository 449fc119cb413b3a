/**
 * What an extractor finds in a document, before normalizing: values as the
 * document states them (dates and URLs as written, tags with their `#` or
 * `[[ ]]`). `normalize` turns them into a record.
 */
import type { Kind } from '../schema.js';

export interface FoundHighlight {
  text: string;
  markdown: string;
  url: string | null;
  id: string | null;
  location: string | null;
  tags: string[];
  note: string | null;
}

export interface Fields {
  kind: Kind;
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
}

export function emptyFields(kind: Kind): Fields {
  return {
    kind,
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
