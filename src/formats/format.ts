/**
 * One source format: a module that recognises its documents by their shape
 * and reads their fields. Adding a format is one module behind this
 * interface, its fixtures and one row of docs/formats.md. Pure: no I/O, no globals.
 */
import type { Fields } from '../extract/fields.js';
import type { Messages } from '../messages.js';

/** One document as the formats see it. */
export interface Document {
  /** The bundle name when the document has one, else the file's path: its extension says what it is. */
  readonly name: string;
  /** The document's text: decoded, LF line ends, no BOM at the start. */
  readonly text: string;
  /** Set when Markdown must not be parsed this time (the parser ran out of time in a worker): why. */
  readonly noMarkdown?: string;
  /** A `performance.now()` of this thread after which Markdown is no longer parsed, only read (a worker's time limit). */
  readonly deadline?: number;
}

/** A work read from a document: its fields, and what was found while reading it. */
export interface Work {
  fields: Fields;
  /**
   * For formats that hold several works in one document (a Kindle clippings
   * file, a Readwise CSV): what tells this work from the others, stable
   * when the document grows (the book's title line). `null` for one work per document.
   */
  key: string | null;
  messages: Messages;
}

/** What a document came to: its works, or why it could not be read (an error on `messages`). */
export type Reading = { works: Work[] } | { works: null; messages: Messages };

/** How a document read as a stream of records ended: its works were handed on as they were read, or it could not be read (an error on `messages`; the works handed on do not count). */
export type Streamed = { ok: true } | { ok: false; messages: Messages };

export interface RecordOptions {
  /** A record (a clipping, a row, a book) longer than this many characters is skipped with an error. */
  readonly maxRecord: number;
  /** Takes each work once it is complete; `written` is the text it was read from, when that is not the document (see normalize). */
  emit(work: Work, written?: string): Promise<void>;
  /** A record that could not be read on its own (too long): a failure of its own, the others are read. */
  fail(messages: Messages): void;
}

export interface SourceFormat {
  /** The `format` values this module can give (for docs/formats.md and tests). */
  readonly names: readonly string[];
  /** Whether the document has this format's shape. Cheap: it runs on every document. */
  detect(document: Document): boolean;
  /** Reads the document; diagnostics go on `messages` (positions relative to the document). */
  read(document: Document, messages: Messages): Reading;
  /**
   * For formats that are records rather than one document (Kindle
   * clippings, CSV and JSON exports): reads the document's text as it comes,
   * in pieces, holding one record at a time, so that a file larger than any
   * document may be read. The same works as `read`, in the same order.
   */
  records?(text: AsyncIterable<string>, messages: Messages, options: RecordOptions): Promise<Streamed>;
}
