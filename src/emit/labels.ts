/**
 * How a document is named in the digest, its pages and their index. Pure.
 */
import type { IngestRecord } from '../schema.js';

/**
 * The document's title; for an untitled one, its first heading (a short
 * first line with no closing punctuation) or its first words in quotes
 * (`“Recent developments suggest that TikTok…”`): what a reader recognises,
 * where a file name (`001_4a9c33193a5ff20c.txt`) says nothing. The record's
 * `title` stays `null`; only the digest names it so.
 */
export function displayTitle(record: IngestRecord): string {
  if (record.title) return record.title;
  return firstWords(record) ?? fileLabel(record);
}

/** The file (or bundle) name: what an untitled document's page is named after, and the last resort for its title. */
export function fileLabel(record: IngestRecord): string {
  const name = record.source.bundle?.name ?? record.source.path;
  return name.split('/').pop() || name;
}

const WORDS = 40;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function firstWords(record: IngestRecord): string | null {
  const opening = [record.text, ...record.highlights.map((highlight) => highlight.text)].find((text) => text.trim() !== '');
  if (opening === undefined) return null;
  // The first line, without a list bullet or a wiki link's brackets.
  const line = opening
    .trim()
    .split('\n')[0]!
    .replace(/^(?:[-*+•·▪◦‣]|\d{1,3}[.)])\s+/, '')
    .replace(/\[\[([^\]]*)\]\]/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (line === '') return null;
  const paragraph = opening.trim().split(/\n\s*\n/)[0]!;
  // A heading: one short line on its own, not ending like a sentence.
  if (!paragraph.includes('\n') && [...line].length <= 60 && !/[.!?。！？…:：,，;；]$/.test(line)) return line;
  return `“${cut(line)}”`;
}

/** About WORDS characters, cut at a word (CJK text, having no spaces, at a character), with an ellipsis when cut. */
function cut(line: string): string {
  const chars = [...line];
  if (chars.length <= WORDS) return line;
  if (CJK.test(chars.slice(0, WORDS).join('')) && !chars.slice(0, WORDS).includes(' ')) return `${chars.slice(0, WORDS / 2).join('')}…`;
  const words = line.split(' ');
  let out = words[0]!;
  for (const word of words.slice(1)) {
    if ([...`${out} ${word}`].length > WORDS) break;
    out += ` ${word}`;
  }
  if ([...out].length > WORDS) out = chars.slice(0, WORDS).join('');
  return `${out.replace(/[\s,.;:—–-]+$/, '')}…`;
}

/** Where a record came from: its file (and bundle index); every document of a merged work, with its format. */
export function sourceLabel(record: IngestRecord): string {
  const one = (source: IngestRecord['source']): string => `${source.path}${source.bundle ? ` #${source.bundle.index}` : ''}`;
  if (record.sources.length <= 1) return one(record.source);
  return `merged from ${record.sources.map((ref) => `${one(ref.source)} (${ref.format})`).join(', ')}`;
}

export function anchorOf(record: IngestRecord): string {
  return `doc-${record.id}`;
}

/** The first two authors, then "et al.". */
export function authorLine(authors: readonly string[]): string {
  return authors.length <= 2 ? authors.join(', ') : `${authors.slice(0, 2).join(', ')} et al.`;
}
