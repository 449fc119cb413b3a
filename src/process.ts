/**
 * The work for one input file: bytes (and settings) → one outcome per
 * document, each a record plus diagnostics. Pure and synchronous, so it can
 * run in a worker and its result can be cached by the bytes' hash.
 *
 *   decode → split → per document: detect format → parse → extract → normalize
 */
import { createHash } from 'node:crypto';
import { extractMarkdown } from './extract/markdown.js';
import { extractText } from './extract/text.js';
import type { Fields } from './extract/fields.js';
import { Messages } from './messages.js';
import { normalize } from './normalize.js';
import { parseFrontmatter } from './parse/frontmatter.js';
import { tooCostly } from './parse/guard.js';
import { parseMarkdown } from './parse/markdown.js';
import { decode } from './read.js';
import type { Diagnostic, IngestRecord } from './schema.js';
import { split, type Segment } from './split.js';

/** What one document (or one unreadable file) came to. */
export interface Outcome {
  /** The physical file, as shown to the user. */
  path: string;
  /** `null` when the input could not be ingested; its diagnostics say why. */
  record: IngestRecord | null;
  diagnostics: Diagnostic[];
}

export interface ProcessSettings {
  /**
   * Why Markdown must not be parsed this time (the parser ran out of time in
   * a worker): documents are then read as plain text, with this reason in a warning.
   */
  readonly noMarkdown?: string;
}

export function processFile(path: string, bytes: Uint8Array, settings: ProcessSettings = {}): Outcome[] {
  const fileMessages = new Messages();
  const decoded = decode(bytes, fileMessages);
  if (!decoded.ok) return [{ path, record: null, diagnostics: fileMessages.list }];
  const segments = split(decoded.text, fileMessages);
  if (segments.length === 0) {
    // A bundle of delimiters only.
    return [{ path, record: null, diagnostics: fileMessages.list }];
  }
  return segments.map((segment, index) => {
    // File-level diagnostics (encoding, bundle) go with the first document.
    const messages = new Messages(segment.origin, index === 0 ? [...fileMessages.list] : []);
    const record = processDocument(path, segment, messages, settings);
    return { path, record, diagnostics: record.diagnostics };
  });
}

export function processDocument(path: string, segment: Segment, messages: Messages, settings: ProcessSettings = {}): IngestRecord {
  const name = segment.bundle?.name ?? path;
  const text = segment.text;
  let fields: Fields;
  if (text.trim() === '') {
    const message = 'the document has no text';
    if (segment.bundle) messages.addAt('warning', 'empty-document', `${message} after its <<<FILE>>> line`, { line: segment.bundle.line, column: 1 });
    else messages.warn('empty-document', message, { line: 1, column: 1 });
    fields = extractText('');
  } else if (formatOf(name, text) === 'markdown') {
    const frontmatter = parseFrontmatter(text, messages);
    let tree;
    const costly = settings.noMarkdown ?? tooCostly(frontmatter.body);
    if (settings.noMarkdown) {
      messages.warn('markdown-timeout', `${settings.noMarkdown}; read the document as plain text`, frontmatter.bodyStart);
    } else if (costly) {
      messages.warn('markdown-too-complex', `${costly}; read the document as plain text`, frontmatter.bodyStart);
    } else {
      try {
        tree = parseMarkdown(frontmatter.body);
      } catch (error) {
        // A stack overflow on some structure we did not foresee: the document still comes out, as text.
        messages.warn('markdown-parse', `could not parse the Markdown (${(error as Error).message}); read it as plain text`, frontmatter.bodyStart);
      }
    }
    fields = tree ? extractMarkdown(frontmatter, tree, messages, name) : extractText(frontmatter.body);
  } else {
    fields = extractText(text);
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  const id = createHash('sha256')
    .update(`${path}\0${segment.bundle ? segment.bundle.index : ''}`)
    .digest('hex')
    .slice(0, 16);
  return normalize(fields, { id, source: { path, bundle: segment.bundle, sha256 } }, messages);
}

/**
 * Markdown by extension; for `.txt` and unnamed documents, by content:
 * frontmatter, ATX headings or Readwise markers mean Markdown.
 */
export function formatOf(name: string, text: string): 'markdown' | 'text' {
  if (/\.(md|markdown|mdown|mkd)$/i.test(name)) return 'markdown';
  if (/^---[ \t]*\w*[ \t]*\n/.test(text)) return 'markdown';
  if (/^#{1,6}[ \t]+\S/m.test(text)) return 'markdown';
  if (/!\[rw-book-cover\]|\(\[(?:View Highlight|Location[\s\u00a0]\d+)\]\(/.test(text)) return 'markdown';
  return 'text';
}
