/**
 * Notes of Instapaper's own Obsidian plugin (Instapaper/obsidian-instapaper,
 * plugin id `instapaper`), `format: "instapaper-notes"`: one note per saved
 * article, named after its title (`Untitled-<id>` when it has none), with
 * the article's properties and one entry per highlight:
 *
 *   ---
 *   url: https://…
 *   date: 2026-01-10          (when it was saved)
 *   pubdate: 2026-01-06       (when it was published)
 *   author: Deena Shanker
 *   tags: [a-tag]
 *   ---
 *   > The highlighted text [↗](https://www.instapaper.com/read/<article>/<highlight>)
 *
 *   the reader's note
 *
 * That is the plugin's first template (to 1.1.5: every line of the text
 * quoted). Its default since, `> {{text}} {{blockId}}`, ends a highlight
 * with the block id `^h<highlight id>` instead, and quotes only the first
 * line of the text. Recognised by those endings: a quoted line ending in a
 * `[↗](https://www.instapaper.com/read/…)` link, or in `^h<id>` in a note
 * whose frontmatter has the plugin's `url`. Pure.
 */
import { emptyFields, foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { firstString, stringList } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { tagsOf } from '../../extract/values.js';
import { parseFrontmatter } from '../../parse/frontmatter.js';
import type { SourceFormat } from '../format.js';

const FORMAT = 'instapaper-notes';

/** The end of a highlight: the legacy template's link or the default template's block id. */
const LINK_END = / ?\[↗\]\((https:\/\/www\.instapaper\.com\/read\/(\d+)\/(\d+))\)[ \t]*$/u;
const BLOCK_END = / \^h(\d+)[ \t]*$/u;
const LINK_LINE = /^>.*\[↗\]\(https:\/\/www\.instapaper\.com\/read\/\d+\/\d+\)[ \t]*$/mu;
const BLOCK_LINE = /^>.* \^h\d+[ \t]*$/mu;
/** The plugin's properties, by their default names; any other goes to `extra`. */
const KNOWN = new Set(['url', 'title', 'date', 'pubdate', 'author', 'tags', 'source']);

export const instapaperNotes: SourceFormat = {
  detect: (document) => {
    if (!/\.(md|markdown)$/i.test(document.name)) return false;
    if (LINK_LINE.test(document.text)) return true;
    // A block id alone is any note's: only with the plugin's `url` property.
    return document.text.startsWith('---') && /^url:[ \t]*https?:\/\//mu.test(document.text.slice(0, 2048)) && BLOCK_LINE.test(document.text);
  },
  read: (document, messages) => {
    const frontmatter = parseFrontmatter(document.text, messages);
    const data = frontmatter.data ?? {};
    const fields = emptyFields('highlights', FORMAT);
    const named = firstString(data['title']);
    const fileTitle = titleFromFileName(document.name);
    // `Untitled-<bookmark id>`: the plugin's name for an article without a title.
    fields.title = named ?? (fileTitle !== null && /^Untitled-\d+$/.test(fileTitle) ? null : fileTitle);
    fields.authors = stringList(data['author']);
    fields.url = firstString(data['url']);
    fields.published = firstString(data['pubdate']);
    fields.tags = tagsOf(data['tags']);
    fields.category = 'articles';
    const saved = firstString(data['date']);
    if (saved !== null) fields.extra['saved'] = saved;
    for (const [key, value] of Object.entries(data)) if (!KNOWN.has(key)) fields.extra[key] = value;
    fields.highlights = highlightsOf(frontmatter.body);
    const article = fields.highlights.map((highlight) => (highlight.url === null ? null : /\/read\/(\d+)\//.exec(highlight.url)?.[1])).find((id) => id);
    if (article) fields.extra['articleId'] = article;
    return { works: [{ fields, key: null, messages }] };
  },
};

/**
 * Each highlight: from a quoted line to the line ending in its link or
 * block id; what follows until the next quoted line is its note.
 */
function highlightsOf(body: string): FoundHighlight[] {
  const lines = body.split('\n');
  const highlights: FoundHighlight[] = [];
  let at = 0;
  let current: { highlight: FoundHighlight; note: string[] } | null = null;
  const close = (): void => {
    if (current) current.highlight.note = current.note.join('\n').trim() || null;
  };
  while (at < lines.length) {
    const line = lines[at]!;
    const end = line.startsWith('>') ? lines.slice(at).findIndex((candidate) => LINK_END.test(candidate) || BLOCK_END.test(candidate)) : -1;
    if (end === -1) {
      current?.note.push(line);
      at++;
      continue;
    }
    close();
    const quoted = lines.slice(at, at + end + 1);
    const last = quoted[quoted.length - 1]!;
    const link = LINK_END.exec(last);
    const block = link ? null : BLOCK_END.exec(last);
    quoted[quoted.length - 1] = last.replace(link ? LINK_END : BLOCK_END, '');
    const highlight = foundHighlight(quoted.map((text) => text.replace(/^> ?/, '')).join('\n').trim());
    if (link) {
      highlight.url = link[1]!;
      highlight.id = link[3]!;
    } else if (block) highlight.id = block[1]!;
    highlights.push(highlight);
    current = { highlight, note: [] };
    at += end + 1;
  }
  close();
  return highlights;
}
