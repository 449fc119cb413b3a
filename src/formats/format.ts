/**
 * One source format: a module that recognises its documents by their shape
 * and reads their fields, and one descriptor (FormatDescriptor) that says
 * everything else the project knows about it: the `format` values it gives,
 * its family, how much merging trusts it, its digest shelf, the files it
 * claims in a walked folder, text or bytes, specific or fallback. Adding a
 * format is one folder under src/formats/, its fixtures and one line in
 * registry.ts. Pure: no I/O, no globals.
 */
import type { Fields } from '../extract/fields.js';
import type { Messages } from '../messages.js';
import type { ParserMeter } from '../parse/markdown.js';
import type { ReadTemplate } from './template/read-template.js';

/**
 * One document as the formats see it: a read-only view of a SourceFile
 * (src/source-file.ts, which is one: a whole file or a part of a bundle).
 * Readers take what is here and put what they find on the `messages` they
 * are given (the file's); tests may give a plain object.
 */
export interface Document {
  /** The bundle name when the document has one, else the file's path: its extension says what it is. */
  readonly name: string;
  /** The document's text: decoded, LF line ends, no BOM at the start; empty for a reader of bytes. */
  readonly text: string;
  /** The file's bytes as they are (a bundle's parts share them), for a reader whose input is `bytes` (an SQLite database): never decoded, never split. */
  readonly bytes?: Uint8Array;
  /** Set when Markdown must not be parsed this time (the parser ran out of time in a worker): why. */
  readonly noMarkdown?: string;
  /** A `performance.now()` of this thread after which Markdown is no longer parsed, only read (a worker's time limit). */
  readonly deadline?: number;
  /** Where parsing its Markdown adds what it cost (how much remark parsed): the caller's, for this file. */
  readonly meter?: ParserMeter;
  /** The templates named with `--read-template`, for the reader of that role (`named`). */
  readonly templates?: readonly ReadTemplate[];
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
  /** Takes each work once it is complete. */
  emit(work: Work): Promise<void>;
  /** A record that could not be read on its own (too long): a failure of its own, the others are read. */
  fail(messages: Messages): void;
}

/** Where the digest lists a document when its category names no shelf (emit/digest-contents.ts). */
export type Shelf = 'Books' | 'Articles' | 'Tweets' | 'Podcasts' | 'Notes' | 'Clippings';

/** One `format` value of the record schema: what a reader gives, and what the rest of ingest does with it. */
export interface FormatInfo<N extends string = string> {
  /** The record's `format`: lower-case words joined by `-`. */
  readonly name: N;
  /** The record's `kind` for documents of this format, as the docs table says it (`highlights`, `markdown`, …). */
  readonly kind: string;
  /**
   * How much `--merge` trusts this format's fields when documents of one
   * work disagree, 0–100: structured exports over device files over
   * guesses from clippings. Two formats never share a value (a test).
   */
  readonly trust: number;
  /** The digest's shelf for its documents when their category names none; `null`: decided by the record itself. */
  readonly shelf: Shelf | null;
  /** What it is, in one sentence (docs/formats.md). */
  readonly about: string;
  /** What is read from it (docs/formats.md). */
  readonly reads: string;
}

/**
 * How documents are given to a reader. `specific` readers recognise their
 * documents by shape; where two shapes overlap, the narrower one says it
 * wins (`over`), and no other two specific readers accept the same document
 * (a test runs every detector over every fixture, seed and real-world file);
 * `fallback` readers take what no specific reader took, the lowest
 * `fallback` rank first.
 */
export type Detection =
  | {
      readonly role: 'specific';
      /**
       * Specific readers whose shape this one's may also have, and that it
       * wins over when both accept a document (Apple Books' template writes
       * `Key:: value` fields, which are also Logseq page properties).
       */
      readonly over?: readonly string[];
    }
  | { readonly role: 'fallback'; readonly rank: number }
  /**
   * Reads no document on its own: after the reader of a one-work document
   * has read it, a `refines` reader that accepts the document is handed the
   * work and may give it more (the structural reader: highlights of a
   * template no reader knows).
   */
  | { readonly role: 'refines' }
  /**
   * Reads only what the user's settings point it at (a template named with
   * `--read-template`): asked before every other reader; a document it does
   * not take goes on to the usual detection.
   */
  | { readonly role: 'named' };

export interface SourceFormat {
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
  /**
   * Loads what `read` needs that is too costly to load with every reader (a
   * reader of bytes: SQLite compiled to WebAssembly): awaited before `read`,
   * only for a document this reader took.
   */
  prepare?(): Promise<void>;
  /** For a `named` reader that did not take the document: why, for an `info` diagnostic (`null`: nothing to say). */
  whyNot?(document: Document): { message: string; position: { line: number; column: number } } | null;
  /** For a `refines` reader: the work another reader (`by`: of that role) read from the document, with what this one adds. */
  refine?(document: Document, work: Work, by: Detection['role']): Work;
}

/**
 * A reader and everything ingest knows about it: one per reader, in its
 * family's descriptor.ts next to it, listed once in registry.ts. Plain data
 * and a loader, so that what merging, the digest and discovery need of a
 * format costs no parser.
 */
export interface FormatDescriptor<N extends string = string> {
  /** The reader's own name (its module); unique. */
  readonly id: string;
  /** Its folder under src/formats/: the tool or exporter family (`readwise`, `kindle`, `zotero`, …). */
  readonly family: string;
  /** The `format` values it owns; a reader may also give values another descriptor owns (the Readwise Markdown reader gives `readwise-logseq`). */
  readonly formats: readonly FormatInfo<N>[];
  /**
   * File-name globs (matched anywhere in a walked folder, any case) of the
   * files it reads. Discovery walks the union of every descriptor's claims
   * (DEFAULT_INCLUDE): a `.json` or `.csv` file only where a format claims it.
   * A file only a specific reader claims, that no reader accepts, is passed
   * over in a walked folder (it is not notes), and refused when named.
   */
  readonly claims: readonly string[];
  /** `text`: the document is decoded text; `bytes`: the file's bytes as they are (an SQLite database). */
  readonly input: 'text' | 'bytes';
  readonly detection: Detection;
  /** Loads the reader (detect, read, records). */
  readonly reader: () => Promise<SourceFormat>;
}

/**
 * A descriptor, its format names kept as string literals so that the
 * registry can derive the schema's `format` enum from them.
 */
export function defineFormat<const N extends string>(descriptor: FormatDescriptor<N>): FormatDescriptor<N> {
  return descriptor;
}

/** The files notes are written in: Markdown formats read Markdown saved as `.txt` too. */
export const NOTE_FILES = ['*.md', '*.markdown', '*.txt'] as const;
