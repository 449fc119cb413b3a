/**
 * The reader of notes made with a template the user named (`--read-template`):
 * the note is read by that template turned into a matcher, exactly, or not
 * at all (then the usual readers read it, and `whyNot` says where matching
 * stopped). The templates come with the document (its settings), so that
 * what is read stays a function of the bytes and the settings. A frontmatter
 * the template does not write (the Kindle plugin's `kindle-sync:`, one the
 * user added) is read apart, as frontmatter; any frontmatter fills the
 * fields the template's values leave empty (tags the template writes as
 * literal text). Pure.
 */
import { frontmatterFields } from '../../extract/frontmatter-fields.js';
import type { Fields } from '../../extract/fields.js';
import { authorNames } from '../../extract/values.js';
import { titleFromFileName } from '../../extract/title.js';
import { Messages, positionAt } from '../../messages.js';
import { isPlainObject, parseFrontmatter } from '../../parse/frontmatter.js';
import type { Document, SourceFormat } from '../format.js';
import { compileTemplate, type Program } from './compile.js';
import { fieldsOf } from './fields.js';
import { matchTemplate, type Match } from './match.js';
import type { ReadTemplate } from './read-template.js';

/** Compiled once per template text in each thread (the CLI checked that they compile). */
const PROGRAMS = new Map<string, Program | null>();

function programOf(template: ReadTemplate): Program | null {
  const key = JSON.stringify([template.text, template.highlight ?? null]);
  if (!PROGRAMS.has(key)) {
    try {
      PROGRAMS.set(key, compileTemplate(template));
    } catch {
      PROGRAMS.set(key, null);
    }
  }
  return PROGRAMS.get(key)!;
}

interface Outcome {
  template: ReadTemplate;
  program: Program;
  match: Match;
  /** Where the template's text starts: after a frontmatter it does not write. */
  start: number;
  frontmatter: Record<string, unknown> | null;
}

/** Each document's outcome (detect, then read or whyNot, ask for it): the first template that matches, else the last tried. */
const OUTCOMES = new WeakMap<Document, Outcome | null>();

function outcomeOf(document: Document): Outcome | null {
  if (OUTCOMES.has(document)) return OUTCOMES.get(document)!;
  let outcome: Outcome | null = null;
  for (const template of document.templates ?? []) {
    const program = programOf(template);
    if (!program) continue;
    let start = 0;
    let frontmatter: Record<string, unknown> | null = null;
    if (document.text.startsWith('---')) {
      const read = parseFrontmatter(document.text, new Messages());
      frontmatter = read.data;
      // One the template does not write is read apart; one it writes is matched too.
      if (!program.frontmatter && (read.data !== null || read.body !== document.text)) start = document.text.length - read.body.length;
    }
    outcome = { template, program, match: matchTemplate(program, document.text, start), start, frontmatter };
    if (outcome.match.ok) break;
  }
  OUTCOMES.set(document, outcome);
  return outcome;
}

export const namedTemplate: SourceFormat = {
  detect: (document) => (document.templates?.length ?? 0) > 0 && outcomeOf(document)?.match.ok === true,
  read(document, messages) {
    const outcome = outcomeOf(document)!;
    const { match } = outcome;
    if (!match.ok) throw new Error('the template reader reads only the notes its template matches');
    const { fields, unknown } = fieldsOf(outcome.program, match.root, match.tail);
    if (outcome.frontmatter) fillFromFrontmatter(fields, outcome.frontmatter);
    fields.title ??= titleFromFileName(document.name);
    fields.extra['template'] = outcome.template.name;
    const count = fields.highlights.length;
    const rest = unknown.length > 0 ? `; its variables no field takes: ${unknown.join(', ')}` : '';
    const tail = match.tail.trim() !== '' ? `; the text after it (line ${positionAt(document.text, document.text.length - match.tail.length).line} on) is kept as the note's text` : '';
    messages.info('read-template', `read with the template ${outcome.template.name}: ${count} highlight${count === 1 ? '' : 's'}${rest}${tail}`, { line: 1, column: 1 });
    return { works: [{ fields, key: null, messages }] };
  },
  whyNot(document) {
    const outcome = outcomeOf(document);
    if (!outcome || outcome.match.ok) return null;
    const { match } = outcome;
    const at = positionAt(document.text, match.at);
    const why = match.gaveUp ? `it gave up after ${match.steps} steps` : 'it stops';
    return {
      message: `the template ${outcome.template.name} does not match this note (${why} at line ${at.line}, column ${at.column}, where the template's line ${match.line} expected more); read as usual`,
      position: at,
    };
  },
};

/** A frontmatter the template does not write: its fields (and those of a mapping inside it, as `kindle-sync:`) fill what the template left empty. */
function fillFromFrontmatter(fields: Fields, data: Record<string, unknown>): void {
  const flat: Record<string, unknown> = {};
  for (const value of Object.values(data)) if (isPlainObject(value)) Object.assign(flat, value);
  Object.assign(flat, data);
  const read = frontmatterFields(flat).fields as Partial<Record<keyof Fields, unknown>>;
  const target = fields as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(read)) {
    const current = target[field];
    const empty = current === null || current === undefined || (Array.isArray(current) && current.length === 0);
    if (!empty || value === null || value === undefined || !(field in fields)) continue;
    target[field] = field === 'authors' && Array.isArray(value) ? value.flatMap((name) => authorNames(String(name))) : value;
  }
}

