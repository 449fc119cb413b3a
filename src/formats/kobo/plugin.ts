/**
 * Notes written by the Obsidian plugin "Kobo Highlights Importer"
 * (OGKevin/obsidian-kobo-highlights-import, id
 * `obsidian-kobo-highlights-importer-plugin`), `format: "kobo-plugin"`: one
 * note per book. Its output changed three times; each is read:
 *
 * - 2024–2025 (3.x–4.x): each highlight between `%%START-<bookmark id>%%`
 *   and `%%END-<id>%%`, its text inside `%%START-EXTRACTED-HIGHLIGHT-<id>%%`
 *   … `%%END-EXTRACTED-HIGHLIGHT-<id>%%` as a `> [!quote]` callout, the note
 *   as a nested `>> [!note]` callout, the date ` — [[DD/MM/YYYY]]` (the
 *   user's moment format) after the last line; what the user typed in the
 *   block outside the extracted part is theirs (a note).
 * - 2022–2023: the same callouts without the `%%` markers.
 * - 2025 on (5.x, an eta template): the highlight's text as a paragraph,
 *   `**Note:** …`, `*Created: 2023-01-01T12:00:00.000Z*`.
 *
 * Chapters are `## <chapter>` headings after `## Highlights`; the book's
 * fields are the template's frontmatter (`title`, `author`, `publisher`,
 * `dateLastRead`, `readStatus`, `percentRead`, `isbn`, `series`,
 * `seriesNumber`, `timeSpentReading`) and the `## Description` section.
 * Templates before 5.x wrote `title: {{Title}}` unquoted (`title: X: Y` is
 * no YAML) and left `{{Author}}` and the other placeholders unfilled where
 * the plugin was older than the template: the frontmatter is then read line
 * by line, and a placeholder is no value.
 *
 * Recognised by its `%%START-EXTRACTED-HIGHLIGHT-` markers, or by the
 * template's frontmatter: `readStatus`, `percentRead`, `dateLastRead` and
 * `timeSpentReading` keys together. Pure.
 */
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { findDate } from '../../extract/dates.js';
import { firstString, stringList } from '../../extract/frontmatter-fields.js';
import { dataOrLoose, frontmatterBlock } from '../../extract/loose-frontmatter.js';
import { titleFromFileName } from '../../extract/title.js';
import { decodeEntities, tagsOf } from '../../extract/values.js';
import { parseFrontmatter } from '../../parse/frontmatter.js';
import { isbn13 } from '../../work.js';
import type { Document, SourceFormat } from '../format.js';

const FORMAT = 'kobo-plugin';

const EXTRACTED = '%%START-EXTRACTED-HIGHLIGHT-';
/** The template's own keys: together, no other note has them. */
const TEMPLATE_KEYS = ['readStatus', 'percentRead', 'dateLastRead', 'timeSpentReading'].map((key) => new RegExp(`^${key}[ \\t]*:`, 'mu'));
/** `{{Author}}`, `{{ Title }}`: a placeholder the plugin did not fill. */
const PLACEHOLDER = /^\{\{\s*[\w-]+\s*\}\}$/u;
/** The plugin's text for a book the database has no details of. */
const UNKNOWN = new Set(['Unknown Title', 'Unknown Author']);
/** The comment the plugin writes twice in every marked block. */
const COMMENT = /%%[\s\S]*?%%/gu;
const BLOCK_START = /^%%START-(?!EXTRACTED-HIGHLIGHT-)(.+?)%%[ \t]*$/u;
const HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/u;
const NOTE_LINE = /^\*\*Note:\*\*[ \t]*([\s\S]*)$/u;
const CREATED_LINE = /^\*Created:[ \t]*(.+?)\*$/u;
/** ` — [[02/09/2023]]`: the date the plugin appends to a highlight's last line. */
const DATE_TAIL = /[ \t]*—[ \t]*\[\[([^\]\n]+)\]\][ \t]*$/u;
/** A callout's first line: `[!quote]`, `[!note]+ Title`. */
const CALLOUT = /^\[![\w-]+\][+-]?/u;

/** Frontmatter keys that are record fields; the rest go to `extra` as written. */
const TAKEN = new Set(['title', 'author', 'tags', 'isbn']);

export const koboPlugin: SourceFormat = {
  detect: (document) => isKoboPluginNote(document),
  read: (document, messages) => {
    const front = parseFrontmatter(document.text, messages);
    const fields = readNote(dataOrLoose(front.data, document.text), front.body, document.name);
    return { works: [{ fields, key: null, messages }] };
  },
};

export function isKoboPluginNote(document: Document): boolean {
  if (!/\.(md|markdown|txt)$/iu.test(document.name)) return false;
  if (document.text.includes(EXTRACTED) && /^%%END-EXTRACTED-HIGHLIGHT-/mu.test(document.text)) return true;
  const head = frontmatterBlock(document.text);
  return head !== null && TEMPLATE_KEYS.every((key) => key.test(head));
}

/** A frontmatter value the plugin filled: a string, not a placeholder, not empty. */
function filled(value: unknown): string | null {
  const text = firstString(value);
  return text === null || PLACEHOLDER.test(text) ? null : text;
}

function readNote(data: Record<string, unknown>, body: string, fileName: string): Fields {
  const fields = emptyFields('highlights', FORMAT);
  const read = readBody(body);
  const title = filled(data['title']);
  const heading = read.h1 !== null && !PLACEHOLDER.test(read.h1) ? read.h1 : null;
  // The file is named after the book (sanitised), also when the plugin wrote `Unknown Title`.
  fields.title = [title, heading].find((value) => value !== null && !UNKNOWN.has(value)) ?? titleFromFileName(fileName);
  const author = filled(data['author']);
  // Kobo joins several authors with a comma ("Cixin Liu, Ken Liu"), as the device database does.
  fields.authors = author === null || UNKNOWN.has(author) ? [] : author.split(/\s*[,&]\s*|\s+and\s+/u).filter((name) => name !== '');
  fields.category = 'books';
  fields.summary = read.description;
  fields.tags = tagsOf(data['tags']);
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (TAKEN.has(key)) continue;
    if (typeof value === 'number' || typeof value === 'boolean') extra[key] = value;
    else if (Array.isArray(value)) {
      const items = stringList(value).filter((item) => !PLACEHOLDER.test(item));
      if (items.length > 0) extra[key] = items;
    } else {
      const text = filled(value);
      if (text !== null) extra[key] = text;
    }
  }
  const isbn = filled(data['isbn']);
  // A sideloaded EPUB's ISBN is its identifier (a UUID): kept, but not as an ISBN merging would trust.
  if (isbn !== null) extra[isbn13(isbn) === null ? 'identifier' : 'isbn'] = isbn;
  fields.extra = extra;
  fields.highlights = read.highlights;
  fields.paragraphs = read.own.length > 0 ? [read.own.join('\n\n')] : [];
  return fields;
}

interface Body {
  h1: string | null;
  description: string | null;
  highlights: FoundHighlight[];
  /** The user's own text outside the plugin's sections. */
  own: string[];
}

interface Dated {
  highlight: FoundHighlight;
  /** The date as written (`02/09/2023`, `2024-02-04T10:00:00.000Z`). */
  date: string | null;
}

function readBody(body: string): Body {
  const lines = body.split('\n');
  const found: Dated[] = [];
  const description: string[] = [];
  const own: string[] = [];
  const created = /^\*Created:[ \t]*.+\*[ \t]*$/mu.test(body);
  let h1: string | null = null;
  let section: 'head' | 'description' | 'highlights' | 'other' = 'head';
  let chapter: string | null = null;
  /** The paragraph highlight of the 5.x template still taking paragraphs (its text, or after `**Note:**` its note). */
  let open: { dated: Dated; part: 'text' | 'note' } | null = null;
  let paragraph: string[] = [];

  const flush = (): void => {
    if (paragraph.length === 0) return;
    const block = paragraph;
    paragraph = [];
    const text = block.join('\n').trim();
    if (section === 'description') return void description.push(text);
    if (section !== 'highlights') return void own.push(text);
    if (block[0]!.startsWith('>')) {
      open = null;
      return void found.push(quoteHighlight(block, chapter));
    }
    const note = NOTE_LINE.exec(text);
    if (note) {
      const last = open?.dated ?? found[found.length - 1];
      if (last) {
        last.highlight.note = joinNote(last.highlight.note, note[1]!.trim());
        if (open) open.part = 'note';
        return;
      }
    }
    const date = CREATED_LINE.exec(text);
    if (date) {
      const last = open?.dated ?? found[found.length - 1];
      if (last) last.date = date[1]!.trim();
      open = null;
      return;
    }
    if (open) {
      if (open.part === 'text') open.dated.highlight.text += `\n\n${text}`;
      else open.dated.highlight.note = joinNote(open.dated.highlight.note, text);
      return;
    }
    const highlight = foundHighlight(text);
    highlight.location = chapter;
    const dated = { highlight, date: null };
    found.push(dated);
    // Where the template writes `*Created:*` lines, they end each highlight; else each paragraph is one.
    if (created) open = { dated, part: 'text' };
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const start = BLOCK_START.exec(line);
    if (start) {
      const end = lines.indexOf(`%%END-${start[1]}%%`, index + 1);
      if (end !== -1) {
        flush();
        open = null;
        const block = markedHighlight(lines.slice(index + 1, end), start[1]!, chapter);
        if (block) found.push(block);
        index = end;
        continue;
      }
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      open = null;
      const text = heading[2]!.trim();
      if (heading[1] === '#' && h1 === null && section === 'head') h1 = text;
      else if (/^description$/iu.test(text) && section !== 'highlights') section = 'description';
      else if (/^highlights$/iu.test(text)) [section, chapter] = ['highlights', null];
      else if (section === 'highlights') chapter = text;
      else section = 'other';
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();

  // Kobo's description is the book's HTML, as the plugin writes it.
  const summary = decodeEntities(description.join('\n\n').replace(/<\/(?:p|div|li|h\d)>|<br\s*\/?>/giu, '\n').replace(/<[^>]*>/gu, ''))
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  const order = dayOrder(found.map((dated) => dated.date));
  const highlights = found.map(({ highlight, date }) => {
    highlight.highlightedAt = date === null ? null : highlightDate(date, order);
    return highlight;
  });
  return { h1, description: summary === '' || PLACEHOLDER.test(summary) ? null : summary, highlights, own };
}

function joinNote(note: string | null, more: string): string | null {
  if (more === '') return note;
  return note === null ? more : `${note}\n\n${more}`;
}

/**
 * A highlight between `%%START-<id>%%` and `%%END-<id>%%`: the extracted
 * part is the plugin's, the rest (less the plugin's `%% … %%` comments) the
 * user's, added to the note.
 */
function markedHighlight(lines: readonly string[], id: string, chapter: string | null): Dated | null {
  const from = lines.findIndex((line) => line.startsWith(EXTRACTED));
  const to = lines.findIndex((line) => line.startsWith('%%END-EXTRACTED-HIGHLIGHT-'));
  if (from === -1 || to < from) return null;
  const dated = quoteHighlight(lines.slice(from + 1, to), chapter);
  dated.highlight.id = id;
  const typed = [...lines.slice(0, from), '', ...lines.slice(to + 1)].join('\n').replace(COMMENT, '').trim();
  if (typed !== '') dated.highlight.note = joinNote(dated.highlight.note, typed.replace(/\n{3,}/gu, '\n\n'));
  return dated;
}

/**
 * `> [!quote]` / `> text` / `>> [!note]` / `> note — [[date]]`: the quote's
 * text, the nested callout's note and the date after the last line. Without
 * callouts the plugin wrote the note on a line of its own with no `>`, which
 * cannot be told from the text's own next line: it stays in the text.
 */
function quoteHighlight(block: readonly string[], chapter: string | null): Dated {
  const lines = block.map((line) => line.replace(/^>[ \t]?/u, ''));
  if (lines.length > 0 && CALLOUT.test(lines[0]!.trim())) lines.shift();
  // The plugin's callout may end in an empty `>` line: the date is on the last line with words.
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  let date: string | null = null;
  const last = lines.length - 1;
  if (last >= 0) {
    const tail = DATE_TAIL.exec(lines[last]!);
    if (tail) {
      date = tail[1]!.trim();
      lines[last] = lines[last]!.slice(0, tail.index);
    }
  }
  const noteAt = lines.findIndex((line) => /^>[ \t]?\[![\w-]+\]/u.test(line));
  const textLines = noteAt === -1 ? lines : lines.slice(0, noteAt);
  const noteLines = noteAt === -1 ? [] : lines.slice(noteAt + 1).map((line) => line.replace(/^>[ \t]?/u, ''));
  const highlight = foundHighlight(tidy(textLines), block.join('\n'));
  highlight.location = chapter;
  const note = tidy(noteLines);
  highlight.note = note === '' ? null : note;
  return { highlight, date };
}

function tidy(lines: readonly string[]): string {
  return lines
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/u;

/**
 * Whether the note's numeric dates are day first or month first (the
 * plugin's date format is the user's): the dates themselves tell, when one
 * of them has a day over 12; else no numeric date is read.
 */
function dayOrder(dates: ReadonlyArray<string | null>): 'dmy' | 'mdy' | null {
  let order: 'dmy' | 'mdy' | null = null;
  for (const date of dates) {
    const match = date === null ? null : NUMERIC.exec(date);
    if (!match) continue;
    const [first, second] = [Number(match[1]), Number(match[3])];
    if (first > 12 && second <= 12) order ??= 'dmy';
    else if (second > 12 && first <= 12) order ??= 'mdy';
  }
  return order;
}

/** `2023-01-01T12:00:00.000Z` to the second as stated; `23/07/2023` by the note's day order; other written dates as findDate reads them. */
function highlightDate(date: string, order: 'dmy' | 'mdy' | null): string | null {
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/u.exec(date);
  if (iso) return iso[2] === undefined ? iso[1]! : `${iso[1]}T${iso[2]}${iso[3] ?? ''}`;
  const numeric = NUMERIC.exec(date);
  if (numeric) {
    if (order === null) return null;
    const [day, month] = order === 'dmy' ? [numeric[1]!, numeric[3]!] : [numeric[3]!, numeric[1]!];
    return findDate(`${numeric[4]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)?.iso ?? null;
  }
  return findDate(date)?.iso ?? null;
}
