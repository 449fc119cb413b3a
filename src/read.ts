/**
 * Bytes → text. Pure: the caller does the I/O.
 *
 * - UTF-8 (with or without BOM) is the norm; UTF-16 with a BOM is decoded too.
 * - Bytes that are not valid UTF-8 are decoded as Windows-1252 (what a
 *   Latin-1 editor wrote), with a warning that points at the first bad byte.
 * - NUL bytes or mostly control characters mean a binary file: no text.
 * - CRLF and lone CR become LF, so line numbers match what editors show.
 */
import { isUtf8 } from 'node:buffer';
import type { Messages, Position } from './messages.js';

export type Decoded = { ok: true; text: string } | { ok: false };

const SNIFF_BYTES = 8192;

export function decode(bytes: Uint8Array, messages: Messages): Decoded {
  const bom = detectBom(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    const text = new TextDecoder(bom).decode(bytes.subarray(2));
    return { ok: true, text: normalizeNewlines(text) };
  }
  const body = bom === 'utf-8' ? bytes.subarray(3) : bytes;
  const binary = binaryReason(body);
  if (binary) {
    messages.error('binary-file', `not a text file (${binary}); expected UTF-8 or Windows-1252 text`);
    return { ok: false };
  }
  const invalidAt = isUtf8(body) ? -1 : firstInvalidUtf8(body);
  let text: string;
  if (invalidAt === -1) {
    text = new TextDecoder('utf-8').decode(body);
  } else {
    text = decodeWindows1252(body);
    messages.warn(
      'not-utf8',
      `byte 0x${body[invalidAt]!.toString(16).padStart(2, '0')} is not valid UTF-8; decoded the file as Windows-1252`,
      bytePosition(body, invalidAt),
    );
  }
  return { ok: true, text: normalizeNewlines(text) };
}

export function detectBom(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Why the bytes look binary, or null. Looks at the first 8 KiB, like git and grep. */
export function binaryReason(bytes: Uint8Array): string | null {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === 0) return `NUL byte at offset ${i}`;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control += 1;
  }
  if (end > 0 && control / end > 0.1) return `${control} control characters in the first ${end} bytes`;
  return null;
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) [need, min] = [1, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [need, min] = [2, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let codePoint = byte & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Line and column (in characters, counting a multi-byte sequence once) of a byte offset. */
export function bytePosition(bytes: Uint8Array, offset: number): Position {
  const counter = new BytePositions();
  counter.add(bytes.subarray(0, offset));
  return counter.position(bytes[offset]);
}

/**
 * bytePosition over bytes that come in pieces (a file read as a stream):
 * a CR at the end of one piece is a line end of its own unless the next
 * piece starts with LF.
 */
export class BytePositions {
  private line = 1;
  private column = 1;
  private carriageReturn = false;

  add(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (this.carriageReturn && byte !== 0x0a) this.newLine();
      this.carriageReturn = byte === 0x0d;
      if (byte === 0x0a) this.newLine();
      else if ((byte & 0xc0) !== 0x80 && byte !== 0x0d) this.column += 1;
    }
  }

  /** The position after the bytes added, where `next` (the byte there, if any) starts. */
  position(next?: number): Position {
    if (this.carriageReturn && next !== 0x0a) return { line: this.line + 1, column: 1 };
    return { line: this.line, column: this.column };
  }

  private newLine(): void {
    this.line += 1;
    this.column = 1;
  }
}

/** Windows-1252's printable characters at 0x80–0x9F (Node's TextDecoder maps them to C1 controls, as Latin-1). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
