/**
 * The work for one input file: bytes (and settings) → one outcome per
 * document, each a record plus diagnostics. Pure and synchronous, so it can
 * run in a worker and its result can be cached by the bytes' hash.
 *
 *   decode → split → per document: detect its format → read its works → normalize each
 */
import { createHash } from 'node:crypto';
import { extractText } from './extract/text.js';
import type { Document, Work } from './formats/format.js';
import { detect, detectBytes, refineWork, type Loaded } from './formats/readers.js';
import { FILE_START, Messages } from './messages.js';
import { normalize } from './normalize.js';
import { decode } from './read.js';
import type { ParserMeter } from './parse/markdown.js';
import type { Bundle, Diagnostic, IngestRecord, Source } from './schema.js';
import { documentText, split, type Segment } from './split.js';

/** What one document (or one unreadable file) came to. */
export interface Outcome {
  /** The physical file, as shown to the user. */
  path: string;
  /** `null` when the input could not be ingested; its diagnostics say why. */
  record: IngestRecord | null;
  diagnostics: Diagnostic[];
}

export interface ProcessSettings {
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
  /** Where parsing adds what it cost (how much Markdown remark parsed): the caller reads it after (pipeline/read.ts). */
  readonly meter?: ParserMeter;
}

export function processFile(path: string, bytes: Uint8Array, settings: ProcessSettings = {}): Outcome[] {
  const binary = detectBytes(path, bytes);
  if (binary) return processBytes(path, bytes, binary, settings);
  const fileMessages = new Messages();
  const decoded = decode(bytes, fileMessages);
  if (settings.optional) {
    // A walked .json or .csv is an export or nothing: never a bundle, and, unless a format accepts it, passed over.
    const text = decoded.ok ? documentText(decoded.text) : '';
    return text.trim() === '' ? [] : processDocument(path, { text, bundle: null, origin: FILE_START }, fileMessages, settings);
  }
  if (!decoded.ok) return [{ path, record: null, diagnostics: fileMessages.list }];
  const segments = split(decoded.text, fileMessages);
  if (segments.length === 0) {
    // A bundle of delimiters only.
    return [{ path, record: null, diagnostics: fileMessages.list }];
  }
  return segments.flatMap((segment, index) => {
    // File-level diagnostics (encoding, bundle) go with the first document.
    const messages = new Messages(segment.origin, index === 0 ? [...fileMessages.list] : []);
    return processDocument(path, segment, messages, settings);
  });
}

/** A file a reader of bytes took (readers.ts detectBytes): its works, read from the bytes as they are. */
export function processBytes(path: string, bytes: Uint8Array, loaded: Loaded, settings: ProcessSettings = {}): Outcome[] {
  const messages = new Messages();
  const document: Document = { name: path, text: '', bytes, deadline: settings.deadline };
  // A binary source has no text: its source hash is its bytes'.
  const source = { path, bundle: null, sha256: createHash('sha256').update(bytes).digest('hex') };
  const reading = loaded.reader.read(document, messages);
  if (reading.works === null) return [{ path, record: null, diagnostics: reading.messages.list }];
  const identity = documentIdentity(settings.place ?? path, null);
  return reading.works.map((work) => workOutcome(path, identity, work, source));
}

/** One document → one outcome per work in it (a Kindle file holds many books), or one failure. */
export function processDocument(path: string, segment: Segment, messages: Messages, settings: ProcessSettings = {}): Outcome[] {
  const document: Document = { name: segment.bundle?.name ?? path, text: segment.text, noMarkdown: settings.noMarkdown, deadline: settings.deadline, meter: settings.meter };
  const source = { path, bundle: segment.bundle, sha256: createHash('sha256').update(segment.text).digest('hex') };
  const identity = documentIdentity(settings.place ?? path, segment.bundle);
  if (segment.text.trim() === '') {
    const message = 'the document has no text';
    if (segment.bundle) messages.addAt('warning', 'empty-document', `${message} after its <<<FILE>>> line`, { line: segment.bundle.line, column: 1 });
    else messages.warn('empty-document', message, { line: 1, column: 1 });
    return [outcome(path, normalize(extractText(''), { id: idOf(identity), source }, messages))];
  }
  const format = detect(document, settings.optional === true);
  if (format === null) return [];
  const reading = format.reader.read(document, messages);
  if (reading.works === null) return [{ path, record: null, diagnostics: reading.messages.list }];
  // A one-work note may hold more than its reader knew: a template's highlights, read by structure.
  const works = reading.works.length === 1 ? [refineWork(document, reading.works[0]!, format.descriptor)] : reading.works;
  return works.map((work) => workOutcome(path, identity, work, source));
}

/** What a document's ids come from: the file's place, and its index in a bundle. */
export function documentIdentity(place: string, bundle: Bundle | null): string {
  return `${place}\0${bundle ? bundle.index : ''}`;
}

/** One work of a document → its outcome. */
export function workOutcome(path: string, identity: string, work: Work, source: Source): Outcome {
  const id = idOf(work.key === null ? identity : `${identity}\0${work.key}`);
  return outcome(path, normalize(work.fields, { id, source }, work.messages));
}

function outcome(path: string, record: IngestRecord): Outcome {
  return { path, record, diagnostics: record.diagnostics };
}

function idOf(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}
