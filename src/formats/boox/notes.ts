/**
 * Boox e-readers' NeoReader notes export (`format: "boox"`): the plain-text
 * file NeoReader writes for one book (`<Title>-annotation-<date>.txt`),
 * its labels in the device's language. Two layouts are met.
 *
 * Firmware since about 2022 (the separators are `U+00A0` in the real files,
 * plain spaces in some):
 *
 *   Reading Notes | <<Title>>Author            (读书笔记 | …, Notizen lesen | …, Заметки при чтении | …)
 *   Chapter                                     (only when it changes; an empty line: no chapter)
 *   2023-04-03 01:21  |  Page No.: 32           (页码：32, Seite Nr.: 32, Страница: 32)
 *   highlighted text, one or more lines
 *   【Note】the reader's note, one or more lines   (【Annotation】, 【批注】)
 *   -------------------
 *
 * Older firmware:
 *
 *   Reading Notes | <<Title>>                   (BOOX Reading Notes | …)
 *   Author
 *   Chapter                                     (on every entry; an empty line: no chapter)
 *   Time：2022-03-07 14:02                      (时间：…)
 *   【Original Text】highlighted text             (【原文】)
 *   【Annotations】note                           (【批注】)
 *   【Page Number】20                             (【页码】)
 *   -------------------
 *
 * One record per file. Recognised by that structure: the `<label> | <<…>>`
 * first line, a dated entry line of either layout and the `---` separator
 * (Kindle's clippings, the other `.txt` export, has none of them). Pure.
 */
import { emptyFields, foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { splitAuthors } from '../kindle/plugin.js';
import type { SourceFormat } from '../format.js';

const FORMAT = 'boox';

/** `<label> | <<Title>>Author`: a short label, `|` between spaces or no-break spaces, the title in `<< >>`. */
const HEADER = /^\s*([^|<>\n]{1,40}?)[ \t\u00a0]*\|[ \t\u00a0]*<<(.*?)>>(.*)$/u;
const SEPARATOR = /^-{10,}[ \t\u00a0]*$/;
/** The newer layout's entry line: date and time, `|`, a page label and its number (`Page No.: 32`, `页码：32`). */
const ENTRY = /^(\d{4}-\d{2}-\d{2}[ \t\u00a0]+\d{1,2}:\d{2}(?::\d{2})?)[ \t\u00a0]*\|[ \t\u00a0]*[^\d\n]*?[:：][ \t\u00a0]*(\d*)[ \t\u00a0]*$/u;
/** The older layout's time line: a short label and the date and time (`Time：2022-03-07 14:02`, `时间：…`). */
const TIME = /^[^\d\n:：]{1,20}[:：][ \t\u00a0]*(\d{4}-\d{2}-\d{2}[ \t\u00a0]+\d{1,2}:\d{2}(?::\d{2})?)[ \t\u00a0]*$/u;
/** A field of the older layout: `【Original Text】…`. */
const FIELD = /^【([^】\n]{1,30})】(.*)$/u;
/**
 * The newer layout's note marker: a label in `【 】` of Latin or Cyrillic
 * letters (`【Note】`, `【Annotation】`), or one of the CJK words NeoReader
 * uses. Other CJK text in `【 】` at a line's start is the book's own (a
 * Chinese book's `【原文】` heading), not a note.
 */
const NOTE_MARK = /^【(?:[\p{Script=Latin}\p{Script=Cyrillic} ]{2,24}|批注|批註|注释|註釋|笔记|筆記|メモ|메모)】/u;

export const boox: SourceFormat = {
  detect: (document) => {
    if (!/\.txt$/i.test(document.name)) return false;
    const lines = document.text.slice(0, 8192).split('\n', 200);
    if (!HEADER.test(lines[0] ?? '')) return false;
    const separator = lines.findIndex((line) => SEPARATOR.test(line));
    const dated = lines.findIndex((line, at) => ENTRY.test(line) || (TIME.test(line) && FIELD.test(lines[at + 1] ?? '')));
    // A short export may end without a separator: one entry, then the end of the file.
    return dated > 0 && (separator > dated || (separator === -1 && lines.length < 200));
  },
  read: (document, messages) => {
    const lines = document.text.split('\n').map((line) => line.replace(/\r$/, ''));
    const header = HEADER.exec(lines[0] ?? '')!;
    const fields = emptyFields('highlights', FORMAT);
    fields.title = clean(header[2] ?? '');
    fields.category = 'books';
    let authors = (header[3] ?? '').trim();
    const blocks = entries(lines.slice(1));
    const older = blocks.some((block) => block.findIndex((line) => TIME.test(line)) !== -1 && !block.some((line) => ENTRY.test(line)));
    // The older layout writes the author on the line after the title.
    if (older && authors === '' && blocks[0] && blocks[0].length > 0 && !TIME.test(blocks[0][0]!)) authors = blocks[0].shift()!.trim();
    fields.authors = splitAuthors(authors);
    let chapter: string | null = null;
    for (const block of blocks) {
      const entry = older ? olderEntry(block) : newerEntry(block);
      if (entry === null) continue;
      // A chapter line is written when the chapter changes; an empty one means none.
      if (entry.chapter !== undefined) chapter = entry.chapter;
      const { highlight } = entry;
      if (highlight.text === '' && highlight.note === null) continue;
      highlight.location = chapter ?? (highlight.page === null ? null : `Page ${highlight.page}`);
      fields.highlights.push(highlight);
    }
    return { works: [{ fields, key: null, messages }] };
  },
};

/** The lines of each entry: between one separator and the next (the last entry may have none after it). */
function entries(lines: string[]): string[][] {
  const blocks: string[][] = [[]];
  for (const line of lines) {
    if (SEPARATOR.test(line)) blocks.push([]);
    else blocks[blocks.length - 1]!.push(line);
  }
  return blocks.filter((block) => block.some((line) => line.trim() !== ''));
}

interface Entry {
  /** The chapter line before the entry: a name, `null` for an empty line, `undefined` when none is written. */
  chapter: string | null | undefined;
  highlight: FoundHighlight;
}

function chapterOf(lines: string[]): string | null | undefined {
  if (lines.length === 0) return undefined;
  const name = clean(lines.join(' '));
  return name === '' ? null : name;
}

function newerEntry(block: string[]): Entry | null {
  const at = block.findIndex((line) => ENTRY.test(line));
  if (at === -1) return null;
  const [, when, page] = ENTRY.exec(block[at]!)!;
  const body = block.slice(at + 1);
  const mark = body.findIndex((line) => NOTE_MARK.test(line));
  const textLines = mark === -1 ? body : body.slice(0, mark);
  const highlight = foundHighlight(joined(textLines));
  if (mark !== -1) highlight.note = joined([body[mark]!.replace(NOTE_MARK, ''), ...body.slice(mark + 1)]) || null;
  highlight.page = page === '' ? null : page!;
  highlight.highlightedAt = stamp(when!);
  return { chapter: chapterOf(block.slice(0, at)), highlight };
}

/** `【Original Text】`, `【Annotations】`, `【Page Number】` in this order, whatever the language of their labels. */
function olderEntry(block: string[]): Entry | null {
  const at = block.findIndex((line) => TIME.test(line));
  if (at === -1) return null;
  const when = TIME.exec(block[at]!)![1]!;
  const values: string[][] = [];
  for (const line of block.slice(at + 1)) {
    const field = FIELD.exec(line);
    if (field && values.length < 3) values.push([field[2]!]);
    else values[values.length - 1]?.push(line);
  }
  const [text = [], note = [], page = []] = values;
  const highlight = foundHighlight(joined(text));
  highlight.note = joined(note) || null;
  const number = joined(page);
  highlight.page = /^\d+$/.test(number) ? number : null;
  highlight.highlightedAt = stamp(when);
  // The older layout writes the chapter line (empty when there is none) before every entry.
  return { chapter: chapterOf(block.slice(0, at)) ?? null, highlight };
}

/** `2023-04-03 01:21` as the schema writes a time: `2023-04-03T01:21:00` (the export's time is to the minute, local, no offset). */
function stamp(when: string): string {
  const [, date, hour, minute, second] = /^(\d{4}-\d{2}-\d{2})[ \t\u00a0]+(\d{1,2}):(\d{2})(?::(\d{2}))?/u.exec(when)!;
  return `${date}T${hour!.padStart(2, '0')}:${minute}:${second ?? '00'}`;
}

/** Lines as written, without the blank ones and spaces (no-break ones too) around them. */
function joined(lines: readonly string[]): string {
  return lines.join('\n').trim();
}

function clean(value: string): string {
  return value.trim();
}
