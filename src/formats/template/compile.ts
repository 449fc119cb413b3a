/**
 * A parsed template → a program for the matcher (match.ts): a flat list of
 * operations, as a regular-expression engine compiles a pattern, so that
 * matching needs no recursion (a note of 10,000 highlights would overflow
 * the stack) and can be bounded by counting steps.
 *
 * Literal text becomes `text` runs and `space` runs: the matcher is lenient
 * about whitespace (a run of spaces matches any run of spaces, possibly
 * none; a run with a line break any run of whitespace that ends a line),
 * because exporters trim blank lines after rendering (the Kindle plugin's
 * `{% trim %}`, `trimMultipleLines`) and editors strip trailing spaces.
 * A value becomes a `capture` of a slot: which loop's item it belongs to
 * and under which key. Pure.
 */
import { parseTemplate, type TemplateNode } from './parse.js';
import type { ReadTemplate } from './read-template.js';

/** Where a captured value goes: the note (`loop` null) or the current item of a loop, under `key` (`''`: the item itself, `{% for tag in tags %}{{ tag }}`). */
export interface Slot {
  readonly loop: number | null;
  readonly key: string;
  /** A `join(sep)` filter's separator: the value is split on it. */
  readonly join: string | null;
}

export interface Loop {
  /** What the template loops over (`annotations`, `highlights`, `creators`). */
  readonly source: string;
  /** The loop it is nested in. */
  readonly parent: number | null;
}

export type Op =
  | { readonly op: 'text'; readonly text: string; readonly line: number }
  | { readonly op: 'space'; readonly newline: boolean; readonly line: number }
  /** A value, as short as the rest allows; `first`: what may come right after it. */
  | { readonly op: 'capture'; readonly slot: number; first: First; readonly line: number }
  /** Try the next operation first, then `alt`. */
  | { readonly op: 'split'; readonly alt: number; readonly line: number }
  | { readonly op: 'jump'; readonly to: number; readonly line: number }
  /** A loop's first item starts. */
  | { readonly op: 'enter'; readonly loop: number; readonly line: number }
  /** A loop's item ended: another (from `body`) if it moved on, else leave to `exit`. */
  | { readonly op: 'again'; readonly loop: number; readonly body: number; readonly exit: number; readonly line: number }
  | { readonly op: 'end'; readonly line: number };

/** The characters a position may hold for the rest to match from there. */
export interface First {
  readonly chars: Set<string>;
  space: boolean;
  any: boolean;
  end: boolean;
}

export interface Program {
  readonly ops: readonly Op[];
  readonly slots: readonly Slot[];
  readonly loops: readonly Loop[];
  /** The note may go on after what the template writes: its last line is literal text (the user's own notes below an import). */
  readonly tail: boolean;
  /** The template writes frontmatter itself; else a note's frontmatter is read apart (a plugin writes its own). */
  readonly frontmatter: boolean;
}

/** Compiles a named template (its per-highlight template standing for `{{ highlights }}`); throws TemplateError. */
export function compileTemplate(template: ReadTemplate): Program {
  let nodes = parseTemplate(template.text);
  if (template.highlight !== undefined) {
    const body = parseTemplate(template.highlight);
    nodes = withHighlights(nodes, body);
  }
  return compile(nodes, /^\s*---/.test(template.text));
}

/** `{{ highlights }}` → a loop over the highlight template, whose bare names are the highlight's own. */
function withHighlights(nodes: readonly TemplateNode[], body: readonly TemplateNode[]): TemplateNode[] {
  return nodes.map((node): TemplateNode => {
    switch (node.type) {
      case 'value':
        return node.path.length === 1 && node.path[0] === 'highlights' ? { type: 'loop', binding: null, source: 'highlights', body, empty: [], line: node.line } : node;
      case 'choice':
        return { ...node, branches: node.branches.map((branch) => withHighlights(branch, body)) };
      case 'loop':
        return { ...node, body: withHighlights(node.body, body), empty: withHighlights(node.empty, body) };
      case 'persist':
        return { ...node, body: withHighlights(node.body, body) };
      default:
        return node;
    }
  });
}

function compile(nodes: readonly TemplateNode[], frontmatter: boolean): Program {
  const ops: Op[] = [];
  const slots: Slot[] = [];
  const loops: Loop[] = [];
  /** The loops around the node being compiled, innermost last. */
  const scope: Array<{ id: number; binding: string | null }> = [];

  const emitText = (text: string, line: number): void => {
    for (const piece of text.split(/(\s+)/)) {
      if (piece === '') continue;
      if (/^\s/.test(piece)) {
        const last = ops.at(-1);
        const newline = piece.includes('\n');
        // Two runs of whitespace in a row (across a text node) are one.
        if (last?.op === 'space') ops[ops.length - 1] = { op: 'space', newline: last.newline || newline, line: last.line };
        else ops.push({ op: 'space', newline, line });
        continue;
      }
      const last = ops.at(-1);
      if (last?.op === 'text') ops[ops.length - 1] = { op: 'text', text: last.text + piece, line: last.line };
      else ops.push({ op: 'text', text: piece, line });
    }
  };

  const slotOf = (path: readonly string[], join: string | null): number => {
    let loop: number | null = null;
    let key = path.join('.');
    for (let i = scope.length - 1; i >= 0; i--) {
      const around = scope[i]!;
      if (around.binding !== null && around.binding === path[0]) {
        loop = around.id;
        key = path.slice(1).join('.');
        break;
      }
      // A per-highlight template's bare names are the highlight's (its `category` too: a field of the item no table maps).
      if (around.binding === null) {
        loop = around.id;
        break;
      }
    }
    slots.push({ loop, key, join });
    return slots.length - 1;
  };

  const emit = (list: readonly TemplateNode[]): void => {
    for (const node of list) {
      switch (node.type) {
        case 'text':
          emitText(node.text, node.line);
          break;
        case 'value':
          ops.push({ op: 'capture', slot: slotOf(node.path, node.join), first: NO_FIRST(), line: node.line });
          break;
        case 'choice': {
          const jumps: number[] = [];
          node.branches.forEach((branch, index) => {
            const last = index === node.branches.length - 1;
            const split = ops.length;
            if (!last) ops.push({ op: 'split', alt: -1, line: node.line });
            emit(branch);
            if (!last) {
              jumps.push(ops.length);
              ops.push({ op: 'jump', to: -1, line: node.line });
              ops[split] = { op: 'split', alt: ops.length, line: node.line };
            }
          });
          for (const at of jumps) ops[at] = { op: 'jump', to: ops.length, line: node.line };
          break;
        }
        case 'loop': {
          const id = loops.length;
          loops.push({ source: node.source, parent: scope.at(-1)?.id ?? null });
          const split = ops.length;
          ops.push({ op: 'split', alt: -1, line: node.line });
          ops.push({ op: 'enter', loop: id, line: node.line });
          const body = ops.length;
          scope.push({ id, binding: node.binding });
          emit(node.body);
          scope.pop();
          const again = ops.length;
          ops.push({ op: 'again', loop: id, body, exit: -1, line: node.line });
          // No item at all: the loop's `{% else %}`, if any.
          ops[split] = { op: 'split', alt: ops.length, line: node.line };
          emit(node.empty);
          ops[again] = { op: 'again', loop: id, body, exit: ops.length, line: node.line };
          break;
        }
        case 'persist': {
          // What the template first wrote, or whatever the user made of it since.
          const marker = (word: string): string => `%% ${word} ${node.name} %%`;
          emitText(marker('begin'), node.line);
          const split = ops.length;
          ops.push({ op: 'split', alt: -1, line: node.line });
          emit(node.body);
          emitText(marker('end'), node.line);
          const jump = ops.length;
          ops.push({ op: 'jump', to: -1, line: node.line });
          ops[split] = { op: 'split', alt: ops.length, line: node.line };
          ops.push({ op: 'capture', slot: slotOf([`persist.${node.name}`], null), first: NO_FIRST(), line: node.line });
          emitText(marker('end'), node.line);
          ops[jump] = { op: 'jump', to: ops.length, line: node.line };
          break;
        }
      }
    }
  };

  emit(nodes);
  let last = ops.length - 1;
  while (last >= 0 && ops[last]!.op === 'space') last--;
  const tail = last >= 0 && ops[last]!.op === 'text';
  ops.push({ op: 'end', line: ops.at(-1)?.line ?? 1 });
  for (let pc = 0; pc < ops.length; pc++) {
    const op = ops[pc]!;
    if (op.op === 'capture') op.first = firstOf(ops, pc + 1);
  }
  return { ops, slots, loops, tail, frontmatter };
}

function NO_FIRST(): First {
  return { chars: new Set(), space: false, any: false, end: false };
}

/** What the program may match first from `start`, through operations that may match nothing. */
function firstOf(ops: readonly Op[], start: number): First {
  const first = NO_FIRST();
  const seen = new Set<number>();
  const pending = [start];
  while (pending.length > 0) {
    const pc = pending.pop()!;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const op = ops[pc]!;
    switch (op.op) {
      case 'text':
        first.chars.add(op.text[0]!);
        break;
      case 'space':
        first.space = true;
        pending.push(pc + 1);
        break;
      case 'capture':
        first.any = true;
        break;
      case 'split':
        pending.push(pc + 1, op.alt);
        break;
      case 'jump':
        pending.push(op.to);
        break;
      case 'enter':
        pending.push(pc + 1);
        break;
      case 'again':
        pending.push(op.body, op.exit);
        break;
      case 'end':
        first.end = true;
        break;
    }
  }
  return first;
}
