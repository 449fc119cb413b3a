/**
 * The Kindle notebook page saved from read.amazon.com/notebook (or
 * Amazon's other notebook sites): one book, its highlights in
 * `#kp-notebook-annotations`, each row
 *
 *   <input type="hidden" id="kp-annotation-location" value="78"/>
 *   <span id="annotationHighlightHeader">Yellow highlight | Location: 78</span>   (or "Page: 10")
 *   <span id="annotationNoteHeader" class="… aok-hidden">Note | Location: 78</span>
 *   <div class="… kp-notebook-highlight kp-notebook-highlight-yellow"><span id="highlight">text</span></div>
 *   <div class="… kp-notebook-note …"><span id="note">the reader's note</span></div>
 *
 * with the title in `h3.kp-notebook-metadata`, the author in the
 * `p.kp-notebook-metadata` after it, and the book's ASIN in its cover's
 * `/dp/ASIN` link. The location is the hidden input's (the header shows
 * the page instead when the book has pages); the colour is the
 * highlight's `kp-notebook-highlight-<colour>` class (the header is in the
 * site's language). A row with a note and no highlight text is a note on
 * its own: a highlight with no text and the note. Pure.
 */
import { emptyFields, foundHighlight, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { readHeader } from '../kindle/header.js';
import { splitAuthors } from '../kindle/plugin.js';
import { htmlParts, type Element } from './html-parts.js';

export const FORMAT = 'kindle-notebook';

type Role = 'title' | 'metadata' | 'row' | 'header' | 'mark' | 'highlight' | 'note';

/** Whether the page is a saved notebook page: its annotations container and Amazon's row header ids. */
export function isNotebookPage(html: string): boolean {
  return /id\s*=\s*["']kp-notebook-annotations["']/.test(html) && /\bkp-notebook-metadata\b/.test(html);
}

export function readNotebookPage(html: string): Fields {
  let asin: string | null = null;
  const parts = htmlParts<Role>(html, roleOf, (element) => {
    const href = element.tag === 'a' ? element.attributes['href'] : undefined;
    asin ??= href ? (/\/dp\/([A-Z0-9]{10})(?![A-Z0-9])/.exec(href)?.[1] ?? null) : null;
  });
  const fields = emptyFields('highlights', FORMAT);
  fields.category = 'books';
  let row: { location: string | null; highlight: FoundHighlight; header: string | null; color: string | null } | null = null;
  let afterTitle = false;
  const close = (): void => {
    if (!row) return;
    const { highlight } = row;
    const header = row.header === null ? null : readHeader(row.header.replace(/\|/g, ' · ').replace(/:\s*/g, ' '));
    highlight.page = header?.page ?? null;
    highlight.location = row.location !== null ? `Location ${row.location}` : (header?.location?.label ?? (highlight.page !== null ? `Page ${highlight.page}` : null));
    if (highlight.text !== '') highlight.color = row.color;
    if (highlight.text !== '' || highlight.note !== null) fields.highlights.push(highlight);
    row = null;
  };
  for (const part of parts) {
    switch (part.role) {
      case 'title':
        if (fields.title === null && part.text !== '') {
          fields.title = part.text;
          afterTitle = true;
        }
        break;
      case 'metadata':
        // The author's line is the first after the title ("Last accessed on" follows it).
        if (afterTitle && part.text !== '') fields.authors = splitAuthors(part.text);
        afterTitle = false;
        break;
      case 'row':
        close();
        row = { location: /^\d+$/.test(part.element.attributes['value'] ?? '') ? part.element.attributes['value']! : null, highlight: foundHighlight(''), header: null, color: null };
        break;
      case 'header':
        if (row && row.header === null && part.text !== '') row.header = part.text;
        break;
      case 'mark':
        if (row) row.color = colorOf(part.element);
        break;
      case 'highlight':
        if (row) row.highlight.text = row.highlight.markdown = part.text;
        break;
      case 'note':
        if (row && part.text !== '') row.highlight.note = part.text;
        break;
    }
  }
  close();
  if (asin !== null) fields.extra['asin'] = asin;
  return fields;
}

function roleOf(element: Element): Role | null {
  const id = element.attributes['id'];
  if (id === 'kp-annotation-location' && element.tag === 'input') return 'row';
  if (id === 'annotationHighlightHeader' || id === 'annotationNoteHeader') return 'header';
  if (id === 'highlight') return 'highlight';
  if (id === 'note') return 'note';
  if (colorOf(element) !== null) return 'mark';
  if (!element.classes.includes('kp-notebook-metadata')) return null;
  if (element.tag === 'h3') return 'title';
  if (element.tag === 'p') return 'metadata';
  return null;
}

/** `kp-notebook-highlight-yellow` → `yellow`. */
function colorOf(element: Element): string | null {
  for (const name of element.classes) {
    const match = /^kp-notebook-highlight-(\w+)$/.exec(name);
    if (match) return match[1]!.toLowerCase();
  }
  return null;
}
