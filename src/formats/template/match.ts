/**
 * Runs a compiled template (compile.ts) over a note: does the whole note
 * read as that template's output, and what did each value stand for?
 *
 * A backtracking matcher over the program, not a JavaScript RegExp: a
 * RegExp built from a template with a repeated part holding values
 * (`(?:([\s\S]*?) — location: …)*`) backtracks exponentially on a note that
 * almost matches, and cannot be stopped once started. Here every state that
 * may be tried twice (a branch, a value's start and each of its ends) is
 * remembered once it has failed, so no state is explored twice, and every
 * operation and every character a value scans counts as a step: past
 * STEPS_PER_CHARACTER × the note's length (plus a constant) the note is
 * given up on as not matching. Values are as short as the rest allows
 * (lazy), and a value's next end is only looked for where the template's
 * next piece can start. Pure.
 */
import type { Op, Program } from './compile.js';

/** A value or a repeated item, as matched: values by key, and each loop's items. */
export interface Item {
  readonly values: Map<string, string>;
  readonly loops: Map<number, Item[]>;
}

export type Match =
  | { readonly ok: true; readonly root: Item; readonly tail: string; readonly steps: number }
  /** `at`: the furthest offset the template reached in the note, `line` the template's line it expected there. */
  | { readonly ok: false; readonly gaveUp: boolean; readonly at: number; readonly line: number; readonly steps: number };

/** Steps a note may take per character before it is given up on (each state is tried once; a normal note takes a few per character). */
export const STEPS_PER_CHARACTER = 30;
const STEPS_BASE = 100_000;

type Event = { readonly kind: 'capture'; readonly slot: number; readonly start: number; readonly end: number } | { readonly kind: 'item' | 'end' | 'drop'; readonly loop: number };
interface Events {
  readonly event: Event;
  readonly previous: Events | null;
}
/** The loops the state is inside, innermost first, with where their current item started. */
interface Loops {
  readonly loop: number;
  readonly start: number;
  readonly previous: Loops | null;
}
interface State {
  pc: number;
  pos: number;
  events: Events | null;
  loops: Loops | null;
  /** In a value: where it started (-1: not yet), and where to look for its next end. */
  capStart: number;
  scan: number;
}
type Choice = State | { readonly failed: string };

const HORIZONTAL = /[ \t]/;
const WHITESPACE = /\s/;

/** Matches the note's text from `start` (after a frontmatter read apart) to its end. */
export function matchTemplate(program: Program, text: string, start = 0): Match {
  const { ops } = program;
  const budget = STEPS_PER_CHARACTER * (text.length - start) + STEPS_BASE;
  const failed = new Set<string>();
  const choices: Choice[] = [];
  let steps = 0;
  let furthest = { at: start, line: ops[0]?.line ?? 1 };
  let state: State = { pc: 0, pos: start, events: null, loops: null, capStart: -1, scan: start };

  const key = (s: State): string => {
    let loops = '';
    for (let at = s.loops; at; at = at.previous) loops += `,${at.start}`;
    return `${s.pc}:${s.pos}${loops}`;
  };
  const reached = (pos: number, op: Op): void => {
    if (pos >= furthest.at) furthest = { at: pos, line: op.line };
  };

  for (;;) {
    if (++steps > budget) return { ok: false, gaveUp: true, ...furthest, steps };
    const op = ops[state.pc]!;
    let ok = true;
    switch (op.op) {
      case 'text':
        if (text.startsWith(op.text, state.pos)) {
          state.pos += op.text.length;
          state.pc += 1;
        } else {
          reached(state.pos, op);
          ok = false;
        }
        break;
      case 'space': {
        // Whitespace is taken whole: a value never starts or ends with it.
        const pattern = op.newline ? WHITESPACE : HORIZONTAL;
        const from = state.pos;
        while (state.pos < text.length && pattern.test(text[state.pos]!)) state.pos += 1;
        steps += state.pos - from;
        // Blank lines may come and go (exporters trim them), a line break may not (unless already at a line's start, or at the note's start or end).
        if (op.newline && from !== start && state.pos < text.length && text[from - 1] !== '\n' && !text.slice(from, state.pos).includes('\n')) {
          reached(from, op);
          ok = false;
          break;
        }
        state.pc += 1;
        break;
      }
      case 'capture': {
        if (state.capStart < 0) {
          const at = key(state);
          if (failed.has(at)) {
            ok = false;
            break;
          }
          choices.push({ failed: at });
          state.capStart = state.pos;
          state.scan = state.pos;
        }
        const { first } = op;
        let end = state.scan;
        while (end < text.length && !first.any) {
          const char = text[end]!;
          if (first.chars.has(char) || (first.space && WHITESPACE.test(char))) break;
          end += 1;
        }
        steps += end - state.scan;
        if (end < text.length) choices.push({ ...state, scan: end + 1 });
        const event: Event = { kind: 'capture', slot: op.slot, start: state.capStart, end };
        state = { pc: state.pc + 1, pos: end, events: { event, previous: state.events }, loops: state.loops, capStart: -1, scan: 0 };
        break;
      }
      case 'split': {
        const at = key(state);
        if (failed.has(at)) {
          ok = false;
          break;
        }
        choices.push({ failed: at });
        choices.push({ ...state, pc: op.alt });
        state.pc += 1;
        break;
      }
      case 'jump':
        state.pc = op.to;
        break;
      case 'enter':
        state.loops = { loop: op.loop, start: state.pos, previous: state.loops };
        state.events = { event: { kind: 'item', loop: op.loop }, previous: state.events };
        state.pc += 1;
        break;
      case 'again': {
        const current = state.loops!;
        const ended: Events = { event: { kind: current.start < state.pos ? 'end' : 'drop', loop: op.loop }, previous: state.events };
        const leave: State = { pc: op.exit, pos: state.pos, events: ended, loops: current.previous, capStart: -1, scan: 0 };
        if (current.start < state.pos) {
          // Another item first (as many as there are), else leave the loop here.
          choices.push(leave);
          state = {
            pc: op.body,
            pos: state.pos,
            events: { event: { kind: 'item', loop: op.loop }, previous: ended },
            loops: { loop: op.loop, start: state.pos, previous: current.previous },
            capStart: -1,
            scan: 0,
          };
        } else {
          // An item that matched nothing is no item, and is not repeated.
          state = leave;
        }
        break;
      }
      case 'end': {
        let pos = state.pos;
        while (pos < text.length && WHITESPACE.test(text[pos]!)) pos += 1;
        // What follows the template's last line is the user's, from a line of its own.
        let lineEnd = state.pos;
        while (lineEnd > start && WHITESPACE.test(text[lineEnd - 1]!)) lineEnd -= 1;
        if (pos === text.length || (program.tail && text.slice(lineEnd, pos).includes('\n'))) {
          return { ok: true, root: build(program, text, state.events), tail: text.slice(pos), steps };
        }
        reached(pos, op);
        ok = false;
        break;
      }
    }
    if (ok) continue;
    for (;;) {
      const choice = choices.pop();
      if (choice === undefined) return { ok: false, gaveUp: false, ...furthest, steps };
      if ('failed' in choice) {
        failed.add(choice.failed);
        continue;
      }
      state = { ...choice };
      break;
    }
  }
}

/** The values and items the successful path went through. */
function build(program: Program, text: string, last: Events | null): Item {
  const events: Event[] = [];
  for (let at = last; at; at = at.previous) events.push(at.event);
  events.reverse();
  const root: Item = { values: new Map(), loops: new Map() };
  const open = new Map<number, Item>();
  const parentOf = (loop: number): Item => {
    const parent = program.loops[loop]!.parent;
    return (parent === null ? null : open.get(parent)) ?? root;
  };
  for (const event of events) {
    if (event.kind === 'capture') {
      const slot = program.slots[event.slot]!;
      const target = (slot.loop === null ? null : open.get(slot.loop)) ?? root;
      const value = text.slice(event.start, event.end).trim();
      // A value written twice (a page in the text and in the link) is read where it is first written, unless that was empty.
      if (!target.values.get(slot.key)) target.values.set(slot.key, value);
    } else if (event.kind === 'item') {
      const item: Item = { values: new Map(), loops: new Map() };
      const parent = parentOf(event.loop);
      const list = parent.loops.get(event.loop) ?? [];
      list.push(item);
      parent.loops.set(event.loop, list);
      open.set(event.loop, item);
    } else {
      if (event.kind === 'drop') parentOf(event.loop).loops.get(event.loop)?.pop();
      open.delete(event.loop);
    }
  }
  return root;
}
