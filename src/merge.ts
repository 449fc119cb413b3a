/**
 * `--merge`: one record per work (#14). Pure: records in, merged records out.
 *
 * Documents are joined when they share any work key (see work.ts): an ISBN,
 * an ASIN, a folded URL, or a folded title with the first author's family
 * name. A merged record takes each field from its most trusted document
 * (FormatInfo.trust in each format's descriptor), lists every document in `sources`, and says in an `info`
 * diagnostic where another document disagreed. Highlights are deduplicated
 * by folded text (case, quotes, punctuation and white space folded); one
 * that contains another's words (at least three) is the
 * same highlight extended: the longer is kept, with both notes, every tag,
 * the colour, location and page of either and the earliest `highlightedAt`.
 *
 * Memory: the merger holds each record as its JSON in UTF-8 plus its keys
 * (the size of the NDJSON output), and parses a work's records again only
 * to merge them.
 */
import { createHash } from 'node:crypto';
import { trustOf } from './formats/registry.js';
import { countWords } from './normalize.js';
import type { Diagnostic, Highlight, IngestRecord, SourceRef } from './schema.js';
import { familyName, foldText, foldUrl, originsOf, rekey, withOrigins, wordsOf, workKeys } from './work.js';

const KEY_STRENGTH = ['isbn', 'asin', 'doi', 'url', 'title', 'id'];
const strength = (key: string): number => KEY_STRENGTH.indexOf(key.slice(0, key.indexOf(':')));

export class Merger {
  /** Each record's JSON as UTF-8 bytes: off the JS heap, and half the size of a two-byte string for non-Latin text. */
  private readonly texts: Array<Buffer | null> = [];
  private readonly keysOf: string[][] = [];
  private readonly parent: number[] = [];
  private readonly byKey = new Map<string, number>();

  /** Adds a record (its JSON is kept, not the object). */
  add(record: IngestRecord): void {
    const index = this.texts.length;
    this.texts.push(Buffer.from(JSON.stringify(record)));
    this.parent.push(index);
    const keys = recordKeys(record);
    this.keysOf.push(keys);
    for (const key of keys) {
      const other = this.byKey.get(key);
      if (other === undefined) this.byKey.set(key, index);
      else this.union(other, index);
    }
  }

  get size(): number {
    return this.texts.length;
  }

  private find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root]!;
    // Path compression keeps later finds short.
    for (let at = index; this.parent[at] !== root; ) {
      const next = this.parent[at]!;
      this.parent[at] = root;
      at = next;
    }
    return root;
  }

  private union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }

  /** One record per work, in the order of each work's first document; `note` gets each merge's info diagnostics. */
  *merged(note: (path: string, diagnostic: Diagnostic) => void = () => undefined): Generator<IngestRecord> {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < this.texts.length; i++) {
      const root = this.find(i);
      const group = groups.get(root);
      if (group) group.push(i);
      else groups.set(root, [i]);
    }
    for (const members of groups.values()) {
      const records = members.map((i) => JSON.parse(this.texts[i]!.toString('utf8')) as IngestRecord);
      const keys = members.flatMap((i) => this.keysOf[i]!);
      for (const i of members) this.texts[i] = null; // read once: let it go
      if (records.length === 1) {
        yield records[0]!;
        continue;
      }
      const { record, conflicts } = mergeWork(records, keys);
      for (const diagnostic of conflicts) note(record.source.path, diagnostic);
      yield record;
    }
  }
}

/** Every key a record's work is known by. */
export function recordKeys(record: IngestRecord): string[] {
  const keys = workKeys(record, record.id);
  return keys.includes(record.work) ? keys : [record.work, ...keys];
}

/** Records of one work → one record, and the `merge-conflict` infos (also in its diagnostics). */
export function mergeWork(records: readonly IngestRecord[], keys: readonly string[]): { record: IngestRecord; conflicts: Diagnostic[] } {
  const ranked = records.map((record, order) => ({ record, order })).sort((a, b) => trustOf(b.record.format) - trustOf(a.record.format) || a.order - b.order);
  const trusted = ranked.map(({ record }) => record);
  const first = trusted[0]!;
  const work = [...new Set(keys)].sort((a, b) => strength(a) - strength(b))[0] ?? first.work;
  const infos: Diagnostic[] = [];
  const pick = <T>(field: string, value: (record: IngestRecord) => T | null, same: (a: T, b: T) => boolean = (a, b) => a === b): T | null => {
    const holder = trusted.find((record) => value(record) !== null);
    if (!holder) return null;
    const kept = value(holder)!;
    for (const other of trusted) {
      const theirs = value(other);
      if (other === holder || theirs === null || same(kept, theirs)) continue;
      infos.push({
        severity: 'info',
        rule: 'merge-conflict',
        message: `${field}: kept ${JSON.stringify(kept)} (${holder.format}, ${where(holder)}) over ${JSON.stringify(theirs)} (${other.format}, ${where(other)})`,
        line: null,
        column: null,
      });
    }
    return kept;
  };
  const sameText = (a: string, b: string): boolean => foldText(a) === foldText(b);
  const title = pick('title', (record) => record.title, sameText);
  const authors = pick('authors', (record) => (record.authors.length > 0 ? record.authors : null), (a, b) => a.map(familyName).join('|') === b.map(familyName).join('|')) ?? [];
  const url = pick('url', (record) => record.url, (a, b) => foldUrl(a) === foldUrl(b));
  const site = pick('site', (record) => record.site, sameText);
  const published = pick('published', (record) => record.published);
  const category = pick('category', (record) => record.category);
  const summary = pick('summary', (record) => record.summary);
  const image = pick('image', (record) => record.image);
  const highlights = mergeHighlights(trusted.flatMap((record) => record.highlights)).map((highlight) => rekey(highlight, work));
  // The longest text: a clipping holds the article, an export often nothing but highlights.
  const text = trusted.reduce((longest, record) => (record.text.length > longest.length ? record.text : longest), '');
  const extra: Record<string, unknown> = {};
  for (const record of [...trusted].reverse()) Object.assign(extra, record.extra);
  const sources: SourceRef[] = trusted.flatMap((record) => record.sources);
  const record: IngestRecord = {
    id: createHash('sha256').update(`merged\0${work}`).digest('hex').slice(0, 16),
    work,
    kind: trusted.some((record) => record.kind === 'highlights') ? 'highlights' : first.kind,
    format: first.format,
    source: first.source,
    sources,
    title,
    authors,
    url,
    site,
    published,
    category,
    tags: [...new Set(trusted.flatMap((record) => record.tags))].sort(),
    summary,
    image,
    highlights,
    text,
    wordCount: countWords(text) + highlights.reduce((sum, highlight) => sum + countWords(highlight.text), 0),
    extra,
    diagnostics: [...trusted.flatMap((one) => one.diagnostics), ...infos],
  };
  return { record, conflicts: infos };
}

function where(record: IngestRecord): string {
  return record.source.bundle?.name ? `${record.source.path}: ${record.source.bundle.name}` : record.source.path;
}

/** Fewer words than this never count as contained in another highlight ("Yes." is in many). */
const MIN_CONTAINED_WORDS = 3;

interface Entry {
  highlight: Highlight;
  folded: string;
}

/**
 * Highlights deduplicated by folded text, in order of first appearance. A
 * word-trigram index finds candidates for containment, so a 10,000-highlight
 * book is merged in linear time, not by comparing every pair.
 */
export function mergeHighlights(highlights: readonly Highlight[]): Highlight[] {
  const entries: Array<Entry | null> = [];
  const exact = new Map<string, number>();
  const byTrigram = new Map<string, Set<number>>();
  const byFirstTrigram = new Map<string, Set<number>>();
  const index = (at: number): void => {
    const { folded } = entries[at]!;
    const grams = trigrams(folded);
    exact.set(folded, at);
    for (const gram of grams) addTo(byTrigram, gram, at);
    if (grams.length > 0) addTo(byFirstTrigram, grams[0]!, at);
  };
  for (const highlight of highlights) {
    const folded = wordsOf(highlight.text);
    // A note with no text (a Kindle note kept on its own) is the same only as the same note at the same place (two exports of one notebook).
    if (folded === '') {
      const note = wordsOf(highlight.note ?? '');
      const key = note === '' ? null : `\0note ${note}\0${highlight.location ?? ''}`;
      const same = key === null ? undefined : exact.get(key);
      if (same !== undefined && entries[same]) {
        entries[same]!.highlight = combine(entries[same]!.highlight, highlight);
        continue;
      }
      entries.push({ highlight, folded });
      if (key !== null) exact.set(key, entries.length - 1);
      continue;
    }
    const same = exact.get(folded);
    if (same !== undefined) {
      entries[same]!.highlight = combine(entries[same]!.highlight, highlight);
      continue;
    }
    const grams = trigrams(folded);
    let container: number | null = null;
    const contained: number[] = [];
    if (grams.length >= MIN_CONTAINED_WORDS - 2) {
      // An earlier highlight that holds this one: it holds this one's first trigram.
      for (const at of byTrigram.get(grams[0]!) ?? []) {
        if (entries[at] && holds(entries[at]!.folded, folded)) {
          container = at;
          break;
        }
      }
      // Earlier highlights this one holds: their first trigram is one of this one's.
      if (container === null) {
        for (const gram of new Set(grams)) {
          for (const at of byFirstTrigram.get(gram) ?? []) if (entries[at] && holds(folded, entries[at]!.folded) && !contained.includes(at)) contained.push(at);
        }
      }
    }
    if (container !== null) {
      entries[container]!.highlight = combine(entries[container]!.highlight, highlight);
      continue;
    }
    if (contained.length > 0) {
      // The longer text takes the place of the first shorter one; the others are folded into it.
      contained.sort((a, b) => a - b);
      let merged = highlight;
      for (const at of contained) merged = combine(merged, entries[at]!.highlight);
      for (const at of contained.slice(1)) entries[at] = null;
      entries[contained[0]!] = { highlight: merged, folded };
      index(contained[0]!);
      continue;
    }
    entries.push({ highlight, folded });
    index(entries.length - 1);
  }
  return entries.filter((entry): entry is Entry => entry !== null).map((entry) => entry.highlight);
}

/** Whether `outer` holds `inner` as whole words: "the end" is in "to the end of it", not in "the endless". */
function holds(outer: string, inner: string): boolean {
  return ` ${outer} `.includes(` ${inner} `);
}

function addTo(map: Map<string, Set<number>>, key: string, value: number): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function trigrams(folded: string): string[] {
  const words = folded.split(' ');
  if (words.length < MIN_CONTAINED_WORDS) return [];
  const grams: string[] = [];
  for (let i = 0; i + 3 <= words.length; i++) grams.push(words.slice(i, i + 3).join(' '));
  return grams;
}

/** Two copies of one highlight → one: the longer text, both notes, every tag, either's place, the earliest date. */
export function combine(a: Highlight, b: Highlight): Highlight {
  const [longer, shorter] = wordsOf(b.text).length > wordsOf(a.text).length ? [b, a] : [a, b];
  return withOrigins({
    text: longer.text,
    markdown: longer.markdown,
    url: longer.url ?? shorter.url,
    id: longer.id ?? shorter.id,
    key: longer.id !== null ? longer.key : shorter.id !== null ? shorter.key : longer.key,
    location: longer.location ?? shorter.location,
    page: longer.page ?? shorter.page,
    color: longer.color ?? shorter.color,
    tags: [...new Set([...longer.tags, ...shorter.tags])].sort(),
    note: mergeNotes(longer.note, shorter.note),
    highlightedAt: earliest(longer.highlightedAt, shorter.highlightedAt),
  }, [...originsOf(a), ...originsOf(b)]);
}

function mergeNotes(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  const [foldA, foldB] = [foldText(a), foldText(b)];
  if (foldA.includes(foldB)) return a;
  if (foldB.includes(foldA)) return b;
  return `${a}\n\n${b}`;
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  const [dayA, dayB] = [a.slice(0, 10), b.slice(0, 10)];
  if (dayA !== dayB) return dayA < dayB ? a : b;
  return a <= b ? a : b;
}
