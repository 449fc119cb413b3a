/**
 * `.csv` and `.json` files that no format recognised: an `unknown-format`
 * error and no record (never a note made of a spreadsheet's cells).
 */
import type { SourceFormat } from '../format.js';

export const unknownData: SourceFormat = {
  detect: (document) => /\.(csv|json)$/i.test(document.name),
  read: (document, messages) => {
    const kind = /\.csv$/i.test(document.name) ? 'CSV' : 'JSON';
    const example = kind === 'CSV' ? 'a Readwise CSV export (header Highlight,Book Title,Book Author,…)' : 'a Readwise export API page ({"results": [{"title", "highlights": […]}]})';
    messages.error('unknown-format', `${document.name}: this ${kind} file is not a format ingest reads; expected ${example}, or another ${kind} export that docs/formats.md lists`, null);
    return { works: null, messages };
  },
};
