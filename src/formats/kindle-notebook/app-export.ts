/**
 * The notebook a Kindle app exports (Kindle for iOS, Android, PC and Mac:
 * "Export Notebook" → an HTML file or e-mail):
 *
 *   <div class="bookTitle">Title</div><div class="authors">Author</div>
 *   <div class="citation">…</div>
 *   <div class="sectionHeading">Chapter</div>
 *   <div class="noteHeading">Highlight(<span class="highlight_yellow">yellow</span>) - Chapter > Page 12 · Location 170</div>
 *   <div class="noteText">text</div>
 *   <div class="noteHeading">Note - Page 12 · Location 171</div>
 *   <div class="noteText">the reader's note</div>
 *
 * Headings are in the app's language (`ハイライト(ピンク) - … > ページ23 ·位置607`,
 * `备注 - 位置 745`); they are read by their parts as Kindle clippings
 * headers are (kindle/header.ts). A highlight has a colour span; a heading
 * without one is a note, or a bookmark (skipped, counted). A note straight
 * after a highlight is that highlight's note (the app writes a note after
 * the highlight it was made on); any other note is a highlight with no
 * text and the note. Section headings go to `extra.sections` with the
 * index of their first highlight. Pure.
 */
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { readHeader } from '../kindle/header.js';
import { splitAuthors } from '../kindle/plugin.js';
import { htmlParts, type Element } from './html-parts.js';
import { FORMAT } from './page.js';

type Role = 'title' | 'authors' | 'citation' | 'section' | 'heading' | 'text';

const ROLES: Readonly<Record<string, Role>> = {
  bookTitle: 'title',
  authors: 'authors',
  citation: 'citation',
  sectionHeading: 'section',
  noteHeading: 'heading',
  noteText: 'text',
};

/** Whether the page is an app's notebook export: its heading and text classes, and the book's title. */
export function isAppExport(html: string): boolean {
  return /class\s*=\s*["'][^"']*\bnoteHeading\b/.test(html) && /class\s*=\s*["'][^"']*\bnoteText\b/.test(html) && /class\s*=\s*["'][^"']*\bbookTitle\b/.test(html);
}

export function readAppExport(html: string): Fields {
  const parts = htmlParts<Role>(html, roleOf);
  const fields = emptyFields('highlights', FORMAT);
  fields.category = 'books';
  const sections: Array<{ title: string; from: number }> = [];
  let bookmarks = 0;
  // The entry a `noteText` belongs to, and the last highlight (a note right after it is its note).
  let entry: { kind: 'highlight' | 'note' | 'bookmark'; highlight: FoundHighlight } | null = null;
  let lastHighlight: FoundHighlight | null = null;
  for (const part of parts) {
    switch (part.role) {
      case 'title':
        fields.title ??= bookTitle(part.text);
        break;
      case 'authors':
        if (fields.authors.length === 0) fields.authors = splitAuthors(part.text.replace(/^[^:：]{1,12}[:：]\s*/u, ''));
        break;
      case 'citation':
        if (part.text !== '') fields.extra['citation'] = part.text;
        break;
      case 'section':
        // Where each section starts: the index of its first highlight (a record's highlights have no chapter field).
        if (part.text !== '') sections.push({ title: part.text, from: fields.highlights.length });
        lastHighlight = null;
        break;
      case 'heading': {
        const color = part.inner.map(colorOf).find((name) => name !== null) ?? null;
        const header = readHeader(part.text.replace(/[|·]/g, ' · '));
        const highlight = foundHighlight('');
        highlight.page = header.page;
        highlight.location = header.location?.label ?? (header.page !== null ? `Page ${header.page}` : null);
        const kind = color !== null ? 'highlight' : header.type === 'bookmark' ? 'bookmark' : 'note';
        if (kind === 'highlight') highlight.color = color;
        if (kind === 'bookmark') bookmarks += 1;
        entry = { kind, highlight };
        if (kind !== 'note') lastHighlight = null;
        if (kind === 'highlight') {
          fields.highlights.push(highlight);
          lastHighlight = highlight;
        }
        break;
      }
      case 'text': {
        if (!entry || entry.kind === 'bookmark') break;
        if (entry.kind === 'highlight') {
          entry.highlight.text = entry.highlight.markdown = part.text;
        } else if (part.text !== '') {
          if (lastHighlight && lastHighlight.note === null) {
            lastHighlight.note = part.text;
          } else {
            entry.highlight.note = part.text;
            fields.highlights.push(entry.highlight);
          }
          lastHighlight = null;
        }
        entry = null;
        break;
      }
    }
  }
  if (sections.length > 0) fields.extra['sections'] = sections;
  if (bookmarks > 0) fields.extra['bookmarks'] = bookmarks;
  return fields;
}

function roleOf(element: Element): Role | null {
  for (const name of element.classes) if (ROLES[name]) return ROLES[name];
  return null;
}

/** `highlight_yellow` → `yellow`: the colour as the class names it (the span's text is in the app's language). */
function colorOf(element: Element): string | null {
  for (const name of element.classes) {
    const match = /^highlight_(\w+)$/.exec(name);
    if (match) return match[1]!.toLowerCase();
  }
  return null;
}

/** Kindle for PC writes the title in 《 》 in Chinese. */
function bookTitle(text: string): string | null {
  const title = text.replace(/^《(.*)》$/u, '$1').trim();
  return title === '' ? null : title;
}
