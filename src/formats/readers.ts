/**
 * Detection: which reader reads a document. Decided by the registry, never
 * by a list's order: the specific reader that accepts the document reads it
 * (no two specific readers accept the same fixture, seed or real-world file:
 * tests/registry.test.ts; should two ever accept one, the one owning the
 * most trusted format reads it), else the fallback of lowest rank that
 * accepts it. Loads every reader (top-level await): imported only where
 * documents are read (process.ts, input/record-file.ts).
 */
import type { Document, FormatDescriptor, SourceFormat } from './format.js';
import { claims, REGISTRY, topTrust } from './registry.js';

export interface Loaded {
  readonly descriptor: FormatDescriptor;
  readonly reader: SourceFormat;
}

const LOADED: readonly Loaded[] = await Promise.all((REGISTRY as readonly FormatDescriptor[]).map(async (descriptor) => ({ descriptor, reader: await descriptor.reader() })));

// Readers of text only: a reader of bytes is asked by detectBytes, before decoding.
const SPECIFIC = LOADED.filter(({ descriptor }) => descriptor.input === 'text' && descriptor.detection.role === 'specific');
const FALLBACKS = LOADED.filter(({ descriptor }) => descriptor.input === 'text' && descriptor.detection.role === 'fallback').sort((a, b) => rank(a.descriptor) - rank(b.descriptor));

function rank(descriptor: FormatDescriptor): number {
  return descriptor.detection.role === 'fallback' ? descriptor.detection.rank : 0;
}

/**
 * The reader of a document: the specific reader that accepts it, else the
 * first fallback by rank that does. For an optional file (registry.ts
 * isOptional) only the specific readers that claim its name are asked, and
 * `null` means none accepts it.
 */
export function detect(document: Document, optional = false): Loaded | null {
  let found: Loaded | null = null;
  for (const loaded of SPECIFIC) {
    if (optional && !claims(loaded.descriptor, document.name)) continue;
    if (loaded.reader.detect(document) && (found === null || topTrust(loaded.descriptor) > topTrust(found.descriptor))) found = loaded;
  }
  if (found || optional) return found;
  return FALLBACKS.find(({ reader }) => reader.detect(document))!;
}

/**
 * The reader of a binary file: a reader of `bytes` that claims the file's
 * name and accepts its bytes (an SQLite database's header), if any. Asked
 * before the bytes are decoded, so that a file with NUL bytes that such a
 * reader takes is never refused as binary.
 */
export function detectBytes(name: string, bytes: Uint8Array, readers: readonly Loaded[] = BYTE_READERS): Loaded | null {
  return readers.find(({ descriptor, reader }) => descriptor.input === 'bytes' && claims(descriptor, name) && reader.detect({ name, text: '', bytes })) ?? null;
}

const BYTE_READERS = LOADED.filter(({ descriptor }) => descriptor.input === 'bytes');

/** Every specific reader that accepts the document (tests: one at most). */
export function specificReaders(document: Document): FormatDescriptor[] {
  return SPECIFIC.filter(({ reader }) => reader.detect(document)).map(({ descriptor }) => descriptor);
}

/** Every reader, loaded. */
export function loadedReaders(): readonly Loaded[] {
  return LOADED;
}
