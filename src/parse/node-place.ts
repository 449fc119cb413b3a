/**
 * Where a value a reader took from Markdown nodes is written: inside the
 * source of the node (or run of sibling nodes) it was read from, found from
 * the node's own position, in the coordinates of the text the nodes were
 * parsed from. A reader knows which node a value came from; where inside it
 * the value starts is found there, never in the rest of the document. Pure.
 */
import type { Nodes, RootContent } from 'mdast';
import { mapPosition, offsetWithin, positionAt, type Origin, type Position } from '../messages.js';

type Node = RootContent | Nodes;

/**
 * The position of `value` in the source of `first`…`last` (the last
 * occurrence when `fromEnd`: a highlight's trailing link), else of the
 * node's start; `null` when the nodes have no positions. `origin`: where
 * the body starts in the document (the position is then the document's).
 */
export function placeInNodes(body: string, value: string, first: Node, last: Node = first, fromEnd = false, origin?: Origin): Position | null {
  const start = first.position?.start;
  const end = last.position?.end.offset;
  if (start?.offset === undefined || end === undefined) return null;
  const at = positionAt(body, offsetWithin(body, start.offset, end, value, fromEnd), { line: start.line, column: start.column, offset: start.offset });
  return origin ? mapPosition(origin, at) : at;
}
