/**
 * Markdown bodies → mdast (unified + remark-parse), and the two views the
 * extractors need of a node: its plain text and its source as written. Pure.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root, RootContent } from 'mdast';
import { neutralizeTicks, parsePieces, parseSafely, restoreTicks } from './chunks.js';
import { tooCostly } from './guard.js';

const processor = unified().use(remarkParse).freeze();

/** The body's tree, parsed in linear time (see chunks.ts), with positions into `body`. */
export function parseMarkdown(body: string): Root {
  const neutral = neutralizeTicks(body);
  const tree = parsePieces(neutral ?? body, (text) => processor.parse(text));
  if (neutral !== null) restoreTicks(tree);
  return tree;
}

/** The body read block by block, for a document too costly to parse whole (see chunks.ts). */
export function parseBlockByBlock(body: string): Root {
  const neutral = neutralizeTicks(body);
  const tree = parseSafely(neutral ?? body, (text) => processor.parse(text), tooCostly);
  if (neutral !== null) restoreTicks(tree);
  return tree;
}

/** remark-parse on the whole body at once: what parseMarkdown must agree with (tests). */
export function parseWhole(body: string): Root {
  return processor.parse(body);
}

/**
 * Plain text of mdast nodes: markup removed, link and image text kept,
 * block nodes separated by a blank line, list items one per line.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function plainText(nodes: readonly Nodes[]): string {
  const out: string[] = [];
  // A stack of pending work: nodes to visit or separators to write.
  const stack: Array<Nodes | { separator: string }> = [];
  const markers = new Map<Nodes, string>();
  for (let i = nodes.length - 1; i >= 0; i--) {
    stack.push(nodes[i]!);
    if (i > 0) stack.push({ separator: blockSeparator(nodes[i - 1]!, nodes[i]!) });
  }
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('separator' in item) {
      out.push(item.separator);
      continue;
    }
    const node = item;
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'code':
        out.push(node.value);
        continue;
      case 'break':
        out.push('\n');
        continue;
      case 'image':
      case 'imageReference':
        out.push(node.alt ?? '');
        continue;
      case 'html':
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
        continue;
      default:
        break;
    }
    if (!('children' in node)) continue;
    const children = node.children as Nodes[];
    const listItem = node.type === 'listItem';
    if (node.type === 'list') {
      // An ordered item keeps its number as written (`10. `), never a `- `.
      children.forEach((child, index) => markers.set(child, node.ordered ? `${(node.start ?? 1) + index}. ` : '- '));
    }
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push(children[i]!);
      if (i > 0) stack.push({ separator: listItem ? '\n' : blockSeparator(children[i - 1]!, children[i]!) });
    }
    if (listItem) out.push(markers.get(node) ?? '- ');
  }
  return out.join('');
}

const BLOCKS = new Set([
  'paragraph', 'heading', 'list', 'listItem', 'blockquote', 'code', 'table', 'tableRow', 'html', 'thematicBreak',
]);

function blockSeparator(previous: Nodes, next: Nodes): string {
  if (previous.type === 'listItem' && next.type === 'listItem') return '\n';
  if (previous.type === 'tableRow' || previous.type === 'tableCell') return previous.type === 'tableRow' ? '\n' : ' | ';
  return BLOCKS.has(previous.type) || BLOCKS.has(next.type) ? '\n\n' : '';
}

/** The source of a node or a run of sibling nodes, as written. */
export function sourceOf(body: string, first: RootContent | Nodes, last: RootContent | Nodes = first): string {
  const start = first.position?.start.offset;
  const end = last.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return body.slice(start, end);
}
