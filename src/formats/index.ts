/**
 * The source formats, in the order they are tried: the first whose `detect`
 * accepts a document reads it. Formats recognised by their whole shape come
 * first; Markdown and plain text take what is left.
 */
import type { SourceFormat } from './format.js';
import { appleBooks } from './apple-books.js';
import { hypothesis } from './hypothesis.js';
import { ingestOutput } from './ingest-output.js';
import { kindleClippings } from './kindle-clippings.js';
import { kindlePlugin } from './kindle-plugin.js';
import { logseq } from './logseq.js';
import { markdown } from './markdown.js';
import { omnivore } from './omnivore.js';
import { readwiseCsv } from './readwise-csv.js';
import { readwiseJson } from './readwise-json.js';
import { text } from './text.js';
import { unknownData } from './unknown.js';
import { webClipper } from './web-clipper.js';
import { zotero } from './zotero.js';
import { zoteroIntegration } from './zotero-integration.js';

export type { Document, Reading, SourceFormat, Work } from './format.js';

export const FORMATS: readonly SourceFormat[] = [
  kindleClippings,
  ingestOutput,
  readwiseCsv,
  readwiseJson,
  unknownData,
  zoteroIntegration,
  zotero,
  kindlePlugin,
  appleBooks,
  hypothesis,
  omnivore,
  webClipper,
  logseq,
  markdown,
  text,
];
