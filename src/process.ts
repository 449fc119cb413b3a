/**
 * The work for one input file: a SourceFile (its bytes and settings) → one
 * outcome per document, each a record plus diagnostics. Pure and
 * synchronous, so it can run in a worker and its result can be cached by
 * the bytes' hash.
 *
 *   decode → split into parts → per part: detect its format → read its works → normalize each
 */
import { createHash } from 'node:crypto';
import { extractText } from './extract/text.js';
import type { Work } from './formats/format.js';
import { detect, detectBytes, loadedReaders, namedMisses, refineWork, type Loaded } from './formats/readers.js';
import { claims } from './formats/registry.js';
import { normalize } from './normalize.js';
import type { Diagnostic, IngestRecord } from './schema.js';
import type { SourceFile } from './source-file.js';

/** What one document (or one unreadable file) came to. */
export interface Outcome {
  /** The physical file, as shown to the user. */
  path: string;
  /** `null` when the input could not be ingested; its diagnostics say why. */
  record: IngestRecord | null;
  diagnostics: Diagnostic[];
}

/**
 * Loads what the reader of a file needs before processFile reads it, where
 * that is too costly to load with every reader (SQLite for a database a
 * reader of bytes took): awaited by the caller, so processFile stays synchronous.
 */
export async function prepareFile(file: SourceFile): Promise<void> {
  if (file.bytes === undefined) return;
  const binary = detectBytes(file.path, file.bytes);
  if (binary) return binary.reader.prepare?.();
  // A reader of text with something costly to load (the HTML parser): loaded for a file whose name it claims, and for a bundle's parts of such names.
  const names = [file.path, ...bundleNames(file)];
  for (const loaded of PREPARED) if (names.some((name) => claims(loaded.descriptor, name))) await loaded.reader.prepare!();
}

/** The readers of text that have a `prepare`. */
const PREPARED = loadedReaders().filter((loaded) => loaded.descriptor.input === 'text' && loaded.reader.prepare !== undefined);

/** The names of a bundle's parts (`<<<FILE: name>>>` lines), found without splitting it. */
function bundleNames(file: SourceFile): string[] {
  if (PREPARED.length === 0) return [];
  // Looked for in the bytes: a file that is no bundle (nearly all) is not decoded here a second time.
  const bytes = file.bytes!;
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('<<<FILE') < 0) return [];
  const text = file.text;
  return [...text.matchAll(/^\s*<<<FILE:\s*([^>\n]*?)\s*>>>\s*$/gm)].map((match) => match[1]!);
}

export function processFile(file: SourceFile): Outcome[] {
  const binary = detectBytes(file.path, file.bytes!);
  if (binary) return processBytes(file, binary);
  // A walked .json or .csv is an export or nothing: never a bundle, and, unless a format accepts it, passed over.
  if (file.optional) return file.text.trim() === '' ? [] : processDocument(file);
  const parts = file.parts();
  // Bytes that are no text, or a bundle of delimiters only.
  if (parts.length === 0) return [{ path: file.path, record: null, diagnostics: file.messages.list }];
  return parts.flatMap(processDocument);
}

/** A file a reader of bytes took (readers.ts detectBytes): its works, read from the bytes as they are (never decoded; its hash is theirs). */
export function processBytes(whole: SourceFile, loaded: Loaded): Outcome[] {
  const file = whole.asBytes();
  const reading = loaded.reader.read(file, file.messages);
  if (reading.works === null) return [{ path: file.path, record: null, diagnostics: reading.messages.list }];
  return reading.works.map((work) => workOutcome(file, work));
}

/** One document → one outcome per work in it (a Kindle file holds many books), or one failure. */
export function processDocument(file: SourceFile): Outcome[] {
  if (file.text.trim() === '') {
    const message = 'the document has no text';
    if (file.bundle) file.messages.addAt('warning', 'empty-document', `${message} after its <<<FILE>>> line`, { line: file.bundle.line, column: 1 });
    else file.messages.warn('empty-document', message, { line: 1, column: 1 });
    return [outcome(file.path, normalize(extractText(''), { id: idOf(file.identity), source: file.source }, file.messages))];
  }
  const format = detect(file, file.optional);
  if (format === null) return [];
  const named = format.descriptor.detection.role === 'named';
  if (!named) for (const miss of namedMisses(file)) file.messages.info('read-template-miss', miss.message, miss.position);
  const reading = format.reader.read(file, file.messages);
  if (reading.works === null) return [{ path: file.path, record: null, diagnostics: reading.messages.list }];
  // A one-work note may hold more than its reader knew: a template's highlights, read by structure (not a note read with the user's own template: that read is exact).
  const works = reading.works.length === 1 && !named ? [refineWork(file, reading.works[0]!, format.descriptor)] : reading.works;
  return works.map((work) => workOutcome(file, work));
}

/** One work of a document → its outcome. */
export function workOutcome(file: SourceFile, work: Work): Outcome {
  const id = idOf(work.key === null ? file.identity : `${file.identity}\0${work.key}`);
  const source = file.source;
  return outcome(file.path, normalize(work.fields, { id, source }, work.messages));
}

function outcome(path: string, record: IngestRecord): Outcome {
  return { path, record, diagnostics: record.diagnostics };
}

function idOf(identity: string): string {
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}
