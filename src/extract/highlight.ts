/**
 * One Readwise highlight from one list item. Pure.
 *
 *   - Text with [a link](…) ([View Highlight](https://read.readwise.io/read/ID))
 *       - Tags: [[a]] [[b]]
 *       - Note: a note that may
 *         span lines
 */
import type { List, ListItem, Nodes } from 'mdast';
import { plainText, sourceOf } from '../parse/markdown.js';
import type { FoundHighlight } from './fields.js';
import { wikiOrHashTags } from './values.js';

const LABEL = String.raw`View Highlight|View Tweet|View Post|View Quote|Location\s+[\d,–-]+|Page\s+[\w,–-]+|Time\s+[\d:]+|Note`;
/** The trailing location link as written: `([View Highlight](url))`, `[Location 12](url)`. */
const TRAILING_LINK = new RegExp(
  String.raw`\s*\(?\[(${LABEL})\]\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?(?:\s+"[^"]*")?\s*\)\)?\s*$`,
  'u',
);
/** A trailing bare location without a link: `(Location 12)`. */
const TRAILING_BARE = new RegExp(String.raw`\s*\((Location\s+[\d,–-]+|Page\s+[\w,–-]+)\)\s*$`, 'u');
/** A trailing block reference: `^rw446961085`. */
const BLOCK_REF = /\s+\^([\w-]+)\s*$/u;
const NESTED = /^(Tags|Note|Summary|Transcript)\s*:\s*/i;

export function highlightFromItem(item: ListItem, body: string): FoundHighlight | null {
  const content: Nodes[] = [];
  const nested: ListItem[] = [];
  for (const child of item.children) {
    if (child.type === 'list' && isAnnotationList(child, body)) nested.push(...child.children);
    else content.push(child);
  }
  if (content.length === 0) return null;
  let markdown = dedent(sourceOf(body, content[0]!, content[content.length - 1]!), item);
  let text = plainText(content).trim();
  let url: string | null = null;
  let location: string | null = null;
  let id: string | null = null;

  const blockRef = BLOCK_REF.exec(markdown);
  if (blockRef) {
    id = blockRef[1]!.replace(/^rw(?=\d+$)/, '');
    markdown = markdown.slice(0, blockRef.index);
    text = text.replace(BLOCK_REF, '');
  }
  const link = TRAILING_LINK.exec(normalizeSpaces(markdown));
  if (link) {
    location = normalizeSpaces(link[1]!);
    url = link[2]!;
    markdown = markdown.slice(0, link.index);
    text = stripTrailingLabel(text, location);
    id ??= readwiseId(url);
  } else {
    const bare = TRAILING_BARE.exec(normalizeSpaces(markdown));
    if (bare) {
      location = normalizeSpaces(bare[1]!);
      markdown = markdown.slice(0, bare.index);
      text = stripTrailingLabel(text, location);
    }
  }

  const highlight: FoundHighlight = { text: text.trim(), markdown: markdown.trim(), url, id, location, tags: [], note: null };
  for (const child of nested) annotate(highlight, child, body);
  return highlight;
}

/** A nested list of `Tags:`/`Note:` items belongs to the highlight, not to its text. */
function isAnnotationList(list: List, body: string): boolean {
  return list.children.length > 0 && list.children.every((child) => NESTED.test(sourceOf(body, child).replace(/^\s*[-*+]\s+/, '')));
}

function annotate(highlight: FoundHighlight, item: ListItem, body: string): void {
  const raw = dedent(sourceOf(body, item).replace(/^[-*+]\s+/, ''), item);
  const label = NESTED.exec(raw);
  if (!label) return;
  const value = raw.slice(label[0].length).trim();
  switch (label[1]!.toLowerCase()) {
    case 'tags':
      highlight.tags.push(...wikiOrHashTags(value));
      break;
    case 'note': {
      const note = plainText(item.children).replace(NESTED, '').trim();
      highlight.note = highlight.note ? `${highlight.note}\n\n${note}` : note || null;
      break;
    }
    default:
      // Podcast summaries and transcripts: kept with the highlight as part of its note.
      highlight.note = [highlight.note, `${label[1]}: ${plainText(item.children).replace(NESTED, '').trim()}`]
        .filter(Boolean)
        .join('\n\n');
  }
}

function stripTrailingLabel(text: string, label: string): string {
  const spaced = normalizeSpaces(text);
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  const match = new RegExp(String.raw`\s*\(?${escaped}\)?\s*$`, 'u').exec(spaced);
  return match ? text.slice(0, match.index) : text;
}

/** The Readwise id in a highlight link: `read.readwise.io/read/ID`, `readwise.io/open/ID`. */
export function readwiseId(url: string): string | null {
  const match = /readwise\.io\/(?:read|open|bookreview\/\d+\/highlight|highlights?)\/([0-9a-z]+)(?:[/?#]|$)/i.exec(url);
  return match ? match[1]! : null;
}

/** Removes a list item's content indentation from continuation lines. */
function dedent(source: string, item: ListItem): string {
  const first = item.children[0]?.position?.start.column ?? 1;
  const indent = Math.max(0, first - 1);
  if (indent === 0 || !source.includes('\n')) return source;
  const pattern = new RegExp(`^ {0,${indent}}`, 'gm');
  const [head, ...rest] = source.split('\n');
  return [head, ...rest.map((line) => line.replace(pattern, ''))].join('\n');
}

function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2007]/g, ' ');
}
