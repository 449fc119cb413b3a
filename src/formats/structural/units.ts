/**
 * A note's body as the structural reader sees it: a sequence of units, the
 * blocks that may each be one highlight (a paragraph, a list item, a
 * blockquote or callout, an HTML block), each with the evidence it carries
 * that it is a highlight an exporter wrote (vocabulary.ts): a link to where
 * it was made, a location label, a block id, a `<mark>` or `==…==` span.
 * Blocks that are only a location (`- Location: [66](kindle://…)`), a note
 * (`Note: …`), tags (`Tags: …`) or a note's heading (`### Note`) are units
 * of their own kind, for highlights.ts to attach to the highlight before
 * them. Pure.
 *
 * Over 300 lines on purpose: what kind a block is and what evidence it
 * carries is one decision per block (a note label, a place, a nested item
 * with its own link each change the kind), made in one pass; split, each
 * part would walk the block again and repeat the others' tests.
 */
import type { Link, ListItem, Nodes, RootContent } from 'mdast';
import { plainText, sourceOf } from '../../parse/markdown.js';
import { APP_LINK, BLOCK_ID, EVIDENCE_LINE, HIGHLIGHT_HEADING, LOCATION_LABEL, LOCATION_LINK_TEXT, NOTE_HEADING, NOTE_LABEL, NOTE_START, TAGS_START, TOOL_FRONTMATTER } from './vocabulary.js';

export type Strength = 0 | 1 | 2;

export interface Unit {
  kind: 'paragraph' | 'item' | 'quote' | 'html' | 'note' | 'tags' | 'place' | 'note-heading' | 'heading' | 'rule';
  /** The text a reader sees, evidence removed (for `note`: the note; for `heading`: the heading). */
  text: string;
  /** The block's Markdown as written. */
  markdown: string;
  /** 2: a link to the highlight where it was made; 1: a location label, a `<mark>`, a `^ref-` id; 0: none. */
  strength: Strength;
  /** What the evidence was, for the `info` diagnostic. */
  evidence: string[];
  url: string | null;
  location: string | null;
  page: string | null;
  id: string | null;
  /** Tags written with the block (`Tags:` sub-items, for `tags` units the tags). */
  tags: string[];
  /** A note written with the block (a `Note:` sub-item). */
  note: string | null;
  /** Set when its place and tags went to the block after it (written before the text). */
  used?: boolean;
  /** The heading it stands under, and whether that heading names highlights. */
  section: string | null;
  underHighlights: boolean;
  depth: number;
  line: number;
}

/** Cheap, on the raw text: could this note hold highlights at all? Only then is it read by structure. */
export function mayHoldHighlights(text: string): boolean {
  return EVIDENCE_LINE.test(text) || TOOL_FRONTMATTER.test(text);
}

/** The note's top-level blocks → units. `body` is the text the positions point into. */
export function unitsOf(blocks: Iterable<RootContent>, body: string): Unit[] {
  const units: Unit[] = [];
  let section: string | null = null;
  let underHighlights = false;
  const push = (unit: Omit<Unit, 'section' | 'underHighlights'>): void => {
    units.push({ ...unit, section, underHighlights });
  };
  for (const node of blocks) {
    const line = node.position?.start.line ?? 0;
    if (node.type === 'heading') {
      const text = plainText([node]).trim();
      if (NOTE_HEADING.test(text)) {
        push(bare('note-heading', text, sourceOf(body, node), node.depth, line));
        continue;
      }
      if (HIGHLIGHT_HEADING.test(text)) underHighlights = true;
      else if (node.depth <= headingDepthOpening(units)) underHighlights = false;
      section = text;
      push(bare('heading', text, sourceOf(body, node), node.depth, line));
      continue;
    }
    if (node.type === 'thematicBreak') {
      push(bare('rule', '', '', 0, line));
      continue;
    }
    if (node.type === 'list') {
      for (const item of node.children) for (const unit of itemUnits(item, body)) push(unit);
      continue;
    }
    if (node.type === 'blockquote') {
      // Its Markdown without the quote markers, as the other readers give a quoted highlight.
      push(quoteUnit(node.children, body, line, sourceOf(body, node).replace(/^[ \t]*> ?/gm, '')));
      continue;
    }
    if (node.type === 'paragraph' || node.type === 'html') {
      push(blockUnit(node.type === 'html' ? 'html' : 'paragraph', [node], body, line));
    }
  }
  return units;
}

/** The depth of the heading that opened the highlights section (Infinity: none open). */
function headingDepthOpening(units: Unit[]): number {
  for (let i = units.length - 1; i >= 0; i--) if (units[i]!.kind === 'heading' && HIGHLIGHT_HEADING.test(units[i]!.text)) return units[i]!.depth;
  return 0;
}

function bare(kind: Unit['kind'], text: string, markdown: string, depth: number, line: number): Omit<Unit, 'section' | 'underHighlights'> {
  return { kind, text, markdown, strength: 0, evidence: [], url: null, location: null, page: null, id: null, tags: [], note: null, depth, line };
}

/**
 * A list item, and the highlights nested in it: an item whose sub-items
 * each link to where they were made is a group (`- Highlights synced
 * [[date]]` with the highlights under it), and they are units of their own.
 * Other sub-items are the item's note (`Note:`, or no label at all), tags
 * and place, as Readwise and the Kindle plugin write them.
 */
function itemUnits(item: ListItem, body: string): Array<Omit<Unit, 'section' | 'underHighlights'>> {
  const line = item.position?.start.line ?? 0;
  const own = item.children.filter((child) => child.type !== 'list');
  // Its own blocks' Markdown: what is nested under it (notes, other highlights) is no part of it.
  const unit = blockUnit('item', own, body, line, own.length > 0 ? sourceOf(body, own[0]!, own.at(-1)!) : '');
  const nested: Array<Omit<Unit, 'section' | 'underHighlights'>> = [];
  for (const child of item.children) {
    if (child.type !== 'list') continue;
    const inner = child.children.map((sub) => itemUnits(sub, body));
    const tops = inner.map((units) => units[0]!);
    // Or (the parent a field or a link, no highlight) three or more sub-items that each end with their place (`(location: 176)`).
    const placed = unit.strength === 0 && tops.length >= 3 && tops.every((top) => top.strength >= 1 && top.kind === 'item' && (top.location !== null || top.page !== null));
    if ((tops.length > 1 && tops.every((top) => top.strength === 2 && top.kind === 'item')) || placed) {
      nested.push(...inner.flat());
      continue;
    }
    for (const top of tops) {
      if (top.kind === 'note') addNote(unit, top.text);
      else if (top.kind === 'tags') unit.tags.push(...top.tags);
      else if (top.kind === 'place') attachPlace(unit, top);
      // An unlabelled sub-item of a highlight is what its reader wrote about it.
      else if (top.kind === 'item' && top.strength === 0 && top.text !== '') addNote(unit, top.text);
    }
  }
  return [unit, ...nested];
}

function addNote(unit: { note: string | null }, text: string): void {
  unit.note = unit.note === null ? text : `${unit.note}\n${text}`;
}

function quoteUnit(children: RootContent[], body: string, line: number, markdown: string): Omit<Unit, 'section' | 'underHighlights'> {
  // A callout: its first line `[!type] Title` is no part of the text.
  const first = children[0];
  const callout = first?.type === 'paragraph' && first.children[0]?.type === 'text' ? /^\[!([\w-]+)(?:\|[^\]\n]*)?\][+-]?[ \t]*([^\n]*)\n?/.exec(first.children[0].value) : null;
  if (callout) {
    const title = callout[2]!.trim();
    const rest = body.slice(first!.position!.start.offset! + callout[0].length, children.at(-1)!.position!.end.offset!);
    const text = rest.replace(/^[ \t]*>[ \t]?/gm, '').trim();
    if (NOTE_HEADING.test(title) || /^(?:note|comment)$/i.test(callout[1]!)) return { ...bare('note', text, markdown, 0, line) };
    const unit = blockUnit('quote', children, body, line, markdown);
    unit.text = unit.text.replace(/^\[![^\]]*\][+-]?[^\n]*\n?/, '').trim();
    return unit;
  }
  return blockUnit('quote', children, body, line, markdown);
}

/** A block (or a list item's own blocks) → a unit with its evidence, or a note, tags or place unit. */
function blockUnit(kind: Unit['kind'], nodes: RootContent[], body: string, line: number, markdown = nodes.length > 0 ? sourceOf(body, nodes[0]!, nodes.at(-1)!) : ''): Omit<Unit, 'section' | 'underHighlights'> {
  const unit = bare(kind, '', markdown, 0, line);
  const glued = gluedNote(nodes);
  const kept = (glued ? glued.nodes : nodes).map((node) => withoutEvidence(node, unit));
  // A list inside a highlight reads as its lines: bullets dropped, numbers kept (as the Omnivore reader does).
  let text = plainText(kept as Nodes[], 'text').replace(/^- /gm, '').trim();
  const id = BLOCK_ID.exec(text);
  if (id) {
    unit.id = id[1]!;
    text = text.slice(0, id.index).trim();
    if (/^ref-/i.test(unit.id)) note(unit, 1, 'a ^ref- block id');
  }
  if (/<mark\b/i.test(markdown)) note(unit, 1, 'a <mark> span');
  const marked = /^==([^=][\s\S]*?)==$/.exec(text);
  if (marked) {
    text = marked[1]!;
    note(unit, 1, 'a ==marked== block');
  }
  // The place written after the text: `— location: 66`, `(p. 12)`, `Page 12`.
  // A bare link to the app, written as text (`Goto: https://readwise.io/to_kindle?…`).
  const written = unit.url === null ? /(?:^|\s)<?((?:kindle|ibooks|zotero):\/\/\S+|https?:\/\/\S+)>?\s*$/.exec(text) : null;
  if (written && (APP_LINK.test(written[1]!) || /[?&]__readwiseLocation=/.test(written[1]!)) && pointsInside(written[1]!)) {
    unit.url = written[1]!;
    placeFromLink(unit, '', written[1]!);
    note(unit, 2, `a link to ${/^[a-z]+:\/\/[^/?#]*/i.exec(written[1]!)?.[0] ?? 'the app'}`);
    text = text.slice(0, written.index).replace(/\s*(?:goto|go to|link|open|source|url|view)?\s*[:：]?\s*$/i, '').trim();
  }
  const label = trailingLabel(text) ?? (unit.url === null ? labelThenNote(text, unit) : null);
  if (label) {
    text = label.before;
    setPlace(unit, label.kind, label.value);
    note(unit, 1, `a ${label.kind} label`);
  }
  // What the removed link leaves: `text — location:`, `text ()`, `text -`.
  if (unit.url !== null) text = text.replace(/\s*[—–|•·-]?\s*(?:location|loc\.?|page|p\.|pg\.?|seite|página|位置|页|goto|link)\s*[:：#]?\s*$/iu, '');
  text = text.replace(/\s*(?:[—–-]|\(\s*\)|\[\s*\]|（\s*）)\s*$/u, '').trim();
  // The line that held the link, now without a word (`_()_`, a stray key): no part of the text.
  const lastLine = text.lastIndexOf('\n');
  if (unit.url !== null && lastLine > 0 && wordless(text.slice(lastLine)) && markdown.trimEnd().split('\n').at(-1)!.includes(unit.url)) text = text.slice(0, lastLine).trim();
  // Quotes a template puts around every highlight (`“{{text}}”`) are no part of it.
  const quoted = /^(["“«「『„])([\s\S]*)(["”»」』“])$/u.exec(text);
  if (quoted && !/["“”«»「」『』„]/u.test(quoted[2]!)) text = quoted[2]!.trim();
  const noteStart = NOTE_START.exec(text) ?? NOTE_LABEL.exec(text);
  if (noteStart && noteStart[0].trim() !== '') return { ...bare('note', text.slice(noteStart[0].length).trim(), markdown, 0, line) };
  const tagsStart = TAGS_START.exec(text);
  // Tags (and the place written with them: `highlight_tags:: [[a]]` then `Goto: <link>`).
  if (tagsStart) return { ...unit, kind: 'tags', text: '', tags: tagsIn(text.slice(tagsStart[0].length).split('\n')[0]!) };
  // Nothing but a place: `- Location: [66](kindle://…)` belongs to the block before it.
  if (unit.strength > 0 && (text === '' || /^(?:[-*+]\s*)?(?:location|loc\.?|page|p\.|seite|página|位置|页)?\s*[:：#]?\s*$/iu.test(text))) {
    return { ...unit, kind: 'place', text: '' };
  }
  unit.text = text;
  if (glued && unit.strength === 2) unit.note = glued.note;
  return unit;
}

/**
 * Text written after a highlight's link on its line, the block's last (`text —
 * [66](kindle://…) my thought`): the reader's note, when there is text
 * before the link too (a link before the text, `[Go to annotation](…)“text”`,
 * leads the highlight). The blocks without it, and the note.
 */
function gluedNote(nodes: RootContent[]): { nodes: RootContent[]; note: string } | null {
  const last = nodes.at(-1);
  if (last?.type !== 'paragraph') return null;
  const children = last.children;
  let at = -1;
  for (let i = children.length - 1; i >= 0 && at < 0; i--) if (children[i]!.type === 'link' && isEvidenceLink(children[i] as Link)) at = i;
  if (at <= 0) return null;
  const before = plainText(children.slice(0, at)).replace(/[\s(（[—–-]+$/u, '').trim();
  const after = plainText(children.slice(at + 1));
  // Only on the link's own line: what the next lines hold is the block's own (a callout's text under its title).
  if (after.includes('\n')) return null;
  const note = after.replace(/^[\s)）\]_*]+/u, '').replace(BLOCK_ID, '').trim();
  if (before === '' || note === '' || wordless(note)) return null;
  // An image after the link is the annotation's content (an image annotation), not what its reader wrote.
  if (/^(?:!\[\[[^\]\n]+\]\]|!\[[^\]\n]*\]\([^)\n]+\)|\s)+$/.test(note)) return null;
  return { nodes: [...nodes.slice(0, -1), { ...last, children: children.slice(0, at + 1) }], note };
}

/** Text without a word: no two letters or digits together, no CJK character (`d`, `_()_`, `—`). */
function wordless(text: string): boolean {
  return !/[\p{L}\p{N}]{2}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text);
}

/** A link that says where its highlight was made (see withoutEvidence). */
function isEvidenceLink(link: Link): boolean {
  const app = APP_LINK.test(link.url) && pointsInside(link.url);
  if (app) return true;
  return LOCATION_LINK_TEXT.test(plainText([link]).trim()) && /^https?:/i.test(link.url);
}

function note(unit: { strength: Strength; evidence: string[] }, strength: Strength, what: string): void {
  if (strength > unit.strength) unit.strength = strength;
  if (!unit.evidence.includes(what)) unit.evidence.push(what);
}

function setPlace(unit: { location: string | null; page: string | null }, kind: 'location' | 'page', value: string): void {
  if (kind === 'location') unit.location ??= `Location ${value}`;
  else unit.page ??= value;
}

export function attachPlace(to: Pick<Unit, 'url' | 'location' | 'page' | 'strength' | 'evidence'>, place: Pick<Unit, 'url' | 'location' | 'page' | 'strength' | 'evidence'>): void {
  to.url ??= place.url;
  to.location ??= place.location;
  to.page ??= place.page;
  for (const what of place.evidence) note(to, place.strength, what);
}

/**
 * The node without the links that say where its highlight was made (they
 * become the unit's url and place): `([Location 66](kindle://…))`,
 * `[(p. 3)](zotero://…)`, `— [Updated on …](https://hyp.is/…)`.
 */
function withoutEvidence(node: RootContent, unit: ReturnType<typeof bare>): RootContent {
  if (!('children' in node)) return node;
  const children = (node.children as RootContent[]).filter((child) => {
    if (child.type !== 'link') return true;
    const link = child as Link;
    const text = plainText([link]).trim();
    const app = APP_LINK.test(link.url) && pointsInside(link.url);
    const labelled = LOCATION_LINK_TEXT.test(text);
    if (!app && !labelled) return true;
    // A link to the app is evidence wherever it stands; a `Location 12` link only to a page or an app.
    if (!app && !/^https?:/i.test(link.url)) return true;
    note(unit, 2, app ? `a link to ${/^[a-z]+:\/\/[^/?#]*/i.exec(link.url)?.[0] ?? 'the app'}` : `a "${text}" link`);
    unit.url ??= link.url;
    placeFromLink(unit, text, link.url);
    return false;
  });
  return { ...node, children: children.map((child) => withoutEvidence(child, unit)) } as RootContent;
}

/**
 * Whether an app link points at a place in the work (a highlight), not at
 * the work itself: `kindle://book?action=open&asin=X` opens the book,
 * `…&location=66` a highlight; `zotero://select/…` the item, `open-pdf`
 * a page of it; an Apple Books or Omnivore link a highlight by its `#…`.
 */
function pointsInside(url: string): boolean {
  // Readwise's link into an article: `?__readwiseLocation=…`.
  if (/[?&]__readwiseLocation=/.test(url)) return true;
  // SimpRead's local server: `…/unread/3` is the article, `…/unread/3#id=…` a highlight in it.
  if (/^https?:\/\/localhost:7026\//i.test(url)) return /#id=/.test(url);
  if (/^(?:kindle|ibooks):|omnivore\.app|glasp\.co|instapaper\.com|getmatter\.com|kobo\.com/i.test(url)) return /[?&](?:location|page|loc|pos)=|#./i.test(url);
  if (/^zotero:/i.test(url)) return /[?&](?:page|annotation)=/i.test(url);
  return true;
}

function placeFromLink(unit: Pick<Unit, 'location' | 'page'>, text: string, url: string): void {
  const label = LOCATION_LABEL.exec(` ${text}`);
  if (label) {
    if (label[2]) setPlace(unit, 'location', label[2]);
    else if (label[4]) setPlace(unit, 'page', label[4]);
    else if (label[5]) setPlace(unit, 'page', label[5]);
  } else if (/^\(?\d+\)?$/.test(text)) {
    setPlace(unit, /^kindle:/i.test(url) ? 'location' : 'page', text.replace(/[()]/g, ''));
  }
  const query = /[?&](location|page)=(\d+)/i.exec(url);
  if (query) setPlace(unit, query[1]!.toLowerCase() === 'location' ? 'location' : 'page', query[2]!);
}

/** A place label after the text (`… — location: 66`, `… (p. 12)`, `… Page 12`): the text before it. */
/**
 * A label that ends a line before the block's last, when no other line has
 * one: the text is up to it, the lines after it are the reader's note (the
 * Kindle plugin's `> text (location: 185)` with the note on the next line,
 * a lazy line of the quote).
 */
function labelThenNote(text: string, unit: { note: string | null }): ReturnType<typeof trailingLabel> {
  const lines = text.split('\n');
  const at = lines.findIndex((line, index) => index < lines.length - 1 && trailingLabel(line) !== null);
  if (at < 0 || lines.slice(at + 1).some((line) => trailingLabel(line) !== null)) return null;
  const label = trailingLabel(lines[at]!)!;
  const rest = lines.slice(at + 1).join('\n').trim();
  if (rest !== '') addNote(unit, rest);
  return { ...label, before: [...lines.slice(0, at), label.before].join('\n').trim() };
}

function trailingLabel(text: string): { before: string; kind: 'location' | 'page'; value: string } | null {
  const match = /(?:^|\s*(?:[—–|•·]|\s-)\s*|\s*[(（[]\s*|\s+)((?:location|loc\.?|position|位置|page|p\.|pg\.?|seite|página|pág\.?|стр\.?|trang)\s*[:：#]?\s*([0-9ivxlc]+(?:\s*[-–]\s*\d+)?)|第\s*(\d+)\s*页)\s*[)）\]]?\s*$/iu.exec(text);
  if (!match) return null;
  const word = match[1]!.toLowerCase();
  const kind = /^(?:location|loc|position|位置)/u.test(word) ? 'location' : 'page';
  return { before: text.slice(0, match.index).trim(), kind, value: (match[2] ?? match[3]!).replace(/\s+/g, '') };
}

/** `[[a b]] #c, d` → `a b`, `c`, `d`. */
export function tagsIn(value: string): string[] {
  const tags: string[] = [];
  const rest = value.replace(/\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g, (_whole, name: string) => {
    tags.push(name.trim());
    return ' ';
  });
  for (const part of rest.split(/[,，;\s]+/)) {
    const tag = part.replace(/^#/, '').trim();
    if (tag !== '') tags.push(tag);
  }
  return tags;
}

