/**
 * Fields → the record schema: canonical URLs, ISO dates, lower-case tags,
 * one author per person, plain-text paragraphs, JSON-safe extras. Pure.
 */
import type { FieldPlaces, Fields, FoundHighlight } from './extract/fields.js';
import { parseDate } from './extract/dates.js';
import { highlightKey, workKeys } from './work.js';
import { categoryName } from './extract/values.js';
import { placeOf, type Messages } from './messages.js';
import type { Highlight, IngestRecord, Source } from './schema.js';

/** Query parameters that only track the reader; removed from canonical URLs. */
const TRACKING = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'vero_id', 'vero_conv', 'oly_anon_id', 'oly_enc_id',
  'rb_clickid', 's_cid', 'ncid', 'sr_share', 'ref_src', 'ref_url', 'cmpid', 'sc_cid', 'spm', 'wt_mc', 'at_medium',
  'at_campaign', 'trk', 'trkcampaign', 'sthash', 'ss_source', 'ss_campaign_id', 'ss_email_id', 'rw_tt_thread',
  '__readwiselocation',
]);

/** Of those, what points at a place in the page (Readwise's link to a highlight): kept in a highlight's own link. */
const LOCATORS = new Set(['__readwiselocation']);

/**
 * Besides http and https, the schemes real exports link with: a highlight's
 * place in an app. Anything else (`javascript:`, `data:`, `vbscript:`) is no
 * URL: `null`, with an `invalid-url` warning.
 */
export const SAFE_SCHEMES = new Set(['kindle:', 'zotero:', 'omnivore:', 'obsidian:', 'ibooks:', 'logseq:', 'readwise:', 'hypothesis:', 'x-devonthink-item:', 'marginnote3app:', 'weread:']);

/**
 * `highlight`: the link is a highlight's own, whose `#fragment` and locator
 * parameters (`?__readwiseLocation=`) are what point at the highlight: kept.
 */
export function canonicalUrl(raw: string, { highlight = false } = {}): string | null {
  let text = raw.trim().replace(/^<(.*)>$/, '$1');
  if (text === '') return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text) && /^[\w-]+(\.[\w-]+)+(\/|$)/.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  if (!highlight) url.hash = '';
  // Filter the query by hand: URLSearchParams would re-encode what it keeps.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(decodeKey(pair.split('=')[0]!), highlight));
  url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return url.href;
}

function isTracking(key: string, highlight: boolean): boolean {
  const name = key.toLowerCase();
  if (highlight && LOCATORS.has(name)) return false;
  return name.startsWith('utm_') || name.startsWith('pk_') || TRACKING.has(name);
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

export function siteOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const host = new URL(url).hostname;
    return host ? host.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** Runs of white space, but not the ideographic space CJK titles are written with. */
const SPACES = /(?:(?!\u3000)\s)+/gu;

export function normalizeTag(tag: string): string {
  return tag
    .trim()
    .replace(/^\[\[(.*)\]\]$/, '$1')
    .replace(/^#/, '')
    .trim()
    .toLowerCase();
}

/** `#articles` → `articles`; a nested tag's last part (`#Readwise/category/books` → `books`), singulars made plural. */
export function normalizeCategory(category: string): string {
  return categoryName(normalizeTag(category));
}

export function normalizeTags(tags: readonly string[], sort: boolean): string[] {
  const unique = [...new Set(tags.map(normalizeTag).filter((tag) => tag !== ''))];
  return sort ? unique.sort() : unique;
}

function clean(value: string | null): string | null {
  if (value === null) return null;
  const text = value.replace(/[ \t]+/g, ' ').trim();
  return text === '' ? null : text;
}

/** Paragraphs separated by exactly one blank line; trailing spaces removed. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return trimLineEnds(paragraphs.join('\n\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Trailing spaces off every line (a `/[ \t]+$/gm` is quadratic over a long run of spaces). */
function trimLineEnds(text: string): string {
  // No line ends in white space (what trimEnd takes off is what \s matches): the same string, not a copy in a million pieces.
  if (!/[^\S\n](?:\n|$)/.test(text)) return text;
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.-][\p{L}\p{N}\p{M}]+)*/gu;

/** Words in a text; each CJK character counts as a word. */
export function countWords(text: string): number {
  let count = 0;
  const rest = text.replace(CJK, () => {
    count += 1;
    return ' ';
  });
  for (const _ of rest.matchAll(WORD)) count += 1;
  return count;
}

/** Deeper values are cut (to null): JSON parsers and tools downstream have limits too. */
export const MAX_DEPTH = 64;

/**
 * A copy that JSON can represent exactly: no undefined, NaN, Infinity,
 * functions or cycles; `cut.deep` is set when a value was nested too deeply.
 */
export function jsonSafe(value: unknown, depth = 0, cut: { deep: boolean } = { deep: false }): unknown {
  if (depth > MAX_DEPTH) {
    cut.deep = true;
    return null;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => jsonSafe(item, depth + 1, cut));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined && typeof item !== 'function') out[key] = jsonSafe(item, depth + 1, cut);
    }
    return out;
  }
  return null;
}

/** `extra`, JSON-safe; a value nested too deeply is cut, with a warning at its key (where the reader read it). */
function safeExtra(extra: Record<string, unknown>, messages: Messages, places: FieldPlaces['extra']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined || typeof value === 'function') continue;
    const cut = { deep: false };
    out[key] = jsonSafe(value, 1, cut);
    if (cut.deep) {
      messages.warn('too-deep', `the value of "${key}" is nested more than ${MAX_DEPTH} levels deep; the deeper part was cut (null)`, placeOf(places?.get(key)));
    }
  }
  return out;
}

function normalizeHighlight(highlight: FoundHighlight, messages: Messages): Omit<Highlight, 'key'> {
  // A highlight's own link keeps what points at the highlight: its fragment (`#id=…`, `#:~:text=…`, Omnivore's `#<highlight id>`) and `?__readwiseLocation=`.
  const url = highlight.url ? canonicalUrl(highlight.url, { highlight: true }) : null;
  if (highlight.url && url === null) {
    const at = placeOf(highlight.urlAt);
    messages.warn('invalid-url', `the highlight link "${highlight.url}" is not an http(s) URL or an app link such as kindle://…; url set to null`, at);
  }
  return {
    text: highlight.text.trim(),
    markdown: highlight.markdown.trim(),
    url,
    id: highlight.id,
    location: clean(highlight.location),
    page: clean(highlight.page),
    color: clean(highlight.color)?.toLowerCase() ?? null,
    tags: normalizeTags(highlight.tags, false),
    note: clean(highlight.note === null ? null : trimLineEnds(highlight.note)),
    highlightedAt: highlight.highlightedAt !== null && HIGHLIGHTED_AT.test(highlight.highlightedAt) ? highlight.highlightedAt : null,
  };
}

/** The highlight with its key, in the schema's key order. */
export function withKey(highlight: Omit<Highlight, 'key'>, work: string, format: string): Highlight {
  const { text, markdown, url, id, ...rest } = highlight;
  return { text, markdown, url, id, key: highlightKey(work, format, id, text), ...rest };
}

/** `YYYY-MM-DD`, or with a time, and an offset only when the source states one. */
const HIGHLIGHTED_AT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?)?$/;

export interface Identity {
  id: string;
  source: Source;
}

/** Diagnostics about a value point where the reader read it (`fields.at`, a highlight's `urlAt`): the document's text is not needed here. */
export function normalize(fields: Fields, identity: Identity, messages: Messages): IngestRecord {
  const url = fields.url === null ? null : canonicalUrl(fields.url);
  if (fields.url !== null && url === null) {
    messages.warn('invalid-url', `"${fields.url}" is not a URL such as https://example.com/article; url set to null`, placeOf(fields.at?.url));
  }
  let published: string | null = null;
  if (fields.published !== null) {
    published = parseDate(fields.published);
    if (published === null) {
      messages.warn('invalid-date', `"${fields.published}" is not a date such as 2024-03-31 or March 31, 2024; published set to null`);
    }
  }
  // A note with no highlight to attach to (Kindle) is kept as an entry of its own.
  const highlights = fields.highlights
    .map((highlight) => normalizeHighlight(highlight, messages))
    .filter((highlight) => highlight.text !== '' || highlight.markdown !== '' || highlight.note !== null);
  const text = joinParagraphs(fields.paragraphs);
  const category = clean(fields.category);
  const title = clean(fields.title?.replace(SPACES, ' ') ?? null);
  const authors = [...new Set(fields.authors.map((name) => name.replace(SPACES, ' ').trim()).filter(Boolean))];
  const extra = safeExtra(fields.extra, messages, fields.at?.extra);
  const work = workKeys({ title, authors, url, category, extra }, identity.id)[0]!;
  return {
    id: identity.id,
    work,
    kind: fields.kind,
    format: fields.format,
    source: identity.source,
    sources: [{ source: identity.source, format: fields.format, id: identity.id }],
    title,
    authors,
    url,
    site: clean(fields.site) ?? siteOf(url),
    published,
    category: category === null ? null : normalizeCategory(category),
    tags: normalizeTags(fields.tags, true),
    summary: clean(fields.summary),
    image: fields.image === null ? null : (canonicalUrl(fields.image) ?? (/^[a-z][a-z0-9+.-]*:/i.test(fields.image.trim()) ? null : clean(fields.image))),
    highlights: highlights.map((highlight) => withKey(highlight, work, fields.format)),
    text,
    wordCount: countWords(text) + highlights.reduce((sum, highlight) => sum + countWords(highlight.text), 0),
    extra,
    diagnostics: messages.list,
  };
}
