/**
 * Which units of a note are highlights, decided from several pieces of
 * evidence (precision first: a plain note that quotes a book is no
 * export), and the highlights they make, each with the note, tags and
 * place written after it. Pure.
 *
 * A note holds highlights when
 * - two or more units carry a link to where they were made (Kindle,
 *   Zotero, Hypothesis, Readwise, Apple Books…), or
 * - two or more carry a location label, a `<mark>` or a `^ref-` id, and the
 *   note says it is an export besides: a heading that names highlights
 *   together with two fields of the work, or a tool's frontmatter, or
 * - the note states two fields of the work (an author, a source), and
 *   three or more blocks of one kind carry a location or page label, or
 * - a heading names highlights, a tool's frontmatter says it is an
 *   export, and two or more units under that heading are quotes, list
 *   items or marked text.
 * Then the highlights are the units with evidence (and, in the last case,
 * the units under that heading); a unit without evidence between them is
 * the note of the one before when it is a quote after a marked highlight,
 * else it is the note's own text.
 */
import { foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { withoutLeadMarks } from '../../extract/lead-marks.js';
import { idSections } from './sections.js';
import { attachPlace, type Unit } from './units.js';
import { WIKILINK_ONLY } from './vocabulary.js';

export interface Evidence {
  /** The highlights, in document order. */
  highlights: FoundHighlight[];
  /** Why: for the `info` diagnostic. */
  reasons: string[];
}

export interface Context {
  /** How many of the work's fields (title, authors, url, …) the note's head states. */
  fields: number;
  /** A tool's frontmatter (`kindle-sync`, `doc_type: hypothesis-highlights`, a Zotero citekey…), named. */
  tool: string | null;
  /** The format of the tool's reader that took the note, when a specific one did. */
  reader: string | null;
}

const HIGHLIGHT_KINDS = new Set<Unit['kind']>(['paragraph', 'item', 'quote', 'html']);

export function findHighlights(units: Unit[], context: Context): Evidence | null {
  attachPlaces(units);
  const candidates = units.filter((unit) => HIGHLIGHT_KINDS.has(unit.kind) && unit.text !== '' || (HIGHLIGHT_KINDS.has(unit.kind) && unit.strength > 0 && unit.markdown.includes('![')));
  const linked = candidates.filter((unit) => unit.strength === 2);
  const marked = candidates.filter((unit) => unit.strength >= 1);
  const heading = units.some((unit) => unit.kind === 'heading' && unit.underHighlights);
  let chosen: Unit[] | null = null;
  const reasons: string[] = [];
  if (linked.length >= 2) {
    // Medium evidence counts where linked units stand: one export, one template.
    const sections = new Set(linked.map((unit) => unit.section));
    chosen = marked.filter((unit) => unit.strength === 2 || sections.has(unit.section));
    reasons.push(`${linked.length} blocks link to where they were made (${summary(linked)})`);
  } else if (marked.length >= 2 && (context.tool !== null || context.reader !== null || (heading && context.fields >= 2 && marked.every((unit) => unit.underHighlights)))) {
    chosen = marked;
    reasons.push(`${marked.length} blocks carry ${summary(marked)}`);
    reasons.push(context.tool !== null ? `frontmatter of ${context.tool}` : context.reader !== null ? `a ${context.reader} note` : `a heading that names highlights and ${context.fields} fields of the work`);
  } else if (context.fields >= 2 && located(marked)) {
    // No heading, no tool: a note that states the work and then lists three or more passages, each with its place, is its highlights.
    chosen = marked;
    reasons.push(`${marked.length} blocks of one kind each carry ${summary(marked)}`, `${context.fields} fields of the work`);
  } else if (heading && context.tool !== null && context.reader === null) {
    // The weakest: no block carries evidence. Never after a tool's own reader, which read those blocks already.

    const under = candidates.filter((unit) => unit.underHighlights && (unit.kind !== 'paragraph' || unit.strength > 0));
    if (under.length >= 2) {
      chosen = under;
      reasons.push(`${under.length} quotes or list items under a heading that names highlights`, `frontmatter of ${context.tool}`);
    }
  }
  if (chosen === null) return null;
  const picked = new Set(chosen);
  const sections = idSections(units, picked);
  for (const unit of sections.more) picked.add(unit);
  if (sections.more.length > 0) reasons.push(`${sections.more.length} more under a heading of their own that starts with an id`);
  return { highlights: withoutLeadMarks(build(units, picked, sections.notes)), reasons };
}

/** Three or more blocks of one kind, one after another, each with a location or page label of its own. */
function located(marked: Unit[]): boolean {
  return marked.length >= 3 && marked.every((unit) => unit.kind === marked[0]!.kind && unit.depth === marked[0]!.depth && (unit.location !== null || unit.page !== null));
}

/**
 * A place unit (`- Location: [66](kindle://…)`) gives its place to the
 * block before it; written before the text instead (`Goto: <link>` under a
 * heading, then the text), to the next block.
 */
function attachPlaces(units: Unit[]): void {
  const kind = placedKind(units);
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (unit.kind !== 'place' && !(unit.kind === 'tags' && unit.strength > 0)) continue;
    const before = units[i - 1];
    // The template writes its highlights in one kind of block (quotes): a block of another kind between one and its place is its note.
    const twoBefore = units[i - 2];
    if (unit.kind === 'place' && kind !== null && before?.kind !== kind && before?.kind === 'item' && twoBefore?.kind === kind && twoBefore.text !== '' && twoBefore.url === null && before.text !== '' && before.strength === 0) {
      attachPlace(twoBefore, unit);
      twoBefore.note = twoBefore.note === null ? withoutCheckbox(before.text) : `${twoBefore.note}\n${withoutCheckbox(before.text)}`;
      before.used = true;
      continue;
    }
    if (unit.kind === 'place' && before && HIGHLIGHT_KINDS.has(before.kind) && before.text !== '' && before.url === null) {
      attachPlace(before, unit);
      continue;
    }
    // A wikilink alone on its line between the place and the text is the highlight's note (`[[{{note}}]]`).
    const between: Unit[] = [];
    const after = units.slice(i + 1).find((next) => {
      if (next.kind === 'paragraph' && wikilinkOnly(next.text) !== null) return between.push(next) === 0;
      return next.kind !== 'heading' && next.kind !== 'rule' && next.kind !== 'note' && !(next.kind === 'paragraph' && next.text === '');
    });
    if (after && HIGHLIGHT_KINDS.has(after.kind) && after.text !== '' && after.url === null) {
      attachPlace(after, unit);
      after.tags.push(...unit.tags);
      unit.used = true;
      for (const link of between) {
        after.note = after.note === null ? wikilinkOnly(link.text) : `${wikilinkOnly(link.text)}\n${after.note}`;
        link.used = true;
      }
    }
  }
}

/** The kind of block most places follow, when two or more do and most do (null otherwise). */
function placedKind(units: Unit[]): Unit['kind'] | null {
  const counts = new Map<Unit['kind'], number>();
  let places = 0;
  units.forEach((unit, i) => {
    const before = units[i - 1];
    if (unit.kind !== 'place' || !before) return;
    places += 1;
    counts.set(before.kind, (counts.get(before.kind) ?? 0) + 1);
  });
  const [kind, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  return kind !== null && count >= 2 && count > places / 2 ? kind : null;
}

/** A list item's own checkbox mark (`[n] `, `[i] `, `[!] `: Obsidian themes' alternate checkboxes) is no part of what it says. */
function withoutCheckbox(text: string): string {
  return text.replace(/^\[[^\]\s]\]\s+/u, '');
}

/** The name a block that is only a wikilink links to (its alias when it has one), else null. */
function wikilinkOnly(text: string): string | null {
  const link = WIKILINK_ONLY.exec(text.trim());
  return link ? (link[2] ?? link[1]!).trim() : null;
}

function summary(units: Unit[]): string {
  const counts = new Map<string, number>();
  for (const unit of units) for (const what of unit.evidence) counts.set(what, (counts.get(what) ?? 0) + 1);
  return [...counts].map(([what, count]) => `${what} ×${count}`).join(', ');
}

/** The chosen units → highlights, with the notes and tags that follow each. */
function build(units: Unit[], chosen: Set<Unit>, headingNotes: Map<Unit, string>): FoundHighlight[] {
  const highlights: FoundHighlight[] = [];
  const seen = new Set<string>();
  let last: FoundHighlight | null = null;
  let lastUnit: Unit | null = null;
  /** Set after a `### Note` heading: the paragraphs that follow are the last highlight's note. */
  let noteHeading = false;
  const addNote = (text: string): void => {
    if (!last || text === '') return;
    last.note = last.note === null ? text : `${last.note}\n\n${text}`;
  };
  for (const unit of units) {
    if (chosen.has(unit)) {
      noteHeading = false;
      const key = unit.id ?? (unit.url && /annotation=|location=|hyp\.is/.test(unit.url) ? `${unit.url}\0${unit.text}` : null);
      if (key !== null && seen.has(key)) {
        // A template that writes its highlights twice (a re-sync appended them): once.
        last = null;
        lastUnit = null;
        continue;
      }
      if (key !== null) seen.add(key);
      const highlight = foundHighlight(unit.text, unit.markdown);
      highlight.url = unit.url;
      highlight.id = unit.id;
      highlight.location = unit.location;
      highlight.page = unit.page;
      const named = headingNotes.get(unit);
      highlight.note = named === undefined ? unit.note : unit.note === null ? named : `${named}\n\n${unit.note}`;
      highlight.tags = [...unit.tags];
      highlights.push(highlight);
      last = highlight;
      lastUnit = unit;
      continue;
    }
    switch (unit.kind) {
      case 'note':
        addNote(unit.text);
        break;
      case 'tags':
        if (!unit.used) last?.tags.push(...unit.tags);
        break;
      case 'note-heading':
        noteHeading = last !== null;
        break;
      case 'heading':
      case 'rule':
        noteHeading = false;
        if (unit.kind === 'heading') last = null;
        break;
      case 'place':
        break;
      default:
        if (unit.used) break;
        if (noteHeading) addNote(unit.text);
        // A wikilink alone on its line under a highlight is its note.
        else if (unit.kind === 'paragraph' && wikilinkOnly(unit.text) !== null && last !== null) addNote(wikilinkOnly(unit.text)!);
        // A quote after a marked (not quoted) highlight is its comment: Zotero templates write them so.
        else if (unit.kind === 'quote' && lastUnit !== null && lastUnit.kind !== 'quote' && last?.note === null) addNote(unit.text);
        else last = null;
    }
  }
  return highlights;
}
