/**
 * Glasp highlights written by Glasp's Obsidian plugin
 * (glasp-co/obsidian-glasp-plugin), `format: "glasp"`: one note per web
 * page, or per Kindle book for the highlights Glasp imports from Kindle.
 * The plugin names the file by the page's or book's title and writes
 * (src/constant/template.ts, src/core/import-highlights/normalize-*.ts):
 *
 *   ---
 *   URL: "https://www.amazon.com/dp/B08K7NTBZX"
 *   Glasp URL: "https://glasp.co/<user>/kindle/B08K7NTBZX"
 *   Author: "T. S. Eliot"                       (Kindle notes only)
 *   Thumbnail: "https://m.media-amazon.com/…"   (Kindle notes, newer versions)
 *   Tags: []
 *   Last updated: 2026-08-17
 *   ---
 *   #### Summary                  (when Glasp has one)
 *   …
 *   #### Thoughts & Comments      (the page's note)
 *   …
 *   #### Highlights & Notes
 *
 *   > the highlight, on one line (the plugin removes its line breaks)
 *   - its note, which runs to the next highlight
 *
 * Older versions wrote a note as `---\n  **note:**\n  the note`.
 * Recognised by the `Glasp URL:` frontmatter key with a glasp.co link.
 * Kindle imports keep Amazon's HTML character references (`&mdash;`): they
 * are decoded. Amazon's placeholder author `Your Kindle Notes For:` (the
 * notebook page's heading, taken when a book has no author) is no author.
 * Pure.
 */
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { firstString, stringList } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { authorNames, decodeEntities } from '../../extract/values.js';
import type { Messages } from '../../messages.js';
import { parseFrontmatter } from '../../parse/frontmatter.js';
import type { SourceFormat } from '../format.js';

const FORMAT = 'glasp';

/** The plugin's key, quoted (newer versions) or not. */
const GLASP_URL = /^Glasp URL:[ \t]*"?https:\/\/glasp\.co\//mu;
/** `https://www.amazon.com/dp/B0047Y0FU0`: the book's ASIN. */
const AMAZON_ASIN = /^https?:\/\/(?:www\.)?amazon\.[a-z.]+\/(?:[^/]+\/)?dp\/([A-Z0-9]{10})(?:[/?#]|$)/u;
/** Amazon's notebook heading, which Glasp takes for the author of a book that names none. */
const NOT_AN_AUTHOR = /^your kindle notes for:?$/iu;
const SECTION = /^####[ \t]+(Summary|Thoughts & Comments|Highlights & Notes)[ \t]*$/u;

export const glasp: SourceFormat = {
  detect: (document) => {
    const text = document.text;
    if (!text.startsWith('---')) return false;
    const close = text.indexOf('\n---', 3);
    return close !== -1 && GLASP_URL.test(text.slice(0, Math.min(close, 65536)));
  },
  read: (document, messages) => ({ works: [{ fields: readNote(document.text, document.name, messages), key: null, messages }] }),
};

/** The plugin's frontmatter keys and what the record makes of them; every other key goes to `extra` as it is. */
const KNOWN_KEYS = new Set(['url', 'glasp url', 'author', 'thumbnail', 'tags']);

function readNote(text: string, fileName: string, messages: Messages): Fields {
  const frontmatter = parseFrontmatter(text, messages);
  const data = frontmatter.data ?? {};
  const fields = emptyFields('highlights', FORMAT);
  const value = (key: string): string | null => {
    const entry = Object.entries(data).find(([name]) => name.toLowerCase() === key);
    return entry ? firstString(entry[1]) : null;
  };
  const glaspUrl = value('glasp url');
  const kindle = glaspUrl !== null && /\/kindle\//u.test(glaspUrl);

  fields.title = titleFromFileName(fileName);
  fields.url = value('url');
  const author = value('author');
  fields.authors = author === null || NOT_AN_AUTHOR.test(author.trim()) ? [] : authorNames(decodeEntities(author));
  fields.image = value('thumbnail');
  const tagsEntry = Object.entries(data).find(([name]) => name.toLowerCase() === 'tags');
  fields.tags = tagsEntry ? stringList(tagsEntry[1]) : [];
  fields.category = kindle ? 'books' : 'articles';
  const extra: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(data)) if (!KNOWN_KEYS.has(key.toLowerCase())) extra[key] = entry;
  if (glaspUrl !== null) extra['glasp_url'] = glaspUrl;
  const asin = fields.url === null ? null : (AMAZON_ASIN.exec(fields.url)?.[1] ?? null);
  if (kindle && asin !== null) extra['asin'] = asin;
  fields.extra = extra;

  const sections = readSections(frontmatter.body);
  fields.summary = sections.summary;
  if (sections.thoughts !== null) extra['thoughts'] = sections.thoughts;
  fields.highlights = sections.highlights;
  fields.paragraphs = sections.other.length > 0 ? [sections.other.join('\n\n')] : [];
  return fields;
}

interface Sections {
  summary: string | null;
  thoughts: string | null;
  highlights: FoundHighlight[];
  /** Text outside the plugin's sections (the user's own, above or below). */
  other: string[];
}

/** The body by the plugin's `####` sections, line by line: highlights are the page's text, raw. */
function readSections(body: string): Sections {
  const sections: Sections = { summary: null, thoughts: null, highlights: [], other: [] };
  const lines = body.split('\n').map((line) => line.replace(/\r$/u, ''));
  let section: string | null = null;
  let collected: string[] = [];
  const close = (): void => {
    const text = collected.join('\n').trim();
    collected = [];
    if (text === '') return;
    if (section === 'Summary') sections.summary = decodeEntities(text);
    else if (section === 'Thoughts & Comments') sections.thoughts = decodeEntities(text);
    else sections.other.push(text);
  };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const heading = SECTION.exec(line);
    if (heading) {
      close();
      section = heading[1]!;
      index += 1;
      continue;
    }
    if (section === 'Highlights & Notes') {
      const start = highlightStart(lines, index);
      if (start) {
        const end = highlightEnd(lines, index + 1);
        sections.highlights.push(readHighlight(lines.slice(index, end)));
        index = end;
        continue;
      }
    }
    collected.push(line);
    index += 1;
  }
  close();
  return sections;
}

/** A highlight starts at a `> ` line that begins a paragraph (the plugin puts a blank line before each). */
function highlightStart(lines: readonly string[], index: number): boolean {
  return /^>/u.test(lines[index]!) && (index === 0 || lines[index - 1]!.trim() === '' || SECTION.test(lines[index - 1]!));
}

/** A highlight (and its note) runs to the next blank line followed by a `> ` line, or to the next section. */
function highlightEnd(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length) {
    const line = lines[index]!;
    if (SECTION.test(line)) return index;
    if (/^>/u.test(line) && lines[index - 1]!.trim() === '') return index;
    index += 1;
  }
  return index;
}

function readHighlight(block: readonly string[]): FoundHighlight {
  const markdown = block[0]!.replace(/^> ?/u, '').trim();
  const highlight = foundHighlight(decodeEntities(markdown), markdown);
  const rest = block.slice(1).join('\n').replace(/\s+$/u, '');
  // `- the note` (since 0.1) or `---\n  **note:**\n  the note` (before).
  const older = /^---[ \t]*\n[ \t]*\*\*note:\*\*[ \t]*\n([\s\S]*)$/u.exec(rest);
  const note = older ? older[1]!.replace(/^[ \t]{2}/gmu, '') : rest.replace(/^- /u, '');
  if (note.trim() !== '') highlight.note = decodeEntities(note.trim());
  return highlight;
}
