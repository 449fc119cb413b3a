/**
 * A frontmatter block read line by line, for the plugins whose templates
 * write YAML that does not parse: the Kobo Highlights Importer's unquoted
 * `title: Thinking in Systems: A Primer`, the Pocket plugin's `Tags:
 * [pocket, #ia]` (a `#` starts a YAML comment). When the YAML parser gives
 * up (a `yaml-syntax` warning), these readers still take the plugin's own
 * keys as its template wrote them: `Key: value` lines at the top level, a
 * flow list `[a, b]`, a folded (`>`) or literal (`|`) block. Pure.
 */
import type { Frontmatter } from '../parse/frontmatter.js';

/** A top-level `Key: value` line (a key may hold spaces: `Pocket URL:`). */
const KEY_LINE = /^([A-Za-z_][\w -]*?)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/u;
const BLOCK_SCALAR = /^([>|])[+-]?[1-9]?$/u;

/** The text between the opening and the closing `---` of a document that starts with one (after blank lines), or null. */
export function frontmatterBlock(text: string): string | null {
  const start = /^(?:[ \t]*\n)*---[ \t]*\n/u.exec(text);
  if (!start) return null;
  const rest = text.slice(start[0].length);
  const end = /^(?:---|\.\.\.)[ \t]*$/mu.exec(rest);
  return end ? rest.slice(0, end.index) : null;
}

/** The frontmatter's data as the YAML parser read it, else (it gave up) the document's block read line by line; `{}` for none. */
export function dataOrLoose(parsed: Record<string, unknown> | null, text: string): Record<string, unknown> {
  if (parsed !== null) return parsed;
  const block = frontmatterBlock(text);
  return block === null ? {} : Object.fromEntries(looseFrontmatter(block));
}

/**
 * A parsed frontmatter, with its block read line by line where it is no
 * YAML (an unquoted `title: Recent Advances: An Overview`); the
 * `yaml-syntax` warning stays. For readers that take a `Frontmatter`.
 */
export function orLoose(frontmatter: Frontmatter, text: string): Frontmatter {
  if (frontmatter.data !== null) return frontmatter;
  const data = dataOrLoose(null, text);
  return Object.keys(data).length > 0 ? { ...frontmatter, data } : frontmatter;
}

/** Each top-level key's value as its line (or block) writes it: a string, a plain number, or a list for `[a, b]`. Later keys win. */
export function looseFrontmatter(block: string): Map<string, string | number | string[]> {
  const values = new Map<string, string | number | string[]>();
  const lines = block.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = KEY_LINE.exec(lines[index]!);
    if (!match) continue;
    const key = match[1]!;
    const raw = match[2] ?? '';
    const scalar = BLOCK_SCALAR.exec(raw);
    if (scalar) {
      const body: string[] = [];
      while (index + 1 < lines.length && (/^[ \t]/u.test(lines[index + 1]!) || lines[index + 1]!.trim() === '')) body.push(lines[++index]!.trim());
      while (body.length > 0 && body[body.length - 1] === '') body.pop();
      values.set(key, scalar[1] === '>' ? folded(body) : body.join('\n'));
      continue;
    }
    if (raw.startsWith('[') && raw.endsWith(']')) {
      values.set(key, raw.slice(1, -1).split(',').map(unquoted).filter((item) => item !== ''));
      continue;
    }
    // A plain number is one, as YAML reads it (`percentRead: 37`).
    values.set(key, /^-?\d+(?:\.\d+)?$/u.test(raw) ? Number(raw) : unquoted(raw));
  }
  return values;
}

/** A folded block's lines: joined by spaces, a blank line a line break. */
function folded(lines: readonly string[]): string {
  return lines.reduce((text, line) => (line === '' ? `${text}\n` : text === '' || text.endsWith('\n') ? text + line : `${text} ${line}`), '');
}

/** The value without the quotes around it (a quoted title that holds quotes itself is not YAML either). */
function unquoted(value: string): string {
  const text = value.trim();
  if (text.length >= 2 && ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'")))) return text.slice(1, -1).trim();
  return text;
}
