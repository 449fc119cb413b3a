/**
 * Small parsers for values as Readwise and Obsidian write them:
 * `[[wikilinks]]`, `#hashtags`, comma lists, author lists. Pure.
 */

const WIKILINK = /\[\[([^[\]]+?)\]\]/g;

/** The targets (or aliases, after `|`) of every `[[wikilink]]` in a value. */
export function wikilinks(value: string): string[] {
  const out: string[] = [];
  for (const match of value.matchAll(WIKILINK)) {
    const [target, alias] = match[1]!.split('|');
    out.push((alias ?? target!).trim());
  }
  return out;
}

/** Tags written as `[[a]] [[b]]`, `#a #b`, or `a, b`. */
export function wikiOrHashTags(value: string): string[] {
  const links = wikilinks(value);
  if (links.length > 0) return links;
  const trimmed = value.trim();
  if (trimmed === '') return [];
  // A comma list, else words separated by spaces (Obsidian's `tags: a b`).
  const parts = trimmed.includes(',') ? trimmed.split(',') : trimmed.split(/\s+/);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/**
 * Tags from a frontmatter value: each item of a YAML list is one tag, spaces
 * and all (`tags: [machine learning, "Deep Work"]`, as a `[[wikilink]]` tag
 * keeps its spaces); a string is read as `wikiOrHashTags` reads it.
 */
export function tagsOf(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (Array.isArray(item)) return tagsOf(item);
      const text = typeof item === 'string' ? item.trim() : typeof item === 'number' || typeof item === 'boolean' ? String(item) : '';
      if (text === '') return [];
      const links = wikilinks(text);
      return links.length > 0 ? links : [text];
    });
  }
  return typeof value === 'string' || typeof value === 'number' ? wikiOrHashTags(String(value)) : [];
}

/**
 * People named in an author value: `[[A]] and [[B]]`, `A, B and C`,
 * `By A`, `[[@handle on Twitter]]`.
 */
export function authorNames(value: string): string[] {
  if (value.replace(/\[\[\s*\]\]/g, '').trim() === '') return [];
  const links = wikilinks(value);
  const parts = links.length > 0 ? links.flatMap(splitPeople) : splitPeople(value);
  return parts.map(cleanAuthor).filter((name) => name !== '');
}

function splitPeople(value: string): string[] {
  const text = value.replace(/^\s*by\s+/i, '').trim();
  // "Lastname, Firstname" (two words, one comma) is one person, not two.
  if (/^[^,]+,\s*[^,\s]+$/.test(text) && !/\band\b/i.test(text) && text.split(/\s+/).length <= 3) {
    return [text];
  }
  return text
    .split(/[,;]|\s+and\s+/i)
    .map((part) => part.trim().replace(/^and\s+/i, ''))
    .filter(Boolean);
}

export function cleanAuthor(name: string): string {
  return name
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // [Name](link) → Name
    .replace(/^([*_]{1,2})(.+)\1$/, '$2') // *Name* → Name
    .replace(/[∗*†‡]+$/u, '') // footnote markers after a name in papers
    .replace(/^\s*by\s+/i, '')
    .replace(/^(@\w+)\s+on\s+(?:Twitter|X)$/i, '$1')
    // Logseq's person pages: `[[@Gresham M. Sykes]]` is a name, not a handle.
    .replace(/^@(?=[^\s@]+\s+\S)/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
};

/** Decodes the HTML character references exporters leave in titles (`Didn&#39;t`). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Readwise's categories, by their singular: a vault's `#Type/Highlight/Article` tag is the category `articles`. */
const CATEGORIES = new Map(['book', 'article', 'tweet', 'podcast', 'paper', 'video', 'email', 'pdf', 'supplemental'].map((name) => [name, `${name}s`]));

/**
 * The emoji templates write for Readwise's categories (`Category:: 📚`, a
 * `📰 A Project of One's Own` title): each names one category alone.
 */
const CATEGORY_EMOJI = new Map([
  ['📚', 'books'],
  ['📖', 'books'],
  ['📰', 'articles'],
  ['🐦', 'tweets'],
  ['🎙', 'podcasts'],
  ['🎧', 'podcasts'],
  ['🎥', 'videos'],
  ['📺', 'videos'],
  ['📧', 'emails'],
]);

/** A category's name: the last part of a nested tag, a known singular made plural, a category's emoji its name. */
export function categoryName(value: string): string {
  const name = value.replace(/^#/, '').split('/').pop()!.trim().toLowerCase();
  // An emoji alone (with its variation selector), or before the category's name (`📚 Books`).
  const emoji = /^(\p{Extended_Pictographic})️?(?:\s+(.*))?$/u.exec(name);
  if (emoji) {
    const rest = emoji[2]?.trim() ?? '';
    if (rest === '') return CATEGORY_EMOJI.get(emoji[1]!) ?? name;
    const known = CATEGORIES.get(rest) ?? rest;
    if ([...CATEGORIES.values()].includes(known)) return known;
  }
  return CATEGORIES.get(name) ?? name;
}

/** Whether a value names one of Readwise's categories (`articles`, `Book`, `#Readwise/category/podcasts`). */
export function isKnownCategory(value: string): boolean {
  const name = categoryName(value);
  return [...CATEGORIES.values()].includes(name);
}

/** Markdown's backslash escapes taken off a value: `example\-site` is `example-site` (Logseq escapes what it writes). */
export function unescapeMarkdown(value: string): string {
  return value.replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1');
}
