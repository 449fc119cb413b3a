/**
 * One annotation of Zotero's "Add Note from Annotations" note, as one
 * paragraph: Markdown after Zotero's export (or a template imitating it),
 * or the note's HTML kept by Better Notes. Pure.
 *
 *   “TEXT” ([Author, 2021, p. 12](zotero://select/…/items/PARENT)) ([pdf](zotero://open-pdf/…?page=3&annotation=KEY)) COMMENT
 *   ([Author, 2021, p. 12](zotero://select/…)) COMMENT                (a note annotation: no text)
 *   [image] ([pdf](zotero://open-pdf/…))                             (an image annotation)
 *   <span class="highlight" data-annotation="{…}">“TEXT”</span> <span class="citation" …>(Author, 2021, p. 12)</span> COMMENT
 *
 * The page is the citation's label (`p. 12`, the printed page); the pdf
 * link's `page=` is the physical page and only stands in when no label
 * gives one.
 */
import { foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { decodeEntities } from '../../extract/values.js';
import { OPEN_PDF, SELECT, linkTarget, pageOfLabel, plainSnippet } from './values.js';

/** `([label](zotero://…))`, with or without a space before it (one template glues a second link on). */
const LINK_GROUP = /^\s*\(\[([^\]\n]*)\]\((zotero:\/\/[^)\s]+)\)\)/;
/** A link before the quote: `[Go to annotation](zotero://open-pdf/…) “TEXT” …` (a Zotero Integration template; Zotero 6 glues it on with no space). */
const LEADING_LINK = /^\[([^\]\n]*)\]\((zotero:\/\/open-pdf\/[^)\s]+)\)\s*/;
/** The closing quote: the first `”` (or `"`) followed by a `([…](zotero://` group. */
const QUOTE_END = /[”"](?=\s*\(\[[^\]\n]*\]\(zotero:\/\/)/g;
/** With app links turned off the citation is plain text: `“TEXT” (Arik and Pfister, 2020, p. 1)`. */
const PLAIN_CITATION = /”\s*\(([^()\n]*?\b\d{4}[a-z]?,\s*pp?\.\s*[^()\n]+)\)/g;

export interface Citation {
  /** `Danqi Chen et al., 2017, p. 1872` as the style wrote it. */
  label: string;
}

export interface ReadAnnotation {
  highlight: FoundHighlight;
  citation: Citation | null;
}

/** A paragraph in the exported Markdown form; `null` when it is not one. */
export function readInlineAnnotation(raw: string): ReadAnnotation | null {
  let rest = raw.trim();
  const links: Array<{ label: string; url: string }> = [];
  const leading = LEADING_LINK.exec(rest);
  if (leading) {
    links.push({ label: leading[1]!, url: leading[2]! });
    rest = rest.slice(leading[0].length);
  }
  let quote: string | null = null;
  let image = false;
  let plainCitation: string | null = null;
  if (rest.startsWith('[image]')) {
    image = true;
    rest = rest.slice('[image]'.length);
  } else if (rest.startsWith('“') || rest.startsWith('"')) {
    QUOTE_END.lastIndex = 0;
    PLAIN_CITATION.lastIndex = 0;
    const linked = QUOTE_END.exec(rest);
    const plain = linked ? null : PLAIN_CITATION.exec(rest);
    const end = linked?.index ?? plain?.index;
    if (end === undefined) return null;
    // The closing mark must match the opening one: `“…"` is the author's quote inside a sentence.
    if ((rest[0] === '“') !== (rest[end] === '”')) return null;
    quote = rest.slice(1, end);
    rest = plain ? rest.slice(plain.index + plain[0].length) : rest.slice(end + 1);
    if (plain) plainCitation = plain[1]!;
  } else if (!rest.startsWith('([')) {
    return null;
  }
  for (let group = LINK_GROUP.exec(rest); group; group = LINK_GROUP.exec(rest)) {
    links.push({ label: group[1]!, url: group[2]! });
    rest = rest.slice(group[0].length);
  }
  const select = links.find((link) => SELECT.test(link.url));
  const pdf = links.find((link) => OPEN_PDF.test(link.url));
  // A note annotation starts with its citation; anything else needs a Zotero link or a citation.
  if (quote === null && !image && !select) return null;
  if (!select && !pdf && plainCitation === null) return null;
  if (!image && quote === null && links[0] !== select) return null;

  const markdown = quote ?? (image ? '[image]' : '');
  const highlight = foundHighlight(quote === null ? '' : plainSnippet(quote), markdown);
  const citationLabel = select?.label ?? plainCitation;
  const target = pdf ? linkTarget(pdf.url) : null;
  const page = (citationLabel === null ? null : pageOfLabel(citationLabel)) ?? (pdf ? pageOfLabel(pdf.label) : null) ?? target?.page ?? null;
  highlight.url = pdf?.url ?? null;
  highlight.id = target?.annotation ?? null;
  highlight.page = page;
  highlight.location = page === null ? null : `Page ${page}`;
  const comment = rest.trim();
  highlight.note = comment === '' ? null : plainSnippet(comment);
  return { highlight, citation: citationLabel === null ? null : { label: citationLabel } };
}

const HIGHLIGHT_SPAN = /<span class="highlight" data-annotation="([^"]*)"[^>]*>([\s\S]*?)<\/span>/;
const CITATION_SPAN = /<span class="citation" data-citation="[^"]*"[^>]*>([\s\S]*?\))<\/span>/;
const IMAGE = /<img\b[^>]*\bdata-annotation="([^"]*)"[^>]*>/;

interface AnnotationData {
  color?: unknown;
  pageLabel?: unknown;
  annotationKey?: unknown;
  position?: { pageIndex?: unknown };
}

/**
 * A paragraph of the note's HTML (Better Notes keeps it): the
 * `data-annotation` JSON is the only place the colour survives. `null`
 * when the paragraph holds no annotation; `invalid` when its data cannot be read.
 */
export function readHtmlAnnotation(raw: string): (ReadAnnotation & { invalid: boolean }) | null {
  const span = HIGHLIGHT_SPAN.exec(raw);
  const image = span ? null : IMAGE.exec(raw);
  const citationSpan = CITATION_SPAN.exec(raw);
  if (!span && !image && !citationSpan) return null;
  let data: AnnotationData | null = null;
  let invalid = false;
  const encoded = span?.[1] ?? image?.[1];
  if (encoded !== undefined) {
    try {
      data = JSON.parse(decodeURIComponent(decodeEntities(encoded))) as AnnotationData;
    } catch {
      invalid = true;
    }
  }
  const quoteHtml = span ? span[2]! : '';
  const quote = span ? unquoteCurly(textOfHtml(quoteHtml)) : null;
  const citationLabel = citationSpan ? textOfHtml(citationSpan[1]!).replace(/^\(|\)$/g, '').trim() : null;
  const afterAt = citationSpan ? citationSpan.index + citationSpan[0].length : span ? span.index + span[0].length : image!.index + image![0].length;
  const comment = textOfHtml(raw.slice(afterAt)).trim();
  if (!span && !image && comment === '') return null;

  const highlight = foundHighlight(quote ?? '', quote ?? (image ? '[image]' : ''));
  const href = /href="([^"]*)"/.exec(quoteHtml)?.[1];
  highlight.url = href ? decodeEntities(href) : null;
  const label = typeof data?.pageLabel === 'string' && data.pageLabel !== '' ? data.pageLabel : null;
  const index = typeof data?.position?.pageIndex === 'number' ? String(data.position.pageIndex + 1) : null;
  const page = label ?? (citationLabel === null ? null : pageOfLabel(citationLabel)) ?? index;
  highlight.page = page;
  highlight.location = page === null ? null : `Page ${page}`;
  highlight.id = typeof data?.annotationKey === 'string' ? data.annotationKey : (highlight.url ? linkTarget(highlight.url).annotation : null);
  highlight.color = typeof data?.color === 'string' ? data.color : null;
  highlight.note = comment === '' ? null : comment;
  return { highlight, citation: citationLabel === null ? null : { label: citationLabel }, invalid };
}

/** Text of an HTML fragment: tags removed, `<br>` a line break, entities decoded. */
function textOfHtml(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''));
}

function unquoteCurly(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('“') && trimmed.endsWith('”') ? trimmed.slice(1, -1) : trimmed;
}

/**
 * Authors and year from a citation label, for a note that names them
 * nowhere else: `Radford, 2023, p. 1`, `Arik and Pfister, 2020, p. 1`,
 * `Danqi Chen et al., 2017, p. 1872`. A title in quotes is no author.
 */
export function citedAuthors(label: string): { authors: string[]; year: string | null } {
  const match = /^(.*?),\s*(\d{4})[a-z]?\b/.exec(label.trim());
  if (!match || /^[“"]/.test(match[1]!)) return { authors: [], year: null };
  const names = match[1]!
    .replace(/\s+(?:et al\.?|u\. a\.|等|ほか|и др\.)$/u, '')
    .split(/\s+(?:and|&|und|et|y|e)\s+|,\s*/)
    .map((name) => name.trim())
    .filter(Boolean);
  return { authors: names, year: match[2]! };
}
