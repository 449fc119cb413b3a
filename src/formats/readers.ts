/**
 * Detection: which reader reads a document. Decided by the registry, never
 * by a list's order: the specific reader that accepts the document reads it
 * (where two shapes overlap, the reader declared `over` the other; no other
 * two specific readers accept the same fixture, seed or real-world file:
 * tests/registry.test.ts; should two ever accept one, the one owning the
 * most trusted format reads it), else the fallback of lowest rank that
 * accepts it. Loads every reader (top-level await): imported only where
 * documents are read (process.ts, input/record-file.ts).
 */
import type { Document, FormatDescriptor, SourceFormat, Work } from './format.js';
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
  // A template the user named reads the notes it matches, before any reader guesses.
  if (!optional && (document.templates?.length ?? 0) > 0) {
    const named = NAMED.find(({ reader }) => reader.detect(document));
    if (named) return named;
  }
  const accepting = SPECIFIC.filter((loaded) => (!optional || claims(loaded.descriptor, document.name)) && loaded.reader.detect(document));
  const found = accepting.length <= 1 ? (accepting[0] ?? null) : preferred(accepting);
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

/** Of several specific readers that accept one document: the one declared over the others, else the one of the most trusted format. */
function preferred(accepting: readonly Loaded[]): Loaded {
  const winsOver = (a: Loaded, b: Loaded): boolean => a.descriptor.detection.role === 'specific' && (a.descriptor.detection.over ?? []).includes(b.descriptor.id);
  const declared = accepting.find((candidate) => accepting.every((other) => other === candidate || winsOver(candidate, other)));
  return declared ?? [...accepting].sort((a, b) => topTrust(b.descriptor) - topTrust(a.descriptor))[0]!;
}

/** Every specific reader that accepts the document, less those another accepting reader is declared over (tests: one at most). */
export function specificReaders(document: Document): FormatDescriptor[] {
  const accepting = SPECIFIC.filter(({ reader }) => reader.detect(document)).map(({ descriptor }) => descriptor);
  const beaten = new Set(accepting.flatMap((descriptor) => (descriptor.detection.role === 'specific' ? (descriptor.detection.over ?? []) : [])));
  return accepting.filter((descriptor) => !beaten.has(descriptor.id));
}

const NAMED = LOADED.filter(({ descriptor }) => descriptor.detection.role === 'named');

/** Why the readers the user pointed at the document (a `--read-template`) did not take it: `info` diagnostics. */
export function namedMisses(document: Document): Array<{ message: string; position: { line: number; column: number } }> {
  if ((document.templates?.length ?? 0) === 0) return [];
  return NAMED.flatMap(({ reader }) => reader.whyNot?.(document) ?? []);
}

const REFINERS = LOADED.filter(({ descriptor }) => descriptor.detection.role === 'refines');

/** The one work a reader read from a document, with what each `refines` reader that accepts the document adds. */
export function refineWork(document: Document, work: Work, by: FormatDescriptor): Work {
  let refined = work;
  for (const { descriptor, reader } of REFINERS) {
    if (!reader.refine || !reader.detect(document)) continue;
    try {
      refined = reader.refine(document, refined, by.detection.role);
    } catch (error) {
      // What the document's own reader found stands: a refinement never costs a document.
      refined.messages.warn('refine-failed', `the ${descriptor.id} reader failed on this note (${(error as Error).message}); kept what the ${refined.fields.format} reader found`);
    }
  }
  return refined;
}

/** Every reader, loaded. */
export function loadedReaders(): readonly Loaded[] {
  return LOADED;
}
