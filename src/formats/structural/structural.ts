/**
 * The structural reader: highlights and fields of a Markdown note whose
 * template no reader knows, found by the note's structure and evidence
 * (units.ts, highlights.ts, head-fields.ts). It reads no document on its
 * own: after the reader of a one-work Markdown note, it is handed the note
 * and what that reader found (`refine`), and where the note's structure
 * shows more highlights than were found, it gives them, with the fields the
 * reader left empty. A plain note becomes `template`; a known tool's note
 * (Kindle plugin, Zotero, Hypothesis) keeps its format. An `info`
 * diagnostic says which evidence decided. Pure.
 */
import { authorNames } from '../../extract/values.js';
import { frontmatterFields } from '../../extract/frontmatter-fields.js';
import type { Fields, FoundHighlight } from '../../extract/fields.js';
import { readMarkdown } from '../../extract/markdown-document.js';
import { Messages } from '../../messages.js';
import type { Frontmatter } from '../../parse/frontmatter.js';
import { parserMeter } from '../../parse/markdown.js';
import type { Detection, Document, SourceFormat, Work } from '../format.js';
import { isMarkdown } from '../readwise/readwise.js';
import { headFields, type HeadFields } from './head-fields.js';
import { findHighlights, type Evidence } from './highlights.js';
import { mayHoldHighlights, unitsOf } from './units.js';
import { EVIDENCE_LINE, fieldNamed } from './vocabulary.js';

/** Notes longer than this are not read by structure: exports that long have readers of their own. */
const MAX_CHARS = 2 * 1024 * 1024;

export const structural: SourceFormat = {
  detect: (document) => document.text.length <= MAX_CHARS && isMarkdown(document.name, document.text) && mayHoldHighlights(document.text),
  read: () => {
    throw new Error('the structural reader only refines what another reader found (registry: role "refines")');
  },
  refine: (document, work, by) => refine(document, work, by),
};

interface Found {
  evidence: Evidence;
  /** Fields stated by key-value lines in the note's head. */
  lines: HeadFields;
  /** Fields the frontmatter states (in any language). */
  front: HeadFields;
  /** The note's first heading, without `(Highlights)` and links. */
  heading: string | null;
}

/**
 * A title that decorates the note's first heading (`Reference - A - Title`,
 * `Author (2014) Title`) is the note's name; the heading is the work's title.
 */
function undecorated(title: string | null, heading: string | null): string | null {
  if (title === null || heading === null || heading.length < 4) return title;
  const fold = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return fold(title) !== fold(heading) && fold(title).includes(fold(heading)) ? heading : title;
}

/** The work, with the highlights the note's structure shows when its reader found fewer. */
export function refine(document: Document, work: Work, by: Detection['role'] = 'fallback'): Work {
  // What the reader found that will be kept (normalize drops highlights with neither text nor note).
  const kept = work.fields.highlights.filter((highlight) => /\S/.test(highlight.text) || /\S/.test(highlight.markdown) || /\S/.test(highlight.note ?? ''));
  const known = kept.length;
  // Not parsed again where it cannot do better: the reader placed a highlight for every line that carries evidence.
  // (A note with a Highlights section is in its reader's own template; loose highlights may carry notes it did not see.)
  const textLines = document.text.split('\n');
  if (work.fields.format !== 'markdown' && placed(kept) >= evidenceLines(textLines) && !repeats(kept) && (by === 'specific' || HIGHLIGHTS_SECTION.test(document.text))) {
    // Its fields may still be stated in the head in words the reader does not know (`作者:: X`).
    const { fields } = work;
    if (by === 'specific' || (fields.title !== null && fields.authors.length > 0 && (fields.url !== null || fields.category !== null))) return work;
    const firstEvidence = textLines.findIndex((line) => EVIDENCE_LINE.test(line));
    return { ...work, fields: filled(work.fields, headFields(textLines.slice(0, firstEvidence < 0 ? 40 : firstEvidence).join('\n'))) };
  }
  const found = readStructure(document, by === 'specific' ? work.fields.format : null);
  if (!found) return work;
  // Where the reader's highlights stand, a specific reader's fields do too (it leaves some empty on purpose: a site is no author).
  if (!better(found.evidence.highlights, kept, by === 'specific')) return by === 'specific' ? work : { ...work, fields: filled(work.fields, found.lines) };
  const fields: Fields = { ...work.fields, highlights: found.evidence.highlights };
  // Fields the note's head states in so many words (`**Title:** X`) win over the reader's guesses; the frontmatter's only fill gaps.
  const { front } = found;
  // After a specific reader (it failed at the highlights, not at its tool's fields), what the head states only fills.
  const lines = by === 'specific' ? onlyMissing(found.lines, work.fields) : found.lines;
  fields.title = lines.title ?? undecorated(fields.title ?? front.title ?? null, found.heading);
  const authors = lines.authors ?? (fields.authors.length === 0 ? front.authors : undefined);
  if (authors) fields.authors = authors.flatMap(authorNames);
  fields.url = lines.url ?? fields.url ?? front.url ?? null;
  fields.category = lines.category ?? fields.category ?? front.category ?? (BOOK.test(document.text) ? 'books' : null);
  fields.published = lines.published ?? fields.published ?? front.published ?? null;
  // A field the head states has no value (`Source published date: None`) has none: the frontmatter's `date` is the note's.
  for (const field of lines.none ?? []) if (field === 'published' || field === 'url' || field === 'category') fields[field] = null;
  if (fields.tags.length === 0) fields.tags = lines.tags ?? front.tags ?? [];
  // The reader's place of its url is no place of another url.
  if (fields.url !== work.fields.url && fields.at?.url) fields.at = { ...fields.at, url: undefined };
  if (fields.format === 'markdown') {
    fields.format = 'template';
    fields.kind = 'highlights';
    // The highlights (and their notes) are no longer the note's own text; the rest of it is.
    const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();
    const taken = found.evidence.highlights.flatMap((highlight) => [highlight.text, highlight.note ?? ''].map((text) => fold(text).slice(0, 40)).filter((text) => text.length >= 4));
    fields.paragraphs = fields.paragraphs
      .map((paragraph) =>
        paragraph
          .split(/\n{2,}/)
          .filter((block) => !taken.some((text) => fold(block).includes(text)))
          .join('\n\n'),
      )
      .filter((paragraph) => paragraph.trim() !== '');
  }
  work.messages.info(
    'read-by-structure',
    `read ${found.evidence.highlights.length} highlights by the note's structure (${known} by the ${work.fields.format} reader): ${found.evidence.reasons.join('; ')}`,
  );
  return { ...work, fields };
}

/**
 * Whether the highlights read by structure are better than the reader's:
 * nothing the reader found lost; then, after a specific reader, more of
 * them (or as many, where the reader's repeat themselves); after a
 * fallback, more of them placed (a location, page or link the reader left
 * in the text, or lost), else more of them, else more of them with the
 * notes and tags written under them.
 */
function better(found: FoundHighlight[], read: FoundHighlight[], exact: boolean): boolean {
  // The reader's highlights once each: a template that appends every sync repeats them.
  const distinct = once(read);
  // Nothing lost: each of the reader's highlights is in one found, as its text or as its note.
  // (One of its lines is, at least: a reader's highlight may hold labels or links it took for text.)
  const fold = (text: string): string => text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const material = fold(found.map((highlight) => `${highlight.text} ${highlight.note ?? ''}`).join(' '));
  // A highlight without text (an image) is kept by its link.
  const links = new Set(found.map((highlight) => highlight.url));
  const lost = distinct.some((highlight) => {
    // (A list item's checkbox mark, `[n] `, is no part of what it says.)
    const lines = highlight.text.split('\n').map((line) => fold(line.replace(/^\[[^\]\s]\]\s+/u, ''))).filter((line) => line.length >= 8);
    if (lines.length === 0) return highlight.text.trim() === '' && highlight.url !== null && !links.has(highlight.url);
    // A label the reader left at the end of its text (`— location:`) is no part of what it read.
    const covered = (line: string): boolean => [0, 1, 2].some((drop) => {
      const words = line.split(' ');
      return (drop === 0 || words.length - drop >= 2) && material.includes(words.slice(0, words.length - drop).join(' ').slice(0, 80));
    });
    return !lines.some(covered);
  });
  if (lost) return false;
  // It found some: the note is its tool's, written by a template it nearly knows; the structure must find clearly more (twice as many, and two more).
  if (exact) return found.length >= Math.max(1, 2 * distinct.length, distinct.length + 2) || (found.length === distinct.length && distinct.length < read.length);
  const [mine, theirs] = [placed(found), placed(distinct)];
  if (mine !== theirs) return mine > theirs;
  // After the Readwise/Markdown reader a repeat stands: Readwise lists a highlight made twice twice.
  if (found.length !== read.length) return found.length > read.length;
  // As many: better when it kept more notes and tags written under them.
  const annotated = (list: FoundHighlight[]): number => list.filter((highlight) => highlight.note !== null || highlight.tags.length > 0).length;
  return annotated(found) > annotated(read);
}

/** The head's fields that the reader left empty. */
function onlyMissing(lines: HeadFields, read: Fields): HeadFields {
  const missing: HeadFields = {};
  if (read.title === null && lines.title) missing.title = lines.title;
  if (read.authors.length === 0 && lines.authors) missing.authors = lines.authors;
  if (read.url === null && lines.url) missing.url = lines.url;
  if (read.category === null && lines.category) missing.category = lines.category;
  if (read.published === null && lines.published) missing.published = lines.published;
  if (read.tags.length === 0 && lines.tags) missing.tags = lines.tags;
  return missing;
}

/** Each highlight once (by its id, else its text). */
function once(list: FoundHighlight[]): FoundHighlight[] {
  const seen = new Set<string>();
  return list.filter((highlight) => {
    const key = highlight.id ?? highlight.text;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/** A book's own marks: an `ASIN:`/`ISBN:` field, a link that opens a book in the Kindle app. */
const BOOK = /^[\s>*+-]*(?:\*\*|__)?(?:asin|isbn(?:-1[03])?)(?:\*\*|__)?\s*(?:::|[:：])|kindle:\/\/book\?/im;

const HIGHLIGHTS_SECTION = /^#{1,6}[ \t]+(?:new )?highlights\b/im;

const repeats = (list: FoundHighlight[]): boolean => once(list).length < list.length;

/** How many of them have a place: a location, a page or a link. */
function placed(list: FoundHighlight[]): number {
  return list.filter((highlight) => highlight.url !== null || highlight.location !== null || highlight.page !== null).length;
}

/** Lines that carry highlight evidence: at most that many highlights can be placed by structure. */
function evidenceLines(lines: string[]): number {
  return lines.filter((line) => EVIDENCE_LINE.test(line)).length;
}

/** The reader's fields, with those it left empty that the note's head states (`**Autor:** X`, `作者:: X`). */
function filled(read: Fields, lines: HeadFields): Fields {
  const missing = onlyMissing(lines, read);
  return {
    ...read,
    title: missing.title ?? read.title,
    authors: missing.authors ? missing.authors.flatMap(authorNames) : read.authors,
    url: missing.url ?? read.url,
    category: missing.category ?? read.category,
    published: missing.published ?? read.published,
    tags: missing.tags ?? read.tags,
  };
}

/** The note's highlights by structure, or null when the evidence does not say it is an export. */
function readStructure(document: Document, tool: string | null): Found | null {
  // Parsed again, quietly: the reader before already said what the parse had to say, and counted the document once.
  const meter = parserMeter();
  // Named one by one: a SourceFile's text is a getter, which a spread would not copy.
  const { frontmatter, tree } = readMarkdown({ name: document.name, text: calloutsApart(document.text), noMarkdown: document.noMarkdown, deadline: document.deadline, meter }, new Messages());
  if (document.meter) document.meter.remarkBytes += meter.remarkBytes;
  if (!tree) return null;
  const blocks = tree.children;
  const units = unitsOf(blocks, frontmatter.body);
  const firstLine = (units.find((unit) => unit.strength > 0)?.line ?? Infinity) - 1;
  const lines = headFields(frontmatter.body.split('\n').slice(0, Number.isFinite(firstLine) ? firstLine : 40).join('\n'));
  const front: HeadFields = {};
  mergeFrontmatter(front, frontmatter, frontmatter.data ? frontmatterFields(frontmatter.data).fields : {});
  const stated = ['title', 'authors', 'url', 'category', 'published'].filter((name) => (lines[name as keyof HeadFields] ?? front[name as keyof HeadFields]) !== undefined).length;
  const evidence = findHighlights(units, { fields: stated, tool: toolOf(frontmatter), reader: tool });
  const first = units.find((unit) => unit.kind === 'heading' && !unit.underHighlights);
  const heading = first ? first.text.replace(/\s*[(（]?\b(?:highlights?|annotations?|notes)\b[)）]?\s*$/i, '').trim() || null : null;
  return evidence ? { evidence, lines, front, heading } : null;
}

/**
 * A callout's opening line (`> [!quote]`) right under a line of another
 * blockquote opens a callout of its own: a template that left out the
 * blank line between two callouts glued them into one blockquote.
 */
function calloutsApart(text: string): string {
  return GLUED_CALLOUT.test(text) ? text.replace(new RegExp(GLUED_CALLOUT.source, 'gm'), '$1\n$2') : text;
}

const GLUED_CALLOUT = /(^[ \t]*>[^\n]*\n)([ \t]*>[ \t]*\[![\w-]+\])/m;

/** Frontmatter fields (any language) fill what the head's lines did not state. */
function mergeFrontmatter(head: HeadFields, frontmatter: Frontmatter, fields: ReturnType<typeof frontmatterFields>['fields']): void {
  head.title ??= fields.title ?? undefined;
  if (!head.authors && fields.authors) head.authors = fields.authors;
  head.url ??= fields.url ?? undefined;
  head.category ??= fields.category?.replace(/^#/, '') ?? undefined;
  head.published ??= fields.published ?? undefined;
  if (!head.tags && fields.tags) head.tags = fields.tags;
  for (const [key, given] of Object.entries(frontmatter.data ?? {})) {
    const field = fieldNamed(key);
    // A list's first item (`type: [books]`).
    const value = Array.isArray(given) ? given.find((item) => typeof item === 'string') : given;
    if (!field || typeof value !== 'string' || value.trim() === '') continue;
    if (field === 'authors') head.authors ??= [value];
    else if (field === 'category') head.category ??= value.trim().replace(/^#/, '');
    else if (field !== 'tags') head[field] ??= value.trim();
  }
}

/** A tool's frontmatter: the key (or value) that names it. */
function toolOf(frontmatter: Frontmatter): string | null {
  for (const [key, value] of Object.entries(frontmatter.data ?? {})) {
    if (/^(?:kindle-sync|citekey|citation-?key|zotero-?key|hypothesis|readwise|highlights?-?count|highlights)$/i.test(key)) return key;
    if (/^doc[_-]?type$/i.test(key) && typeof value === 'string' && /highlight|hypothes|annotation|kindle|readwise/i.test(value)) return `${key}: ${value}`;
  }
  return null;
}

