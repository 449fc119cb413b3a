/**
 * Plain-text articles and web clippings → fields. Pure.
 *
 * Reads the page the way a careful person would: the masthead and menu at
 * the top, a page-title line (`Title | Site`), the headline, a byline with a
 * date, then the article. Chrome (`Share`, `Loading...`, `Also read: …`) is
 * not text; masthead, title and byline lines are fields, not text. Lines are
 * paragraphs (hard-wrapped blocks are joined); short lines without closing
 * punctuation are headings and stay paragraphs of their own.
 */
import { findDate } from './dates.js';
import { emptyFields, type Fields } from './fields.js';
import { cleanAuthor } from './values.js';

/** Lines that are page furniture wherever they stand. */
const CHROME: readonly RegExp[] = [
  /^(share|share this( article| story| post)?|share on \w+|tweet|email|print|comments?|menu|search|close|home|subscribe|sign in|log ?in|advertisement|advertising|sponsored( content)?|ad)$/i,
  /^(loading|auto loading next article|read more|read next|see more|load more|continue reading|show more|back to top)\s*(\.\.\.|…)?$/i,
  /^(also read|read also|see also|related|recommended|more from|read more)\s*:/i,
  /^(subscribe|sign up|join|register) (to|for|now)\b/i,
  /^sign up for (our|the|a) .*newsletter/i,
  /^get (our|the) .*newsletter/i,
  /\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies|cookie (policy|settings|preferences))\b/i,
  /^(photo|image|illustration|video|graphic)( credit)?s?\s*:/i,
  /^(follow us|like us) on\b/i,
  /^(fb pixel no script|noscript|skip to (main )?content|javascript is disabled)/i,
  /^all rights reserved\.?$/i,
  /^©/,
];

/** Section labels that sit above a headline. */
const SECTION_LABELS =
  /^(news|business|tech|technology|politics|world|opinion|markets|finance|retail|culture|science|health|sports|lifestyle|features?|analysis|e-?commerce|economy|startups|marketing|media|ai|china|asia|us|europe|latest|trending|insights?|commentary|reviews?)$/i;

const BULLET = /^[•·▪◦‣*-]\s+/;
const READING_TIME = /\b\d+\s*(?:min|mins|minute|minutes)\s+(?:read|reading)\b|\b(?:read(?:ing)? time:?)\s*\d+\s*(?:min|mins|minutes)\b/i;
const BYLINE = /^(?:by|written by|words by|story by|reported by)[\s:]+(.+)$/i;
const DATE_LABEL = /^(?:(?:last\s+)?updated|published|posted|first published|modified)(?:\s+on)?\s*:?\s*/i;
/** `Title | Site`, `Title – Site`, `Title - Site` on the page-title line. */
const PAGE_TITLE = /^(.{8,}?)\s+([|–—]|-)\s+([^|–—]{2,40})$/;
/** `This article was written by Zhang Rao for 36Kr.` */
const CREDIT =
  /\b(?:this (?:article|story|piece|post) was (?:written|reported|produced)|(?:written|reported) by)\s+(?:by\s+)?([\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){0,3})(?:\s+(?:for|at|with)\s[^.]+)?\.?$/u;
/** A photo credit glued after a caption: `…the coming year.  TikTok`. */
const GLUED_CREDIT = /([.!?]["”’)]?)\s{2,}((?:Photo:\s*|Image:\s*|Credit:\s*)?[\p{Lu}][\p{L}\p{N}&'’./-]*(?:\s+[\p{Lu}][\p{L}\p{N}&'’./-]*){0,3}(?:\s*\/\s*[\p{Lu}][\p{L}]+)?)$/u;

export function extractText(text: string): Fields {
  const fields = emptyFields('text', 'text');
  const lines = joinWrapped(text.split('\n').map((line) => line.replace(/[\u00a0\u2002\u2003\u2009\u202f]/g, ' ').trim()));
  const start = articleStart(lines);
  readHeader(lines.slice(0, start), fields);

  const paragraphs: string[] = [];
  let list: string[] = [];
  const flushList = (): void => {
    if (list.length > 0) paragraphs.push(list.join('\n'));
    list = [];
  };
  for (const raw of lines.slice(start)) {
    if (raw === '' || isChrome(raw)) continue;
    const line = raw.length < 2000 ? raw.replace(GLUED_CREDIT, '$1') : raw;
    if (fields.title !== null && line === fields.title) continue;
    if (isByline(line) && fields.authors.length === 0) {
      readByline(line, fields);
      continue;
    }
    if (BULLET.test(line)) {
      list.push(line.replace(/^([•·▪◦‣*-])\s+/, '$1 '));
      continue;
    }
    flushList();
    paragraphs.push(line);
  }
  flushList();

  // A credit line at the end names the writer when the byline names none (or an organisation).
  if (fields.authors.every((name) => !isPerson(name))) {
    for (let i = paragraphs.length - 1; i >= Math.max(0, paragraphs.length - 3); i--) {
      const credit = CREDIT.exec(lastSentence(paragraphs[i]!));
      if (credit) {
        fields.authors = [cleanAuthor(credit[1]!)];
        break;
      }
    }
  }
  fields.authors = fields.authors.filter(isPerson);
  fields.paragraphs = paragraphs;
  return fields;
}

/**
 * Index of the first line of the article: after a byline near the top and
 * the date, reading-time and chrome lines that follow it; else the first
 * line that reads as prose (eight or more words ending in punctuation).
 */
function articleStart(lines: readonly string[]): number {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 15; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    seen += 1;
    // A subtitle (dek) reads as prose but sits between the headline and the byline: the header goes on.
    if (isProse(line) && !isDek(lines, i)) break;
    if (isByline(line) || isAuthorDateLine(line) || isDateLine(line)) {
      let end = i + 1;
      while (end < lines.length && (lines[end] === '' || isChrome(lines[end]!) || isDateLine(lines[end]!) || READING_TIME.test(lines[end]!))) {
        end += 1;
      }
      return end;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isProse(line)) return i;
  }
  // No prose at all (a list, a table, notes in fragments): only a heading-like first line is header.
  const first = lines.findIndex((line) => line !== '');
  if (first < 0) return lines.length;
  return isHeadingLike(lines[first]!) && !BULLET.test(lines[first]!) ? first + 1 : first;
}

/** Whether the prose line at `index` is a subtitle: a byline follows it, within two lines. */
function isDek(lines: readonly string[], index: number): boolean {
  let looked = 0;
  for (let i = index + 1; i < lines.length && looked < 2; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    looked += 1;
    if (isByline(line) || isAuthorDateLine(line)) return true;
  }
  return false;
}

/** The lines above the article: masthead, menus, page title, headline, dek, byline, date. */
function readHeader(header: readonly string[], fields: Fields): void {
  let pageTitle: { title: string; site: string; pipe: boolean } | null = null;
  const candidates: string[] = [];
  const firstLine = header.find((line) => line !== '');
  for (const line of header) {
    if (line === '') continue;
    const page = line === firstLine && line.length < 300 ? PAGE_TITLE.exec(stripGluedJunk(line)) : null;
    if (page && !pageTitle) {
      pageTitle = { title: page[1]!, site: page[3]!.trim(), pipe: page[2] === '|' };
      continue;
    }
    if (isByline(line)) {
      readByline(line, fields);
      continue;
    }
    if (isAuthorDateLine(line)) {
      const [name, date] = line.split(/\s+[|·•]\s+/);
      fields.authors = [cleanAuthor(name!)];
      fields.published ??= findDate(date!)?.iso ?? null;
      continue;
    }
    if (isDateLine(line)) {
      fields.published ??= findDate(line)?.iso ?? null;
      // A name alone on the line above the date is the byline.
      const previous = candidates[candidates.length - 1];
      if (previous !== undefined && fields.authors.length === 0 && isPersonName(previous) && previous !== candidates[0]) {
        fields.authors = [cleanAuthor(candidates.pop()!)];
      }
      continue;
    }
    if (isChrome(line) || SECTION_LABELS.test(line) || READING_TIME.test(line) || BULLET.test(line)) continue;
    // The subtitle says what the article is about: its summary.
    if (isProse(line)) {
      fields.summary ??= line;
      continue;
    }
    candidates.push(line);
  }

  const headings = candidates.filter(isHeadingLike);
  if (pageTitle) {
    // The headline repeats the page title below the masthead; a `Title - Site` line needs that repetition.
    const repeated = headings.find((line) => line.length >= 8 && pageTitle!.title.endsWith(line));
    if (repeated || pageTitle.pipe || headings.includes(pageTitle.site)) {
      fields.title = repeated ?? pageTitle.title;
      fields.site = pageTitle.site;
    } else {
      headings.unshift(`${pageTitle.title} - ${pageTitle.site}`);
    }
  }
  const rest = headings.filter((line) => line !== fields.title && line !== fields.site);
  if (fields.title === null && rest.length > 0) {
    // The headline is the last heading-like line above the article; a short first line before it is the masthead.
    fields.title = rest[rest.length - 1]!;
  }
  if (fields.site === null) {
    const masthead = rest.find((line) => line !== fields.title && line.split(/\s+/).length <= 4);
    if (masthead) fields.site = masthead;
  }
}

function isProse(line: string): boolean {
  return !isByline(line) && !BULLET.test(line) && line.split(/\s+/).length >= 8 && /[.!?…"”’)]$/.test(line);
}

/** Joins hard-wrapped lines inside blank-line separated blocks. */
function joinWrapped(lines: string[]): string[] {
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (line === '') blocks.push([]);
    else blocks[blocks.length - 1]!.push(line);
  }
  const multi = blocks.filter((block) => block.length > 1);
  // Hard-wrapped text has several blocks of several ~70-character lines; a two-line header is not that.
  const wrapped =
    multi.length >= 2 &&
    multi.reduce((sum, block) => sum + block.length, 0) >= 6 &&
    multi.every((block) => block.slice(0, -1).every((line) => line.length >= 40 && line.length <= 100 && !BULLET.test(line)));
  if (!wrapped) return lines;
  return blocks.flatMap((block) => (block.length === 0 ? [] : [block.join(' '), '']));
}

function isChrome(line: string): boolean {
  return line.length < 200 && CHROME.some((pattern) => pattern.test(line));
}

function isByline(line: string): boolean {
  if (line.length >= 200) return false;
  return BYLINE.test(line) && line.length < 200 && !/[.!?]$/.test(line.replace(READING_TIME, '').trim());
}

/** `Published March 3, 2024`, `Updated: 2024-03-03`, or a date alone on its line. */
function isDateLine(line: string): boolean {
  if (line.length > 80) return false;
  // `3/4/2024` is a date, though not one we can read without knowing the country.
  if (/^(?:(?:updated|published|posted)\s*:?\s*)?\d{1,2}\/\d{1,2}\/\d{4}$/i.test(line)) return true;
  const date = findDate(line);
  if (!date) return false;
  const rest = date.rest.replace(DATE_LABEL, '').replace(READING_TIME, '').replace(/\b\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\b|\b(?:[A-Z]{2,4}|UTC|GMT)\b|[\s,·|•–—-]+/gi, '');
  return rest === '' || /^(mon|tues|wednes|thurs|fri|satur|sun)day$/i.test(rest);
}

/** `Jane Doe | March 3, 2024`: a name, a separator and a date. */
function isAuthorDateLine(line: string): boolean {
  if (line.length > 200) return false;
  const parts = line.split(/\s+[|·•]\s+/);
  return parts.length === 2 && isPersonName(parts[0]!) && isDateLine(parts[1]!);
}

function readByline(line: string, fields: Fields): void {
  let rest = BYLINE.exec(line)![1]!.replace(READING_TIME, '').trim();
  const date = findDate(rest);
  if (date) {
    fields.published ??= date.iso;
    rest = date.rest;
  }
  rest = rest
    .replace(/\s*(?:published|updated|posted)(?:\s+on)?\s*:?.*$/i, '')
    .replace(/[\s·|•,–—-]+$/, '')
    .trim();
  const names = rest
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)
    .map(cleanAuthor)
    .filter(Boolean);
  if (names.length > 0) fields.authors = names;
}

/** People have names without digits, of one to five words. */
function isPerson(name: string): boolean {
  return !/\d/.test(name) && name.split(/\s+/).length <= 5;
}

/** A line that looks like a person's name: two to four capitalised words. */
function isPersonName(text: string): boolean {
  return /^[\p{Lu}][\p{L}'’.-]+(?:\s+[\p{Lu}][\p{L}'’.-]+){1,3}$/u.test(text.trim());
}

function isHeadingLike(line: string): boolean {
  return line.length <= 200 && !/[.!?:;,]$/.test(line) && line.split(/\s+/).length <= 20;
}

function lastSentence(paragraph: string): string {
  const sentences = paragraph.split(/(?<=[.!?])\s+(?=[\p{Lu}])/u);
  return sentences[sentences.length - 1]!;
}

/** `FB Pixel no scriptTikTok sticks…`: tracking-pixel text glued in front of a title. */
function stripGluedJunk(line: string): string {
  return line.replace(/^(?:FB Pixel no script|noscript|Skip to (?:main )?content)\s*/i, '');
}
