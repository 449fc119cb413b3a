/**
 * Escaping text for the digest, and strong emphasis that renders the same
 * in every CommonMark renderer. Pure.
 */
import { printable } from '../printable.js';

/** Escapes what would start markup inside a line of text (CommonMark allows a backslash before any ASCII punctuation). */
export function escapeInline(text: string): string {
  // Control characters from a note (a terminal escape sequence) are written as escapes, never raw.
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  const escaped = text.replace(/[\\`*_[\]<>|$~&]/g, '\\$&').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, printable);
  return escaped.includes('\n')
    ? escaped
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' ')
    : escaped;
}

/**
 * Like escapeInline, and also whatever would make the line a block of its
 * own: `#`, `>`, `+`, `-`, `=` (a setext underline or a rule too) and `1.`.
 */
export function escapeBlock(line: string): string {
  return escapeInline(line.trimStart())
    .replace(/^[#>+=-]/, '\\$&')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** CommonMark's Unicode whitespace: Zs, tab, line feed, form feed, carriage return (and the start or end of a line). */
function isWhitespace(char: string | undefined): boolean {
  return char === undefined || /^[\t\n\f\r\p{Zs}]$/u.test(char);
}

/**
 * Punctuation as either CommonMark spec counts it: 0.30 took ASCII
 * punctuation and Unicode P; 0.31 added the symbols (S: `$`, `¥`, `€`). A
 * character that is punctuation in either counts, so that the check below
 * holds for renderers of both.
 */
function isPunctuation(char: string | undefined): boolean {
  return char !== undefined && /^[\p{P}\p{S}]$/u.test(char);
}

/** Whether the strings could be told apart in one spec and not the other: the character is a symbol, punctuation only in 0.31. */
function isSymbol(char: string | undefined): boolean {
  return char !== undefined && /^\p{S}$/u.test(char) && !/^[!-/:-@[-`{-~]$/.test(char);
}

/**
 * Whether a `**` run between `before` and `after` is left-flanking (can
 * open) in every renderer: not followed by whitespace, and not followed by
 * punctuation unless preceded by whitespace or punctuation.
 */
function leftFlanking(before: string | undefined, after: string | undefined): boolean {
  if (isWhitespace(after)) return false;
  if (!isPunctuation(after)) return true;
  // `after` is punctuation (in 0.31 at least): `before` must be whitespace or punctuation in both specs.
  return isWhitespace(before) || (isPunctuation(before) && !isSymbol(before));
}

/** Right-flanking (can close): the mirror image. */
function rightFlanking(before: string | undefined, after: string | undefined): boolean {
  if (isWhitespace(before)) return false;
  if (!isPunctuation(before)) return true;
  return isWhitespace(after) || (isPunctuation(after) && !isSymbol(after));
}

/**
 * Escaped `text` with `marks` (sorted, non-overlapping [start, end) ranges)
 * in strong emphasis: `**…**` where both runs flank as they must, else
 * `<strong>…</strong>` (`**35%**动` stays literal asterisks: the closing run
 * follows punctuation and precedes a letter, so it is not right-flanking).
 */
export function markStrong(text: string, marks: ReadonlyArray<readonly [number, number]>): string {
  // Touching marks are one: two runs side by side would read as one `****` run.
  const merged: Array<[number, number]> = [];
  for (const [start, end] of marks) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const pieces: string[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    pieces.push(escapeInline(text.slice(at, start)), '\0', escapeInline(text.slice(start, end)), '\0');
    at = end;
  }
  pieces.push(escapeInline(text.slice(at)));
  // Flanking depends on the characters written next to the run, so it is judged on the escaped text.
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i] !== '\0') {
      out += pieces[i];
      continue;
    }
    const inner = pieces[i + 1]!;
    const before = out.at(-1);
    const after = pieces[i + 3]?.[0];
    const opens = leftFlanking(before, inner[0]);
    const closes = rightFlanking(inner.at(-1), after);
    out += opens && closes ? `**${inner}**` : `<strong>${inner}</strong>`;
    i += 2;
  }
  return out;
}
