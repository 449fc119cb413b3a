/**
 * A file that is records rather than one document (a Kindle clippings
 * file, a Readwise CSV or JSON export) read as a stream: in pieces of
 * PIECE_BYTES, decoded, cut into records and each record handed to its work
 * as it comes. What is held is the works being built and one record, never
 * the file: --max-bytes limits a record, not the file.
 *
 * The outcomes are those processFile gives for the whole file, byte for
 * byte: the same decoding (BOM, UTF-16, Windows-1252 when a byte is not
 * UTF-8, which means reading again from the start), the same text (LF line
 * ends, trailing whitespace cut) and its SHA-256, the same line numbers.
 * The format is found from the file's first HEAD_BYTES; a file whose start
 * does not decide it, or that may be a bundle (`<<<FILE`), is not read here
 * (`null`): the caller reads it whole.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { SourceFormat, Work } from '../formats/format.js';
import { detect } from '../formats/readers.js';
import type { Messages, Position } from '../messages.js';
import { workOutcome, type Outcome } from '../process.js';
import { binaryReason, BytePositions, bytePosition, detectBom } from '../read.js';
import type { SourceFile } from '../source-file.js';
import { documentText } from '../split.js';
import { ChunkDecoder, NotUtf8, type Encoding } from './decode-chunks.js';
import { DocumentChunks } from './text-chunks.js';

/** What the format is found from. */
const HEAD_BYTES = 64 * 1024;
/** The pieces the file is read in. */
const PIECE_BYTES = 256 * 1024;
/** A format's `detect` may look this far into the text (kindle-clippings: 4096 characters). */
const DETECT_CHARS = 4096;
/** Work done without letting the event loop turn (and SIGINT be heard) is at most this long. */
const TURN_MS = 50;

export interface RecordFileSettings {
  /** The longest record read, in characters (--max-bytes). */
  readonly maxRecord: number;
  /** Whether to stop (an interrupt, or nobody wants the output any more): the read ends with `Interrupted`. */
  readonly stop: () => boolean;
}

export interface RecordFile {
  outcomes: Outcome[];
  /** SHA-256 of the file's bytes (the cache's key; `null` when the read stopped before the end), and how many there were. */
  bytesHash: string | null;
  size: number;
}

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/** Thrown when the text holds `<<<FILE`: the file may be a bundle, and is read whole. */
class MaybeBundle extends Error {}

interface Plan {
  format: SourceFormat;
  encoding: Encoding;
  /** Bytes of the BOM. */
  bodyStart: number;
  /** The warning decode() gives for a byte that is not UTF-8. */
  notUtf8: { byte: number; position: Position } | null;
}

/** Reads the file at `location` on disk as the records of `file` (a SourceFile without bytes: its path shown, its place). */
export async function readRecordFile(location: string, file: SourceFile, settings: RecordFileSettings): Promise<RecordFile | null> {
  const handle = await fs.promises.open(location, 'r');
  try {
    const head = Buffer.allocUnsafe(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const complete = bytesRead < HEAD_BYTES;
    const start = head.subarray(0, bytesRead);
    let plan = planOf(start, complete, file.name, null);
    if (!plan) return null;
    try {
      return await stream(handle, plan, file, settings);
    } catch (error) {
      if (error instanceof MaybeBundle) return null;
      if (!(error instanceof NotUtf8)) throw error;
      // As decode(): the whole file is Windows-1252, with a warning at the first byte that is not UTF-8.
      const position = await positionOf(handle, plan.bodyStart, error.offset);
      plan = planOf(start, complete, file.name, { byte: error.byte, position });
      // Read again from the start into a fresh copy of the file: what the first read said is forgotten.
      return plan ? await stream(handle, plan, file.with({}), settings) : null;
    }
  } catch (error) {
    if (error instanceof MaybeBundle) return null;
    throw error;
  } finally {
    await handle.close();
  }
}

/** The file's encoding and format, from its first bytes; `null` when it is not read as records. */
function planOf(head: Buffer, complete: boolean, name: string, notUtf8: Plan['notUtf8']): Plan | null {
  const bom = detectBom(head);
  const bodyStart = bom === 'utf-8' ? 3 : bom ? 2 : 0;
  const body = head.subarray(bodyStart);
  if (bom !== 'utf-16le' && bom !== 'utf-16be' && binaryReason(body)) return null;
  let encoding: Encoding = bom === 'utf-16le' || bom === 'utf-16be' ? bom : notUtf8 ? 'windows-1252' : 'utf-8';
  let text: string;
  try {
    text = decodeHead(body, encoding, complete);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    encoding = 'windows-1252';
    notUtf8 = { byte: error.byte, position: bytePosition(body, error.offset) };
    text = decodeHead(body, encoding, complete);
  }
  if (text.includes('<<<FILE')) return null;
  // Only a start long enough to decide as the whole text would (a whole first line, as much as detect looks at).
  if (!complete && (text.length < DETECT_CHARS || !text.includes('\n'))) return null;
  const document = { name, text: complete ? documentText(text) : text };
  if (document.text.trim() === '') return null;
  const format = detect(document)?.reader;
  return format?.records ? { format, encoding, bodyStart, notUtf8 } : null;
}

function decodeHead(body: Buffer, encoding: Encoding, complete: boolean): string {
  const decoder = new ChunkDecoder(encoding);
  const text = decoder.write(body);
  return complete ? text + decoder.end() : text;
}

/** Line and column of the byte at `offset` after the BOM, as decode() gives them. */
async function positionOf(handle: fs.promises.FileHandle, bodyStart: number, offset: number): Promise<Position> {
  const counter = new BytePositions();
  const buffer = Buffer.allocUnsafe(PIECE_BYTES);
  let done = 0;
  while (done < offset) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(PIECE_BYTES, offset - done), bodyStart + done);
    if (bytesRead === 0) break;
    counter.add(buffer.subarray(0, bytesRead));
    done += bytesRead;
  }
  const { bytesRead } = await handle.read(buffer, 0, 1, bodyStart + offset);
  return counter.position(bytesRead === 1 ? buffer[0] : undefined);
}

async function stream(handle: fs.promises.FileHandle, plan: Plan, file: SourceFile, settings: RecordFileSettings): Promise<RecordFile> {
  const { maxRecord, stop } = settings;
  const { path } = file;
  if (plan.notUtf8) {
    file.messages.warn('not-utf8', `byte 0x${plan.notUtf8.byte.toString(16).padStart(2, '0')} is not valid UTF-8; decoded the file as Windows-1252`, plan.notUtf8.position);
  }
  const bytesHash = createHash('sha256');
  const document = new DocumentChunks();
  let size = 0;
  let finished = false;
  async function* text(): AsyncGenerator<string> {
    const decoder = new ChunkDecoder(plan.encoding);
    const buffer = Buffer.allocUnsafe(PIECE_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, PIECE_BYTES, size);
      if (stop()) throw new Interrupted();
      if (bytesRead === 0) break;
      const bytes = buffer.subarray(0, bytesRead);
      bytesHash.update(bytes);
      const body = size < plan.bodyStart ? bytes.subarray(Math.min(bytesRead, plan.bodyStart - size)) : bytes;
      size += bytesRead;
      const piece = document.write(decoder.write(body));
      if (document.bundle) throw new MaybeBundle();
      if (piece !== '') yield piece;
    }
    const last = document.write(decoder.end()) + document.end();
    if (document.bundle) throw new MaybeBundle();
    finished = true;
    if (last !== '') yield last;
  }

  const outcomes: Outcome[] = [];
  let turned = performance.now();
  const emit = async (work: Work): Promise<void> => {
    // Every record shares the file's `source`: the text's hash is known once the last piece is read (hashed below).
    outcomes.push(workOutcome(file, work));
    if (performance.now() - turned > TURN_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turned = performance.now();
      if (stop()) throw new Interrupted();
    }
  };
  const fail = (messages: Messages): void => {
    outcomes.push({ path, record: null, diagnostics: messages.list });
  };
  const read = await plan.format.records!(text(), file.messages, { maxRecord, emit, fail });
  file.hashed(document.sha256());
  const digest = finished ? bytesHash.digest('hex') : null;
  if (!read.ok) return { outcomes: [{ path, record: null, diagnostics: read.messages.list }], bytesHash: digest, size };
  return { outcomes, bytesHash: digest, size };
}
