/**
 * The highlights of one Kindle book kept so far, found by their range: a
 * new highlight is compared only with those whose range meets its own, and
 * a note is given to a highlight whose range holds it, without going
 * through every highlight of the book (a book of 100,000 clippings would
 * take minutes). Pure.
 */
import type { FoundHighlight } from '../../extract/fields.js';
import type { Header, Range } from './header.js';

/** What the index needs of a clipping. */
export interface Placed {
  /** 1-based line of the header in the document. */
  line: number;
  header: Header;
}

export interface Entry<C extends Placed = Placed> {
  clipping: C;
  highlight: FoundHighlight;
  /** Its range, whether its text is blank, and its whitespace-squashed text once needed, for comparing. */
  range: Range | null;
  blank: boolean;
  squashed?: string;
}

/** Locations per bucket of the index; a range over more than WIDE buckets is compared with every highlight. */
const BUCKET = 64;
const WIDE = 64;

export class KeptHighlights<C extends Placed> {
  /** In the order kept: the book's order, and the order a message names repeated highlights in. */
  private readonly kept = new Set<Entry<C>>();
  private readonly order = new Map<Entry<C>, number>();
  private next = 0;
  private readonly buckets = new Map<number, Set<Entry<C>>>();
  /** Highlights too wide (or backwards) for the buckets, and those without a range. */
  private readonly wide = new Set<Entry<C>>();
  private readonly unranged = new Set<Entry<C>>();

  /** The highlights kept that this one repeats or extends, in the order they were kept. */
  repeatedBy(entry: Entry<C>): Array<Entry<C>> {
    if (entry.blank) return [];
    const candidates = entry.range === null ? this.unranged : bucketsOf(entry.range) === null ? this.kept : this.near(entry.range);
    return [...candidates].filter((other) => sameHighlight(other, entry)).sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }

  add(entry: Entry<C>): void {
    this.kept.add(entry);
    this.order.set(entry, this.next++);
    this.place(entry, (set) => set.add(entry));
  }

  remove(entry: Entry<C>): void {
    this.kept.delete(entry);
    this.order.delete(entry);
    this.place(entry, (set) => set.delete(entry));
  }

  /** The latest highlight before the note whose range holds the note's start; else the first one after it. */
  ownerOf(note: C): Entry<C> | undefined {
    const at = rangeOf(note.header);
    if (at === null) return undefined;
    const holds = (entry: Entry<C>): boolean => entry.range !== null && entry.range.start <= at.start && at.start <= entry.range.end;
    const holding = [...(this.buckets.get(Math.floor(at.start / BUCKET)) ?? []), ...this.wide].filter(holds);
    holding.sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    for (let i = holding.length - 1; i >= 0; i--) if (holding[i]!.clipping.line < note.line) return holding[i];
    return holding[0];
  }

  list(): Array<Entry<C>> {
    return [...this.kept];
  }

  private near(range: Range): Set<Entry<C>> {
    const found = new Set(this.wide);
    const [first, last] = bucketsOf(range)!;
    for (let bucket = first; bucket <= last; bucket++) for (const entry of this.buckets.get(bucket) ?? []) found.add(entry);
    return found;
  }

  private place(entry: Entry<C>, change: (set: Set<Entry<C>>) => void): void {
    if (entry.range === null) return change(this.unranged);
    const buckets = bucketsOf(entry.range);
    if (buckets === null) return change(this.wide);
    for (let bucket = buckets[0]; bucket <= buckets[1]; bucket++) {
      let set = this.buckets.get(bucket);
      if (!set) this.buckets.set(bucket, (set = new Set()));
      change(set);
    }
  }
}

function bucketsOf(range: Range): [number, number] | null {
  const first = Math.floor(range.start / BUCKET);
  const last = Math.floor(range.end / BUCKET);
  return Number.isFinite(first) && Number.isFinite(last) && first <= last && last - first <= WIDE ? [first, last] : null;
}

/** Same book, overlapping ranges, and one text holds the other: one highlight extended or edited. */
function sameHighlight(a: Entry, b: Entry): boolean {
  // The squashed text is made only for highlights that overlap (not held for every one).
  if (a.blank || b.blank) return false;
  if (a.range === null || b.range === null) return a.range === b.range && squashed(a) === squashed(b);
  if (a.range.start > b.range.end || b.range.start > a.range.end) return false;
  return squashed(a).includes(squashed(b)) || squashed(b).includes(squashed(a));
}

function squashed(entry: Entry): string {
  return (entry.squashed ??= squash(entry.highlight.text));
}

/** The location range, else the page as a range when it is a number (PDFs have pages only). */
export function rangeOf(header: Header): Range | null {
  if (header.location) return header.location;
  const pages = header.page === null ? null : /^(\d+)(?:[-–](\d+))?$/.exec(header.page);
  if (pages) return { start: Number(pages[1]), end: Number(pages[2] ?? pages[1]) };
  if (header.page === null) return null;
  const [first = '', last = first] = header.page.split(/[-–]/);
  return { start: romanValue(first), end: romanValue(last) };
}

function romanValue(text: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let total = 0;
  const letters = text.toLowerCase();
  for (let i = 0; i < letters.length; i++) {
    const value = values[letters[i]!] ?? 0;
    const next = values[letters[i + 1]!] ?? 0;
    total += value < next ? -value : value;
  }
  // Roman front matter comes before page 1: kept apart from Arabic pages.
  return -total;
}

export function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
