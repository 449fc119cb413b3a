/**
 * What's new and Today's review on the `--out-dir` index (#27): the same
 * two sections as the digest's (emit/markdown.ts, digest-memory.ts,
 * review.ts), each highlight linking to its block on its page
 * (`[Atomic Habits](<atomic-habits.md#^h-7cc38ed0f941>)`). The memory is kept
 * beside the index (`DIR/.index.md.ingest-state.json`). It holds the quote
 * of a highlight only when it may be new (not in both of the last two
 * digests) or is a review candidate: not the whole library.
 */
import type { Highlight } from '../schema.js';
import { keyHash, recentReviews, whatIsNew, withReview, type DigestMemory } from '../emit/digest-memory.js';
import { ReviewPicker } from '../emit/review.js';
import { authorLine, escapeInline, nothingNew, quote } from '../emit/markdown.js';
import { originsOf } from '../work.js';

interface Kept {
  readonly work: number;
  readonly quote: string;
  readonly link: string;
  readonly day: string | null;
}

interface Work {
  readonly title: string;
  readonly authors: readonly string[];
  readonly file: string;
}

export class IndexDigest {
  private readonly works: Work[] = [];
  private readonly keys = new Set<string>();
  private readonly aliases = new Map<string, readonly string[]>();
  /** Highlights that may be new, by key hash. */
  private readonly maybeNew = new Map<string, Kept>();
  private readonly picker: ReviewPicker<Kept>;

  constructor(
    private readonly previous: DigestMemory | null,
    private readonly today: string,
    review: number,
  ) {
    this.picker = new ReviewPicker(today, review, recentReviews(previous, today));
  }

  /** A work's page and its highlights, each with the block id the page gives it. */
  add(work: Work, highlights: readonly Highlight[], blocks: ReadonlyMap<Highlight, string>, idOf: (key: string) => string): void {
    const index = this.works.length;
    this.works.push(work);
    for (const highlight of highlights) {
      const hash = keyHash(highlight.key);
      this.keys.add(hash);
      const others = originsOf(highlight).filter((key) => key !== highlight.key).map(keyHash);
      if (others.length > 0) this.aliases.set(hash, others);
      const kept = (): Kept => ({ work: index, quote: quote(highlight).join('\n'), link: `${work.file}#^${blocks.get(highlight) ?? idOf(highlight.key)}`, day: highlight.highlightedAt });
      const known = this.previous !== null && this.previous.current.has(hash) && this.previous.known.has(hash);
      if (this.previous !== null && !known) this.maybeNew.set(hash, kept());
      if (highlight.text.trim() !== '') this.picker.offer(index, hash, highlight.note !== null, kept());
    }
  }

  /** The two sections, and the memory to keep. */
  sections(): { text: string; next: DigestMemory; fresh: number } {
    const { fresh, firstSeen, next } = whatIsNew(this.previous, this.keys, this.today, this.aliases);
    const picks = this.picker.picks(fresh);
    const out = ["## What's new", ''];
    const found = [...fresh].map((hash) => this.maybeNew.get(hash)).filter((kept): kept is Kept => kept !== undefined);
    if (found.length === 0) out.push(nothingNew(firstSeen ?? this.today), '');
    else {
      const byWork = new Map<number, Kept[]>();
      for (const kept of found) byWork.set(kept.work, [...(byWork.get(kept.work) ?? []), kept]);
      const newest = (list: Kept[]) => list.map((kept) => kept.day ?? '').sort().at(-1) ?? '';
      const groups = [...byWork].sort(([a, x], [b, y]) => (newest(y) < newest(x) ? -1 : newest(y) > newest(x) ? 1 : a - b));
      out.push(`${found.length} new ${found.length === 1 ? 'highlight' : 'highlights'} in ${groups.length} ${groups.length === 1 ? 'work' : 'works'}, first here on ${firstSeen}.`, '');
      for (const [work, list] of groups) {
        out.push(`### ${this.title(work)}`, '');
        for (const kept of [...list].sort((a, b) => ((b.day ?? '') < (a.day ?? '') ? -1 : (b.day ?? '') > (a.day ?? '') ? 1 : 0))) out.push(kept.quote, `>`, `> — [on its page](<${kept.link}>)`, '');
      }
    }
    if (picks.length > 0) {
      out.push("## Today's review", '', `${picks.length} ${picks.length === 1 ? 'highlight' : 'highlights'} for ${this.today}.`, '');
      for (const pick of picks) out.push(pick.item.quote, '>', `> — from ${this.title(pick.item.work, pick.item.link)}`, '');
    }
    const reviews = withReview(this.previous?.reviews ?? new Map(), this.today, picks.map((pick) => pick.hash));
    return { text: out.join('\n'), next: { ...next, reviews }, fresh: found.length };
  }

  private title(work: number, link?: string): string {
    const { title, authors, file } = this.works[work]!;
    return `[${escapeInline(title)}](<${link ?? file}>)${authors.length > 0 ? ` — ${escapeInline(authorLine(authors))}` : ''}`;
  }
}
