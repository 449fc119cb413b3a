/**
 * The body of a WeRead note (obsidian-weread-plugin), line by line: its
 * sections, the book facts of its 元数据 list, and its entries. Every
 * template the plugin has shipped (and the common changes users make to
 * them) writes an entry as lines that start with a marker, after any `>`
 * quote markers and one list bullet:
 *
 *   📌 the highlighted text (or `[text](<weread://bestbookmark?…>)`, since 2026)
 *   💭 the user's comment on it                     (may run on for lines)
 *   ⏱ 2023-01-01 12:00:00                           (`Invalid date` when WeRead gave none)
 *   ^bookId-chapterUid-range                         (the block id ends a line, or stands alone)
 *
 * under `# 高亮划线` (highlights, by chapter heading), `# 读书笔记`
 * (`### 划线评论`: a highlight with a comment; `### 章节评论 No.N`: a
 * comment on a chapter) and `# 本书评论` (`## 书评 No.N`: a review of the
 * book). A block id or a date ends the text or comment it follows; lines
 * after a blank line belong to the entry only when its date or block id
 * comes after them (a comment of several paragraphs). Pure.
 */

export type Section = 'top' | 'metadata' | 'highlights' | 'notes' | 'reviews' | 'other';

export interface Entry {
  /** Where it was written: `highlights` (高亮划线), `notes` (读书笔记), `reviews` (本书评论); `top` for a template without section headings. */
  section: Section;
  /** `highlight` (a 📌 line), or a comment with no highlighted text: `chapter-review` (章节评论), `book-review` (书评). */
  kind: 'highlight' | 'chapter-review' | 'book-review';
  text: string;
  note: string | null;
  /** The `weread://` link the text is written as (since 2026). */
  url: string | null;
  /** The block id (`^…`), without its caret. */
  id: string | null;
  /** The chapter heading it is under. */
  chapter: string | null;
  /** `YYYY-MM-DDTHH:MM:SS` from its ⏱ line. */
  date: string | null;
}

export interface Body {
  entries: Entry[];
  /** The 元数据 list (`书名`, `作者`, `简介`, `出版时间`, `ISBN`, `分类`, `出版社`, `PC地址`) and the callout's title (`abstract`) and cover (`cover`). */
  facts: Map<string, string>;
  /** The first H1 that names no section. */
  h1: string | null;
  /** Lines of sections the template does not have: the user's own text. */
  own: string[];
}

const SECTIONS: ReadonlyArray<[RegExp, Section]> = [
  [/^元数据$/u, 'metadata'],
  [/^(?:高亮划线|划线|高亮)$/u, 'highlights'],
  [/^(?:读书笔记|想法|笔记)$/u, 'notes'],
  [/^(?:本书评论|书评)$/u, 'reviews'],
];
const HEADING = /^(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/u;
/** What a line starts with once quote markers, indentation and one list bullet are off. */
const QUOTE = /^[ \t]*(?:>[ \t]?)+/u;
const BULLET = /^[ \t]*[-*+][ \t]+/u;
/**
 * A block id at the end of a line (the plugin writes ` ^{{bookmarkId}}`, `_` and `~` made `-`); some
 * templates glue it to the text (`…。^6-2881-2921`): then only an id of WeRead's shape (parts joined by `-`).
 */
const BLOCK_ID = /(?:(?:^|[ \t])\^([\w-]+)|\^(\w+(?:-\w+)+))[ \t]*$/u;
const DATE = /(\d{4})-(\d{2})-(\d{2})(?:[ T]+(\d{2}):(\d{2})(?::(\d{2}))?)?/u;
/** `[text](<weread://…>)`: the text, linked to where it is in the app. */
const DEEPLINK = /^\[([\s\S]*)\]\(<?(weread:\/\/[^\s>)]*)>?\)$/u;
/** `- 书名： X`, `- 出版时间 X` (the older template has no colon). */
const FACT = /^(书名|作者|简介|出版时间|ISBN|分类|出版社|PC地址)[ \t]*[:：]?[ \t]*(.*)$/u;
/** Labels some templates write before a highlight's text and its comment. */
const ORIGINAL = /^(?:\*\*)?原文(?:\*\*)?[ \t]*[:：]?$/u;
const COMMENT = /^(?:\*\*)?(?:评论|想法|批注)(?:\*\*)?[ \t]*[:：]?$/u;
/** A line that only dates the entry above it: `— created on [[2022-05-20]] 11:08 ^id`, `创建于 2022-05-20`. */
const CREATED = /^(?:[—–-]{1,2}[ \t]*)?(?:created(?:[ \t]+on)?|创建于|划线于)[ \t]*[:：]?[ \t]*(?:\[\[)?\d{4}-\d{2}-\d{2}(?:\]\])?(?:[ \t]*\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*(?:\^[\w-]+)?$/iu;
const REVIEW_HEADING = /^(划线评论|章节评论|书评)(?:[ \t]*No\.[ \t]*\d+)?[ \t]*(.*)$/iu;

interface Open {
  entry: Entry;
  text: string[];
  note: string[];
  /** The field lines go to, until a date or block id closes it. */
  field: 'text' | 'note' | null;
  /** Lines after a blank line: the open field's only if a date or block id of this entry follows. */
  pending: string[];
  /** A popular highlight of other readers (`🔥 [text]`): not the user's, not kept. */
  skip: boolean;
}

export function readBody(body: string): Body {
  const entries: Entry[] = [];
  const facts = new Map<string, string>();
  const own: string[] = [];
  let h1: string | null = null;
  let section: Section = 'top';
  let sectionDepth = 0;
  let chapter: string | null = null;
  /** Inside 读书笔记 / 本书评论: the kind of comment the last heading announced. */
  let announced: Entry['kind'] | null = null;
  let open: Open | null = null;
  let lastFact: string | null = null;
  /** The next quoted line begins a new quote (the line before was not quoted, or was a callout's title). */
  let quoteOpens = true;
  /** The line before was a `— created on …` line that closed the entry. */
  let closedByDate = false;
  /** The date a callout's title line gave the entry it opens. */
  let calloutDate: string | null = null;

  /** The open entry (a function: the closures below change it). */
  const opened = (): Open | null => open;
  const close = (): void => {
    const current = opened();
    open = null;
    if (current === null || current.skip) return;
    // Lines after a blank line that no date or block id claimed: the user's own.
    own.push(...current.pending.filter((line) => line !== ''));
    const entry = current.entry;
    entry.text = joined(current.text);
    const deeplink = DEEPLINK.exec(entry.text);
    if (deeplink) [entry.text, entry.url] = [deeplink[1]!.trim(), deeplink[2]!];
    entry.note = joined(current.note) || null;
    if (entry.text !== '' || entry.note !== null) entries.push(entry);
  };
  const start = (kind: Entry['kind'], field: 'text' | 'note', skip = false): Open => {
    close();
    open = { entry: { section, kind, text: '', note: null, url: null, id: null, chapter, date: null }, text: [], note: [], field, pending: [], skip };
    return open;
  };
  /** A date or block id of the open entry: lines held after a blank line were its field's. */
  const settle = (entry: Open): void => {
    if (entry.field !== null && entry.pending.length > 0) (entry.field === 'text' ? entry.text : entry.note).push('', ...entry.pending);
    entry.pending = [];
  };

  // A template that lost the newline before a chapter heading glues it to the block id above (`^2-16-42### 灾难`).
  for (const line of body.split('\n').flatMap((raw) => raw.replace(/(\^[\w-]+)(#{1,6}[ \t]+\S)/u, '$1\n$2').split('\n'))) {
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      lastFact = null;
      const depth = heading[1]!.length;
      const title = (heading[2] ?? '').replace(/[ \t]+#+$/u, '').trim();
      const named = SECTIONS.find(([pattern]) => pattern.test(title));
      // A chapter named like a section (`## 本书评论` under 高亮划线) is a chapter: sections are no deeper than the one they follow.
      if (named && (section === 'top' || depth <= sectionDepth)) {
        [section, sectionDepth, chapter, announced] = [named[1], depth, null, null];
        continue;
      }
      if (section !== 'top' && depth <= sectionDepth) {
        [section, sectionDepth, chapter, announced] = ['other', depth, null, null];
        if (title !== '') own.push(title);
        continue;
      }
      if (section === 'other' || section === 'metadata') {
        if (section === 'other' && title !== '') own.push(title);
        continue;
      }
      if (depth === 1 && section === 'top' && h1 === null) {
        h1 = title;
        continue;
      }
      const review = section === 'top' ? null : REVIEW_HEADING.exec(title);
      if (review) {
        announced = /^章节评论/u.test(review[1]!) ? 'chapter-review' : /^书评/u.test(review[1]!) ? 'book-review' : null;
        // `#### 章节评论 No.1 ⏱ 2022-12-12 20:37:17`, `## 书评 No.1 <the review>`: what follows the label is the entry's.
        if (announced !== null) {
          const current = start(announced, 'note');
          const rest = review[2]!.trim();
          if (rest.startsWith('⏱')) current.entry.date = dateOf(rest);
          else if (rest !== '') lineInto(current, rest);
        }
        continue;
      }
      announced = null;
      chapter = title === '' ? null : title;
      continue;
    }

    const unquoted = line.replace(QUOTE, '');
    const content = unquoted.replace(BULLET, '').trim();
    if (section === 'other') {
      if (content !== '') own.push(content);
      continue;
    }
    if (section === 'metadata' || (section === 'top' && opened() === null)) {
      const fact = readFact(content);
      if (fact) {
        facts.set(fact[0], fact[1]);
        lastFact = fact[0];
        continue;
      }
      if (section === 'metadata') {
        // The intro of older templates runs on for lines.
        if (lastFact === '简介' && content !== '' && !content.startsWith('![')) facts.set('简介', `${facts.get('简介')} ${content}`.trim());
        else lastFact = null;
        continue;
      }
    }

    const quoted = QUOTE.test(line);
    const [afterQuote, afterDate] = [quoteOpens, closedByDate];
    const callout = /^\[![\w-]+(?:\|[^\]]*)?\][+-]?(.*)$/u.exec(content);
    quoteOpens = !quoted || callout !== null;
    // `> [!quote] ⏱ 2023-01-01 12:00` : the date of the highlight the callout holds.
    const dated: string | null = calloutDate;
    calloutDate = callout && callout[1]!.includes('⏱') ? dateOf(callout[1]!) : null;
    closedByDate = false;
    if (content.startsWith('📌')) {
      const current = start('highlight', 'text');
      lineInto(current, content.replace(/^📌(?:\s*🔥)?/u, '').trim());
      continue;
    }
    // Templates without 📌: under 划线 or 笔记, a new quote (or a callout's first line) is a highlight.
    if (quoted && afterQuote && content !== '' && (section === 'highlights' || section === 'notes') && announced === null && !/^(?:💭|⏱|\^|\[!|🔥|📊)/u.test(content)) {
      const current = start('highlight', 'text');
      current.entry.date = dated;
      // `- **原文**` then the text, `- **评论**` then the comment (a template's 划线评论).
      if (!ORIGINAL.test(content)) lineInto(current, content);
      continue;
    }
    // A popular highlight of other readers, `🔥 [text](…)` / `📊 N 人共读`: not the user's.
    if (/^🔥[ \t]*\[/u.test(content) && opened()?.field !== 'note') {
      start('highlight', 'text', true);
      continue;
    }
    const current = opened();
    if (current === null || current.skip) continue;
    if (COMMENT.test(content) && current.entry.kind === 'highlight') {
      settle(current);
      current.field = 'note';
      continue;
    }
    if (content.startsWith('💭')) {
      settle(current);
      current.field = 'note';
      lineInto(current, content.slice('💭'.length).trim());
      continue;
    }
    if (content.startsWith('⏱')) {
      settle(current);
      current.entry.date ??= dateOf(content);
      const id = BLOCK_ID.exec(content);
      if (id) current.entry.id ??= (id[1] ?? id[2])!;
      current.field = null;
      continue;
    }
    if (/^[🔥📊][ \t]*\d+[ \t]*人共读/u.test(content)) {
      const id = BLOCK_ID.exec(content);
      if (id) current.entry.id ??= (id[1] ?? id[2])!;
      continue;
    }
    // A callout's title line (`> [!Cite]+ …`) starts the next block.
    if (/^\[![\w-]+(?:\|[^\]]*)?\]/u.test(content)) {
      close();
      continue;
    }
    // `— created on [[2022-05-20]] 11:08 ^id` after the text: its date and id.
    if (CREATED.test(content) && current.field !== null) {
      settle(current);
      current.entry.date ??= dateOf(content);
      const id = BLOCK_ID.exec(content);
      if (id) current.entry.id ??= (id[1] ?? id[2])!;
      current.field = null;
      closedByDate = true;
      continue;
    }
    // `- the comment` right under that line.
    if (afterDate && !quoted && BULLET.test(line) && current.note.length === 0) {
      current.field = 'note';
      lineInto(current, content);
      continue;
    }
    if (content === '') {
      if (current.field !== null && (current.pending.length > 0 || (current.field === 'text' ? current.text : current.note).length > 0)) current.pending.push('');
      continue;
    }
    if (current.field === null) {
      const id = BLOCK_ID.exec(content);
      if (id && content.startsWith('^')) current.entry.id ??= (id[1] ?? id[2])!;
      continue;
    }
    if (current.pending.length > 0) {
      if (/^\^[\w-]+$/u.test(content)) {
        settle(current);
        lineInto(current, content);
      } else current.pending.push(unquoted.trim());
      continue;
    }
    // The first line of a chapter comment is written as a list item (`- the comment ^id`): its bullet is no part of it.
    const first = current.entry.kind !== 'highlight' && current.field === 'note' && current.note.length === 0;
    lineInto(current, first ? content : unquoted.trim());
  }
  close();
  return { entries, facts, h1, own };
}

/** A line of the open field: a block id at its end is the entry's and closes the field. */
function lineInto(current: Open, line: string): void {
  const id = BLOCK_ID.exec(line);
  let text = line;
  if (id) {
    current.entry.id ??= (id[1] ?? id[2])!;
    text = line.slice(0, id.index).trim();
  }
  // `💭 comment - ⏱ 2023-01-01 12:00:00` on one line (the templates of 2023–2026).
  const inlineDate = current.field === 'note' ? /(?:^|[ \t])-[ \t]*⏱[ \t]*(.*)$/u.exec(text) : null;
  if (inlineDate) {
    current.entry.date ??= dateOf(inlineDate[1]!);
    text = text.slice(0, inlineDate.index).trim();
  }
  const field = current.field === 'text' ? current.text : current.note;
  if (current.field !== null && (text !== '' || field.length > 0)) field.push(text);
  if (id || inlineDate) current.field = null;
}

function readFact(line: string): [string, string] | null {
  // `| 作者 | 周岭 |` (a template's table), `**作者**： X` (bold names).
  const row = /^\|[ \t]*([^|]+?)[ \t]*\|[ \t]*(.*?)[ \t]*\|?[ \t]*$/u.exec(line);
  const content = row ? `${row[1]!.replace(/^出版年$/u, '出版时间')}：${row[2]!.replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')}` : line.replace(/^\*\*([^*]+)\*\*/u, '$1');
  const callout = /^\[!abstract\][+-]?[ \t]*(.*)$/iu.exec(content);
  // A callout titled by its kind (`**内容简介**`), not by the book, names nothing.
  if (callout) return callout[1]!.trim() === '' || /^(?:\*\*)?(?:内容)?简介(?:\*\*)?$/u.test(callout[1]!.trim()) ? null : ['abstract', callout[1]!.trim()];
  const cover = /^!\[[^\]]*\]\((\S+?)\)$/u.exec(content);
  if (cover) return ['cover', cover[1]!];
  const fact = FACT.exec(content);
  return fact ? [fact[1]!, fact[2]!.trim()] : null;
}

/** `⏱ 2023-01-01 12:00:00` as `2023-01-01T12:00:00`; `⏱ Invalid date` (WeRead gave none) is null. */
function dateOf(text: string): string | null {
  // `⏱[[2022-09-16]]01:29`: a template that links the day.
  const date = DATE.exec(text.replace(/\[\[|\]\]/gu, ' '));
  if (!date) return null;
  const day = `${date[1]}-${date[2]}-${date[3]}`;
  return date[4] === undefined ? day : `${day}T${date[4]}:${date[5]}:${date[6] ?? '00'}`;
}

/** Lines joined, blank lines at the ends dropped and runs of them made one. */
function joined(lines: readonly string[]): string {
  return lines.join('\n').replace(/\n{3,}/gu, '\n\n').trim();
}
