/**
 * Markdown bodies → mdast (unified + remark-parse), and the two views the
 * extractors need of a node: its plain text and its source as written. Pure.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root, RootContent } from 'mdast';
import { joinPieces, neutralizeTicks, parsePieces, parseSafely, parseShifted, pieceStarts, plainBlocks, restoreTicks, type PieceParser } from './chunks.js';
import { fastBlocks, type FastRun } from './fast-blocks.js';
import { tooCostly } from './guard.js';

/**
 * How much the fast path built (bodies, blocks, list items) and how much
 * Markdown remark parsed, in this thread since it started: tests see the
 * fast path is taken, and ingest starts workers only when remark has much
 * to parse (index.ts).
 */
export const parserStats = { documents: 0, blocks: 0, items: 0, remarkBytes: 0 };

const processor = unified().use(remarkParse).freeze();
const remark = (text: string): Root => {
  parserStats.remarkBytes += text.length;
  return processor.parse(text);
};

/**
 * `INGEST_PARSER=remark` has remark parse every byte (no fast path), so
 * that anyone can compare the two. Read once: workers inherit the variable.
 */
const REMARK_ONLY = process.env['INGEST_PARSER'] === 'remark';


/** A tree, and where in the body parsing ran out of time (an offset), if it did. */
export interface Parsed {
  tree: Root;
  /** From this offset on, remark parsed nothing: what the fast path does not build is plain paragraphs. */
  plainFrom: number | null;
}

/** The body's tree, parsed in linear time (see chunks.ts), with positions into `body`. */
export function parseMarkdown(body: string, fast = !REMARK_ONLY): Root {
  return parseMarkdownUntil(body, Infinity, fast).tree;
}

/**
 * The body's tree, with remark given no piece once `deadline` (a
 * `performance.now()` of this thread) has passed: the pieces parsed before
 * are kept, and every later piece is built by the fast path where it can be
 * and is plain paragraphs otherwise, so that a body of any size is read in
 * time linear in its size, and a worker answers soon after its time limit.
 */
export function parseMarkdownUntil(body: string, deadline: number, fast = !REMARK_ONLY): Parsed {
  const bounded = untilDeadline(remark, deadline);
  const neutral = neutralizeTicks(body);
  let tree: Root;
  if (neutral !== null || !fast) {
    tree = parsePieces(neutral ?? body, bounded.parse);
    if (neutral !== null) restoreTicks(tree);
  } else {
    const runs = fastBlocks(body);
    if (runs.length === 0) tree = parsePieces(body, bounded.parse);
    else {
      parserStats.documents += 1;
      tree = parseAround(body, runs, bounded.parse);
    }
  }
  return { tree, plainFrom: bounded.plainFrom() };
}

/** `parse` until the deadline, plain paragraphs after it; and the offset of the first piece that came after it. */
function untilDeadline(parse: (text: string) => Root, deadline: number): { parse: PieceParser; plainFrom: () => number | null } {
  let plainFrom: number | null = null;
  return {
    parse: (text, start) => {
      if (plainFrom === null && (deadline === Infinity || performance.now() <= deadline)) return parse(text);
      plainFrom ??= start;
      return plainBlocks(text);
    },
    plainFrom: () => plainFrom,
  };
}

/**
 * The body with its fast runs built and remark on the rest: the pieces are
 * the runs, and the stretches between them (cut further where chunks.ts
 * would cut a large body), joined as chunks.ts joins pieces.
 */
function parseAround(body: string, runs: readonly FastRun[], parse: PieceParser): Root {
  const bounds = new Set<number>([0, body.length]);
  const fast = new Map<number, FastRun>();
  for (const run of runs) {
    fast.set(run.start, run);
    bounds.add(run.start).add(run.end);
    parserStats.blocks += 1;
    if (run.node.type === 'list') parserStats.items += run.node.children.length;
  }
  // Both in order: one walk finds the piece starts that fall inside no run (a scan of every run per start was quadratic).
  let at = 0;
  for (const start of pieceStarts(body)) {
    while (at < runs.length && runs[at]!.end <= start) at += 1;
    const run = runs[at];
    if (!run || start <= run.start) bounds.add(start);
  }
  const sorted = [...bounds].sort((a, b) => a - b);
  return joinPieces(body, sorted, (start, end, line) => {
    const run = fast.get(start);
    if (run) return [run.node];
    // Blank lines alone (before the first block) are no block: remark need not be started for them.
    return /^[ \t\n]*$/.test(body.slice(start, end)) ? [] : parseShifted(body, start, end, line, parse);
  });
}

/** The body read block by block, for a document too costly to parse whole (see chunks.ts); after `deadline`, as plain paragraphs. */
export function parseBlockByBlock(body: string, deadline = Infinity): Parsed {
  const bounded = untilDeadline(remark, deadline);
  const neutral = neutralizeTicks(body);
  const tree = parseSafely(neutral ?? body, bounded.parse, tooCostly);
  if (neutral !== null) restoreTicks(tree);
  return { tree, plainFrom: bounded.plainFrom() };
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
