/**
 * Apple Books highlights exported by the Obsidian plugins (`format: "apple-books"`):
 *
 * - bandantonio "Apple Books - Import Highlights", default and custom templates:
 *
 *     Title:: 📕 48 Laws of Power
 *     Author:: Greene, Robert
 *     Link:: [Apple Books Link](ibooks://assetid/5D47…)
 *
 *     ## Annotations
 *     Number of annotations:: 21
 *
 *     ----
 *
 *     - 📖 Chapter:: N/A
 *     - 🔖 Context:: …
 *     - 🎯 Highlight:: NEVER OUTSHINE THE MASTER
 *     - 📝 Note:: N/A
 *     - 📙 Highlight Link:: [Apple Books Highlight Link](ibooks://assetid/5D47…#epubcfi(/6/24[id158]!/4/4,:0,:25))
 *
 * - atfzl "Apple Books Highlights": `## Metadata`, `- Author:`, `- [Apple Books Link](ibooks://…)`,
 *   `## Highlights`, then the highlights' raw text joined by `\n\n---\n`.
 *
 * Both write the book's text raw, so the body is read line by line, never
 * through a Markdown tree: a highlight that starts with `9.` stays `9. …`,
 * not a list item. Annotation fields: see annotation.ts. Pure.
 */
import type { Nodes } from 'mdast';
import { emptyFields, firstStated, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { firstString, frontmatterFields, urlPlace } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { decodeEntities } from '../../extract/values.js';
import type { Messages, Position } from '../../messages.js';
import { parseMarkdown, plainText } from '../../parse/markdown.js';
import { annotationsOf, isAnnotation, isHighlightItem, linkTarget } from './annotation.js';
import type { SourceFormat } from '../format.js';
import { readMarkdown, textFields } from '../../extract/markdown-document.js';

/** Both plugins link the book as `[Apple Books Link](ibooks://assetid/<id>)`; bandantonio's inline fields or atfzl's sections go with it. */
const BOOK_LINK = /\]\(ibooks:\/\/assetid\/[^\s)]+\)/u;
const PLUGIN_SHAPE = /^(?:Title::|Author::|Number of annotations::|#{1,3}[ \t]+(?:Annotations|Highlights)[ \t]*$)/mu;
/** atfzl joins highlights with exactly this. */
const ATFZL_JOIN = '\n\n---\n';

export const appleBooks: SourceFormat = {
  detect: (document) => {
    const head = document.text.slice(0, 8192);
    return BOOK_LINK.test(head) && PLUGIN_SHAPE.test(head);
  },
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    const body = parsed.frontmatter.body;
    const book = parsed.tree ? readBody(body, parsed.frontmatter.bodyStart.line, messages) : null;
    const fields = book?.fields ?? textFields(parsed);
    fields.kind = 'highlights';
    fields.format = 'apple-books';
    const front = parsed.frontmatter.data ? frontmatterFields(parsed.frontmatter.data) : null;
    const header = book?.header ?? new Map<string, string>();
    fields.title = front?.fields.title ?? bookTitle(header.get('title')) ?? book?.h1 ?? titleFromFileName(document.name);
    const author = front?.fields.authors ?? (header.has('author') ? [header.get('author')!] : []);
    fields.authors = author.flatMap(splitAuthors);
    const url = firstStated([front?.fields.url, () => urlPlace(parsed.frontmatter, front)], [book?.link, () => book?.linkAt]);
    fields.url = url.value;
    fields.image = front?.fields.image ?? book?.cover ?? null;
    fields.published = front?.fields.published ?? null;
    fields.category = front?.fields.category ?? 'books';
    fields.tags = front?.fields.tags ?? [];
    fields.summary = front?.fields.summary ?? null;
    const extra: Record<string, unknown> = {};
    for (const [key, value] of header) if (!['title', 'author', 'link'].includes(key)) extra[key] = value;
    fields.extra = { ...extra, ...(front?.extra ?? {}) };
    fields.at = { url: url.at, extra: parsed.frontmatter.keyAt };
    return { works: [{ fields, key: null, messages }] };
  },
};

interface Book {
  fields: Fields;
  /** The header's inline fields (`Title::`, `Author::`, `Genre::`, …; atfzl's `- Author:`), keys in snake case. */
  header: Map<string, string>;
  h1: string | null;
  /** `ibooks://assetid/<id>`: the book in Apple Books. */
  link: string | null;
  /** Where `link` is written, in the document. */
  linkAt: Position | null;
  cover: string | null;
}

function readBody(body: string, firstLine: number, messages: Messages): Book {
  const fields = emptyFields('highlights', 'apple-books');
  const book: Book = { fields, header: new Map(), h1: null, link: null, linkAt: null, cover: null };
  const lines = body.split('\n');
  const own: string[] = [];
  let comment = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heading = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(line);
    if (heading && /^highlights$/i.test(heading[2]!) && !lines.slice(index + 1).some(isHighlightItem)) {
      // atfzl: everything after `## Highlights` is highlights, joined by `\n\n---\n`.
      fields.highlights = plainHighlights(lines.slice(index + 1).join('\n'), firstLine + index + 1, messages);
      break;
    }
    if (isAnnotation(line) || /^-{3,}[ \t]*$/.test(line)) {
      // bandantonio: the annotations, `----` between them, up to the end.
      fields.highlights = annotationsOf(lines.slice(index), firstLine + index, messages);
      break;
    }
    // `%% keep-me %%` blocks and other Obsidian comments are no text.
    if (comment || /^%%/.test(line.trim())) {
      const closes = (line.match(/%%/g) ?? []).length;
      comment = closes % 2 === 1 ? !comment : comment;
      continue;
    }
    if (heading) {
      if (heading[1] === '#' && book.h1 === null) book.h1 = heading[2]!.trim();
      else if (!/^(metadata|annotations|highlights)$/i.test(heading[2]!.trim())) own.push(line);
      continue;
    }
    if (readHeaderLine(line, book, firstLine + index)) continue;
    own.push(line);
  }
  const text = own.join('\n').trim();
  fields.paragraphs = text === '' ? [] : [plainText(parseMarkdown(text).children as Nodes[])];
  return book;
}

/** `Title:: 📕 …`, `Author:: …`, `Link:: [Apple Books Link](…)`, `![Book Cover](…)`, atfzl's `- Author: …`. */
function readHeaderLine(line: string, book: Book, lineNumber: number): boolean {
  const link = (url: string | null): void => {
    if (book.link !== null || url === null) return;
    book.link = url;
    book.linkAt = { line: lineNumber, column: Math.max(0, line.indexOf(url)) + 1 };
  };
  const cover = /^!\[[^\]]*\]\(([^()\s]+)\)$/.exec(line.trim());
  if (cover) {
    book.cover ??= cover[1]!;
    return true;
  }
  const bookLink = /^(?:[-*][ \t]+)?\[Apple Books Link\]\((ibooks:\/\/[^\s)]+)\)$/.exec(line.trim());
  if (bookLink) {
    link(bookLink[1]!);
    return true;
  }
  const field = /^(?:[-*][ \t]+)?([A-Za-z][A-Za-z ]*?)[ \t]*(::|:)[ \t]*(.*)$/.exec(line.trim());
  if (!field) return false;
  const key = field[1]!.toLowerCase().replace(/ /g, '_');
  // atfzl's `- Author:` is the only single-colon field it writes; bandantonio writes `Key::`.
  if (field[2] === ':' && key !== 'author') return false;
  const value = field[3]!.trim();
  if (key === 'link') {
    link(linkTarget(value) ?? null);
    return true;
  }
  if (key === 'number_of_annotations') return true;
  if (value !== '' && value !== 'N/A') book.header.set(key, decodeEntities(value));
  return true;
}

/** `📕 48 Laws of Power` → `48 Laws of Power`: the template's book emoji is decoration. */
function bookTitle(value: string | undefined): string | null {
  if (value === undefined) return null;
  const title = value.replace(/^(?:\p{Extended_Pictographic}|\u200d|\ufe0f|\s)+/u, '').trim();
  return title === '' ? null : title;
}

/**
 * Apple's author field. Names in sort order (`Greene, Robert`,
 * `Martin, Robert C.`) are one person each, so a comma never splits;
 * Apple joins several people with `&`.
 */
export function splitAuthors(value: string): string[] {
  return value
    .split(/[ \t]*(?:&|;)[ \t]*/u)
    .map((name) => firstString(name) ?? '')
    .filter((name) => name !== '');
}

/**
 * atfzl's highlights: each the book's selected text as it is, joined by
 * `\n\n---\n`, no rule after the last one. Blank lines inside a highlight
 * are part of it; a highlight of white space only (an image) is skipped.
 */
function plainHighlights(section: string, firstLine: number, messages: Messages): FoundHighlight[] {
  const highlights: FoundHighlight[] = [];
  let line = firstLine;
  for (const part of section.split(ATFZL_JOIN)) {
    const partLines = part.split('\n');
    const written = partLines.map((text) => text.trimEnd()).join('\n').trim();
    const at = line;
    line += partLines.length + 2;
    if (written === '') {
      // An empty part after a final rule is no highlight; white space is (Apple keeps a selected image as blanks).
      if (!/[^\n]/.test(part)) continue;
      messages.info('empty-highlight', 'a highlight of white space only (an image or a figure in the book); skipped', { line: at, column: 1 });
      continue;
    }
    highlights.push(foundHighlight(written));
  }
  return highlights;
}
