/**
 * Which work a document is of, and which highlight a highlight is, whatever
 * the source (#14). Pure.
 *
 *   work:  isbn:<13 digits> | asin:<ASIN> | doi:<doi>   an identifier the source gives
 *          url:<host/path?query>                        else the canonical URL, scheme and www. folded
 *          title:<folded title>|<family name>           else the title and the first author
 *
 * A document has every key it can (`workKeys`), strongest first; its `work`
 * is the first. `--merge` joins documents that share any key, so a Kindle
 * book (title and author only) joins the Readwise export of it (which may
 * also give an ASIN), and the merged record's `work` is the group's strongest.
 */
import { createHash } from 'node:crypto';

export interface WorkFields {
  title: string | null;
  authors: readonly string[];
  url: string | null;
  category: string | null;
  extra: Readonly<Record<string, unknown>>;
}

/** Every key of the document's work, strongest first; at least one (the document's own id when nothing else is known). */
export function workKeys(fields: WorkFields, fallback: string): string[] {
  const keys: string[] = [];
  for (const [name, value] of Object.entries(fields.extra)) {
    const key = identifierKey(name, value);
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  keys.sort((a, b) => STRENGTH.indexOf(a.slice(0, a.indexOf(':'))) - STRENGTH.indexOf(b.slice(0, b.indexOf(':'))));
  // A site's front page (a tweet author's profile, a newsletter's home) is no work: many documents share it.
  if (fields.url !== null && !isFrontPage(fields.url)) keys.push(`url:${foldUrl(fields.url)}`);
  const title = fields.title === null ? '' : foldTitle(fields.title);
  if (title !== '') keys.push(`title:${title}|${fields.authors.length > 0 ? familyName(fields.authors[0]!) : ''}`);
  if (keys.length === 0) keys.push(`id:${fallback}`);
  return keys;
}

const STRENGTH = ['isbn', 'asin', 'doi'];

/** `isbn:…`, `asin:…` or `doi:…` from a frontmatter field that names one, else null. */
function identifierKey(name: string, value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  const field = name.toLowerCase().replace(/[\s_-]+/g, '');
  if (field === 'isbn' || field === 'isbn13' || field === 'isbn10') {
    const isbn = isbn13(text);
    return isbn === null ? null : `isbn:${isbn}`;
  }
  if (field === 'asin' || field === 'amazonbookid') {
    return /^[A-Z0-9]{10}$/i.test(text) ? `asin:${text.toUpperCase()}` : null;
  }
  if (field === 'doi') {
    const doi = /10\.\d{4,9}\/\S+/.exec(text);
    return doi ? `doi:${doi[0].toLowerCase()}` : null;
  }
  return null;
}

/** An ISBN-10 or ISBN-13 (hyphens and spaces allowed) as ISBN-13 digits, or null when its check digit is wrong. */
export function isbn13(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{13}$/.test(digits)) {
    const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0 ? digits : null;
  }
  if (/^\d{9}[\dX]$/.test(digits)) {
    const sum = [...digits].reduce((total, digit, i) => total + (digit === 'X' ? 10 : Number(digit)) * (10 - i), 0);
    if (sum % 11 !== 0) return null;
    const body = `978${digits.slice(0, 9)}`;
    const check = (10 - ([...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0) % 10)) % 10;
    return `${body}${check}`;
  }
  return null;
}

/** `https://www.Example.com/a/?b=1` → `example.com/a?b=1`: the same page by any scheme or `www.`. */
export function foldUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    const pathname = parsed.pathname.replace(/\/+$/, '');
    return `${host}${pathname}${parsed.search}`;
  } catch {
    return url.toLowerCase();
  }
}

function isFrontPage(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (!/^https?:$/.test(parsed.protocol)) return false;
    const segments = parsed.pathname.split('/').filter(Boolean);
    if (segments.length === 0 && parsed.search === '') return true;
    // twitter.com/a16z, x.com/handle: a profile, not a tweet.
    return /^(?:mobile\.)?(?:twitter|x)\.com$/.test(parsed.hostname.replace(/^www\./, '')) && segments.length === 1;
  } catch {
    return false;
  }
}

/** Words that mark an edition or a format, not a different work. */
const EDITION = /\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|revised|expanded|updated|anniversary|international|illustrated|deluxe|special|new|kindle|paperback|hardcover)(?:\s+(?:anniversary|revised|expanded|updated|international|illustrated|deluxe|special))?\s+(?:edition|ed\.?)\b/giu;

/**
 * A title folded for comparison: case, accents, punctuation and white space
 * folded; a subtitle (after `:`, ` - `, ` — `), an edition mark (`2nd
 * Edition`, `(Kindle Edition)`) and a leading emoji dropped.
 */
export function foldTitle(title: string): string {
  let text = title.normalize('NFKC');
  // A subtitle: what follows the first colon (also the full-width one), or a spaced dash after two words or more
  // (`#384 — David Allen — …` is an episode number, not a title with a subtitle).
  text = text.split(/\s*[:：]\s*(?=\S)/u)[0] || text;
  const dashed = text.split(/\s+[-–—]\s+/u);
  if (dashed.length > 1 && dashed[0]!.trim().split(/\s+/).length >= 2) text = dashed[0]!;
  text = text.replace(/[([（【][^)\]）】]*(?:edition|ed\.|版)[^)\]）】]*[)\]）】]/giu, ' ').replace(EDITION, ' ');
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(?:the|a|an) /, '');
}

/**
 * The family name of the first author: the last word of `First Last`, the
 * first of `Last, First`; for CJK names (no spaces) the name itself, without
 * bracketed nationality marks (`(美)卡尔·纽波特` → `卡尔·纽波特`).
 */
export function familyName(author: string): string {
  const unbracketed = author.normalize('NFKC').replace(/[([（【〔][^)\]）】〕]*[)\]）】〕]/gu, ' ').trim();
  let name = unbracketed.split(/\s*(?:;|；|\band\b|&|、|，|,(?=\s*\S+\s+\S))\s*/u)[0] ?? unbracketed;
  // `卡尔·纽波特 著`: the role after a CJK name (author, translator, editor) is no part of it.
  name = name.replace(/\s*(?:著|译|譯|編|编|等|主编)$/u, '').trim();
  // CJK names are written without spaces: a space separates two people, and the first is the first author.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(name)) return fold(name.split(/\s+/)[0]!);
  if (name.includes(',')) return fold(name.split(',')[0]!);
  const words = name.split(/\s+/).filter((word) => !/^(?:jr\.?|sr\.?|ii|iii|iv|phd|md|dr\.?|prof\.?)$/i.test(word));
  return fold(words[words.length - 1] ?? name);
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}·]+/gu, '');
}

/**
 * A highlight's text folded for comparison across sources: case, accents,
 * quotes, dashes, white space and the punctuation at either end folded.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[‐-―]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s"'([{.,;:!?-]+|[\s"')\]}.,;:!?-]+$/g, '');
}

/** The folded text as words only: `habits, and` holds `habits` (a Kindle cut ends anywhere). */
export function wordsOf(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Formats whose highlight ids are Readwise's own. */
const READWISE = /^readwise(?:-|$)/;

/**
 * A highlight's key: the source's own highlight id when it has one
 * (`readwise:123`, `zotero:ABCD1234`), else a hash of the work and the folded text.
 */
export function highlightKey(work: string, format: string, id: string | null, text: string): string {
  if (id !== null && id !== '') return `${READWISE.test(format) ? 'readwise' : format}:${id}`;
  return `h:${createHash('sha256').update(`${work}\0${foldText(text)}`).digest('hex').slice(0, 16)}`;
}

/** A highlight's key under another work (a merged one): a source id stays, a text hash is made again. */
export function rekey<T extends { key: string; text: string }>(highlight: T, work: string): T {
  if (!highlight.key.startsWith('h:')) return highlight;
  return withOrigins({ ...highlight, key: highlightKey(work, 'merged', null, highlight.text) }, originsOf(highlight));
}

/**
 * The keys a highlight had in its own documents, before merging joined it
 * with copies from other sources or gave it its work's key: what lets a
 * vault page keep a highlight's block id when another source of the work
 * appears (output/page-view.ts). Known in the process that merged, never
 * written in a record.
 */
const ORIGINS = new WeakMap<object, readonly string[]>();

export function originsOf(highlight: { readonly key: string }): readonly string[] {
  return ORIGINS.get(highlight) ?? [highlight.key];
}

export function withOrigins<T extends object>(highlight: T, origins: readonly string[]): T {
  ORIGINS.set(highlight, [...new Set(origins)]);
  return highlight;
}
