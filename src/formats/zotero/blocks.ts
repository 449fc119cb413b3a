/**
 * Blocks of a Zotero-derived note as its exporter wrote them. Zotero writes
 * one annotation per paragraph, but users edit them (a list or a `$$`
 * formula inside a comment), so an annotation is a run of top-level nodes
 * with no blank line between them, read from its source. Pure.
 */
import type { Blockquote, Heading, Nodes, RootContent } from 'mdast';
import { plainText, sourceOf } from '../../parse/markdown.js';
import { metadataKey, metadataLine } from './values.js';

export interface Block {
  nodes: RootContent[];
  /** The block's source, as written. */
  raw: string;
  /** Offset of the block in the body. */
  start: number;
}

/** Top-level nodes grouped into blank-line separated blocks; a heading is always a block of its own. */
export function groupBlocks(body: string, nodes: readonly RootContent[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let previousEnd = 0;
  for (const node of nodes) {
    const start = node.position?.start.offset ?? previousEnd;
    const end = node.position?.end.offset ?? start;
    const gap = body.slice(previousEnd, start);
    const joins = current !== null && node.type !== 'heading' && current.nodes[0]!.type !== 'heading' && !/\n[ \t>]*\n/.test(gap);
    if (joins && current) {
      current.nodes.push(node);
      current.raw = body.slice(current.start, end);
    } else {
      current = { nodes: [node], raw: body.slice(start, end), start };
      blocks.push(current);
    }
    previousEnd = end;
  }
  return blocks;
}

export function headingText(node: Heading): string {
  // A link into Zotero after the title (`# Title [📖](zotero://select/…)`) opens the item: no part of the title.
  const children = node.children.filter((child) => !(child.type === 'link' && /^zotero:/i.test(child.url)));
  const text = plainText(children).replace(/\s+/g, ' ').trim();
  // A heading that is only that link (`# [Title](zotero://select/…)`) is the title, linked.
  return text !== '' ? text : plainText(node.children).replace(/\s+/g, ' ').trim();
}

/** `> [!abstract]- Title`: the callout's type, lower case; `null` for a plain blockquote. */
export function calloutType(body: string, node: Blockquote): string | null {
  const match = /^[ \t]*>[ \t]*\[!([^\]|]+)/.exec(sourceOf(body, node));
  return match ? match[1]!.trim().toLowerCase() : null;
}

/** A callout's text without its `[!type] title` line. */
export function nodesText(body: string, node: Blockquote): string {
  const children = node.children as Nodes[];
  const text = plainText(children).replace(/^\s*\[![^\]]*\][+-]?[^\n]*(?:\n|$)/, '');
  return text.trim();
}

/**
 * A block of `Key: value` lines (`Title: …`, `*tags:* #a`, `**Authors**:: …`)
 * that starts with a key we read: each known field goes to `add`. False
 * (and nothing added) for any other block.
 */
export function metadataOfBlock(raw: string, add: (key: string, value: string) => void): boolean {
  const lines = raw.split('\n').map((line) => line.replace(/^[ \t]*>[ \t]?/, '')).filter((line) => line.trim() !== '');
  if (lines.length > 0 && lines.every((line) => line.trim().startsWith('|'))) return metadataOfTable(lines, add);
  if (lines.length === 0 || !metadataLine(lines[0]!)) return false;
  const fieldShaped = lines.filter((line) => /^\s*\*{0,2}[A-Za-z][\w -]{0,30}?(?::\*{0,2}|\*{0,2}::?)(?:\s|$)/.test(line));
  if (fieldShaped.length * 2 < lines.length) return false;
  for (const line of lines) {
    const field = metadataLine(line);
    if (field) add(field.key, field.value);
  }
  return true;
}

/**
 * A table of `| Authors | … |` rows (remark reads tables as paragraphs
 * here): the item's metadata when most rows name a key we read.
 */
function metadataOfTable(lines: string[], add: (key: string, value: string) => void): boolean {
  const rows = lines
    .map((line) => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim()))
    .filter((cells) => cells.some((cell) => cell !== '' && !/^:?-+:?$/.test(cell)));
  const fields = rows.flatMap((cells) => {
    const key = cells.length >= 2 ? metadataKey(cells[0]!) : null;
    return key ? [{ key, value: cells.slice(1).join(' | ').trim() }] : [];
  });
  if (fields.length === 0 || fields.length * 2 < rows.length) return false;
  for (const field of fields) add(field.key, field.value);
  return true;
}
