/**
 * Plain-text articles and web clippings → fields. Pure.
 *
 * Reads the page the way a careful person would: the masthead and menu at
 * the top, a page-title line (`Title | Site`), the headline, a byline with a
 * date, then the article; `Share`, `Loading...` and similar chrome are not
 * text. Lines are paragraphs (blank-line separated blocks of short wrapped
 * lines are joined); short lines without closing punctuation are headings.
 */
import { emptyFields, type Fields } from './fields.js';
import { findDate } from './dates.js';
import { cleanAuthor } from './values.js';

/** Lines that are page furniture wherever they stand. */
const CHROME = [
  /^(share|share this( article| story)?|tweet|email|print|comments?|menu|search|close|home|advertisement|advertising|sponsored)$/i,
  /^(loading|auto loading next article|read more|read next|see more|load more|continue reading)(\.\.\.|…)?$/i,
  /^also read:/i,
  /^(read|see) also:/i,
  /^(subscribe|sign up|join) (to|for) (our|the) /i,
  /^sign up for (our|the) .*newsletter/i,
  /^(we use cookies|this (web)?site uses cookies|accept (all )?cookies)/i,
  /^(photo|image|illustration)( credit)?:/i,
  /^follow us on /i,
  /^\d+\s+(min|mins|minute|minutes)\s+read$/i,
];

/** Section labels that sit above a headline. */
const SECTION_LABELS = /^(news|business|tech|technology|politics|world|opinion|markets|finance|retail|culture|science|health|sports|lifestyle|features?|analysis|ecommerce|e-commerce)$/i;

const BYLINE = /^(?:by|written by)\s+(.+)$/i;
const READING_TIME = /\b\d+\s*(?:min|mins|minute|minutes)\s+read\b/i;
const PAGE_TITLE = /^(.{8,}?)\s+[|–—-]\s+([^|–—]{2,40})$/;
const CREDIT = /\b(?:this (?:article|story|piece) was|written|reported) (?:written |reported )?by ([\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3})(?: for [^.]+)?\.?$/u;

export function extractText(text: string): Fields {
  const fields = emptyFields('text');
  const lines = joinWrapped(text.split('\n').map((line) => line.replace(/[\u00a0\u2002\u2003\u2009]/g, ' ').trim()));
  const start = firstArticleLine(lines);
  const header = lines.slice(0, start);
  let pageTitle: { title: string; site: string } | null = null;

  // The header zone: masthead, menus, page title, headline, byline.
  const headerLeft: string[] = [];
  for (const line of header) {
    if (line === '') continue;
    const page = PAGE_TITLE.exec(line);
    if (!pageTitle && page && header.indexOf(line) === header.findIndex((l) => l !== '')) {
      pageTitle = { title: page[1]!, site: page[2]!.trim() };
      continue;
    }
    if (isByline(line)) {
      readByline(line, fields);
      continue;
    }
    if (isChrome(line) || SECTION_LABELS.test(line)) continue;
    const date = findDate(line);
    if (date && date.rest.replace(/^(updated|published|posted)( on)?:?\s*/i, '').trim() === '') {
      fields.published ??= date.iso;
      continue;
    }
    headerLeft.push(line);
  }

  // The headline: a line repeated from the page title, or the last heading-like line before the article.
  if (pageTitle) {
    fields.site = pageTitle.site;
    const repeated = headerLeft.find((line) => pageTitle!.title.endsWith(line) && line.length >= 8);
    fields.title = repeated ?? stripGluedJunk(pageTitle.title);
  }
  const mastheads = headerLeft.filter((line) => line !== fields.title && line !== fields.site);
  if (!fields.title) {
    const candidates = mastheads.filter((line) => isHeadingLike(line));
    if (candidates.length > 0) fields.title = candidates[candidates.length - 1]!;
  }
  if (!fields.site) {
    const masthead = mastheads.find((line) => line !== fields.title && isHeadingLike(line) && line.split(/\s+/).length <= 4);
    if (masthead) fields.site = masthead;
  } else if (mastheads.length > 0 && mastheads[0] === fields.site) {
    // already the site
  }

  // The article.
  const paragraphs: string[] = [];
  let list: string[] = [];
  const flushList = (): void => {
    if (list.length > 0) paragraphs.push(list.join('\n'));
    list = [];
  };
  for (const line of lines.slice(start)) {
    if (line === '') continue;
    if (isChrome(line)) continue;
    if (fields.title && line === fields.title) continue;
    if (isByline(line) && fields.authors.length === 0) {
      readByline(line, fields);
      continue;
    }
    if (/^[•·▪◦‣*-]\s+/.test(line)) {
      list.push(line.replace(/^([•·▪◦‣*-])\s+/, '$1 '));
      continue;
    }
    flushList();
    paragraphs.push(line);
  }
  flushList();

  if (fields.authors.length === 0 || fields.authors.every((name) => !isPerson(name))) {
    for (let i = paragraphs.length - 1; i >= Math.max(0, paragraphs.length - 3); i--) {
      const credit = CREDIT.exec(paragraphs[i]!);
      if (credit) {
        fields.authors = [credit[1]!];
        break;
      }
    }
  }
  fields.authors = fields.authors.filter(isPerson);
  fields.paragraphs = paragraphs;
  return fields;
}

/**
 * Index of the first line of the article: the line after a byline near the
 * top, else the first line that reads as prose (a sentence of eight or more words).
 */
function firstArticleLine(lines: string[]): number {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 15; i++) {
    if (lines[i] === '') continue;
    seen += 1;
    if (isByline(lines[i]!)) return i + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isChrome(line) || isByline(line) || /^[•·▪◦‣*-]\s+/.test(line)) continue;
    if (line.split(/\s+/).length >= 8 && /[.!?…"”’)]$/.test(line)) return i;
  }
  return lines.length;
}

/** Joins hard-wrapped lines inside blank-line separated blocks. */
function joinWrapped(lines: string[]): string[] {
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line === '') blocks.push([]);
    else blocks[blocks.length - 1]!.push(line);
  }
  const multi = blocks.filter((block) => block.length > 1);
  const wrapped =
    multi.length > 0 &&
    multi.every((block) => block.slice(0, -1).every((line) => line.length >= 40 && line.length <= 100 && !/^[•·▪◦‣*-]\s/.test(line)));
  if (!wrapped) return lines;
  return blocks.flatMap((block) => (block.length === 0 ? [] : [block.join(' '), '']));
}

function isChrome(line: string): boolean {
  return CHROME.some((pattern) => pattern.test(line));
}

function isByline(line: string): boolean {
  return BYLINE.test(line) && line.length < 200 && !/[.!?]$/.test(line.replace(READING_TIME, '').trim());
}

function readByline(line: string, fields: Fields): void {
  let rest = BYLINE.exec(line)![1]!;
  rest = rest.replace(READING_TIME, '').trim();
  const date = findDate(rest);
  if (date) {
    fields.published ??= date.iso;
    rest = date.rest;
  }
  rest = rest.replace(/\s*(?:published|updated|posted)(?: on)?\s*:?.*$/i, '').replace(/[\s·|•,–—-]+$/, '').trim();
  const names = rest.split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/).map(cleanAuthor).filter(Boolean);
  if (names.length > 0) fields.authors = names;
}

/** People have names without digits, of one to five words. */
function isPerson(name: string): boolean {
  return !/\d/.test(name) && name.split(/\s+/).length <= 5;
}

function isHeadingLike(line: string): boolean {
  return line.length <= 200 && !/[.!?:;,]$/.test(line) && line.split(/\s+/).length <= 20;
}

/** `FB Pixel no scriptTikTok sticks…`: tracking-pixel text glued in front of a title. */
function stripGluedJunk(title: string): string {
  return title.replace(/^(?:FB Pixel no script|noscript|Skip to (?:main )?content)\s*/i, '');
}
