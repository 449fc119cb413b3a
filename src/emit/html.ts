/**
 * The HTML digest (`-f html`): the Markdown digest's sections as one
 * self-contained page, safe to open from a mail or a file: no script, no
 * remote resource (images are links, never loaded), one inline style sheet,
 * every text from notes escaped. Adds a chart of highlights per week over
 * the last year, drawn as inline SVG. Pure and deterministic (the day is given).
 */
import type { Highlight, IngestRecord } from '../schema.js';
import { digestEntry, type DigestEntry } from './digest-entry.js';
import { SHELVES } from './digest-contents.js';
import type { Emitter } from './emitter.js';
import { anchorOf, authorLine, displayTitle, sourceLabel } from './labels.js';
import { recentReviews } from './digest-memory.js';
import { ReviewPicker } from './review.js';
import { byDigestOrder, digestFacts, newGroups, nothingNew, overviewLine } from './markdown.js';
import { canonicalUrl } from '../normalize.js';

type Entry = DigestEntry;

export const emitHtml: Emitter = async function* (records, options = {}) {
  const today = options.today ?? '1970-01-01';
  const entries: Entry[] = [];
  const picker = new ReviewPicker<{ entry: number; highlight: number }>(today, options.review ?? 0, recentReviews(options.memory?.previous ?? null, today));
  const days = new Map<string, number>();
  for await (const record of records) {
    const entry = entryOf(record);
    record.highlights.forEach((highlight, i) => {
      if (highlight.text.trim() !== '') picker.offer(entries.length, entry.hashes[i]!, highlight.note !== null, { entry: entries.length, highlight: i });
      const day = highlight.highlightedAt?.slice(0, 10);
      if (day !== undefined && day <= today) days.set(day, (days.get(day) ?? 0) + 1);
    });
    entries.push(entry);
  }
  const sorted = [...entries].sort((a, b) => SHELVES.indexOf(a.shelf) - SHELVES.indexOf(b.shelf) || byDigestOrder(a, b));
  const { news, review } = digestFacts(entries, picker, options);
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Research digest${options.today ? ` · ${esc(options.today)}` : ''}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Research digest</h1>
<p class="overview">${esc(overviewLine(entries, options.since ?? null))}</p>
${chart(days, today)}
`;
  if (news !== null) yield whatsNew(entries, news);
  if (review.length > 0) {
    const works = new Set(review.map((pick) => pick.entry)).size;
    const items = review.map((pick) => {
      const entry = entries[pick.entry]!;
      return `${entry.quotes[pick.highlight]}\n<p class="from">from <a href="#${entry.anchor}">${esc(entry.title)}</a>${entry.authors.length > 0 ? `, ${esc(authorLine(entry.authors))}` : ''}</p>`;
    });
    yield `<section id="review">\n<h2>Today’s review</h2>\n<p>${esc(`${plural(review.length, 'highlight')} from ${plural(works, 'work')} for ${today}.`)}</p>\n${items.join('\n')}\n</section>\n`;
  }
  yield contents(sorted);
  yield tags(sorted);
  for (const entry of sorted) yield `${entry.head}${entry.quotes.join('\n')}${entry.tail}`;
  yield '</main>\n</body>\n</html>\n';
};

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--accent:#0969da;--quote:#f6f8fa;--bar:#2da44e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--accent:#4493f8;--quote:#151b23;--bar:#3fb950}}
body{margin:0;font:17px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,"PingFang SC","Hiragino Sans","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--fg);background:Canvas}
main{max-width:46rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:2rem;margin:0 0 .25rem}h2{font-size:1.45rem;margin:2.5rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.overview,.meta,.from,.source,.count{color:var(--muted);font-size:.9rem}
blockquote{margin:1rem 0;padding:.6rem 1rem;background:var(--quote);border-left:4px solid var(--line);border-radius:4px}
blockquote p{margin:.3rem 0}.note{margin-top:.5rem;font-style:italic}.where{font-size:.85rem;color:var(--muted)}
ul.contents{padding-left:1.2rem}ul.contents li{margin:.2rem 0}
code{font-size:.9em;padding:.1em .3em;background:var(--quote);border-radius:3px}
figure{margin:1.5rem 0}figcaption{color:var(--muted);font-size:.85rem}
svg.chart{width:100%;height:auto}svg.chart rect{fill:var(--bar)}svg.chart text{fill:var(--muted);font-size:10px}
`;

function entryOf(record: IngestRecord): Entry {
  const title = displayTitle(record);
  const heading = record.url && /^https?:/.test(record.url) ? `<a href="${attr(record.url)}">${esc(title)}</a>` : esc(title);
  const meta = [authorLine(record.authors), record.site, record.published, record.category].filter((value): value is string => Boolean(value)).join(' · ');
  const head = [`<section id="${anchorOf(record)}">`, `<h2>${heading}</h2>`];
  if (meta) head.push(`<p class="meta">${esc(meta)}</p>`);
  if (record.tags.length > 0) head.push(`<p class="meta">Tags: ${record.tags.map((tag) => `<code>${esc(tag)}</code>`).join(', ')}</p>`);
  if (record.summary) head.push(`<p><strong>Summary:</strong> ${esc(record.summary)}</p>`);
  if (record.highlights.length > 0) head.push(`<h3>Highlights (${record.highlights.length})</h3>`);
  else if (record.text) head.push(`<blockquote>${paragraphs(record.text.split('\n\n').slice(0, 2).join('\n\n'))}</blockquote>`);
  return digestEntry(record, {
    head: `${head.join('\n')}\n`,
    quotes: record.highlights.map(quote),
    tail: `\n<p class="source">${esc(sourceLabel(record))} · <a href="#contents">back to contents</a></p>\n</section>\n`,
  });
}

/** A highlight: its text (or, for an image, a link to it), its note, tags and place. */
function quote(highlight: Highlight): string {
  const body = highlight.text.trim() !== '' ? paragraphs(highlight.text) : images(highlight.markdown);
  const after: string[] = [];
  if (highlight.note) after.push(`<p class="note">Note: ${esc(highlight.note)}</p>`);
  const where = [highlight.tags.length > 0 ? `Tags: ${highlight.tags.map((tag) => `<code>${esc(tag)}</code>`).join(', ')}` : null, highlight.url && /^https?:/.test(highlight.url) ? `<a href="${attr(highlight.url)}">${esc(highlight.location ?? 'View Highlight')}</a>` : highlight.location ? esc(highlight.location) : null].filter(Boolean);
  if (where.length > 0) after.push(`<p class="where">${where.join(' · ')}</p>`);
  return `<blockquote>${body}${after.join('')}</blockquote>`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.split('\n').map(esc).join('<br>')}</p>`)
    .join('');
}

function images(markdown: string): string {
  const found = [...markdown.matchAll(/!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?[^)]*\)/g)].map((match) => {
    const url = canonicalUrl(match[2]!);
    const label = `Image${match[1]!.trim() ? `: ${match[1]!.trim()}` : ''}`;
    return url && /^https?:/.test(url) ? `<p><a href="${attr(url)}">${esc(label)}</a></p>` : `<p>${esc(label)}</p>`;
  });
  return found.join('') || '<p>(no text)</p>';
}

function whatsNew(entries: readonly Entry[], news: { fresh: ReadonlySet<string>; firstSeen: string }): string {
  const out = ['<section id="new">', '<h2>What’s new</h2>'];
  const groups = news.fresh.size === 0 ? [] : newGroups(entries, news.fresh);
  if (groups.length === 0) return `${out.join('\n')}\n<p>${esc(nothingNew(news.firstSeen))}</p>\n</section>\n`;
  const count = groups.reduce((sum, group) => sum + group.found.length, 0);
  out.push(`<p>${esc(`${plural(count, 'new highlight')} in ${plural(groups.length, 'work')}, first in the digest on ${news.firstSeen}.`)}</p>`);
  for (const { entry, found } of groups) {
    out.push(`<h3><a href="#${entry.anchor}">${esc(entry.title)}</a>${entry.authors.length > 0 ? ` — ${esc(authorLine(entry.authors))}` : ''}</h3>`);
    for (const i of found) out.push(entry.quotes[i]!);
  }
  return `${out.join('\n')}\n</section>\n`;
}

function contents(entries: readonly Entry[]): string {
  if (entries.length === 0) return '';
  const out = ['<section id="contents">', '<h2>Contents</h2>'];
  for (const shelf of SHELVES) {
    const list = entries.filter((entry) => entry.shelf === shelf);
    if (list.length === 0) continue;
    out.push(`<h3>${shelf} (${list.length})</h3>`, '<ul class="contents">');
    for (const entry of list) {
      const facts = [entry.authors.length > 0 ? authorLine(entry.authors) : null, entry.site, entry.highlights > 0 ? plural(entry.highlights, 'highlight') : null, entry.published].filter((fact): fact is string => fact !== null);
      out.push(`<li><a href="#${entry.anchor}">${esc(entry.title)}</a>${facts.length > 0 ? ` <span class="count">— ${esc(facts.join(' · '))}</span>` : ''}</li>`);
    }
    out.push('</ul>');
  }
  return `${out.join('\n')}\n</section>\n`;
}

function tags(entries: readonly Entry[]): string {
  const byTag = new Map<string, Entry[]>();
  for (const entry of entries) for (const tag of entry.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
  if (byTag.size === 0) return '';
  const items = [...byTag.keys()].sort().map((tag) => `<li><strong>${esc(tag)}</strong>: ${byTag.get(tag)!.map((entry) => `<a href="#${entry.anchor}">${esc(entry.title)}</a>`).join(', ')}</li>`);
  return `<section id="tags">\n<h2>Tags</h2>\n<ul>\n${items.join('\n')}\n</ul>\n</section>\n`;
}

/** Weeks back from `end` (0: the week ending that day) of a day, within 52 weeks; else null. */
function weekOf(day: string, end: string): number | null {
  const days = Math.floor((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  if (!Number.isFinite(days) || days < 0 || days >= 52 * 7) return null;
  return Math.floor(days / 7);
}

/**
 * Highlights per week over a year, as inline SVG: one bar a week, oldest on
 * the left. The year to today; when no highlight is that recent, the year
 * to the last one (a library read long ago still shows its reading).
 */
function chart(days: ReadonlyMap<string, number>, today: string): string {
  const dated = [...days.keys()].sort();
  // No highlight has a day: an empty chart would say nothing.
  if (dated.length === 0) return '';
  const last = dated.at(-1);
  const end = last !== undefined && weekOf(last, today) === null ? last : today;
  const weeks = new Map<number, number>();
  for (const [day, count] of days) {
    const week = weekOf(day, end);
    if (week !== null) weeks.set(week, (weeks.get(week) ?? 0) + count);
  }
  const total = [...weeks.values()].reduce((sum, n) => sum + n, 0);
  const most = Math.max(1, ...weeks.values());
  const width = 520;
  const height = 90;
  const bar = width / 52;
  const rects: string[] = [];
  for (let week = 51; week >= 0; week--) {
    const count = weeks.get(week) ?? 0;
    const h = count === 0 ? 0 : Math.max(2, Math.round((count / most) * (height - 20)));
    const x = ((51 - week) * bar).toFixed(1);
    rects.push(`<rect x="${x}" y="${height - 14 - h}" width="${(bar - 1.5).toFixed(1)}" height="${h}"><title>${count} ${count === 1 ? 'highlight' : 'highlights'} in the week ${week === 0 ? `to ${end}` : `${week} ${week === 1 ? 'week' : 'weeks'} before ${end}`}</title></rect>`);
  }
  const caption = end === today ? `Highlights per week over the last year: ${plural(total, 'highlight')}` : `Highlights per week in the year to ${end}, the last day with one: ${plural(total, 'highlight')}`;
  return `<figure>
<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${attr(caption)}">
<line x1="0" y1="${height - 14}" x2="${width}" y2="${height - 14}" stroke="currentColor" stroke-opacity="0.25"/>
${rects.join('\n')}
<text x="0" y="${height - 2}">${esc(shiftDays(end, -364))}</text><text x="${width}" y="${height - 2}" text-anchor="end">${esc(end)}</text>
</svg>
<figcaption>${esc(`${caption}${most > 1 ? `, at most ${most} in a week` : ''}.`)}</figcaption>
</figure>
`;
}

function shiftDays(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Text as HTML: `& < > " '` escaped, control characters dropped. */
export function esc(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it drops
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function attr(text: string): string {
  return esc(text);
}
