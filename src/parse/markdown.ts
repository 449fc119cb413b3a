/**
 * Markdown bodies → mdast (unified + remark-parse), and the two views the
 * extractors need of a node: its plain text and its source as written. Pure.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root, RootContent } from 'mdast';
import { joinedBlocks, parsePieces, parseSafely, parseShifted, pieceBlocks, pieceStarts, plainBlocks, rootOf, type Piece, type PieceParser } from './chunks.js';
import { fastBlocks, fastRuns, type FastRun } from './fast-blocks.js';
import { tooCostly } from './guard.js';
import { htmlPiecesText, isHtmlComment } from './html-text.js';
import { neutralizeTicks, restoreTicks } from './ticks.js';

/**
 * What parsing cost, for whoever asks (a file's reader, a test): how much
 * the fast path built (bodies, blocks, list items) and how much Markdown
 * remark parsed. The caller makes one and reads it after; ingest starts
 * workers only when remark has much to parse (pipeline/read.ts).
 */
export interface ParserMeter {
  documents: number;
  blocks: number;
  items: number;
  remarkBytes: number;
}

export function parserMeter(): ParserMeter {
  return { documents: 0, blocks: 0, items: 0, remarkBytes: 0 };
}

const processor = unified().use(remarkParse).freeze();
const remarkFor = (meter: ParserMeter) => (text: string): Root => {
  meter.remarkBytes += text.length;
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
export function parseMarkdown(body: string, fast = !REMARK_ONLY, meter = parserMeter()): Root {
  return parseMarkdownUntil(body, Infinity, fast, meter).tree;
}

/**
 * The body's tree, with remark given no piece once `deadline` (a
 * `performance.now()` of this thread) has passed: the pieces parsed before
 * are kept, and every later piece is built by the fast path where it can be
 * and is plain paragraphs otherwise, so that a body of any size is read in
 * time linear in its size, and a worker answers soon after its time limit.
 */
export function parseMarkdownUntil(body: string, deadline: number, fast = !REMARK_ONLY, meter = parserMeter()): Parsed {
  const bounded = untilDeadline(remarkFor(meter), deadline);
  const neutral = neutralizeTicks(body);
  let tree: Root;
  if (neutral !== null || !fast) {
    tree = parsePieces(neutral ?? body, bounded.parse);
    if (neutral !== null) restoreTicks(tree);
  } else {
    const runs = fastBlocks(body);
    tree = runs.length === 0 ? parsePieces(body, bounded.parse) : rootOf(body, [...blocksAround(body, runs, bounded.parse, meter)]);
  }
  return { tree, plainFrom: bounded.plainFrom() };
}

/** The body's top-level blocks, one at a time, as parseMarkdownUntil's tree has them; `plainFrom` is known once they have all been read. */
export interface Blocks {
  blocks: Iterable<RootContent>;
  plainFrom: () => number | null;
}

/**
 * parseMarkdownUntil's blocks, each piece of the body parsed (or built by
 * the fast path) only when its blocks are asked for: what is read and let
 * go need never be alive with the rest (a 50 MB note's tree is 470 MB).
 */
export function markdownBlocks(body: string, deadline: number, fast = !REMARK_ONLY, meter = parserMeter()): Blocks {
  const bounded = untilDeadline(remarkFor(meter), deadline);
  const neutral = neutralizeTicks(body);
  const blocks = neutral !== null || !fast ? restored(pieceBlocks(neutral ?? body, bounded.parse), neutral !== null) : blocksAround(body, fastRuns(body), bounded.parse, meter);
  return { blocks, plainFrom: bounded.plainFrom };
}

function* restored(blocks: Iterable<RootContent>, restore: boolean): Generator<RootContent> {
  for (const block of blocks) {
    if (restore) restoreTicks(block);
    yield block;
  }
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
 * The body's blocks with its fast runs built and remark on the rest: the
 * pieces are the runs, and the stretches between them (cut further where
 * chunks.ts would cut a large body), joined as chunks.ts joins pieces.
 */
function blocksAround(body: string, runs: Iterable<FastRun>, parse: PieceParser, meter: ParserMeter): Generator<RootContent> {
  return joinedBlocks(body, piecesAround(body, runs, meter), (piece, line) => {
    if (piece.run) return [piece.run.node];
    // Blank lines alone (before the first block) are no block: remark need not be started for them.
    return /^[ \t\n]*$/.test(body.slice(piece.start, piece.end)) ? [] : parseShifted(body, piece.start, piece.end, line, parse);
  });
}

/** The runs, in order, and the stretches between them, cut where chunks.ts would cut the body (pieceStarts). */
function* piecesAround(body: string, runs: Iterable<FastRun>, meter: ParserMeter): Generator<Piece & { run?: FastRun }> {
  const starts = pieceStarts(body);
  let next = 0;
  let at = 0;
  let built = false;
  // From `at` to `end`, cut at the piece starts between them (those inside a run are passed over).
  function* stretch(end: number): Generator<Piece> {
    while (next < starts.length && starts[next]! <= at) next += 1;
    for (; next < starts.length && starts[next]! < end; next += 1) {
      yield { start: at, end: starts[next]! };
      at = starts[next]!;
    }
    if (at < end) yield { start: at, end };
    at = end;
  }
  for (const run of runs) {
    if (!built) meter.documents += 1;
    built = true;
    meter.blocks += 1;
    if (run.node.type === 'list') meter.items += run.node.children.length;
    yield* stretch(run.start);
    yield { start: run.start, end: run.end, run };
    at = run.end;
  }
  yield* stretch(body.length);
}

/** The body read block by block, for a document too costly to parse whole (see chunks.ts); after `deadline`, as plain paragraphs. */
export function parseBlockByBlock(body: string, deadline = Infinity, meter = parserMeter()): Parsed {
  const bounded = untilDeadline(remarkFor(meter), deadline);
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
 * What plain text makes of an HTML block (a flow `html` node): `drop` it
 * (the default), keep it `written` (a highlight: the reader highlighted that
 * text), or give the `text` a reader sees when the note is rendered.
 * Inline HTML is the same everywhere (see html-text.ts).
 */
export type BlockHtml = 'drop' | 'written' | 'text';

/** Containers of inline content: their children are never separated by line breaks. */
const PHRASING_ROOTS = new Set(['paragraph', 'heading', 'tableCell']);
const PHRASING_PARENTS = new Set([...PHRASING_ROOTS, 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

/**
 * Plain text of mdast nodes: markup removed, link and image text kept,
 * block nodes separated by a blank line, list items one per line.
 * Iterative, so deeply nested input cannot overflow the stack.
 */
export function plainText(nodes: readonly Nodes[], blockHtml: BlockHtml = 'drop'): string {
  const out: string[] = [];
  // A stack of pending work: nodes to visit or separators to write.
  const stack: Array<Nodes | { separator: string }> = [];
  const markers = new Map<Nodes, string>();
  // What each inline html node reads as, set when its paragraph is visited.
  const inlineHtml = new Map<Nodes, string>();
  const phrasing = !nodes.every(isBlock);
  if (phrasing) pairInlineHtml(nodes, inlineHtml, blockHtml === 'written');
  for (let i = nodes.length - 1; i >= 0; i--) {
    stack.push(nodes[i]!);
    if (i > 0) stack.push({ separator: phrasing ? '' : blockSeparator(nodes[i - 1]!.type, nodes[i]!.type) });
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
      case 'html': {
        const inline = inlineHtml.get(node);
        if (inline !== undefined) out.push(inline);
        else if (blockHtml !== 'drop' && !isHtmlComment(node.value)) out.push(blockHtml === 'written' ? htmlPiecesText([node.value], true)[0]!.trim() : renderedText(node.value));
        continue;
      }
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
    const inline = PHRASING_PARENTS.has(node.type);
    if (PHRASING_ROOTS.has(node.type)) pairInlineHtml(children, inlineHtml, blockHtml === 'written');
    if (node.type === 'list') {
      // An ordered item keeps its number as written (`10. `), never a `- `.
      children.forEach((child, index) => markers.set(child, node.ordered ? `${(node.start ?? 1) + index}. ` : '- '));
    }
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push(children[i]!);
      if (i > 0) stack.push({ separator: inline ? '' : listItem ? '\n' : blockSeparator(children[i - 1]!.type, children[i]!.type) });
    }
    if (listItem) out.push(markers.get(node) ?? '- ');
  }
  return out.join('');
}

/** Reads the inline html nodes among `nodes` (and their descendants) together, so that `<kbd>` pairs with its `</kbd>`. */
function pairInlineHtml(nodes: readonly Nodes[], into: Map<Nodes, string>, keepComments: boolean): void {
  const found: Array<Nodes & { value: string }> = [];
  const stack: Nodes[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'html') found.push(node);
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  if (found.length === 0) return;
  const texts = htmlPiecesText(found.map((node) => node.value), keepComments);
  found.forEach((node, index) => into.set(node, texts[index]!));
}

/** The text of an HTML block as a rendered note shows it: tags, comments, scripts and styles gone. */
function renderedText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>\n?/gi, '\n')
    .replace(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, '')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const BLOCKS = new Set([
  'paragraph', 'heading', 'list', 'listItem', 'blockquote', 'code', 'table', 'tableRow', 'html', 'thematicBreak',
]);

/** A node plainText separates from its siblings as a block (when all of them are blocks: see plainText). */
export function isBlock(node: Nodes): boolean {
  return BLOCKS.has(node.type);
}

/** What plainText writes between sibling nodes of these types. */
export function blockSeparator(previous: string, next: string): string {
  if (previous === 'listItem' && next === 'listItem') return '\n';
  if (previous === 'tableRow' || previous === 'tableCell') return previous === 'tableRow' ? '\n' : ' | ';
  return BLOCKS.has(previous) || BLOCKS.has(next) ? '\n\n' : '';
}

/** The source of a node or a run of sibling nodes, as written. */
export function sourceOf(body: string, first: RootContent | Nodes, last: RootContent | Nodes = first): string {
  const start = first.position?.start.offset;
  const end = last.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return body.slice(start, end);
}
