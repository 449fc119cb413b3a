/**
 * Web pages clipped into a vault (`format: "web-clipper"`, `kind: "markdown"`):
 *
 * - Obsidian Web Clipper (and kepano's bookmarklet before it):
 *
 *     ---
 *     title: "…"
 *     source: "https://…"
 *     author:
 *       - "[[Chelsea Alves]]"
 *     published: 2024-12-04
 *     created: 2026-01-21
 *     description: "…"
 *     tags:
 *       - "clippings"
 *     ---
 *     <the article>
 *
 * - MarkDownload with its frontmatter template: `created: 2023-07-20T23:08:15
 *   (UTC +08:00)`, `tags: [...]`, `source:`, `author:`, then `# Page title`,
 *   `> ## Excerpt` / `> …` and a `---` rule before the article.
 *
 * The body is the article: all of it is `text` (no highlights are looked
 * for in it), except the H1 that gives the title and MarkDownload's excerpt,
 * which is the summary. `created` is the clip date, not `published`: it
 * stays in `extra`. Pure.
 */
import type { Blockquote, Nodes, RootContent } from 'mdast';
import { emptyFields, firstStated } from '../../extract/fields.js';
import { frontmatterFields, urlPlace } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { authorNames, decodeEntities } from '../../extract/values.js';
import { plainText, sourceOf } from '../../parse/markdown.js';
import type { SourceFormat, Document } from '../format.js';
import { readMarkdown, textFields } from '../../extract/markdown-document.js';

/** The frontmatter block at the very top (the first closing fence ends it: a body may start with its own `---`). */
const FRONTMATTER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/u;
const SOURCE = /^(?:source|url):[ \t]*["']?https?:\/\/\S/imu;
const CLIPPED = /^(?:created|clipped):[ \t]*["']?\d{4}-\d{2}-\d{2}/imu;
/** MarkDownload's `{date:YYYY-MM-DDTHH:mm:ss} (UTC {date:Z})`. */
const MARKDOWNLOAD_CREATED = /^created:[ \t]*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2} \(UTC [+-]\d{2}:\d{2}\)[ \t]*$/mu;
const EXCERPT = /^> ## Excerpt[ \t]*$/mu;
/** Web Clipper's marks: the `clippings` tag (block or flow list, quoted or not), the `[[Clippings]]` category, a list of `[[author]]` links. */
const CLIPPER_MARKS = [
  /^tags:[^\n]*\bclippings\b/imu,
  /^tags:[ \t]*\n(?:[ \t]*-.*\n)*?[ \t]*-[ \t]*["']?clippings["']?[ \t]*$/imu,
  /^categor(?:y|ies):.*(?:\n[ \t]*-.*)*\[\[Clippings\]\]/imu,
  /^author:[ \t]*(?:\n[ \t]*-[ \t]*)?["']?\[\[/mu,
];
/** What Readwise exports write: those notes are no clippings even when they hold a source URL. */
const READWISE = /readwise\.io|rw-book-cover|^kindle-sync:/mu;

export const webClipper: SourceFormat = {
  detect: (document) => isClipping(document),
  read: (document, messages) => {
    const parsed = readMarkdown(document, messages);
    // Without a tree (too costly to parse) the body is read as plain text, which guesses a title of its own.
    const fields = parsed.tree ? emptyFields('markdown', 'web-clipper') : textFields(parsed);
    fields.kind = 'markdown';
    fields.format = 'web-clipper';
    let h1: string | null = null;
    let excerpt: string | null = null;
    if (parsed.tree) {
      const body = parsed.frontmatter.body;
      const text: RootContent[] = [];
      let seenHeading = false;
      for (const node of parsed.tree.children) {
        if (node.type === 'heading' && node.depth === 1 && !seenHeading && h1 === null) {
          h1 = plainText(node.children).replace(/\s+/g, ' ').trim();
          seenHeading = true;
          continue;
        }
        if (node.type === 'heading') seenHeading = true;
        if (excerpt === null && node.type === 'blockquote' && isExcerpt(node)) {
          excerpt = plainText(node.children.slice(1) as Nodes[]).trim();
          continue;
        }
        // Obsidian comments (`%% … %%`) are the user's, not the article's.
        if (node.type === 'paragraph' && /^%%[\s\S]*%%$/.test(sourceOf(body, node).trim())) continue;
        // A heading whose section is empty (its video or embed was not clipped) is no text, as for other Markdown notes.
        if (node.type === 'heading' && text[text.length - 1]?.type === 'heading') text.pop();
        text.push(node);
      }
      if (text[text.length - 1]?.type === 'heading') text.pop();
      fields.paragraphs = text.length > 0 ? [plainText(text as Nodes[])] : [];
    }
    const data = parsed.frontmatter.data;
    const front = data ? frontmatterFields(data) : null;
    const fromComments = frontmatterFields(Object.fromEntries(parsed.frontmatter.commented));
    const commented = fromComments.fields;
    const stated = front?.fields ?? {};
    fields.title =
      stated.title ??
      commented.title ??
      (h1 === null ? null : decodeEntities(h1)) ??
      stated.alias ??
      commented.alias ??
      fields.title ??
      titleFromFileName(document.name);
    const authors = stated.authors ?? commented.authors;
    if (authors) fields.authors = authors.flatMap(authorNames);
    const url = firstStated([stated.url, () => urlPlace(parsed.frontmatter, front)], [commented.url, () => urlPlace(parsed.frontmatter, fromComments)]);
    fields.url = url.value;
    fields.published = stated.published ?? commented.published ?? fields.published;
    fields.category = stated.category ?? commented.category ?? null;
    fields.tags = stated.tags ?? commented.tags ?? [];
    fields.summary = stated.summary ?? commented.summary ?? (excerpt || null);
    fields.image = stated.image ?? commented.image ?? null;
    fields.extra = front?.extra ?? {};
    fields.at = { url: url.at, extra: parsed.frontmatter.keyAt };
    return { works: [{ fields, key: null, messages }] };
  },
};

/**
 * Frontmatter with the page's http(s) `source` (or `url`), a clip date
 * (`created`, the bookmarklet's `clipped`), and a mark only clippers write:
 * the `clippings` tag or `[[Clippings]]` category, an author list of
 * `[[links]]`, or MarkDownload's `created: … (UTC ±hh:mm)` / `> ## Excerpt`.
 */
function isClipping(document: Document): boolean {
  const head = document.text.slice(0, 8192);
  const block = FRONTMATTER.exec(head);
  if (!block) return false;
  const yaml = block[1]!;
  if (!SOURCE.test(yaml) || !CLIPPED.test(yaml) || READWISE.test(head)) return false;
  if (MARKDOWNLOAD_CREATED.test(yaml) || EXCERPT.test(head.slice(block[0].length, block[0].length + 2048))) return true;
  return CLIPPER_MARKS.some((mark) => mark.test(yaml));
}

/** MarkDownload's `> ## Excerpt` blockquote: the page's description. */
function isExcerpt(node: Blockquote): boolean {
  const first = node.children[0];
  return first?.type === 'heading' && plainText(first.children).trim().toLowerCase() === 'excerpt';
}
