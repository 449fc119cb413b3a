/**
 * The Markdown digest: what a researcher actually reads.
 *
 *   # Research digest            one line: documents · highlights · sources · date range
 *   ## Contents                  newest first, undated last (ties by title, then path)
 *   ## Tags                      each tag → its documents
 *   ## Key figures               money, percentages and large counts, with their sentences
 *   ## <document> …              metadata, summary, highlights, or the opening of a text
 *
 * Pure and deterministic: no timestamps, a fixed order, stable anchors.
 */
import { findFigures, type Figure } from '../figures.js';
import { printable } from '../printable.js';
import type { Highlight, IngestRecord } from '../schema.js';
import type { Emitter } from './emitter.js';

interface Entry {
  anchor: string;
  title: string;
  published: string | null;
  path: string;
  index: number;
  site: string | null;
  tags: string[];
  figures: Figure[];
  section: string;
  highlights: number;
}

export const emitMarkdown: Emitter = async function* (records) {
  const entries: Entry[] = [];
  for await (const record of records) {
    entries.push({
      anchor: anchorOf(record),
      title: displayTitle(record),
      published: record.published,
      path: record.source.path,
      index: record.source.bundle?.index ?? -1,
      site: record.site,
      tags: record.tags,
      figures: figuresOf(record),
      section: documentSection(record),
      highlights: record.highlights.length,
    });
  }
  entries.sort(byDigestOrder);
  yield header(entries);
  yield contents(entries);
  yield tagIndex(entries);
  yield keyFigures(entries);
  for (const entry of entries) yield entry.section;
};

/** What the digest and the --out-dir index sort by. */
export interface DigestKey {
  published: string | null;
  title: string;
  path: string;
  index: number;
}

/** Newest first, undated last; ties by title, then path and bundle index. */
export function byDigestOrder(a: DigestKey, b: DigestKey): number {
  if (a.published !== b.published) {
    if (a.published === null) return 1;
    if (b.published === null) return -1;
    return a.published < b.published ? 1 : -1;
  }
  const titleA = a.title.toLowerCase();
  const titleB = b.title.toLowerCase();
  if (titleA !== titleB) return titleA < titleB ? -1 : 1;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.index - b.index;
}

function header(entries: Entry[]): string {
  const highlights = entries.reduce((sum, entry) => sum + entry.highlights, 0);
  const sources = new Set(entries.map((entry) => entry.site).filter((site): site is string => site !== null)).size;
  const dates = entries.map((entry) => entry.published).filter((date): date is string => date !== null).sort();
  const range = dates.length === 0 ? 'no dates' : dates[0] === dates[dates.length - 1] ? dates[0]! : `${dates[0]} to ${dates[dates.length - 1]}`;
  const overview = [plural(entries.length, 'document'), plural(highlights, 'highlight'), plural(sources, 'source'), range].join(' · ');
  return `# Research digest\n\n${overview}\n`;
}

function contents(entries: Entry[]): string {
  if (entries.length === 0) return '';
  const lines = entries.map((entry, i) => `${i + 1}. [${escapeInline(entry.title)}](#${entry.anchor}) — ${escapeInline([entry.site, entry.published ?? 'undated'].filter(Boolean).join(', '))}`);
  return `\n## Contents\n\n${lines.join('\n')}\n`;
}

function tagIndex(entries: Entry[]): string {
  const byTag = new Map<string, Entry[]>();
  for (const entry of entries) for (const tag of entry.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
  if (byTag.size === 0) return '';
  const tags = [...byTag.keys()].sort();
  const lines = tags.map((tag) => `- **${escapeInline(tag)}**: ${byTag.get(tag)!.map((entry) => `[${escapeInline(entry.title)}](#${entry.anchor})`).join(', ')}`);
  return `\n## Tags\n\n${lines.join('\n')}\n`;
}

function keyFigures(entries: Entry[]): string {
  const withFigures = entries.filter((entry) => entry.figures.length > 0);
  if (withFigures.length === 0) return '';
  const parts = ['\n## Key figures\n'];
  for (const entry of withFigures) {
    parts.push(`\n### [${escapeInline(entry.title)}](#${entry.anchor})\n\n| Figure | Where it stands |\n|---|---|\n`);
    for (const figure of entry.figures) {
      parts.push(`| ${escapeCell(figure.figure)} | ${escapeCell(figure.sentence, figure.figure)} |\n`);
    }
  }
  return parts.join('');
}

/** Figures in highlights, then in the text; the same figure in the same sentence once. */
function figuresOf(record: IngestRecord): Figure[] {
  const seen = new Set<string>();
  const out: Figure[] = [];
  for (const text of [...record.highlights.map((highlight) => highlight.text), record.text]) {
    for (const figure of findFigures(text)) {
      const key = `${figure.figure}\0${figure.sentence}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(figure);
    }
  }
  return out;
}

function documentSection(record: IngestRecord): string {
  const title = escapeInline(displayTitle(record));
  const lines = [`\n<a id="${anchorOf(record)}"></a>\n`, `## ${record.url ? `[${title}](<${record.url}>)` : title}`, ''];
  lines.push(...metadataLines(record));
  if (record.highlights.length > 0) {
    lines.push(`### Highlights (${record.highlights.length})`, '');
    for (const highlight of record.highlights) lines.push(...quote(highlight), '');
  } else if (record.text) {
    const quoted = opening(record.text).map((paragraph) => paragraph.split('\n').map(quoteLine).join('\n'));
    lines.push(quoted.join('\n>\n'), '');
  }
  lines.push(`<sub>${escapeInline(sourceLabel(record))}</sub>`, '');
  return lines.join('\n');
}

/** A line of text in a blockquote; `•` bullets become a Markdown list. */
function quoteLine(line: string): string {
  const bullet = /^[•·▪◦‣]\s+(.*)$/.exec(line);
  return (bullet ? `> - ${escapeInline(bullet[1]!)}` : `> ${escapeBlock(line)}`).trimEnd();
}

/** One standalone page per document (`--out-dir` with `--format md`): everything, the full text too. */
export function documentPage(record: IngestRecord): string {
  const title = escapeInline(displayTitle(record));
  const lines = [`# ${record.url ? `[${title}](<${record.url}>)` : title}`, ''];
  lines.push(...metadataLines(record));
  if (record.highlights.length > 0) {
    lines.push(`## Highlights (${record.highlights.length})`, '');
    for (const highlight of record.highlights) lines.push(...quote(highlight), '');
  }
  if (record.text) {
    lines.push('## Text', '');
    for (const paragraph of record.text.split('\n\n')) {
      const bullets = paragraph.split('\n').every((line) => /^[•·▪◦‣*-]\s/.test(line));
      lines.push(bullets ? paragraph.split('\n').map((line) => `- ${escapeInline(line.replace(/^[•·▪◦‣*-]\s+/, ''))}`).join('\n') : paragraph.split('\n').map(escapeBlock).join('  \n'), '');
    }
  }
  lines.push(`<sub>${escapeInline(sourceLabel(record))}</sub>`, '');
  return lines.join('\n');
}

function metadataLines(record: IngestRecord): string[] {
  const lines: string[] = [];
  const meta = [record.authors.join(', '), record.site, record.published, record.category].filter((value): value is string => Boolean(value));
  if (meta.length > 0) lines.push(escapeInline(meta.join(' · ')), '');
  if (record.tags.length > 0) lines.push(`Tags: ${record.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(', ')}`, '');
  if (record.summary) lines.push(`**Summary:** ${escapeInline(record.summary)}`, '');
  return lines;
}

/** The opening of a text: its In-brief list when it has one, else its first two paragraphs. */
function opening(text: string): string[] {
  const paragraphs = text.split('\n\n');
  const brief = paragraphs.findIndex((paragraph) => /^in brief\b/i.test(paragraph));
  if (brief >= 0 && paragraphs[brief + 1]?.startsWith('•')) return paragraphs.slice(brief, brief + 2);
  const prose = paragraphs.filter((paragraph) => paragraph.length > 80 || /[.!?]$/.test(paragraph));
  return (prose.length > 0 ? prose : paragraphs).slice(0, 2);
}

function quote(highlight: Highlight): string[] {
  const lines = highlight.text.split('\n').map((line) => `> ${escapeBlock(line)}`.trimEnd());
  const after: string[] = [];
  if (highlight.note) after.push(`*Note:* ${escapeInline(highlight.note)}`);
  if (highlight.tags.length > 0) after.push(`Tags: ${highlight.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(', ')}`);
  if (highlight.url) after.push(`[${escapeInline(highlight.location ?? 'View Highlight')}](<${highlight.url}>)`);
  else if (highlight.location) after.push(escapeInline(highlight.location));
  if (after.length > 0) lines.push('>', `> — ${after.join(' · ')}`);
  return lines;
}

/** A document without a title is shown by its file name. */
export function displayTitle(record: IngestRecord): string {
  if (record.title) return record.title;
  const name = record.source.bundle?.name ?? record.source.path;
  return name.split('/').pop() || name;
}

function sourceLabel(record: IngestRecord): string {
  return `${record.source.path}${record.source.bundle ? ` #${record.source.bundle.index}` : ''}`;
}

export function anchorOf(record: IngestRecord): string {
  return `doc-${record.id}`;
}

/** Escapes what would start markup inside a line of text (CommonMark allows a backslash before any punctuation). */
export function escapeInline(text: string): string {
  // Control characters from a note (a terminal escape sequence) are written as escapes, never raw.
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  const escaped = text.replace(/[\\`*_[\]<>|$~&]/g, '\\$&').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, printable);
  return escaped.includes('\n')
    ? escaped
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' ')
    : escaped;
}

/** Like escapeInline, and also block markers at the start of a line (`#`, `-`, `1.`). */
function escapeBlock(line: string): string {
  return escapeInline(line).replace(/^(\s*)([#>+=-]|\d+[.)])(?=\s|$)/, '$1\\$2');
}

/** A table cell: escaped, with the figure in bold where it stands in the sentence. */
function escapeCell(text: string, bold?: string): string {
  if (bold === undefined) return escapeInline(text);
  const at = text.indexOf(bold);
  if (at < 0) return escapeInline(text);
  return `${escapeInline(text.slice(0, at))}**${escapeInline(bold)}**${escapeInline(text.slice(at + bold.length))}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
