/**
 * The highlights and page notes of a Hypothesis note (see hypothesis.ts):
 * list items ending in a hyp.is link, the `Group:`, `Tags:` and
 * `Annotation:` items after or under them, and `## Page Notes` paragraphs.
 * A later copy of an annotation (same hyp.is id) replaces the earlier one. Pure.
 */
import type { List, ListItem, Nodes } from 'mdast';
import { readDateTime, stamp } from '../../extract/datetime.js';
import { foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { wikiOrHashTags } from '../../extract/values.js';
import type { Messages, Position } from '../../messages.js';
import { parseMarkdown, plainText, sourceOf } from '../../parse/markdown.js';

/** `[Updated on 2022-01-09 18:25:26](https://hyp.is/<annotation id>/<page>)`; the label is bounded so a line of `[` stays linear. */
const ANNOTATION_LINK = /\[([^\]\n]{0,200})\]\((https?:\/\/hyp\.is\/([\w-]+)(?:\/[^\s)]*)?)\)/u;
const ANNOTATION_KEY = /^(Tags|Annotation|Note|Group)[ \t]*:[ \t]*/iu;
/** A highlight glued to the last line of an annotation: `…text.- quote — [Updated on …](https://hyp.is/…)` ends the line. */
const GLUED_HIGHLIGHT = /(\S)- ([^\n]*\]\(https?:\/\/hyp\.is\/[\w-]+(?:\/[^\s)]*)?\)[^\n]*)$/u;

export interface Entry {
  highlight: FoundHighlight;
  /** The Hypothesis group, without `#`; null for the private group (the plugin writes none). */
  group: string | null;
  position: Position;
}

/** The highlights and page notes of a note, in order, with later copies of one annotation replacing earlier ones. */
export class Annotations {
  private readonly entries: Entry[] = [];
  /** The highlight that `- Group:`, `- Tags:` and `- Annotation:` items after it belong to. */
  private current: Entry | null = null;

  constructor(
    private readonly body: string,
    private readonly at: (node: Nodes) => Position,
    private readonly messages: Messages,
  ) {}

  /** A block that is not a list ends the run of items that annotate the last highlight. */
  endRun(): void {
    this.current = null;
  }

  /** Takes the list's highlights and their annotation items; returns the items that are neither. */
  readList(list: List): ListItem[] {
    const rest: ListItem[] = [];
    for (const item of list.children) {
      const entry = this.highlightOf(item);
      if (entry) {
        this.entries.push(entry);
        this.current = entry;
        let target = entry;
        for (const child of item.children) if (child.type === 'list') for (const nested of child.children) target = this.annotateGlued(target, nested);
        continue;
      }
      // The current default template writes `- Group: #x` as an item of its own, with Tags and Annotation under it.
      if (this.current && this.annotate(this.current, item)) continue;
      rest.push(item);
    }
    return rest;
  }

  /**
   * A paragraph under `## Page Notes`: annotations of the whole page, no
   * quote. Each ends at its `Tags:` line or the paragraph's end; kept as a
   * highlight with no text and the annotation as its note (as Kindle notes
   * without a highlight are).
   */
  readPageNotes(paragraph: Nodes): void {
    let lines: string[] = [];
    const finish = (tags: string[]): void => {
      const note = lines.length > 0 ? plainText(parseMarkdown(lines.join('\n')).children).trim() : '';
      lines = [];
      if (note === '') return;
      const highlight = foundHighlight('', '');
      highlight.note = note;
      highlight.tags = tags;
      this.entries.push({ highlight, group: null, position: this.at(paragraph) });
    };
    for (const line of sourceOf(this.body, paragraph).split('\n')) {
      const tags = /^Tags[ \t]*:(.*)$/iu.exec(line.trim());
      if (tags) finish(wikiOrHashTags(tags[1]!));
      else lines.push(line);
    }
    finish([]);
  }

  /** The highlights in order; a copy of an annotation seen before replaces it in its place. */
  finish(): Entry[] {
    const kept: Entry[] = [];
    const byId = new Map<string, number>();
    for (const entry of this.entries) {
      const id = entry.highlight.id;
      const earlier = id === null ? undefined : byId.get(id);
      if (id === null || earlier === undefined) {
        if (id !== null) byId.set(id, kept.length);
        kept.push(entry);
        continue;
      }
      const first = kept[earlier]!;
      if (sameAnnotation(first, entry)) {
        this.messages.info('hypothesis-duplicate', `this highlight repeats the one at line ${first.position.line} (annotation ${id}; a re-sync appended it again); kept one`, entry.position);
      } else {
        this.messages.info('hypothesis-duplicate', `this highlight updates the one at line ${first.position.line} (annotation ${id}, edited since); kept this later version in its place`, entry.position);
        kept[earlier] = entry;
      }
    }
    return kept;
  }

  /** A list item whose text ends with a hyp.is link; null otherwise. */
  private highlightOf(item: ListItem): Entry | null {
    const content = item.children.filter((child) => child.type !== 'list');
    if (content.length === 0) return null;
    const head = sourceOf(this.body, content[0]!, content[content.length - 1]!);
    const link = ANNOTATION_LINK.exec(head);
    if (!link) return null;
    let markdown = head.slice(0, link.index).trimEnd();
    if (markdown.endsWith('—')) markdown = markdown.slice(0, -1).trimEnd();
    // The quote is Hypothesis's exact text, not Markdown: kept as written, its line breaks without their indentation.
    const text = markdown.split('\n').map((line) => line.trim()).join('\n').trim();
    const highlight = foundHighlight(text, markdown);
    highlight.url = link[2]!;
    highlight.id = link[3]!;
    highlight.highlightedAt = this.updatedAt(link[1]!.trim(), item);
    // After the link: ` — Group: #Public`, and perhaps an Obsidian block id (` ^5906dc`), which is no part of the highlight.
    const group = /Group:[ \t]*#?([^\s#]+)/u.exec(head.slice(link.index + link[0].length));
    return { highlight, group: group ? group[1]! : null, position: this.at(item) };
  }

  /** `Updated on 2022-01-09 18:25:26` (the user's date format): when Hypothesis last saved the annotation. */
  private updatedAt(label: string, item: ListItem): string | null {
    const date = readDateTime(label.replace(/^updated on\b/iu, ''));
    if (date) return stamp(date);
    if (/^updated\b/iu.test(label)) {
      this.messages.warn('hypothesis-date', `"${label}" holds no date ingest reads (such as "Updated on 2022-01-09 18:25:26"); highlightedAt is null`, this.at(item));
    }
    return null;
  }

  /**
   * Applies an item under a highlight (see annotate); returns the highlight
   * the next items annotate: the plugin's template trims the newline after
   * an annotation (`{%- endif -%}{%- endfor -%}`), so the next highlight may
   * be glued to its last line (`…important.- next quote — [Updated on …](https://hyp.is/…)`):
   * it is a highlight of its own, and the items after it are its.
   */
  private annotateGlued(entry: Entry, item: ListItem): Entry {
    const content = item.children.filter((child) => child.type !== 'list');
    const own = content.length > 0 ? sourceOf(this.body, content[0]!, content[content.length - 1]!) : '';
    const glued = GLUED_HIGHLIGHT.exec(own);
    if (!glued || !ANNOTATION_KEY.test(own.replace(/^[-*+][ \t]+/u, '')) || /^tags|^group/iu.test(own.replace(/^[-*+][ \t]+/u, ''))) {
      this.annotate(entry, item);
      return entry;
    }
    const before = own.slice(0, glued.index + glued[1]!.length);
    const note = plainText(parseMarkdown(before.replace(/^[-*+][ \t]+/u, '').replace(ANNOTATION_KEY, '')).children).trim();
    if (note !== '') entry.highlight.note = entry.highlight.note ? `${entry.highlight.note}\n\n${note}` : note;
    const link = ANNOTATION_LINK.exec(glued[2]!)!;
    const markdown = glued[2]!.slice(0, link.index).trimEnd().replace(/\s*—$/u, '');
    const next = foundHighlight(markdown.trim(), markdown);
    next.url = link[2]!;
    next.id = link[3]!;
    next.highlightedAt = this.updatedAt(link[1]!.trim(), item);
    const group = /Group:[ \t]*#?([^\s#]+)/u.exec(glued[2]!.slice(link.index + link[0].length));
    const added: Entry = { highlight: next, group: group ? group[1]! : null, position: this.at(item) };
    this.entries.push(added);
    this.current = added;
    return added;
  }

  /** Applies a `Tags:`, `Annotation:` or `Group:` item to a highlight; false when the item is none of these. */
  private annotate(entry: Entry, item: ListItem): boolean {
    const source = sourceOf(this.body, item).replace(/^[-*+][ \t]+/u, '');
    const key = ANNOTATION_KEY.exec(source);
    if (!key || ANNOTATION_LINK.test(source.split('\n', 1)[0]!)) return false;
    const value = source.slice(key[0].length);
    switch (key[1]!.toLowerCase()) {
      case 'tags':
        entry.highlight.tags.push(...wikiOrHashTags(value.split('\n', 1)[0]!));
        break;
      case 'group': {
        const group = /^#?([^\s#]+)/u.exec(value.trim());
        if (group) entry.group = group[1]!;
        for (const child of item.children) if (child.type === 'list') for (const nested of child.children) this.annotate(entry, nested);
        break;
      }
      default: {
        // `- Annotation:` with the text on its line (older template) or indented under it (newer).
        const note = plainText(item.children).replace(ANNOTATION_KEY, '').trim();
        if (note !== '') entry.highlight.note = entry.highlight.note ? `${entry.highlight.note}\n\n${note}` : note;
      }
    }
    return true;
  }
}

/** The same annotation written again: same quote, date, note, tags and group. */
function sameAnnotation(a: Entry, b: Entry): boolean {
  const key = (entry: Entry): string =>
    JSON.stringify([entry.highlight.text, entry.highlight.highlightedAt, entry.highlight.note, entry.highlight.tags, entry.group]);
  return key(a) === key(b);
}
