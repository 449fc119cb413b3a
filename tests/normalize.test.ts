import { describe, expect, it } from 'vitest';
import { findDate, parseDate } from '../src/extract/dates.js';
import { authorNames, wikiOrHashTags } from '../src/extract/values.js';
import { canonicalUrl, countWords, jsonSafe, normalizeCategory, normalizeTags } from '../src/normalize.js';
import { mapPosition } from '../src/messages.js';

describe('canonicalUrl', () => {
  it('removes tracking parameters and the fragment, keeping other parameters as written', () => {
    expect(canonicalUrl('https://www.glossy.co/a/?utm_source=Sailthru&utm_medium=email&utm_term=Retail%20Dive:%20Marketing')).toBe(
      'https://www.glossy.co/a/',
    );
    expect(canonicalUrl('https://x.com/p?id=1&fbclid=abc&q=a%20b&gclid=z&mc_cid=1&mc_eid=2#section')).toBe('https://x.com/p?id=1&q=a%20b');
    expect(canonicalUrl('https://x.com/p?w=1000')).toBe('https://x.com/p?w=1000');
  });
  it("keeps the fragment and ?__readwiseLocation= of a highlight's own link, which point at the highlight; tracking parameters still go", () => {
    expect(canonicalUrl('https://omnivore.app/me/slug-1866c#8bc5bbed-a52b', { highlight: true })).toBe('https://omnivore.app/me/slug-1866c#8bc5bbed-a52b');
    expect(canonicalUrl('http://localhost:7026/unread/3?utm_source=x#id=1699548048229', { highlight: true })).toBe('http://localhost:7026/unread/3#id=1699548048229');
    expect(canonicalUrl('https://x.com/a#:~:text=one%20idea', { highlight: true })).toBe('https://x.com/a#:~:text=one%20idea');
    expect(canonicalUrl('https://joincake.com/blog/a?__readwiseLocation=0%2F0%2F19&utm_medium=x', { highlight: true })).toBe('https://joincake.com/blog/a?__readwiseLocation=0%2F0%2F19');
    // The record's url is the work's address: no fragment, no locator.
    expect(canonicalUrl('https://joincake.com/blog/a?__readwiseLocation=0%2F0%2F19')).toBe('https://joincake.com/blog/a');
    expect(canonicalUrl('https://omnivore.app/me/slug-1866c#8bc5bbed-a52b')).toBe('https://omnivore.app/me/slug-1866c');
  });
  it('adds https to a bare host and refuses what is not a URL', () => {
    expect(canonicalUrl('read.readwise.io/read/01abc')).toBe('https://read.readwise.io/read/01abc');
    expect(canonicalUrl('not a url')).toBeNull();
  });
  it("keeps an app's own link as it is: WeRead's weread:// link to a highlight", () => {
    expect(canonicalUrl('weread://bestbookmark?bookId=36703510&chapterUid=10&rangeStart=574&rangeEnd=610')).toBe(
      'weread://bestbookmark?bookId=36703510&chapterUid=10&rangeStart=574&rangeEnd=610',
    );
  });
});

describe('normalizeCategory', () => {
  it("reads a category's emoji as its name, alone or before it; any other emoji is kept", () => {
    expect(normalizeCategory('📚')).toBe('books');
    expect(normalizeCategory('📰')).toBe('articles');
    expect(normalizeCategory('🎙️')).toBe('podcasts');
    expect(normalizeCategory('#📚 Books')).toBe('books');
    expect(normalizeCategory('📰 article')).toBe('articles');
    expect(normalizeCategory('🔥 hot')).toBe('🔥 hot');
    expect(normalizeCategory('🔥')).toBe('🔥');
    expect(normalizeCategory('#Readwise/category/books')).toBe('books');
  });
});

describe('dates', () => {
  it('reads the common English forms without shifting by a time zone', () => {
    expect(parseDate('2023-12-27')).toBe('2023-12-27');
    expect(parseDate('2023-12-27T23:30:00-08:00')).toBe('2023-12-27');
    expect(parseDate('July 31, 2023')).toBe('2023-07-31');
    expect(parseDate('Jul 31 2023')).toBe('2023-07-31');
    expect(parseDate('31 July 2023')).toBe('2023-07-31');
    expect(parseDate('Sept. 4, 2023')).toBe('2023-09-04');
    expect(parseDate('3/3/2024')).toBe('2024-03-03');
    expect(parseDate('31/7/2023')).toBe('2023-07-31');
  });
  it('refuses ambiguous and impossible dates', () => {
    expect(parseDate('3/4/2024')).toBeNull();
    expect(parseDate('2023-02-30')).toBeNull();
    expect(parseDate('2 mins read')).toBeNull();
  });
  it('finds a date inside a byline and returns the rest', () => {
    expect(findDate('Belal Awad · July 31, 2023')).toEqual({ iso: '2023-07-31', rest: 'Belal Awad ·' });
  });
});

describe('tags and authors', () => {
  it('normalizes tags: lower case, no [[ ]] or #, deduplicated, sorted', () => {
    expect(normalizeTags([...wikiOrHashTags('[[DTC]] [[ecommerce]] '), '#Marketing', 'dtc'], true)).toEqual([
      'dtc',
      'ecommerce',
      'marketing',
    ]);
    expect(wikiOrHashTags('#a #b')).toEqual(['#a', '#b']);
    expect(wikiOrHashTags('a, b')).toEqual(['a', 'b']);
    expect(wikiOrHashTags('#to-review, #youtube')).toEqual(['#to-review', '#youtube']);
    expect(wikiOrHashTags('media/captures/books status/integrate')).toEqual(['media/captures/books', 'status/integrate']);
  });
  it('reads one author per person', () => {
    expect(authorNames('[[Danny Parisi]]')).toEqual(['Danny Parisi']);
    expect(authorNames('[[@benedictevans on Twitter]]')).toEqual(['@benedictevans']);
    expect(authorNames('A One, B Two and C Three')).toEqual(['A One', 'B Two', 'C Three']);
    expect(authorNames('By A One and B Two')).toEqual(['A One', 'B Two']);
    expect(authorNames('[[Colin Bryar and Bill Carr]]')).toEqual(['Colin Bryar', 'Bill Carr']);
    expect(authorNames('[Tiago Forte](../People/Tiago%20Forte.md)')).toEqual(['Tiago Forte']);
    expect(authorNames('*The Tim Ferriss Show*')).toEqual(['The Tim Ferriss Show']);
    expect(authorNames('[[Linjie Li∗, Kevin Lin∗]]')).toEqual(['Linjie Li', 'Kevin Lin']);
    expect(authorNames('[[(美)卡尔·纽波特 著；宋伟 译]]')).toEqual(['(美)卡尔·纽波特 著；宋伟 译']);
    expect(authorNames('Smith, John')).toEqual(['Smith, John']);
  });
});

describe('wordCount and extra', () => {
  it('counts words, and each CJK character as a word', () => {
    expect(countWords("It's a well-known fact: 17.5 billion.")).toBe(6);
    expect(countWords('三体 is good')).toBe(4);
  });
  it('makes extra JSON-safe', () => {
    expect(jsonSafe({ a: Infinity, b: [NaN], c: undefined, d: { e: 1 } })).toEqual({ a: 'Infinity', b: ['NaN'], d: { e: 1 } });
  });
});

describe('positions', () => {
  it('maps a position in a segment to the physical file', () => {
    expect(mapPosition({ line: 10, column: 1 }, { line: 1, column: 5 })).toEqual({ line: 10, column: 5 });
    expect(mapPosition({ line: 10, column: 3 }, { line: 3, column: 2 })).toEqual({ line: 12, column: 2 });
    expect(mapPosition({ line: 10, column: 3 }, { line: 1, column: 2 })).toEqual({ line: 10, column: 4 });
  });
});
