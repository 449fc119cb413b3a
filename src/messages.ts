/**
 * Diagnostics: problems found in a document become messages on that
 * document instead of exceptions, so one bad file never stops a run.
 *
 * Every stage reports positions relative to the text it was given; a
 * `Messages` collector knows where that text starts in the physical file
 * and maps the position once, here.
 */
import type { RuleId } from './rules.js';
import type { Diagnostic, Severity } from './schema.js';

/** A 1-based position inside the text a stage was given. */
export interface Position {
  line: number;
  column: number;
}

/** Where a piece of text starts in its physical file (both 1-based). */
export interface Origin {
  line: number;
  column: number;
}

export const FILE_START: Origin = { line: 1, column: 1 };

/**
 * Maps a position inside a piece of text to the physical file. Only the
 * first line of the piece is shifted by the column: later lines start at
 * column 1 of their physical line.
 */
export function mapPosition(origin: Origin, position: Position): Position {
  return {
    line: origin.line + position.line - 1,
    column: position.line === 1 ? origin.column + position.column - 1 : position.column,
  };
}

export class Messages {
  constructor(
    private readonly origin: Origin = FILE_START,
    readonly list: Diagnostic[] = [],
  ) {}

  /**
   * A collector for a piece of this text that starts at `position` (1-based,
   * in this text). It shares this collector's list, so diagnostics stay in
   * the order they were found.
   */
  child(position: Position): Messages {
    return new Messages(mapPosition(this.origin, position), this.list);
  }

  /** A collector for another work read from the same text: same origin, a list of its own. */
  fork(): Messages {
    return new Messages(this.origin, []);
  }

  add(severity: Severity, rule: RuleId, message: string, position?: Position | null): Diagnostic {
    const at = position ? mapPosition(this.origin, position) : null;
    const diagnostic: Diagnostic = {
      severity,
      rule,
      message,
      line: at ? at.line : null,
      column: at ? at.column : null,
    };
    this.list.push(diagnostic);
    return diagnostic;
  }

  /** A diagnostic at a position already in the physical file (a bundle's delimiter line). */
  addAt(severity: Severity, rule: RuleId, message: string, physical: Position): Diagnostic {
    const diagnostic: Diagnostic = { severity, rule, message, line: physical.line, column: physical.column };
    this.list.push(diagnostic);
    return diagnostic;
  }

  error(rule: RuleId, message: string, position?: Position | null): Diagnostic {
    return this.add('error', rule, message, position);
  }

  warn(rule: RuleId, message: string, position?: Position | null): Diagnostic {
    return this.add('warning', rule, message, position);
  }

  info(rule: RuleId, message: string, position?: Position | null): Diagnostic {
    return this.add('info', rule, message, position);
  }
}

/** A position and the character offset it is at (a remark node's `position.start`). */
export interface Point extends Position {
  offset: number;
}

const TEXT_START: Point = { line: 1, column: 1, offset: 0 };

/**
 * 1-based line and column of a character offset in `text`, counted from a
 * point known to be at or before it (the start of the node a value was read
 * from), so that only the lines in between are counted.
 */
export function positionAt(text: string, offset: number, from: Point = TEXT_START): Position {
  let line = from.line;
  let lineStart = from.offset - from.column + 1;
  for (let i = text.indexOf('\n', from.offset); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function isAtLeast(diagnostic: Diagnostic, severity: Severity): boolean {
  return SEVERITY_RANK[diagnostic.severity] <= SEVERITY_RANK[severity];
}

/**
 * Where a reader read a value, in the document (1-based, as its work's
 * messages take positions): for the diagnostics `normalize` may give about
 * it. Either the position, or how to find it when finding it costs (a JSON
 * value's place is found by scanning the JSON again): asked only when a
 * diagnostic needs it. `null`: the reader cannot say.
 */
export type Place = Position | (() => Position | null);

export function placeOf(place: Place | null | undefined): Position | null {
  if (place === null || place === undefined) return null;
  return typeof place === 'function' ? place() : place;
}

/** A place in a piece of text that starts at `origin`, as a place in the whole (see mapPosition). */
export function shiftPlace(origin: Origin, place: Place): Place {
  if (typeof place !== 'function') return mapPosition(origin, place);
  return () => {
    const at = place();
    return at && mapPosition(origin, at);
  };
}

/**
 * The offset of `value` where it is written inside `text.slice(start, end)`
 * (the span a reader read it from: a node, a line, a JSON string), the last
 * occurrence when `last` (a link at the end of a highlight); `start` when it
 * is not written as is there (escapes, entities).
 */
export function offsetWithin(text: string, start: number, end: number, value: string, last = false): number {
  if (value === '') return start;
  const at = last ? text.lastIndexOf(value, end - value.length) : text.indexOf(value, start);
  return at >= start && at + value.length <= end ? at : start;
}
