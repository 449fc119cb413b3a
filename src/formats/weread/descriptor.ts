/**
 * The weread family's format: what ingest knows about it (see
 * FormatDescriptor); the reader itself loads only when documents are read.
 */
import { defineFormat, NOTE_FILES } from '../format.js';

export const weread = defineFormat({
  id: 'weread',
  family: 'weread',
  formats: [
    {
      name: 'weread',
      kind: 'highlights',
      trust: 62,
      shelf: 'Books',
      about: 'WeRead (微信读书) book notes written by the obsidian-weread-plugin, its default templates of 2022–2026 and changed ones',
      reads:
        "recognised by its frontmatter `doc_type: weread-highlights-reviews` (or `bookId` with 📌 entries); title from the 元数据 list's `书名` (WeRead's), else frontmatter `title` or `name`, the `[!abstract]` callout (unless it is titled `内容简介`), the H1, the file name (`-bookId` dropped); the list's `作者`, else frontmatter `author` (`著`/`译` roles dropped, space-separated Han names split); `cover`, `简介` → `summary`, `出版时间` → `published`, `PC地址` → `url`, `category: \"books\"`; every other frontmatter key (`bookId`, `noteCount` — the number of highlights —, `reviewCount`, `readingStatus`, `progress`, `readingTime`, `totalReadDay`, `readingDate`, `finishedDate`, `isbn`, WeRead's `category`…) → `extra`, with `ISBN`, `出版社`, `分类` from the list where the frontmatter has none; highlights are 📌 entries (list, quote or callout; `[text](<weread://…>)` → text and `url`), and in templates without 📌 each new quote or quote callout under `划线`/`高亮`/`笔记` (`— created on [[day]] time ^id` after it → date and id, the list item right under that → note; `原文`/`评论` labels → text and note) with the chapter heading as `location`, `💭` → note, `⏱` → `highlightedAt` (`Invalid date` → none), the `^block id` → `id`; a 读书笔记 `划线评论` of a highlight already read adds its comment as that highlight's note, else it is a highlight of its own; `章节评论` and `书评` (no highlighted text) are highlights with text \"\" and the comment as note; popular highlights of other readers (`🔥 [text]`) are not kept",
    },
  ],
  claims: NOTE_FILES,
  input: 'text',
  detection: { role: 'specific' },
  reader: async () => (await import('./weread.js')).weread,
});
