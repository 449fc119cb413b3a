/**
 * Instapaper's CSV export (`format: "instapaper"`, Settings → Export →
 * "Download .CSV file"): one row per saved article, `URL,Title,Selection,
 * Folder,Timestamp,Tags` (older exports stop after `Folder`, or after
 * `Timestamp`). One record per article, in the export's order; a URL saved
 * twice is one record.
 *
 * `Selection` is the bookmark's description: Instapaper's API calls it the
 * passage a client had selected when saving, but users type their own
 * there too (in a 2010 export, 13 of the first 15 are remarks such as
 * "this is a key read."), and the export does not tell them apart. So it is the record's
 * `summary`, never a highlight: Instapaper's highlights and notes are not
 * in this export. `Folder` (`Unread`, `Archive`, `Starred` or the user's
 * own) → `extra.folder`; `Timestamp` (seconds since the epoch, when the
 * article was saved) → `extra.saved` as a UTC time; `Tags`, a JSON array
 * (`["ai", "work"]`) → tags. Parsed by csv-parse (extract/csv-export.ts). Pure.
 */
import { csvExport, type CsvRow, type RowCollector } from '../../extract/csv-export.js';
import { emptyFields } from '../../extract/fields.js';
import { epochTime } from '../../extract/datetime.js';
import { decodeEntities } from '../../extract/values.js';
import type { Messages } from '../../messages.js';
import type { SourceFormat, Work } from '../format.js';

/** The columns every Instapaper export has, in its own spelling. */
const REQUIRED = ['URL', 'Title', 'Selection', 'Folder'];

export const instapaperCsv: SourceFormat = csvExport(REQUIRED, (messages) => new Articles(messages));

type Row = CsvRow;

/** An export's articles, one per URL, in order of first appearance; rows are added as they are read. */
class Articles implements RowCollector {
  private readonly byUrl = new Map<string, Work>();

  constructor(private readonly messages: Messages) {}

  add(row: Row): void {
    const url = row['URL']?.trim() ?? '';
    const key = url === '' ? `\0${this.byUrl.size}` : url;
    let work = this.byUrl.get(key);
    const saved = epochTime(row['Timestamp']);
    if (!work) {
      const fields = emptyFields('highlights', 'instapaper');
      fields.url = url || null;
      const title = row['Title']?.trim();
      fields.title = title ? decodeEntities(title) : null;
      fields.category = 'articles';
      fields.tags = tagList(row['Tags']);
      const folder = row['Folder']?.trim();
      if (folder) fields.extra['folder'] = folder;
      if (saved !== null) fields.extra['saved'] = saved;
      work = { fields, key, messages: this.byUrl.size === 0 ? this.messages : this.messages.fork() };
      this.byUrl.set(key, work);
    }
    const selection = row['Selection']?.trim();
    if (selection && work.fields.summary === null) work.fields.summary = selection;
  }

  works(): Work[] {
    return [...this.byUrl.values()];
  }
}

/** The `Tags` column: a JSON array of names (`["ai", "interp"]`), `[]` for none; a plain `a, b` list is read too. */
function tagList(value: string | undefined): string[] {
  const text = value?.trim() ?? '';
  if (text === '' || text === '[]') return [];
  try {
    const list = JSON.parse(text) as unknown;
    if (Array.isArray(list)) return list.flatMap((tag) => (typeof tag === 'string' && tag.trim() !== '' ? [tag.trim()] : []));
  } catch {
    // Not JSON: a comma-separated list.
  }
  return text.split(',').map((tag) => tag.trim()).filter(Boolean);
}
