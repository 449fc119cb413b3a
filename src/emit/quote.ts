/**
 * A highlight's (or a paragraph's) plain text as Markdown lines that keep
 * its shape: paragraphs stay paragraphs, line breaks stay line breaks, list
 * lines (`- `, `• `, `1. `) stay a list, and everything else is escaped. Pure.
 */
import { escapeBlock } from './escape.js';

const BULLET = /^\s*(?:[-*+•·▪◦‣])\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;
/** A line that labels what follows (`Speaker 2`, `Transcript:`, `Summary:`): a podcast transcript's turns, each a paragraph of its own. */
const LABEL = /^(?:(?:Speaker|Host|Guest) \d+:?|[\p{L}][\p{L} ]{0,24}:)$/u;

/** Markdown lines, unquoted: blocks separated by one empty line; at most `limit` lines of text, then `…`. */
export function blockLines(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n[ \t]*(?:\n[ \t]*)+/)) {
    const lines = paragraph.split('\n').map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
    let run: { list: boolean; lines: string[] } | null = null;
    const flush = (): void => {
      if (!run || run.lines.length === 0) return;
      if (out.length > 0) out.push('');
      // A backslash at the end of a line is CommonMark's hard line break (trailing spaces would be trimmed away unseen).
      out.push(...(run.list ? run.lines : run.lines.map((line, i) => (i < run!.lines.length - 1 ? `${line}\\` : line))));
    };
    for (const line of lines) {
      const item = listItem(line);
      const list = item !== null;
      // A list and the prose around it are blocks of their own: a line after an item would be read as part of it.
      if (!run || run.list !== list || (!list && LABEL.test(line.trim()) && run.lines.length > 0)) {
        flush();
        run = { list, lines: [] };
      }
      run.lines.push(item ?? escapeBlock(line));
    }
    flush();
  }
  const shown = out.filter((line) => line !== '').length;
  if (shown <= limit) return out;
  // Cut after `limit` lines of text (an opening is a taste of the text, not all of it).
  let kept = 0;
  const cut = out.filter((line) => (line === '' ? kept < limit : ++kept <= limit));
  while (cut.at(-1) === '') cut.pop();
  return [...cut, '', '…'];
}

function listItem(line: string): string | null {
  const bullet = BULLET.exec(line);
  if (bullet && bullet[1]!.trim() !== '') return `- ${escapeBlock(bullet[1]!)}`;
  const numbered = NUMBERED.exec(line);
  if (numbered && numbered[2]!.trim() !== '') return `${Number(numbered[1])}. ${escapeBlock(numbered[2]!)}`;
  return null;
}

/** The same, as a blockquote: every line prefixed `> `, empty lines `>`. */
export function quoteLines(text: string, limit = Infinity): string[] {
  return blockLines(text, limit).map((line) => (line === '' ? '>' : `> ${line}`));
}
