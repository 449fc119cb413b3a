/**
 * WeRead (微信读书) notes written by the obsidian-weread-plugin
 * (zhaohongxuan/obsidian-weread-plugin), `format: "weread"`: one note per
 * book, in the plugin's default templates of 2022–2026 and the changes users
 * make to them.
 *
 *   ---
 *   doc_type: weread-highlights-reviews
 *   bookId: "3300028078"
 *   title: Vue.js设计与实现          (frontmatter the plugin writes; the template adds isbn, category, lastReadDate…)
 *   reviewCount: 0
 *   noteCount: 4                      (the number of highlights, not of notes)
 *   readingStatus: "2"  progress: 77%  readingTime: 1小时5分钟  readingDate: 2022-09-08
 *   ---
 *   # 元数据
 *   > [!abstract] Vue.js设计与实现
 *   > - 书名： …  > - 作者： …  > - ISBN： …  > - PC地址：https://weread.qq.com/web/reader/…
 *   # 高亮划线
 *   ### 第1章 权衡的艺术
 *   > 📌 [the text](<weread://bestbookmark?bookId=…>)
 *   > ⏱ 2022-10-06 17:48:35 ^3300028078-6-3499-3535
 *   # 读书笔记 / # 本书评论
 *
 * Recognised by the plugin's frontmatter (`doc_type:
 * weread-highlights-reviews`, which it always writes), or a `bookId` key with
 * 📌 entries in the body; never by a folder or file name. The body is read
 * line by line (entries.ts). A highlight with a comment in 读书笔记 (`划线评论`)
 * that is also under 高亮划线 is one highlight, with the comment as its note;
 * one that is not is a highlight of its own. Chapter and book comments have
 * no highlighted text: each is a highlight with text "" and the comment as its
 * note (as Bookcision's note-only entries are). Pure.
 */
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { firstString, stringList } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { decodeEntities, tagsOf } from '../../extract/values.js';
import { parseFrontmatter } from '../../parse/frontmatter.js';
import type { Document, SourceFormat } from '../format.js';
import { readBody, type Entry } from './entries.js';

const FORMAT = 'weread';

/** The value the plugin writes in every note's frontmatter (its `frontMatterDocType`). */
const DOC_TYPE = /^doc_type[ \t]*:[ \t]*["']?weread-highlights-reviews["']?[ \t]*$/mu;
const BOOK_ID = /^bookId[ \t]*:/mu;
/** A 📌 entry line, after quote markers and a bullet. */
const ENTRY_LINE = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+][ \t]+)?📌/mu;

/** Frontmatter keys that are record fields; every other key goes to `extra` as it is. */
const TAKEN = new Set(['title', 'author', 'cover', 'tags']);

export const weread: SourceFormat = {
  detect: (document) => isWereadNote(document),
  read: (document, messages) => {
    const frontmatter = parseFrontmatter(document.text, messages);
    const fields = readNote(frontmatter.data ?? {}, frontmatter.body, document.name);
    return { works: [{ fields, key: null, messages }] };
  },
};

export function isWereadNote(document: Document): boolean {
  if (!/\.(md|markdown|txt)$/iu.test(document.name)) return false;
  const head = frontmatterText(document.text);
  if (head === null) return false;
  if (DOC_TYPE.test(head)) return true;
  return BOOK_ID.test(head) && ENTRY_LINE.test(document.text.slice(head.length));
}

/** The frontmatter's text (from the opening `---` to the closing one), or null when the note has none. */
function frontmatterText(text: string): string | null {
  if (!/^---[ \t]*\n/u.test(text)) return null;
  const end = text.search(/\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u);
  return end === -1 ? null : text.slice(0, end);
}

function readNote(data: Record<string, unknown>, body: string, fileName: string): Fields {
  const fields = emptyFields('highlights', FORMAT);
  const { entries, facts, h1, own } = readBody(body);
  const fact = (key: string): string | null => {
    const value = facts.get(key)?.trim();
    return value === undefined || value === '' || value === 'null' || value === 'undefined' ? null : value;
  };
  const bookId = firstString(data['bookId']);
  // The 元数据 list's 书名 is WeRead's; a frontmatter `title` may be another plugin's (the file name, `书名-作者`).
  fields.title = fact('书名')?.replace(/^《(.+)》$/u, '$1') ?? firstString(data['title']) ?? firstString(data['name']) ?? fact('abstract') ?? h1 ?? fileTitle(fileName, bookId);
  // Likewise its 作者 (a template may write the vault's owner as the note's `author`).
  const author = fact('作者') ?? stringList(data['author'])[0];
  fields.authors = author === undefined || author === null ? [] : authorsOf(author);
  fields.image = firstString(data['cover']) ?? fact('cover');
  fields.url = fact('PC地址');
  fields.published = fact('出版时间')?.match(/^\d{4}-\d{2}-\d{2}/u)?.[0] ?? null;
  fields.summary = fact('简介');
  fields.tags = tagsOf(data['tags']);
  // WeRead's own category (`文学-散文杂著`) stays in `extra`: the record's category is what the work is.
  fields.category = 'books';
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!TAKEN.has(key)) extra[key] = value;
  // What the 元数据 list states that the frontmatter did not.
  for (const [key, name] of [['isbn', 'ISBN'], ['publisher', '出版社'], ['category', '分类']] as const) {
    const value = fact(name);
    if (value !== null && (extra[key] === undefined || extra[key] === null || extra[key] === '')) extra[key] = value;
  }
  fields.extra = extra;
  fields.highlights = highlightsOf(entries);
  fields.paragraphs = own.length > 0 ? [own.join('\n')] : [];
  return fields;
}

/** The file name is the title, or `title-bookId` (the plugin's BOOK_NAME-ID naming). */
function fileTitle(fileName: string, bookId: string | null): string | null {
  const title = titleFromFileName(fileName);
  if (title === null || bookId === null) return title;
  const suffix = `-${bookId}`;
  return title.endsWith(suffix) && title.length > suffix.length ? title.slice(0, -suffix.length) : title;
}

/**
 * WeRead's author line: `霍春阳\u3000著` (a role after the name), `王海燕 杜建伟`
 * (names of Han characters apart by spaces), `A；B`. Roles go; a translator
 * (`X 译`) is no author when an author is named.
 */
export function authorsOf(value: string): string[] {
  const parts = value.split(/[;；、,，]/u).map((part) => part.trim()).filter(Boolean);
  const named = parts.filter((part) => !/[ \t\u3000]译$|^译[:：]/u.test(part));
  const people = (named.length > 0 ? named : parts).flatMap((part) => {
    const name = part.replace(/[ \t\u3000]*(?:等)?(?:编著|主编|编|著|译|撰|绘)$/u, '').trim();
    // Only names all of Han characters are split at spaces: `Dan Ristic` is one person.
    const words = name.split(/[ \t\u3000]+/u);
    return words.length > 1 && words.every((word) => /^[\p{Script=Han}·•]+$/u.test(word)) ? words : [name];
  });
  return [...new Set(people.filter(Boolean))];
}

/**
 * Entries as highlights: a 读书笔记 comment on a highlight already read (the
 * same text, in the same chapter when both name one) is that highlight's note.
 */
function highlightsOf(entries: readonly Entry[]): FoundHighlight[] {
  const highlights: FoundHighlight[] = [];
  const byText = new Map<string, FoundHighlight[]>();
  for (const entry of entries) {
    const key = fold(entry.text);
    const note = entry.note === null ? null : decodeEntities(entry.note);
    const same =
      entry.section === 'notes' && entry.kind === 'highlight'
        ? byText.get(key)?.find((read) => read.location === null || entry.chapter === null || read.location === entry.chapter)
        : undefined;
    if (same) {
      if (note !== null && !(same.note ?? '').includes(note)) same.note = same.note === null ? note : `${same.note}\n\n${note}`;
      same.highlightedAt ??= entry.date;
      same.location ??= entry.chapter;
      continue;
    }
    const highlight = foundHighlight(entry.kind === 'highlight' ? decodeEntities(entry.text) : '');
    highlight.note = note;
    highlight.url = entry.url;
    highlight.id = entry.id;
    highlight.location = entry.kind === 'book-review' ? null : entry.chapter;
    highlight.highlightedAt = entry.date;
    highlights.push(highlight);
    if (entry.kind === 'highlight' && entry.section !== 'notes' && key !== '') byText.set(key, [...(byText.get(key) ?? []), highlight]);
  }
  return highlights;
}

function fold(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
