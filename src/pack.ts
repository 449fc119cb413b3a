/**
 * Documents → a bundle that `split` turns back into the same documents
 * (names and texts). Pure.
 */
import { documentText } from './split.js';

export interface PackedDocument {
  name: string | null;
  text: string;
}

export function packDelimiter(name: string | null): string {
  return name === null ? '<<<FILE>>>' : `<<<FILE: ${name}>>>`;
}

/** Why a name cannot stand on a delimiter line, or null. */
export function invalidName(name: string): string | null {
  if (/[\n\r]/.test(name)) return 'it contains a line break';
  if (name.trim() !== name) return 'it starts or ends with white space';
  if (name.endsWith('>')) return 'it ends with ">"';
  return null;
}

/** One document as it stands in a bundle: its delimiter line, then its text. */
export function packDocument(document: PackedDocument): string {
  return `${packDelimiter(document.name)}\n${documentText(document.text)}`;
}
