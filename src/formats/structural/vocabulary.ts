/**
 * The words and marks the structural reader looks for, in the languages
 * users write their templates in: field names, headings that name
 * highlights, words that start a highlight's note or tags, location labels
 * and the links exporters put after a highlight. Data only: README's
 * "Any template" section lists them, and adding a language is adding words
 * here.
 */

export type HeadField = 'title' | 'authors' | 'url' | 'category' | 'published' | 'tags';

/** Field names, compared in lower case without `*`, `_`, `:` or spaces around them. */
const FIELD_NAMES: Record<HeadField, string[]> = {
  title: [
    'full title', 'title', 'book title', 'real title', 'original title', 'long title', 'titel', 'titre', 'título', 'titulo', 'titolo', 'tytuł', 'название', 'заголовок', '标题', '書名', '书名', 'タイトル', '題名', 'tiêu đề', 'tên sách', '제목',
  ],
  authors: [
    'author', 'authors', 'by', 'creator', 'creators', 'autor', 'autoren', 'autorin', 'auteur', 'auteurs', 'autore', 'autori', 'autores', 'автор', 'авторы', '作者', '著者', '作家', 'tác giả', '저자', 'yazar', 'auteur(s)',
  ],
  url: [
    'url', 'link', 'reference', 'source', 'source url', 'original url', 'quelle', 'fuente', 'fonte', 'lien', 'enlace', 'источник', 'ссылка', '来源', '链接', '原文', '出典', 'リンク', 'nguồn', 'liên kết', '출처',
  ],
  category: [
    'category', 'type', 'media', 'kategorie', 'typ', 'catégorie', 'categoria', 'categoría', 'tipo', 'категория', 'тип', '类别', '分类', '類別', 'カテゴリ', 'カテゴリー', 'thể loại', 'danh mục', '분류',
  ],
  published: [
    'published', 'publication', 'publish date', 'published date', 'date published', 'publication date', 'veröffentlicht', 'erscheinungsdatum', 'publié', 'date de publication', 'publicado', 'fecha de publicación', 'опубликовано', 'дата публикации', '发布时间', '出版日期', '出版时间', '発行日', '出版日', 'ngày xuất bản',
  ],
  tags: [
    'tags', 'document tags', 'tag', 'schlagwörter', 'schlagworte', 'étiquettes', 'mots-clés', 'etiquetas', 'etichette', 'теги', 'метки', '标签', 'タグ', 'thẻ', '태그',
  ],
};

const FIELD_OF = new Map<string, HeadField>();
for (const [field, names] of Object.entries(FIELD_NAMES) as Array<[HeadField, string[]]>) for (const name of names) FIELD_OF.set(name, field);

/** The field a key names (`**Author:**`, `Autor::`, `| 作者 |`), or undefined. */
export function fieldNamed(key: string): HeadField | undefined {
  // Words joined by `-` or `_` are the same name (`published-date`, `full_title`, `source-url`).
  const name = key.replace(/[*:`：]/g, '').replace(/^_+|_+$/g, '').replace(/(?<=\p{L})[-_](?=\p{L})/gu, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
  // A name that says whose it is (`Source published date`, `Document title`) names the work's field.
  return FIELD_OF.get(name) ?? FIELD_OF.get(name.replace(/^(?:source|document|original|book|article) /, ''));
}

/** Headings of the part of a note that holds its highlights. */
export const HIGHLIGHT_HEADING =
  /^(?:(?:my |new |kindle |book |all )?(?:highlights?|annotations?|excerpts?|quotes?|clippings?|marginalia|notes and highlights|highlights and notes|highlights & notes)|markierungen|hervorhebungen|anmerkungen und markierungen|annotationen|zitate|surlignements|annotations et surlignements|passages surlignés|citations|extraits|subrayados|destacados|resaltados|citas|anotaciones|evidenziazioni|annotazioni|destaques|marcações|anotações|выделения|цитаты|заметки и выделения|аннотации|高亮|划线|标注|摘录|书摘|笔记与高亮|高亮与笔记|ハイライト|マーカー|引用|抜き書き|đánh dấu|trích dẫn|điểm nổi bật|하이라이트|밑줄)(?:\s*\(\d+\))?$/iu;

/** Words that start a highlight's note: `Note:`, `**Comment**:`, `💭`. */
export const NOTE_START =
  /^(?:[-*+]\s+)?(?:\*\*|__)?(?:note|notes|comment|comments|my note|my thoughts|thoughts|annotation|notiz|notizen|kommentar|anmerkung|remarque|commentaire|nota|notas|comentario|comentário|commento|заметка|комментарий|примечание|笔记|想法|评论|备注|批注|点评|感想|メモ|コメント|感想|ghi chú|bình luận|메모)\s*(?:\*\*|__)?\s*[:：](?:\*\*|__)?\s*|^(?:💭|📝|✍️|🗒️|💬)\s*(?:(?:\*\*)?[^\s:：*]{0,12}(?:\*\*)?\s*[:：])?\s*/iu;

/** A short label that names a note, on the block's first line: `Initial thought or note on:`, `My comments:`. */
export const NOTE_LABEL = /^[^\n:：]{0,30}\b(?:note|notes|thoughts?|comments?|notiz|kommentar|remarque|nota|comentario|заметка|комментарий)\b[^\n:：]{0,12}[:：][ \t]*\n?/iu;

/** Words that start a highlight's tags: `Tags: [[a]] #b`. */
export const TAGS_START = /^(?:[-*+]\s+)?(?:\*\*|__)?(?:highlight[_ -]?)?(?:tags?|schlagwörter|étiquettes|etiquetas|теги|标签|タグ|thẻ)\s*(?:\*\*|__)?\s*(?:::|[:：])(?:\*\*|__)?\s*/iu;

/** Headings that hold one highlight's note (`### Note`). */
export const NOTE_HEADING = /^(?:note|notes|my note|comment|notiz|kommentar|remarque|nota|заметка|笔记|想法|メモ|ghi chú)\s*[:：]?$/iu;

/**
 * Links exporters put after a highlight, to open it where it was made:
 * Kindle, Zotero's PDF reader, Apple Books, Hypothesis, Readwise, Snipd,
 * Glasp, MarginNote, Instapaper, Omnivore, Matter, SimpRead (its local
 * server, `localhost:7026/unread/N#id=…`).
 */
export const APP_LINK =
  /^(?:kindle:\/\/|zotero:\/\/(?:open-pdf|open)\b|ibooks:\/\/|marginnote\d?app:\/\/|https?:\/\/(?:hyp\.is|read\.readwise\.io|readwise\.io\/(?:open|to_kindle|reader|bookreview)|share\.snipd\.com|(?:www\.)?glasp\.co|(?:www\.)?instapaper\.com\/read|omnivore\.app|web\.getmatter\.com|(?:www\.)?kobo\.com|localhost:7026\/(?:unread|reading))[/?#])/i;

/** What a link to a highlight says: `View Highlight`, `Location 12`, `Page 3`, `(p. 3)`, `Go to annotation`. */
export const LOCATION_LINK_TEXT =
  /^\(?(?:view highlight|view in (?:readwise|reader|kindle)|open in (?:kindle|zotero|reader)|go to annotation|location|loc\.?|page|p\.|pg\.?|seite|s\.|página|pág\.?|pagina|стр\.?|страница|trang|位置|页|ページ|updated on|created on)\b.*\)?$|^\(?\d+\)?$|^\(?(?:p\.|page)\s*\d+\)?$/iu;

/** A location written as text: `Location 1234`, `Loc. 12-14`, `Page 12`, `p. 12`, `位置 #12`, `第12页`. */
export const LOCATION_LABEL =
  /(?:^|[\s(（[—–-])(?:(location|loc\.?|position|posición|posição|позиция|位置|vị trí)\s*[:：#]?\s*(\d+(?:\s*[-–]\s*\d+)?)|(page|p\.|pg\.?|seite|s\.|página|pág\.?|pagina|стр\.?|страница|trang)\s*[:：#]?\s*([0-9ivxlc]+(?:\s*[-–]\s*\d+)?))(?=$|[\s),.;:）\]])|第\s*(\d+)\s*页/iu;

/** An Obsidian block id at the end of a block: `^ref-12345` (Kindle plugin, Readwise), `^abc123`. */
export const BLOCK_ID = /(?:^|\s)\^([A-Za-z0-9][A-Za-z0-9-]*)\s*$/;

/**
 * A line that may carry a highlight's evidence (units.ts reads it exactly):
 * an app link, a `<mark>` or `==mark==`, a `^ref-` id, a labelled link or a
 * location label. Cheap: tested on raw text before anything is parsed.
 */
export const EVIDENCE_LINE =
  /(?:kindle|ibooks|zotero|marginnote\d?app):\/\/|hyp\.is\/|localhost:7026\/|readwise\.io\/|__readwiseLocation|share\.snipd\.com|glasp\.co\/|omnivore\.app\/|instapaper\.com\/|getmatter\.com\/|kobo\.com\/|<mark\b|==[^=\s]|\^ref-|\[(?:View Highlight|Go to annotation|Location|Page|p\.)|(?:\b(?:location|loc\.|page|p\.|pg\.?|seite|s\.|página|pág\.?|pagina|стр\.?|страница|trang|position)|位置|第)\s*[:：#]?\s*\d/i;

/**
 * A heading a template writes for each highlight: it starts with the
 * highlight's id, a run of five or more digits after `^` or a short prefix
 * (`##### ^291061814`, `### id263940286 my note`). What follows the id is
 * the highlight's note.
 */
export const ID_HEADING = /^\^?(?:[A-Za-z]{1,4}[-_]?)?\d{5,}[A-Za-z]?(?=\s|$)\s*/;

/** A block that is only a wikilink (`[[Voodoo has its roots in West Africa]]`): under a highlight, its note. */
export const WIKILINK_ONLY = /^\[\[([^\]|]+)(?:\|([^\]]+))?\]\]$/;

/** A tool's frontmatter key: then a heading that names highlights may be evidence enough. */
export const TOOL_FRONTMATTER = /^(?:kindle-sync|doc[_-]?type|citekey|citation-?key|highlights?-?count)\s*:/im;
