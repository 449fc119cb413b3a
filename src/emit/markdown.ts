/**
 * A readable Markdown digest: every document's title, its metadata and its
 * highlights. Deterministic: no timestamps, input order.
 */
import type { Highlight, IngestRecord } from '../schema.js';
import type { Emitter } from './emitter.js';

export const emitMarkdown: Emitter = async function* (records) {
  const sections: string[] = [];
  let documents = 0;
  let highlights = 0;
  for await (const record of records) {
    documents += 1;
    highlights += record.highlights.length;
    sections.push(section(record));
  }
  yield `# Research digest\n\n${plural(documents, 'document')} · ${plural(highlights, 'highlight')}\n`;
  for (const text of sections) yield `\n${text}`;
};

function section(record: IngestRecord): string {
  const title = escapeInline(record.title ?? fileName(record.source.path, record.source.bundle?.name ?? null));
  const lines = [`## ${record.url ? `[${title}](<${record.url}>)` : title}`, ''];
  const meta = [record.authors.join(', '), record.site, record.published, record.category].filter(
    (value): value is string => Boolean(value),
  );
  if (meta.length > 0) lines.push(escapeInline(meta.join(' · ')), '');
  if (record.tags.length > 0) lines.push(`Tags: ${record.tags.map((tag) => `\`${tag}\``).join(', ')}`, '');
  if (record.summary) lines.push(`*Summary:* ${escapeInline(record.summary)}`, '');
  if (record.highlights.length > 0) {
    lines.push(`### Highlights (${record.highlights.length})`, '');
    for (const highlight of record.highlights) lines.push(...quote(highlight), '');
  } else if (record.text) {
    const opening = record.text.split('\n\n').slice(0, 2).join('\n\n');
    lines.push(...opening.split('\n').map((line) => `> ${escapeBlock(line)}`.trimEnd()), '');
  }
  lines.push(`<sub>${escapeInline(record.source.path)}${record.source.bundle ? ` #${record.source.bundle.index}` : ''}</sub>`, '');
  return lines.join('\n');
}

function quote(highlight: Highlight): string[] {
  const lines = highlight.text.split('\n').map((line) => `> ${escapeBlock(line)}`.trimEnd());
  const after: string[] = [];
  if (highlight.note) after.push(`*Note:* ${escapeInline(highlight.note.replace(/\n+/g, ' '))}`);
  if (highlight.tags.length > 0) after.push(`Tags: ${highlight.tags.map((tag) => `\`${tag}\``).join(', ')}`);
  if (highlight.url) after.push(`[${escapeInline(highlight.location ?? 'Open')}](<${highlight.url}>)`);
  if (after.length > 0) lines.push('>', `> ${after.join(' · ')}`);
  return lines;
}

function fileName(path: string, name: string | null): string {
  return (name ?? path).split('/').pop() ?? path;
}

/** Escapes characters that would start markup inside a line of text. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&').replace(/\n+/g, ' ');
}

/** Like escapeInline, and also block markers at the start of a line (`#`, `-`, `1.`). */
function escapeBlock(line: string): string {
  return escapeInline(line).replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/, '$1\\$2');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
