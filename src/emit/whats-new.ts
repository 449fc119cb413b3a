/**
 * `ingest diff --format md`: the "What's new" digest of a diff. Pure.
 *
 *   # What's new
 *   From yesterday.ndjson to today.ndjson: 1 document added · 3 highlights added, 1 changed, 1 removed.
 *   ## Atomic Habits — James Clear        one section per work, in the new run's order
 *   **New document**, **Added**, **Changed** (with what it was), **Removed**
 */
import type { Change, DiffCounts } from '../diff.js';
import type { Highlight } from '../schema.js';
import { countChanges } from '../diff.js';
import { escapeInline } from './escape.js';
import { quoteLines } from './quote.js';

export function renderWhatsNew(changes: readonly Change[], names: { before: string; after: string }): string {
  const counts = countChanges(changes);
  const out = ['# What\'s new', '', `From ${escapeInline(names.before)} to ${escapeInline(names.after)}: ${overview(counts)}.`];
  const works = new Map<string, Change[]>();
  for (const change of changes) {
    const list = works.get(change.work);
    if (list) list.push(change);
    else works.set(change.work, [change]);
  }
  for (const list of works.values()) out.push('', ...section(list));
  return `${out.join('\n')}\n`;
}

function overview(counts: DiffCounts): string {
  const part = (n: number, what: string): string[] => (n > 0 ? [`${n} ${what}`] : []);
  const of = (group: DiffCounts['documents'], noun: string): string => {
    const plural = (n: number) => `${noun}${n === 1 ? '' : 's'}`;
    const parts = [...part(group.added, `${plural(group.added)} added`), ...part(group.changed, 'changed'), ...part(group.removed, 'removed')];
    return parts.join(', ');
  };
  const sentences = [of(counts.documents, 'document'), of(counts.highlights, 'highlight')].filter(Boolean);
  return sentences.length === 0 ? 'nothing changed' : sentences.join(' · ');
}

function section(changes: readonly Change[]): string[] {
  const first = changes[0]!;
  const document = changes.find((change) => 'document' in change);
  const about = document && 'document' in document ? document.document : null;
  const by = about && about.authors.length > 0 ? ` — ${escapeInline(about.authors.join(', '))}` : '';
  const out = [`## ${escapeInline(first.title ?? first.work)}${by}`];
  if (document?.change === 'added') out.push('', '**New document**');
  if (document?.change === 'removed') out.push('', '**Removed document**');
  if (document && document.change === 'changed' && 'fields' in document) out.push('', `**Changed:** ${document.fields.join(', ')}`);
  const group = (label: string, pick: (change: Change) => boolean, render: (change: Change) => string[]): void => {
    const picked = changes.filter((change) => 'highlight' in change && pick(change));
    if (picked.length === 0) return;
    out.push('', `**${label}**`);
    for (const change of picked) out.push('', ...render(change));
  };
  group('Added', (change) => change.change === 'added', (change) => highlightLines((change as { highlight: Highlight }).highlight));
  group('Changed', (change) => change.change === 'changed', (change) => {
    const changed = change as Extract<Change, { before: unknown }>;
    const lines = highlightLines(changed.highlight);
    if (changed.fields.includes('text')) lines.push('', `Was: ${escapeInline(changed.before.text)}`);
    if (changed.fields.includes('note')) lines.push('', `Note was: ${changed.before.note === null ? 'none' : escapeInline(changed.before.note)}`);
    if (changed.fields.includes('tags')) lines.push('', `Tags were: ${changed.before.tags.length === 0 ? 'none' : changed.before.tags.map((tag) => `#${escapeInline(tag)}`).join(' ')}`);
    return lines;
  });
  group('Removed', (change) => change.change === 'removed', (change) => highlightLines((change as { highlight: Highlight }).highlight).map((line) => line));
  return out;
}

function highlightLines(highlight: Highlight): string[] {
  const lines = quoteLines(highlight.text || highlight.note || '');
  if (highlight.text && highlight.note) lines.push('', `Note: ${escapeInline(highlight.note)}`);
  if (highlight.tags.length > 0) lines.push('', `Tags: ${highlight.tags.map((tag) => `#${escapeInline(tag)}`).join(' ')}`);
  return lines;
}
