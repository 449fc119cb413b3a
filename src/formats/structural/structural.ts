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
import type { RootContent } from 'mdast';
import { authorNames } from '../../extract/values.js';
import { frontmatterFields } from '../../extract/frontmatter-fields.js';
import type { Fields, FoundHighlight } from '../../extract/fields.js';
import { readMarkdown } from '../../extract/markdown-document.js';
import { Messages } from '../../messages.js';
import type { Frontmatter } from '../../parse/frontmatter.js';
import type { Document, SourceFormat, Work } from '../format.js';
import { isMarkdown } from '../readwise/readwise.js';
import { headFields, type HeadFields } from './head-fields.js';
import { findHighlights, type Evidence } from './highlights.js';
import { mayHoldHighlights, unitsOf } from './units.js';
import { fieldNamed } from './vocabulary.js';

/** Notes longer than this are not read by structure: exports that long have readers of their own. */
const MAX_CHARS = 2 * 1024 * 1024;

export const structural: SourceFormat = {
  detect: (document) => document.text.length <= MAX_CHARS && isMarkdown(document.name, document.text) && mayHoldHighlights(document.text),
  read: () => {
    throw new Error('the structural reader only refines what another reader found (registry: role "refines")');
  },
  refine: (document, work) => refine(document, work),
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
export function refine(document: Document, work: Work): Work {
  // What the reader found that will be kept (normalize drops highlights with neither text nor note).
  const known = work.fields.highlights.filter((highlight) => highlight.text.trim() !== '' || highlight.markdown.trim() !== '' || (highlight.note ?? '').trim() !== '').length;
  const found = readStructure(document, work.fields.format === 'markdown' ? null : work.fields.format);
  if (!found || !better(found.evidence.highlights, work.fields.highlights, known)) return work;
  const fields: Fields = { ...work.fields, highlights: found.evidence.highlights };
  // Fields the note's head states in so many words (`**Title:** X`) win over the reader's guesses; the frontmatter's only fill gaps.
  const { lines, front } = found;
  fields.title = lines.title ?? undecorated(fields.title ?? front.title ?? null, found.heading);
  const authors = lines.authors ?? (fields.authors.length === 0 ? front.authors : undefined);
  if (authors) fields.authors = authors.flatMap(authorNames);
  fields.url = lines.url ?? fields.url ?? front.url ?? null;
  fields.category = lines.category ?? fields.category ?? front.category ?? null;
  fields.published = lines.published ?? fields.published ?? front.published ?? null;
  if (fields.tags.length === 0) fields.tags = lines.tags ?? front.tags ?? [];
  if (fields.format === 'markdown') {
    fields.format = 'template';
    fields.kind = 'highlights';
    // The highlights are no longer the note's own text.
    fields.paragraphs = [];
  }
  work.messages.info(
    'read-by-structure',
    `read ${found.evidence.highlights.length} highlights by the note's structure (${known} by the ${work.fields.format} reader): ${found.evidence.reasons.join('; ')}`,
  );
  return { ...work, fields };
}

/**
 * Whether the highlights read by structure are better than the reader's:
 * more of them placed (a location, page or link the reader left in the
 * text, or lost), else more of them.
 */
function better(found: FoundHighlight[], read: FoundHighlight[], known: number): boolean {
  const placed = (list: FoundHighlight[]): number => list.filter((highlight) => highlight.url !== null || highlight.location !== null || highlight.page !== null).length;
  const [mine, theirs] = [placed(found), placed(read)];
  return mine !== theirs ? mine > theirs : found.length > known;
}

/** The note's highlights by structure, or null when the evidence does not say it is an export. */
function readStructure(document: Document, tool: string | null): Found | null {
  // Parsed again, quietly: the reader before already said what the parse had to say.
  const { frontmatter, tree } = readMarkdown(document, new Messages());
  if (!tree) return null;
  const blocks = tree.children;
  const units = unitsOf(blocks, frontmatter.body);
  const firstLine = (units.find((unit) => unit.strength > 0)?.line ?? Infinity) - 1;
  const lines = headFields(frontmatter.body.split('\n').slice(0, Number.isFinite(firstLine) ? firstLine : 40).join('\n'));
  const front: HeadFields = {};
  mergeFrontmatter(front, frontmatter, frontmatter.data ? frontmatterFields(frontmatter.data).fields : {});
  const stated = ['title', 'authors', 'url', 'category', 'published'].filter((name) => (lines[name as keyof HeadFields] ?? front[name as keyof HeadFields]) !== undefined).length;
  const evidence = findHighlights(units, { fields: stated, tool: tool ?? toolOf(frontmatter) });
  const first = units.find((unit) => unit.kind === 'heading' && !unit.underHighlights);
  const heading = first ? first.text.replace(/\s*[(（]?\b(?:highlights?|annotations?|notes)\b[)）]?\s*$/i, '').trim() || null : null;
  return evidence ? { evidence, lines, front, heading } : null;
}

/** Frontmatter fields (any language) fill what the head's lines did not state. */
function mergeFrontmatter(head: HeadFields, frontmatter: Frontmatter, fields: ReturnType<typeof frontmatterFields>['fields']): void {
  head.title ??= fields.title ?? undefined;
  if (!head.authors && fields.authors) head.authors = fields.authors;
  head.url ??= fields.url ?? undefined;
  head.category ??= fields.category?.replace(/^#/, '') ?? undefined;
  head.published ??= fields.published ?? undefined;
  if (!head.tags && fields.tags) head.tags = fields.tags;
  for (const [key, value] of Object.entries(frontmatter.data ?? {})) {
    const field = fieldNamed(key);
    if (!field || typeof value !== 'string' || value.trim() === '') continue;
    if (field === 'authors') head.authors ??= [value];
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

export type { RootContent };
