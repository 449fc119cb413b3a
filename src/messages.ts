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

/** 1-based line and column of a character offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function isAtLeast(diagnostic: Diagnostic, severity: Severity): boolean {
  return SEVERITY_RANK[diagnostic.severity] <= SEVERITY_RANK[severity];
}
