/**
 * Today's review (`--review N`, #27): N highlights brought back from the
 * whole library, chosen from the day alone, so that the same day gives the
 * same digest byte for byte. The rule (README, "Today's review"):
 *
 * - every highlight with text gets a number from a hash of the day and its
 *   key, raised to the power 1/weight (a weighted random draw that needs no
 *   random state: Efraimidis and Spirakis' A-Res); the largest win;
 * - weight 3 for a highlight with a note of the reader's, 1 otherwise, and a
 *   twentieth of that for one a review of the last 14 days showed;
 * - the best of each work first, so that N highlights come from N works
 *   when there are that many; then the second best of each, and so on;
 * - never one of today's "What's new".
 *
 * Streams: it keeps a few candidates per work, not every highlight. Pure.
 */
import { createHash } from 'node:crypto';

export interface Candidate<T> {
  readonly hash: string;
  readonly score: number;
  readonly work: number;
  readonly item: T;
}

/** How many candidates a work keeps beyond the review's size: room for those that turn out to be new today. */
const SPARE = 3;

export class ReviewPicker<T> {
  private readonly byWork = new Map<number, Candidate<T>[]>();

  constructor(
    private readonly today: string,
    private readonly size: number,
    /** Highlights (their key hashes) that reviews of the last days showed. */
    private readonly recent: ReadonlySet<string>,
  ) {}

  offer(work: number, hash: string, hasNote: boolean, item: T): void {
    if (this.size <= 0) return;
    const weight = (hasNote ? 3 : 1) * (this.recent.has(hash) ? 1 / 20 : 1);
    const draw = Number.parseInt(createHash('sha1').update(`${this.today}\0${hash}`).digest('hex').slice(0, 12), 16) / 2 ** 48;
    const score = draw ** (1 / weight);
    const list = this.byWork.get(work) ?? [];
    list.push({ hash, score, work, item });
    list.sort((a, b) => b.score - a.score || (a.hash < b.hash ? -1 : 1));
    if (list.length > this.size + SPARE) list.pop();
    this.byWork.set(work, list);
  }

  /** The review: best of each work first, in score order; none of `fresh`. */
  picks(fresh: ReadonlySet<string>): Candidate<T>[] {
    const lists = [...this.byWork.values()].map((list) => list.filter((candidate) => !fresh.has(candidate.hash)));
    const picked: Candidate<T>[] = [];
    for (let round = 0; picked.length < this.size; round++) {
      const layer = lists.map((list) => list[round]).filter((candidate): candidate is Candidate<T> => candidate !== undefined);
      if (layer.length === 0) break;
      layer.sort((a, b) => b.score - a.score || (a.hash < b.hash ? -1 : 1));
      picked.push(...layer.slice(0, this.size - picked.length));
    }
    return picked;
  }
}
