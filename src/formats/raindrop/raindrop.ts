/**
 * Raindrop.io highlights synced by the Obsidian plugin "Raindrop
 * Highlights" (kaiiiz/obsidian-raindrop-highlights-plugin), default and
 * custom templates, `format: "raindrop"`: one note per bookmark.
 *
 *   ---
 *   raindrop_id: 586161198
 *   raindrop_highlights:
 *     647f6a68888d3c0728e9463e: 823ff19e8d2a66f92480d6b6ba0622af
 *   ---
 *
 *   # Metadata
 *   Source URL:: https://www.freecodecamp.org/news/…
 *   Topics:: #coding, #tips
 *
 *   ---
 *   # How to Improve Your Programming Skills
 *
 *   The bookmark's excerpt.
 *
 *   ## Highlights
 *
 *   > [!quote]+ Updated on Tue Jun 06 2023 20:22:41 GMT+0300
 *   >
 *   > the highlight's text
 *   >its next line
 *   > > the note
 *
 * Recognised by the frontmatter the plugin writes first whatever the
 * template (renderer.ts renderFrontmatter): `raindrop_id: <number>`, then
 * `raindrop_highlights:` (a map of highlight id → signature) or, before
 * 0.0.19, `raindrop_last_update:`. The user's metadata template adds its
 * own keys after them (`title`, `source`/`link`, `tags`, `created`, …).
 *
 * A highlight is a callout titled `Updated on <date>` (the default
 * template since 0.0.10, and most custom ones), or an untitled callout of
 * one of the default template's colour types (`danger`, `info`, `check`,
 * `quote`), or a `- [ ] text — Updated on <date>` line (the first default
 * template). The callout type gives the colour as the default template maps
 * it (red → `danger`, blue → `info`, green → `check`); `quote` is every
 * other colour, so no colour is stated. With autoescaping on, the
 * template's `\n>` joins come out as `&gt;` lines: they continue the
 * highlight. A custom template that writes highlights as bare lines marks
 * none of them: the note's text is kept and a warning says how many
 * highlights the frontmatter lists. Pure.
 */
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { frontmatterFields } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { decodeEntities, isKnownCategory, categoryName, wikiOrHashTags } from '../../extract/values.js';
import type { Messages } from '../../messages.js';
import { parseFrontmatter } from '../../parse/frontmatter.js';
import type { SourceFormat } from '../format.js';

const FORMAT = 'raindrop';

/** The frontmatter key the plugin writes into every note it makes (the bookmark's id). */
const RAINDROP_ID = /^raindrop_id:[ \t]*\d+[ \t]*$/mu;
/** `> [!quote]+ Updated on …`, `> [!danger]`: a callout's first line. */
const CALLOUT = /^>[ \t]*\[!([\w-]+)\]([+-]?)[ \t]*(.*)$/u;
const UPDATED_ON = /^Updated on[ \t]+(.+)$/u;
/** The first default template: `- [ ] text — Updated on 2022/07/12 10:00:00`. */
const TASK_LINE = /^- \[[ x]\] (.*?) — Updated on (.+)$/u;
/** The default template's colours; `quote` is every other colour (no colour is stated). */
const CALLOUT_COLOR: Readonly<Record<string, string | null>> = { danger: 'red', info: 'blue', check: 'green', quote: null };
/** `Source URL:: …`, `Topics:: …`, `collection:: …`: the templates' inline fields. */
const INLINE_FIELD = /^([\p{L}][\p{L}\d _-]{0,40}?)::[ \t]*(.*)$/u;

export const raindrop: SourceFormat = {
  detect: (document) => {
    const head = frontmatterText(document.text);
    return head !== null && RAINDROP_ID.test(head);
  },
  read: (document, messages) => ({ works: [{ fields: readNote(document.text, document.name, messages), key: null, messages }] }),
};

/** The frontmatter's text (the first 64 KiB at most), or null when the note has none. */
function frontmatterText(text: string): string | null {
  if (!/^---[ \t]*\r?\n/u.test(text)) return null;
  const head = text.slice(0, 65536);
  const close = /\n---[ \t]*(?:\r?\n|$)/u.exec(head.slice(3));
  return close ? head.slice(0, close.index + 3) : null;
}

function readNote(text: string, fileName: string, messages: Messages): Fields {
  const frontmatter = parseFrontmatter(text, messages);
  const fields = emptyFields('highlights', FORMAT);
  const front = frontmatter.data ? frontmatterFields(frontmatter.data) : null;
  const stated = front?.fields ?? {};
  const extra: Record<string, unknown> = { ...(front?.extra ?? {}) };
  const body = readBody(frontmatter.body);

  fields.title = stated.title ?? body.title ?? titleFromFileName(fileName);
  fields.authors = stated.authors ?? [];
  fields.url = stated.url ?? body.fields.get('source url') ?? body.fields.get('sourceurl') ?? body.fields.get('link') ?? null;
  const type = body.fields.get('type');
  fields.category = stated.category ?? (type !== undefined && isKnownCategory(type) ? categoryName(type) : null);
  const topics = body.fields.get('topics');
  fields.tags = [...(stated.tags ?? []), ...(topics ? topicTags(topics) : []), ...tagsField(body.fields.get('tags'))];
  // The plugin writes a missing excerpt as the string "null" in custom metadata templates.
  const summary = stated.summary && stated.summary !== 'null' ? stated.summary : null;
  fields.summary = summary ?? body.summary;
  fields.image = stated.image ?? body.image;
  fields.published = stated.published ?? null;
  for (const [key, value] of body.fields) if (!BODY_FIELDS_READ.has(key) && extra[key] === undefined) extra[key] = value;
  fields.extra = extra;
  fields.highlights = body.highlights;
  fields.paragraphs = body.paragraphs.length > 0 ? [body.paragraphs.join('\n\n')] : [];

  const listed = listedHighlights(frontmatter.data?.['raindrop_highlights']);
  if (listed > body.highlights.length) {
    messages.warn(
      'raindrop-unmarked',
      `the frontmatter lists ${listed} highlights but the template marks ${body.highlights.length} (a callout titled \`Updated on …\`, or \`> [!danger]\`/\`[!info]\`/\`[!check]\`/\`[!quote]\`); the rest are kept as the note's text`,
      frontmatter.bodyStart,
    );
  }
  return fields;
}

/** Inline fields the record has a field for; the others go to `extra` under their name as written (lower case). */
const BODY_FIELDS_READ = new Set(['source url', 'sourceurl', 'link', 'topics', 'tags', 'type']);

function listedHighlights(value: unknown): number {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).length : 0;
}

/** `#a, #b` or `a, b` (the default template before 0.0.20 wrote tags without `#`). */
function topicTags(value: string): string[] {
  return value
    .split(',')
    .map((tag) => tag.trim().replace(/^#/, ''))
    .filter((tag) => tag !== '');
}

function tagsField(value: string | undefined): string[] {
  if (value === undefined) return [];
  const hashed = wikiOrHashTags(value);
  return hashed.length > 0 ? hashed : topicTags(value);
}

interface Body {
  title: string | null;
  summary: string | null;
  image: string | null;
  /** Inline `Key:: value` fields, by lower-case key. */
  fields: Map<string, string>;
  highlights: FoundHighlight[];
  paragraphs: string[];
}

/**
 * The body line by line: the plugin writes the page's text raw (a highlight
 * may start with `1.` or `#`), so no Markdown tree is built from it.
 */
function readBody(text: string): Body {
  const lines = text.split('\n').map((line) => line.replace(/\r$/u, ''));
  const body: Body = { title: null, summary: null, image: null, fields: new Map(), highlights: [], paragraphs: [] };
  /** Text between the title and `## Highlights`: the bookmark's excerpt, in the default template. */
  let beforeHighlights: string[] | null = null;
  let paragraph: string[] = [];
  const endParagraph = (): void => {
    const joined = paragraph.join('\n').trim();
    paragraph = [];
    if (joined === '') return;
    if (beforeHighlights) beforeHighlights.push(joined);
    else body.paragraphs.push(decodeEntities(joined));
  };

  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const callout = CALLOUT.exec(line);
    if (callout) {
      endParagraph();
      const end = calloutEnd(lines, index + 1);
      readCallout(callout, lines.slice(index + 1, end), body);
      index = end;
      continue;
    }
    index += 1;
    const task = TASK_LINE.exec(line);
    if (task) {
      endParagraph();
      const highlight = foundHighlight(decodeEntities(task[1]!.trim()), task[1]!.trim());
      highlight.highlightedAt = dateOf(task[2]!);
      body.highlights.push(highlight);
      continue;
    }
    const heading = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/u.exec(line);
    if (heading) {
      endParagraph();
      const name = heading[2]!.trim();
      if (/^metadata$/iu.test(name)) continue;
      if (/^highlights$/iu.test(name)) {
        if (beforeHighlights && beforeHighlights.length > 0) body.summary ??= decodeEntities(beforeHighlights.join('\n\n'));
        beforeHighlights = null;
        continue;
      }
      if (heading[1] === '#' && body.title === null) {
        body.title = decodeEntities(name);
        beforeHighlights = [];
        continue;
      }
      paragraph.push(line);
      continue;
    }
    const field = INLINE_FIELD.exec(line);
    if (field && paragraph.length === 0 && body.highlights.length === 0) {
      const key = field[1]!.trim().toLowerCase();
      if (!body.fields.has(key) && field[2]!.trim() !== '') body.fields.set(key, decodeEntities(field[2]!.trim()));
      continue;
    }
    const image = /^!\[[^\]]*\]\((\S+)\)$/u.exec(line.trim());
    if (image && body.image === null && body.highlights.length === 0) {
      endParagraph();
      body.image = image[1]!;
      continue;
    }
    // Template scaffolding: rules, and the `%%` comment some templates hide their fields in.
    if (/^(?:---+|\*\*\*+|%%)[ \t]*$/u.test(line)) {
      endParagraph();
      continue;
    }
    if (line.trim() === '') endParagraph();
    else paragraph.push(line);
  }
  endParagraph();
  if (beforeHighlights) body.paragraphs.unshift(...beforeHighlights.map(decodeEntities));
  return body;
}

/** Where a callout that starts before `from` ends: its `>` lines, and the `&gt;` lines an escaped join left. */
function calloutEnd(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && /^(?:>|&gt;)/u.test(lines[index]!) && !CALLOUT.test(lines[index]!)) index += 1;
  return index;
}

function readCallout(callout: RegExpExecArray, content: readonly string[], body: Body): void {
  const type = callout[1]!.toLowerCase();
  const title = callout[3]!.trim();
  const updated = UPDATED_ON.exec(title);
  const inner = content.map((line) => line.replace(/^(?:>|&gt;) ?/u, ''));
  if (!updated && (title !== '' || !(type in CALLOUT_COLOR))) {
    // The bookmark's excerpt (`> [!summary]`) or a callout of the user's own.
    const text = decodeEntities(inner.join('\n').trim());
    if (type === 'summary' || type === 'abstract') body.summary ??= text;
    else if (text !== '') body.paragraphs.push(title === '' ? text : `${title}\n${text}`);
    return;
  }
  const textLines: string[] = [];
  const noteLines: string[] = [];
  for (const line of inner) {
    // `> > note`: the highlight's note, a quote inside the callout.
    if (/^>/u.test(line)) noteLines.push(line.replace(/^> ?/u, ''));
    else if (noteLines.length > 0) noteLines.push(line);
    else textLines.push(line);
  }
  const markdown = textLines.join('\n').trim();
  const highlight = foundHighlight(decodeEntities(markdown), markdown);
  const note = decodeEntities(noteLines.join('\n').trim());
  if (note !== '') highlight.note = note;
  highlight.color = CALLOUT_COLOR[type] ?? null;
  if (updated) highlight.highlightedAt = dateOf(updated[1]!);
  body.highlights.push(highlight);
}

/**
 * `2023/03/10 18:58:22` (the plugin's `dateTimeFormat` setting, default
 * `YYYY/MM/DD HH:mm:ss`), or a JavaScript date string
 * (`Tue Jun 06 2023 20:22:41 GMT+0300`, with its offset), as stated.
 */
function dateOf(value: string): string | null {
  const text = value.trim();
  const slashed = /^(\d{4})\/(\d{2})\/(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/u.exec(text);
  if (slashed) return slashed[4] === undefined ? `${slashed[1]}-${slashed[2]}-${slashed[3]}` : `${slashed[1]}-${slashed[2]}-${slashed[3]}T${slashed[4]}:${slashed[5]}:${slashed[6]}`;
  const js = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-])(\d{2})(\d{2})/u.exec(text);
  if (js) {
    const month = MONTHS.indexOf(js[1]!) + 1;
    if (month > 0) return `${js[3]}-${String(month).padStart(2, '0')}-${js[2]}T${js[4]}:${js[5]}:${js[6]}${js[7]}${js[8]}:${js[9]}`;
  }
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?/u.exec(text);
  if (iso) return iso[2] === undefined ? iso[1]! : `${iso[1]}T${iso[2]}`;
  return null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
