/**
 * The end of a Readwise highlight as export templates write it: the
 * location link (`([View Highlight](https://read.readwise.io/read/ID))`,
 * `[Location 12](kindle://…)`, `([351](…))`, `[](…)`), a bare `(Page 0)`, a
 * `^block-id`, a footnote or a `%% Color: yellow %%` comment; read off the
 * highlight's Markdown and plain text alike, giving its url, location, page,
 * id and colour. Shared with the Logseq reader (Readwise's Logseq export
 * writes the same lines). Pure.
 */
import type { Nodes } from 'mdast';
import { parseMarkdown, plainText } from '../../parse/markdown.js';
import { readDateTime, stamp } from '../../extract/datetime.js';
import { foundHighlight, type FoundHighlight } from '../../extract/fields.js';

const LABEL = String.raw`View Highlight|View Tweet|View Post|View Quote|Location\s+[\d,–-]+|Page\s+[\w,–-]+|Time\s+[\d:]+|Note|[\d][\d,–-]*|`;
/** The trailing location link as written: `([View Highlight](url))`, `[Location 12](url)`, `[](url)`, `([505]())`. */
const TRAILING_LINK = new RegExp(
  String.raw`\s*\(?\[(${LABEL})\]\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?(?:\s+"[^"]*")?\s*\)\)?[.,;]?\s*$`,
  'u',
);
/** A trailing bare location without a link: `(Location 12)`, `(Page 0)`. */
const TRAILING_BARE = /\s*\((Location\s+[\d,–-]+|Page\s+[\w,–-]+)\)\s*$/u;
/** A trailing block reference: `^rw446961085`, `^607666686`. */
const BLOCK_REF = /(?:^|\s+)\^([\w-]+)\s*$/u;
/** A trailing footnote reference: `[^1]`. */
const FOOTNOTE = /\s*\[\^[^\]\s]+\]\s*$/u;
/** A trailing Obsidian comment: `%% Color: yellow %%`. */
const COMMENT = /\s*%%([^%]*)%%\s*$/u;
/** Lines holding only a small number: a template artefact some vaults put between highlights. */
export const STRAY_NUMBERS = /(?:\n[ \t]*\d{1,3}[ \t]*)+$/u;
/** Only these links count as a location when their label is a bare number or empty. */
const HIGHLIGHT_URL = /readwise\.io|twitter\.com|x\.com\/\w+\/status|snipd\.com|kindle|^$/i;

export interface Trailer {
  markdown: string;
  url: string | null;
  location: string | null;
  id: string | null;
  color: string | null;
  /** Whether the text ended with a location link, a bare location or a block reference. */
  marked: boolean;
  /** Whether it ended with a location link (the only marker trusted outside a Highlights section). */
  linked: boolean;
  /** How to cut the same trailer off the plain text. */
  plainCuts: Array<(text: string) => string>;
}

/**
 * Runs an end-anchored pattern over the last few KiB of a text only: patterns
 * that start with `\s*` are quadratic over a long run of spaces, and what they
 * look for is always near the end.
 */
const WINDOW = 4096;
function execTail(pattern: RegExp, text: string): RegExpExecArray | null {
  const start = Math.max(0, text.length - WINDOW);
  const match = pattern.exec(start === 0 ? text : text.slice(start));
  if (match) match.index += start;
  return match;
}

/** Cuts the location link, block reference and comments off the end of a highlight's Markdown. */
export function readTrailer(raw: string): Trailer {
  const trailer: Trailer = {
    markdown: cutTail(raw.trimEnd(), STRAY_NUMBERS),
    url: null,
    location: null,
    id: null,
    color: null,
    marked: false,
    linked: false,
    plainCuts: [(text) => cutTail(text, STRAY_NUMBERS)],
  };
  for (let changed = true; changed; ) {
    changed = false;
    const spaced = normalizeSpaces(trailer.markdown);
    const ref = execTail(BLOCK_REF, spaced);
    if (ref) {
      trailer.id ??= ref[1]!.replace(/^rw(?=\d+$)/, '');
      trailer.markdown = trailer.markdown.slice(0, ref.index);
      trailer.plainCuts.push((text) => cutTail(text, BLOCK_REF));
      trailer.marked = changed = true;
      continue;
    }
    const footnote = execTail(FOOTNOTE, spaced);
    if (footnote) {
      trailer.markdown = trailer.markdown.slice(0, footnote.index);
      changed = true;
      continue;
    }
    const comment = execTail(COMMENT, spaced);
    if (comment) {
      const color = /^\s*colou?r\s*:\s*([\w-]+)\s*$/i.exec(comment[1]!);
      if (color) trailer.color ??= color[1]!;
      trailer.markdown = trailer.markdown.slice(0, comment.index);
      trailer.plainCuts.push((text) => cutTail(text, COMMENT));
      changed = true;
      continue;
    }
    if (trailer.linked) break;
    const link = execTail(TRAILING_LINK, spaced);
    if (link && (!/^[\d,–-]*$/.test(link[1]!) || HIGHLIGHT_URL.test(link[2]!))) {
      const label = normalizeSpaces(link[1]!);
      trailer.location = label === '' ? null : /^\d/.test(label) ? `Location ${label}` : label;
      trailer.url = link[2] === '' ? null : link[2]!;
      trailer.id ??= trailer.url ? readwiseId(trailer.url) : null;
      trailer.markdown = trailer.markdown.slice(0, link.index);
      trailer.plainCuts.push((text) => stripTrailingLabel(text, label));
      trailer.marked = changed = trailer.linked = true;
      continue;
    }
    const bare = execTail(TRAILING_BARE, spaced);
    if (bare) {
      trailer.location = normalizeSpaces(bare[1]!);
      trailer.markdown = trailer.markdown.slice(0, bare.index);
      trailer.plainCuts.push((text) => stripTrailingLabel(text, trailer.location!));
      trailer.marked = changed = true;
      break;
    }
  }
  // Plain text is cut in the order the Markdown was.
  return trailer;
}

export function build(content: Nodes[], raw: string): { highlight: FoundHighlight; marked: boolean } {
  const trailer = readTrailer(raw);
  let text = plainText(content, 'written');
  for (const cut of trailer.plainCuts) text = cut(normalizeTrailing(text));
  const highlight = foundHighlight(text.trim(), trailer.markdown.trim());
  highlight.url = trailer.url;
  highlight.id = trailer.id;
  setLocation(highlight, trailer.location);
  highlight.color = trailer.color;
  return { highlight, marked: trailer.marked };
}

/**
 * One highlight written as Markdown on its own (an outline block's text):
 * its trailing location link, block reference and colour comment read off
 * as everywhere else. `marked` says whether it ended with such a marker.
 */
export function highlightFromMarkdown(raw: string): { highlight: FoundHighlight; marked: boolean } {
  return build(parseMarkdown(raw).children as Nodes[], raw);
}

function stripTrailingLabel(text: string, label: string): string {
  const spaced = normalizeSpaces(text);
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  const match = execTail(new RegExp(String.raw`\s*\(?${escaped}\)?\s*$`, 'u'), spaced);
  return match ? text.slice(0, match.index) : text;
}

function normalizeTrailing(text: string): string {
  return text.trimEnd();
}

/** The text without what an end-anchored pattern matches at its end. */
export function cutTail(text: string, pattern: RegExp): string {
  const match = execTail(pattern, text);
  return match ? text.slice(0, match.index) : text;
}

/** The Readwise id in a highlight link: `read.readwise.io/read/ID`, `readwise.io/open/ID`. */
export function readwiseId(url: string): string | null {
  const match = /readwise\.io\/(?:read|open|bookreview\/\d+\/highlight|highlights?)\/([0-9a-z]+)(?:[/?#]|$)/i.exec(url);
  return match ? match[1]! : null;
}

/** The location label (a place: `Location 12`, `Page 12`, `Time 0:12:34`), and the page when the label is one. */
export function setLocation(highlight: FoundHighlight, location: string | null): void {
  // `View Highlight`, `View Tweet`: a link's label, not a place in the work.
  highlight.location = location !== null && /^View\b/i.test(location) ? null : location;
  highlight.page = location === null ? null : (/^Page\s+([\w–-]+)$/i.exec(location)?.[1] ?? null);
}

/** When a sync heading says the highlights under it were made: `New highlights added December 5, 2023 at 10:12 AM`, `[[Dec 5th, 2023]]`. */
export function syncTime(heading: string): string | null {
  const found = readDateTime(heading);
  return found ? stamp(found) : null;
}

export function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2007]/g, ' ');
}
