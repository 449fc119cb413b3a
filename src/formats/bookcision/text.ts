/**
 * Bookcision's plain-text download (`format: "bookcision-text"`): the same
 * book as the JSON download (bookcision.ts), written by the bookmarklet's
 * template `src/excisor/templates/book.txt.handlebars`:
 *
 *   Title
 *   Authors
 *                                   (per highlight: an empty line,)
 *   highlighted text                (not for a note written on its own)
 *   NOTE: the note                  (when there is one)
 *   LOCATION: 157                   (empty when the notebook gave none)
 *
 * One record per file, read as the JSON download of the same book is
 * (title, authors, `Location N`, notes), less what the text leaves out: the
 * ASIN and the `kindle://` links. Recognised by that structure: the third
 * line empty, every entry an empty line then lines ending in a `LOCATION:`
 * line, nothing after the last one. Pure.
 */
import { emptyFields, foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { splitAuthors } from '../kindle/plugin.js';
import type { SourceFormat } from '../format.js';

const FORMAT = 'bookcision-text';

const LOCATION = /^LOCATION: (\d*)$/;
const NOTE = 'NOTE: ';

export const bookcisionText: SourceFormat = {
  detect: (document) => /\.txt$/i.test(document.name) && entriesOf(document.text) !== null,
  read: (document, messages) => {
    const lines = document.text.split('\n');
    const fields = emptyFields('highlights', FORMAT);
    fields.title = lines[0]!.trim() || null;
    fields.authors = splitAuthors(lines[1] ?? '');
    // A Kindle notebook is a Kindle book's.
    fields.category = 'books';
    fields.highlights = (entriesOf(document.text) ?? []).flatMap((entry) => {
      const highlight = highlightOf(entry);
      return highlight === null ? [] : [highlight];
    });
    return { works: [{ fields, key: null, messages }] };
  },
};

interface Entry {
  /** The lines between the entry's empty line and its `LOCATION:` line. */
  lines: string[];
  location: string;
}

/** The entries, or `null` when the text is not a Bookcision download. */
function entriesOf(text: string): Entry[] | null {
  const lines = text.replace(/\n+$/, '').split('\n');
  if (lines.length < 5 || lines[0]!.trim() === '' || lines[1]!.trim() === '' || lines[2] !== '') return null;
  const entries: Entry[] = [];
  let start = 2;
  for (let at = 3; at < lines.length; at++) {
    const location = LOCATION.exec(lines[at]!);
    if (!location) continue;
    // Each entry starts with the empty line the template writes before it.
    if (lines[start] !== '') return null;
    entries.push({ lines: lines.slice(start + 1, at), location: location[1]! });
    start = at + 1;
  }
  return entries.length > 0 && start === lines.length ? entries : null;
}

function highlightOf(entry: Entry): FoundHighlight | null {
  const noteAt = entry.lines.findIndex((line) => line.startsWith(NOTE));
  const text = (noteAt === -1 ? entry.lines : entry.lines.slice(0, noteAt)).join('\n').trim();
  const note = noteAt === -1 ? null : [entry.lines[noteAt]!.slice(NOTE.length), ...entry.lines.slice(noteAt + 1)].join('\n').trim() || null;
  // A note-only entry whose note the notebook lost: nothing to keep.
  if (text === '' && note === null) return null;
  const highlight = foundHighlight(text);
  highlight.note = note;
  if (entry.location !== '') highlight.location = `Location ${entry.location}`;
  return highlight;
}
