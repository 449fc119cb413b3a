/**
 * Keeps micromark linear on paragraphs full of backticks. Pure.
 *
 * A backtick run that no later run of the same length can close is literal
 * text, but micromark looks for its closer to the end of the paragraph: a
 * paragraph of growing runs takes quadratic time. Such runs are handed to
 * micromark as private-use characters of the same length, so nothing else
 * moves, and turned back into backticks in the tree.
 */
import type { Nodes } from 'mdast';

/** Runs this long or more are never touched (they may open fenced code blocks). */
const FENCE_RUN = 3;
/** Below this many unclosable runs in a block, micromark is fast enough as it is. */
const UNCLOSABLE_RUNS = 256;
/** What stands in for a literal backtick while micromark parses. */
export const TICK = '\uE000';

/**
 * The body with every backtick run that nothing can close (no later run of
 * the same length in its blank-line-separated block) replaced by `TICK`s,
 * when a block holds many of them; `null` when nothing needs replacing.
 */
export function neutralizeTicks(body: string): string | null {
  if (!body.includes('`')) return null;
  let out: string[] | null = null;
  let start = 0;
  for (const block of body.split(/(\n[ \t]*\n)/)) {
    const replaced = tickBlock(block);
    if (replaced !== null) {
      out ??= [body.slice(0, start)];
      out.push(replaced);
    } else if (out) {
      out.push(block);
    }
    start += block.length;
  }
  return out ? out.join('') : null;
}

function tickBlock(block: string): string | null {
  const runs: Array<{ at: number; length: number }> = [];
  for (const match of block.matchAll(/`+/g)) runs.push({ at: match.index, length: match[0].length });
  if (runs.length < UNCLOSABLE_RUNS) return null;
  const later = new Map<number, number>();
  const unclosable: Array<{ at: number; length: number }> = [];
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    const escaped = run.at > 0 && block[run.at - 1] === '\\';
    if (!later.has(run.length) && !escaped && run.length < FENCE_RUN) unclosable.push(run);
    later.set(run.length, (later.get(run.length) ?? 0) + 1);
  }
  // Runs of FENCE_RUN or more are unclosable too when unique, but may open a fence at a line's start.
  for (let i = runs.length - 1, seen = new Set<number>(); i >= 0; i--) {
    const run = runs[i]!;
    const lineStart = block.lastIndexOf('\n', run.at - 1) + 1;
    const atLineStart = /^[ \t>*+\-\d.)]*$/.test(block.slice(lineStart, run.at));
    if (run.length >= FENCE_RUN && !seen.has(run.length) && !atLineStart && block[run.at - 1] !== '\\') unclosable.push(run);
    seen.add(run.length);
  }
  if (unclosable.length < UNCLOSABLE_RUNS) return null;
  const chars = block.split('');
  for (const run of unclosable) for (let i = 0; i < run.length; i++) chars[run.at + i] = TICK;
  return chars.join('');
}

/** Turns the stand-ins back into backticks, in every value of the tree (or of a block). */
export function restoreTicks(tree: Nodes): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('value' in node && typeof node.value === 'string' && node.value.includes(TICK)) node.value = node.value.replaceAll(TICK, '`');
    if ('url' in node && typeof node.url === 'string' && node.url.includes(TICK)) node.url = node.url.replaceAll(TICK, '`');
    if ('title' in node && typeof node.title === 'string' && node.title.includes(TICK)) node.title = node.title.replaceAll(TICK, '`');
    if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
}
