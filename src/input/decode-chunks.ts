/**
 * decode() (src/read.ts) for a file read in pieces: bytes → text with LF
 * line ends, the same text decode() gives for the whole file. A piece may
 * end inside a character (UTF-8, UTF-16) or between CR and LF: what is cut
 * waits for the next piece. Pure.
 */
import { isUtf8 } from 'node:buffer';
import { decodeWindows1252, firstInvalidUtf8 } from '../read.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * A byte that is not valid UTF-8, at `offset` in the text's bytes (after
 * any BOM). decode() then reads the whole file as Windows-1252: so must the
 * caller, from the start.
 */
export class NotUtf8 extends Error {
  constructor(
    readonly offset: number,
    readonly byte: number,
  ) {
    super(`byte 0x${byte.toString(16).padStart(2, '0')} at offset ${offset} is not valid UTF-8`);
  }
}

export class ChunkDecoder {
  /** UTF-8: the start of a character cut off at the end of the last piece. */
  private carry: Buffer = Buffer.alloc(0);
  /** UTF-8: bytes decoded before `carry`. */
  private offset = 0;
  private readonly utf16: InstanceType<typeof TextDecoder> | null;
  /** The last piece of text ended in CR: an LF may follow. */
  private carriageReturn = false;
  /** UTF-8: no text yet. TextDecoder drops a BOM at the start of what it decodes (after the one the caller skipped): so does this. */
  private atStart = true;

  constructor(readonly encoding: Encoding) {
    this.utf16 = encoding === 'utf-16le' || encoding === 'utf-16be' ? new TextDecoder(encoding) : null;
  }

  /** The text of these bytes, as far as it is complete. Throws NotUtf8. */
  write(bytes: Uint8Array): string {
    return this.newlines(this.decode(bytes), false);
  }

  /** What is left at the end of the file. Throws NotUtf8 for a character cut off. */
  end(): string {
    let text = '';
    if (this.utf16) text = this.utf16.decode();
    else if (this.carry.length > 0) {
      const at = firstInvalidUtf8(this.carry);
      throw new NotUtf8(this.offset + Math.max(0, at), this.carry[Math.max(0, at)]!);
    }
    return this.newlines(text, true);
  }

  private decode(bytes: Uint8Array): string {
    if (this.utf16) return this.utf16.decode(bytes, { stream: true });
    if (this.encoding === 'windows-1252') return decodeWindows1252(bytes);
    const piece = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const cut = completeLength(piece);
    const complete = piece.subarray(0, cut);
    if (!isUtf8(complete)) {
      const at = firstInvalidUtf8(complete);
      throw new NotUtf8(this.offset + at, complete[at]!);
    }
    this.offset += cut;
    // A copy: the caller may reuse its buffer for the next piece.
    this.carry = Buffer.from(piece.subarray(cut));
    const text = complete.toString('utf8');
    if (!this.atStart || text === '') return text;
    this.atStart = false;
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  }

  /** CRLF and lone CR → LF, as normalizeNewlines; a CR at the end of a piece waits to see what follows. */
  private newlines(text: string, last: boolean): string {
    let joined = this.carriageReturn ? `\r${text}` : text;
    this.carriageReturn = !last && joined.endsWith('\r');
    if (this.carriageReturn) joined = joined.slice(0, -1);
    return joined.includes('\r') ? joined.replace(/\r\n?/g, '\n') : joined;
  }
}

/** How many of the bytes end on a character boundary: a lead byte in the last three whose character is not all there is cut. */
function completeLength(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return size > back ? length - back : length;
  }
  return length;
}
