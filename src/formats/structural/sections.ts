/**
 * Templates that give each highlight a heading of its own, starting with
 * its id (`##### ^291061814`, `### id263940286 my note`): the heading says
 * where one highlight begins, so a section so headed holds one even when
 * the template wrote no link for it (a highlight made in the app, without a
 * place), and the heading's text after the id is that highlight's note.
 * Only in a note already read as an export: two or more of its linked
 * highlights must each stand alone under such a heading. Pure.
 */
import type { Unit } from './units.js';
import { ID_HEADING, LOCATION_LINK_TEXT, WIKILINK_ONLY } from './vocabulary.js';

const TEXT_KINDS = new Set<Unit['kind']>(['paragraph', 'item', 'quote', 'html']);

export interface IdSections {
  /** Highlights found by their heading alone. */
  more: Unit[];
  /** Each highlight's note, from the heading it stands under. */
  notes: Map<Unit, string>;
}

/** The highlights `chosen` leaves out that stand alone under an id heading, and the notes those headings give. */
export function idSections(units: Unit[], chosen: Set<Unit>): IdSections {
  const sections: Array<{ heading: Unit; units: Unit[] }> = [];
  let current: { heading: Unit; units: Unit[] } | null = null;
  for (const unit of units) {
    if (unit.kind === 'heading') {
      current = unit.underHighlights && ID_HEADING.test(unit.text) ? { heading: unit, units: [] } : null;
      if (current) sections.push(current);
    } else current?.units.push(unit);
  }
  const holding = sections.filter((section) => section.units.some((unit) => chosen.has(unit)));
  const none: IdSections = { more: [], notes: new Map() };
  // Two or more highlights, one a section, all of one kind: the template's.
  if (holding.length < 2 || holding.some((section) => section.units.filter((unit) => chosen.has(unit)).length > 1)) return none;
  const kinds = new Set(holding.map((section) => section.units.find((unit) => chosen.has(unit))!.kind));
  if (kinds.size > 1) return none;
  const kind = [...kinds][0]!;
  const more: Unit[] = [];
  const notes = new Map<Unit, string>();
  for (const section of sections) {
    let highlight = section.units.find((unit) => chosen.has(unit));
    if (!highlight) {
      const texts = section.units.filter((unit) => TEXT_KINDS.has(unit.kind) && unit.text !== '' && !WIKILINK_ONLY.test(unit.text));
      if (texts.length !== 1 || texts[0]!.kind !== kind) continue;
      highlight = texts[0]!;
      more.push(highlight);
    }
    const rest = section.heading.text.replace(ID_HEADING, '').trim();
    // A place (`Location 38`) is no note.
    if (rest !== '' && !LOCATION_LINK_TEXT.test(rest)) notes.set(highlight, rest);
  }
  return { more, notes };
}
