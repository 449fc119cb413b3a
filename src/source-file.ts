/**
 * A source file as it goes through the pipeline, shaped like vfile: the
 * path shown, the place its ids come from, the bytes as read, the text
 * decoded once and only when asked for, the messages found on it, and, for
 * a part of a bundle, which part it is and where its text starts. The
 * formats read it as their `Document` (src/formats/format.ts): its `name`
 * and `text` (and `bytes` for a reader of bytes).
 *
 * A bundle gives one SourceFile per part (parts()), which share the file's
 * bytes. A file read as a stream (src/input/record-file.ts) is a SourceFile
 * without bytes: its text is never held, its reader says its hash. A
 * SourceFile is read once: its messages collect what reading it found (a
 * second read wants `with()`, a fresh copy).
 *
 * Why not vfile itself: its `value`, `messages` and `data` are mutable and
 * loosely typed, our messages map positions through a bundle part's origin
 * (messages.ts), and a worker must rebuild the file from plain data.
 */
import { createHash } from 'node:crypto';
import type { Document } from './formats/format.js';
import { FILE_START, Messages, type Origin } from './messages.js';
import type { ParserMeter } from './parse/markdown.js';
import type { ReadTemplate } from './formats/template/read-template.js';
import { decode, type Decoded } from './read.js';
import type { Bundle, Source } from './schema.js';
import { documentText, split } from './split.js';

/** What a SourceFile is made of and how it is read. */
export interface SourceFileOptions {
  /** The physical file, as shown to the user. */
  readonly path: string;
  /** The bytes as read; none for a file read as a stream. */
  readonly bytes?: Uint8Array;
  /**
   * The file's place in the notes folder given (`notes/books/x.md` for
   * `ingest ~/notes`), which ids come from, so that an id never depends on
   * the folder ingest runs in. Defaults to `path`.
   */
  readonly place?: string;
  /**
   * A walked file that only specific readers claim (a `.json`, a `.csv`;
   * registry.ts isOptional): no outcome at all when none of them accepts it.
   */
  readonly optional?: boolean;
  /**
   * Why Markdown must not be parsed this time (the parser ran out of time in
   * a worker): documents are then read as plain text, with this reason in a warning.
   */
  readonly noMarkdown?: string;
  /**
   * A `performance.now()` of this thread after which Markdown is no longer
   * parsed: what was parsed is kept, the rest is read in linear time
   * (see parseMarkdownUntil). None: no limit.
   */
  readonly deadline?: number;
  /** Where parsing adds what it cost (how much Markdown remark parsed): the caller reads it after (pipeline/read.ts). */
  readonly meter?: ParserMeter;
  /** Templates named with `--read-template`: notes they match are read with them. */
  readonly templates?: readonly ReadTemplate[];
}

/** What a worker needs to rebuild a SourceFile: plain data (a structured clone); the deadline and meter are each thread's own. */
export type SourceFileData = Omit<SourceFileOptions, 'deadline' | 'meter'> & { readonly bytes: Uint8Array };

/** A part of a bundle: which one, its text and where that starts in the file. */
interface Part {
  readonly bundle: Bundle | null;
  readonly text: string;
  readonly origin: Origin;
  readonly messages: Messages;
}

export class SourceFile implements Document {
  readonly path: string;
  readonly place: string;
  readonly bytes: Uint8Array | undefined;
  readonly optional: boolean;
  readonly noMarkdown: string | undefined;
  readonly deadline: number | undefined;
  readonly meter: ParserMeter | undefined;
  readonly templates: readonly ReadTemplate[] | undefined;
  /** Which part of a bundle this is (its index, the name and line of its delimiter); `null` for a whole file. */
  readonly bundle: Bundle | null;
  /** Where its text starts in the physical file: its messages map positions from there. */
  readonly origin: Origin;
  /** What was found on it, positions in the physical file. */
  readonly messages: Messages;
  /** The bundle name when it has one, else the path: its extension says what it is. */
  readonly name: string;
  /** Read by a reader of bytes: no text, and its hash is its bytes'. */
  private readonly asRead: 'text' | 'bytes';
  private decodedText: Decoded | undefined;
  private ownText: string | undefined;
  private hash: string | undefined;
  private sourceOf: Source | undefined;

  /** `part` and `asRead` are for parts() and asBytes(). */
  constructor(options: SourceFileOptions, part?: Part, asRead: 'text' | 'bytes' = 'text') {
    this.path = options.path;
    this.bytes = options.bytes;
    this.place = options.place ?? options.path;
    this.optional = options.optional === true;
    this.noMarkdown = options.noMarkdown;
    this.deadline = options.deadline;
    this.meter = options.meter;
    this.templates = options.templates;
    this.bundle = part?.bundle ?? null;
    this.origin = part?.origin ?? FILE_START;
    this.messages = part?.messages ?? new Messages();
    this.name = this.bundle?.name ?? this.path;
    this.ownText = part?.text ?? (asRead === 'bytes' ? '' : undefined);
    this.asRead = asRead;
  }

  /** The bytes decoded, once (BOM, UTF-16, Windows-1252 and line ends as read.ts does; what it finds goes on `messages`). */
  get decoded(): Decoded {
    if (this.bytes === undefined) throw new Error(`${this.path} is read as a stream: its text is never held`);
    this.decodedText ??= decode(this.bytes, this.messages);
    return this.decodedText;
  }

  /** Its text: decoded, LF line ends, no BOM, trailing blank lines cut and one final LF; empty when the bytes are no text. */
  get text(): string {
    this.ownText ??= this.decoded.ok ? documentText(this.decoded.text) : '';
    return this.ownText;
  }

  /**
   * The documents it holds: one per part of a bundle (file-level messages,
   * decoding and bundle warnings, go with the first), or the file itself
   * when it is none; no part for a bundle of delimiters only, or bytes that
   * are no text.
   */
  parts(): SourceFile[] {
    if (this.bundle !== null || this.asRead === 'bytes') return [this];
    const decoded = this.decoded;
    if (!decoded.ok) return [];
    const segments = split(decoded.text, this.messages);
    if (segments.length === 1 && segments[0]!.bundle === null) {
      this.ownText ??= segments[0]!.text;
      return [this];
    }
    return segments.map(
      ({ bundle, text, origin }, index) =>
        new SourceFile(this.options(), { bundle, text, origin, messages: new Messages(origin, index === 0 ? [...this.messages.list] : []) }),
    );
  }

  /** The file as a reader of bytes reads it: never decoded, no text. */
  asBytes(): SourceFile {
    return new SourceFile(this.options(), undefined, 'bytes');
  }

  /** The same file, not read yet (nothing decoded, no messages), with other settings. */
  with(settings: Omit<SourceFileOptions, 'path' | 'bytes'>): SourceFile {
    return new SourceFile({ ...this.options(), ...settings });
  }

  /** What a worker rebuilds it from (a whole file read into memory). */
  data(): SourceFileData {
    if (this.bytes === undefined) throw new Error(`${this.path} is read as a stream: it has no bytes to send`);
    return { path: this.path, bytes: this.bytes, place: this.place, optional: this.optional, noMarkdown: this.noMarkdown, ...(this.templates ? { templates: this.templates } : {}) };
  }

  /** SHA-256 of its text (of its bytes, read as bytes): what a record's source says. */
  get sha256(): string {
    this.hash ??= createHash('sha256')
      .update(this.asRead === 'bytes' ? this.bytes! : this.text)
      .digest('hex');
    return this.hash;
  }

  /**
   * The hash of a file read as a stream, once its reader has read it to the
   * end: every record already made from it shows it (they share `source`).
   */
  hashed(sha256: string): void {
    this.hash = sha256;
    if (this.sourceOf) this.sourceOf.sha256 = sha256;
  }

  /** What every record read from it says of its source: one object for all of them. */
  get source(): Source {
    this.sourceOf ??= { path: this.path, bundle: this.bundle, sha256: this.bytes === undefined ? (this.hash ?? '') : this.sha256 };
    return this.sourceOf;
  }

  /** What its records' ids come from: the file's place, and its index in a bundle. */
  get identity(): string {
    return `${this.place}\0${this.bundle ? this.bundle.index : ''}`;
  }

  private options(): SourceFileOptions {
    const { path, bytes, place, optional, noMarkdown, deadline, meter, templates } = this;
    return { path, bytes, place, optional, noMarkdown, deadline, meter, templates };
  }
}
