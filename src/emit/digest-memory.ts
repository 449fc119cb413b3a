/**
 * What a digest written to a file remembers between runs (#27), in a small
 * state file beside it (`.digest.md.ingest-state.json`): which highlights
 * it has shown, so that the next digest opens with what is new, and which
 * highlights each day's review brought back, so that the next days favour
 * others. Pure: reading and writing the file is the pipeline's.
 *
 * Deleting the file costs nothing but one digest without a "What's new"
 * (everything there is new once). A digest of unchanged notes is the same
 * digest: "new" stays what was new when the notes last changed, so `--check`
 * and cron stay quiet until the notes change (or the day's review does).
 */
import { createHash } from 'node:crypto';

/** The state as stored. Highlight keys are kept as 10 hex digits of their SHA-1, one after another (a library of 100,000 highlights: 1 MB). */
export interface DigestMemory {
  /** The highlights of the digest before the notes last changed. */
  readonly known: ReadonlySet<string>;
  /** The highlights of the last digest. */
  readonly current: ReadonlySet<string>;
  /** The day the last digest's highlights first appeared (what "new since" counts from). */
  readonly changed: string;
  /** The highlights each day's review showed, by day (the last REVIEW_DAYS days). */
  readonly reviews: ReadonlyMap<string, readonly string[]>;
}

/** How many days of reviews are remembered, and how far back "shown in recent digests" reaches. */
export const REVIEW_DAYS = 14;

const HASH = 10;

/** A highlight key as the state keeps it. */
export function keyHash(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, HASH);
}

export function parseMemory(text: string): DigestMemory | null {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    if (data['tool'] !== 'ingest' || typeof data['known'] !== 'string' || typeof data['current'] !== 'string' || typeof data['changed'] !== 'string') return null;
    const reviews = new Map<string, string[]>();
    const stored = data['reviews'];
    if (stored !== null && typeof stored === 'object' && !Array.isArray(stored)) {
      for (const [day, keys] of Object.entries(stored as Record<string, unknown>)) {
        if (/^\d{4}-\d{2}-\d{2}$/.test(day) && Array.isArray(keys)) reviews.set(day, keys.filter((key): key is string => typeof key === 'string'));
      }
    }
    return { known: split(data['known']), current: split(data['current']), changed: data['changed'], reviews };
  } catch {
    return null;
  }
}

export function serializeMemory(memory: DigestMemory): string {
  const reviews = Object.fromEntries([...memory.reviews].sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ tool: 'ingest', about: 'what the digest beside this file has shown: delete it and the next digest has no "What\'s new"', changed: memory.changed, reviews, known: join(memory.known), current: join(memory.current) })}\n`;
}

/**
 * What is new in a digest of `keys` on `today`, the day it was first seen,
 * and what to remember: with no memory, nothing is new (there is nothing to
 * compare with); with the same highlights as the last digest, what was new
 * then; else what the last digest did not have.
 */
export function whatIsNew(
  memory: DigestMemory | null,
  keys: ReadonlySet<string>,
  today: string,
  /** Keys a highlight had in its own documents before a merge joined it with a copy from another source (work.ts originsOf): it is not new when one of them was known. */
  aliases: ReadonlyMap<string, readonly string[]> = new Map(),
): { fresh: ReadonlySet<string>; firstSeen: string | null; next: Omit<DigestMemory, 'reviews'> } {
  if (memory === null) return { fresh: new Set(), firstSeen: null, next: { known: keys, current: keys, changed: today } };
  const newer = (base: ReadonlySet<string>) => new Set([...difference(keys, base)].filter((key) => !(aliases.get(key) ?? []).some((alias) => base.has(alias))));
  if (sameSet(keys, memory.current)) return { fresh: newer(memory.known), firstSeen: memory.changed, next: memory };
  return { fresh: newer(memory.current), firstSeen: today, next: { known: memory.current, current: keys, changed: today } };
}

/** The highlights recent reviews showed (days before today within REVIEW_DAYS), and the reviews to keep with today's. */
export function recentReviews(memory: DigestMemory | null, today: string): ReadonlySet<string> {
  const recent = new Set<string>();
  if (memory === null) return recent;
  for (const [day, keys] of memory.reviews) if (day < today && daysBetween(day, today) <= REVIEW_DAYS) for (const key of keys) recent.add(key);
  return recent;
}

export function withReview(reviews: ReadonlyMap<string, readonly string[]>, today: string, picked: readonly string[]): Map<string, readonly string[]> {
  const kept = new Map([...reviews].filter(([day]) => day !== today && day < today && daysBetween(day, today) <= REVIEW_DAYS));
  if (picked.length > 0) kept.set(today, picked);
  return kept;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function split(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + HASH <= text.length; i += HASH) out.add(text.slice(i, i + HASH));
  return out;
}

function join(keys: ReadonlySet<string>): string {
  return [...keys].sort().join('');
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a) if (!b.has(key)) return false;
  return true;
}

function difference(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const key of a) if (!b.has(key)) out.add(key);
  return out;
}
