/**
 * Markdown notes and Readwise exports → fields. Pure.
 *
 * A Readwise export is a `# Title`, a cover image, a `## Metadata` list and
 * `## Highlights` (plus `## New highlights added …`) lists; frontmatter, when
 * present, wins over the Metadata list. Anything else is the document's text.
 * body.ts walks the blocks, section by section; this module decides each
 * field from what the walk, the Metadata list and the frontmatter give.
 */
import type { Nodes, Root } from 'mdast';
import { mapPosition, shiftPlace, type Messages, type Position } from '../../messages.js';
import type { Frontmatter } from '../../parse/frontmatter.js';
import { plainText } from '../../parse/markdown.js';
import { emptyFields, firstStated, type Fields } from '../../extract/fields.js';
import { frontmatterFields } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { authorNames, decodeEntities } from '../../extract/values.js';
import { ReadwiseBody } from './body.js';
import { isReadwiseFrontmatter } from './metadata.js';

export function extractMarkdown(frontmatter: Frontmatter, tree: Root, messages: Messages, fileName: string): Fields {
  return walkedFields(frontmatter, new ReadwiseBody(frontmatter.body).walk(tree.children), messages, fileName);
}

/** The fields of a note, from its frontmatter and its body as ReadwiseBody walked it. */
export function walkedFields(frontmatter: Frontmatter, walked: ReadwiseBody, messages: Messages, fileName: string): Fields {
  const fields = emptyFields('markdown', 'markdown');
  fields.highlights = walked.highlights;
  fields.image = walked.image;
  const { metadata, textNodes, summaryNodes, noteNodes, bodyUrl, headingUrl, bodyDate, h1, mirrored, logseq } = walked;
  let readwiseShape = walked.readwiseShape;

  const fromFrontmatter = frontmatter.data ? frontmatterFields(frontmatter.data) : null;
  const front = fromFrontmatter?.fields ?? {};
  // Values YAML lost to a `#` comment come last, after the Metadata list.
  const fromComments = frontmatterFields(Object.fromEntries(frontmatter.commented));
  const commented = fromComments.fields;
  fields.extra = fromFrontmatter?.extra ?? {};
  if (fromFrontmatter && isReadwiseFrontmatter(frontmatter.data!)) readwiseShape = true;
  if (metadata.keys >= 2) readwiseShape = true;

  const keyPosition = (key: string | undefined): { line: number; column: number } | null => {
    const line = key ? frontmatter.keyLines.get(key) : undefined;
    return line ? { line: line + 1, column: 1 } : null;
  };
  const disagree = (field: 'title' | 'url' | 'category', fromFront: string | undefined, fromList: string | undefined): void => {
    if (fromFront === undefined || fromList === undefined) return;
    if (comparable(fromFront) === comparable(fromList)) return;
    messages.info(
      'metadata-disagrees',
      `frontmatter ${field} "${fromFront}" differs from the Metadata list's "${fromList}"; kept the frontmatter`,
      keyPosition(fromFrontmatter?.keys[field]),
    );
  };
  disagree('title', front.title ?? undefined, metadata.title);
  disagree('url', front.url ?? undefined, metadata.url);
  disagree('category', front.category?.replace(/^#/, '') ?? undefined, metadata.category);

  const summary = summaryNodes.length > 0 ? plainText(summaryNodes as Nodes[]).trim() : undefined;
  const note = noteNodes.length > 0 ? plainText(noteNodes as Nodes[]).trim() : undefined;
  fields.kind = readwiseShape ? 'highlights' : 'markdown';
  fields.format = !readwiseShape ? 'markdown' : mirrored ? 'readwise-mirror' : logseq ? 'readwise-logseq' : 'readwise';
  // Readwise and the Obsidian Web Clipper name files by title: use the name when the note states none.
  const clipping = frontmatter.data !== null && (front.url ?? null) !== null;
  const fallbackTitle = readwiseShape || clipping ? titleFromFileName(fileName) : null;
  fields.title =
    front.title ?? metadata.title ?? commented.title ?? (h1 === null ? null : decodeEntities(h1)) ?? front.alias ?? commented.alias ?? fallbackTitle;
  const authors = front.authors ?? commented.authors;
  // The Metadata list is Readwise's own record of the work; a template's frontmatter author may be the vault's owner.
  fields.authors = metadata.authors ?? (authors ?? []).flatMap(authorNames);
  if (metadata.authors && front.authors && comparable(front.authors.flatMap(authorNames).join(', ')) !== comparable(metadata.authors.join(', '))) {
    messages.info(
      'metadata-disagrees',
      `frontmatter author "${front.authors.join(', ')}" differs from the Metadata list's "${metadata.authors.join(', ')}"; kept the Metadata list`,
      keyPosition(fromFrontmatter?.keys.authors),
    );
  }
  // The body's positions are the body's: shifted to the document's.
  const inBody = (at: Position | null | undefined): Position | null => (at ? mapPosition(frontmatter.bodyStart, at) : null);
  const url = firstStated(
    [front.url, () => frontmatter.valueAt(fromFrontmatter!.keys.url!, front.url!)],
    [metadata.url, () => inBody(metadata.urlAt)],
    [commented.url, () => frontmatter.valueAt(fromComments.keys.url!, commented.url!)],
    [bodyUrl, () => inBody(walked.bodyUrlAt)],
    [headingUrl, () => inBody(walked.headingUrlAt)],
  );
  fields.url = url.value;
  fields.at = { url: url.at, extra: frontmatter.keyAt };
  for (const highlight of fields.highlights) if (highlight.urlAt) highlight.urlAt = shiftPlace(frontmatter.bodyStart, highlight.urlAt);
  // In a highlights template a bare `date` is when the note was made, not when the work was published.
  const frontPublished = readwiseShape && /^date$/i.test(fromFrontmatter?.keys.published ?? '') ? undefined : front.published;
  fields.published = frontPublished ?? metadata.published ?? commented.published ?? bodyDate ?? null;
  fields.category = front.category ?? metadata.category ?? commented.category ?? null;
  // Tags from the frontmatter and the Document Tags line are merged.
  const frontTags = front.tags ?? (metadata.tags ? undefined : commented.tags);
  fields.tags = [...(frontTags ?? []), ...(metadata.tags ?? [])];
  fields.summary = front.summary ?? metadata.summary ?? commented.summary ?? (summary || null);
  fields.image = front.image ?? commented.image ?? fields.image;
  const documentNote = metadata.note ?? note;
  if (documentNote) fields.extra['document_note'] ??= documentNote;
  fields.paragraphs = textNodes.empty ? [] : [textNodes.text()];
  if (!readwiseShape && fields.highlights.length > 0) {
    // Nothing says this is an export (no link or location on any of them, no Metadata, no Readwise frontmatter):
    // a plain note's list under `## Highlights`, or items with block ids, is the note's own text.
    fields.paragraphs.push(...fields.highlights.map((highlight) => highlight.text).filter((text) => text.trim() !== ''));
    fields.highlights = [];
  }
  return fields;
}

function comparable(value: string): string {
  return value.replace(/\s+/g, ' ').trim().toLowerCase();
}
