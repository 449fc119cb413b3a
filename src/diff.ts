/**
 * `ingest diff OLD NEW` (#14): what changed between two runs, by work and
 * highlight key. Pure: records in, changes out.
 *
 * A work present in one run only is a document added or removed (with each
 * of its highlights). Within a work, a highlight key in one run only is a
 * highlight added or removed, except that an added and a removed highlight
 * whose texts contain one another are one highlight changed (extended or
 * trimmed: its text hash key changed with it); a key in both runs whose
 * text, note or tags differ is a highlight changed.
 */
import type { Highlight, IngestRecord } from './schema.js';
import { wordsOf } from './work.js';

/** What a change says about its document. */
export interface DocumentSummary {
  title: string | null;
  authors: string[];
  url: string | null;
  category: string | null;
  sources: IngestRecord['sources'];
}

export type Change =
  | { change: 'added' | 'removed'; work: string; title: string | null; document: DocumentSummary }
  | { change: 'changed'; work: string; title: string | null; document: DocumentSummary; fields: string[] }
  | { change: 'added' | 'removed'; work: string; title: string | null; highlight: Highlight }
  | { change: 'changed'; work: string; title: string | null; highlight: Highlight; before: Pick<Highlight, 'text' | 'note' | 'tags'>; fields: string[] };

/** One run's records by work (a run without --merge may hold several documents of one work). */
export interface RunIndex {
  works: Map<string, { document: DocumentSummary; highlights: Map<string, Highlight> }>;
}

export function emptyIndex(): RunIndex {
  return { works: new Map() };
}

export function addToIndex(index: RunIndex, record: IngestRecord): void {
  const known = index.works.get(record.work);
  if (!known) {
    index.works.set(record.work, {
      document: { title: record.title, authors: record.authors, url: record.url, category: record.category, sources: record.sources },
      highlights: new Map(record.highlights.map((highlight) => [highlight.key, highlight])),
    });
    return;
  }
  known.document = { ...known.document, sources: [...known.document.sources, ...record.sources] };
  for (const highlight of record.highlights) if (!known.highlights.has(highlight.key)) known.highlights.set(highlight.key, highlight);
}

const sameTags = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((tag, i) => tag === b[i]);

/** The changes from `before` to `after`: works in `after`'s order, then the works `after` no longer has. */
export function diffRuns(before: RunIndex, after: RunIndex): Change[] {
  const changes: Change[] = [];
  for (const [work, now] of after.works) {
    const then = before.works.get(work);
    const title = now.document.title;
    if (!then) {
      changes.push({ change: 'added', work, title, document: now.document });
      for (const highlight of now.highlights.values()) changes.push({ change: 'added', work, title, highlight });
      continue;
    }
    const fields = (['title', 'authors', 'url', 'category'] as const).filter((field) => JSON.stringify(then.document[field]) !== JSON.stringify(now.document[field]));
    if (fields.length > 0) changes.push({ change: 'changed', work, title, document: now.document, fields: [...fields] });
    const added: Highlight[] = [];
    for (const [key, highlight] of now.highlights) {
      const old = then.highlights.get(key);
      if (!old) {
        added.push(highlight);
        continue;
      }
      const changed = [
        ...(old.text !== highlight.text ? ['text'] : []),
        ...(old.note !== highlight.note ? ['note'] : []),
        ...(!sameTags(old.tags, highlight.tags) ? ['tags'] : []),
      ];
      if (changed.length > 0) changes.push({ change: 'changed', work, title, highlight, before: { text: old.text, note: old.note, tags: old.tags }, fields: changed });
    }
    const removed = [...then.highlights.values()].filter((highlight) => !now.highlights.has(highlight.key));
    // An added and a removed highlight whose texts contain one another: the same highlight, extended or trimmed.
    const removedFolded = removed.map((highlight) => wordsOf(highlight.text));
    const matched = new Set<number>();
    for (const highlight of added) {
      const folded = wordsOf(highlight.text);
      const at = folded === '' ? -1 : removedFolded.findIndex((old, i) => !matched.has(i) && old !== '' && (` ${folded} `.includes(` ${old} `) || ` ${old} `.includes(` ${folded} `)));
      if (at < 0) {
        changes.push({ change: 'added', work, title, highlight });
        continue;
      }
      matched.add(at);
      const old = removed[at]!;
      const fields = ['text', ...(old.note !== highlight.note ? ['note'] : []), ...(!sameTags(old.tags, highlight.tags) ? ['tags'] : [])];
      changes.push({ change: 'changed', work, title, highlight, before: { text: old.text, note: old.note, tags: old.tags }, fields });
    }
    removed.forEach((highlight, i) => {
      if (!matched.has(i)) changes.push({ change: 'removed', work, title, highlight });
    });
  }
  for (const [work, then] of before.works) {
    if (after.works.has(work)) continue;
    const title = then.document.title;
    changes.push({ change: 'removed', work, title, document: then.document });
    for (const highlight of then.highlights.values()) changes.push({ change: 'removed', work, title, highlight });
  }
  return changes;
}

export interface DiffCounts {
  documents: { added: number; removed: number; changed: number };
  highlights: { added: number; removed: number; changed: number };
}

export function countChanges(changes: readonly Change[]): DiffCounts {
  const counts: DiffCounts = { documents: { added: 0, removed: 0, changed: 0 }, highlights: { added: 0, removed: 0, changed: 0 } };
  for (const change of changes) counts['document' in change ? 'documents' : 'highlights'][change.change] += 1;
  return counts;
}
