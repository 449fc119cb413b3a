/**
 * The work's fields as a note's head states them, written any of the
 * common ways: `**Author:** X`, `**Author**: X`, `Author:: X`,
 * `- Author: [[X]]`, `| **Author** | X |`, a callout's `> Author:: X`, in
 * the languages vocabulary.ts knows; values cleaned as the specific readers
 * clean theirs (links, wikilinks, `#` categories, Markdown escapes, HTML
 * entities). Pure.
 */
import { decodeEntities, unescapeMarkdown } from '../../extract/values.js';
import { fieldNamed, type HeadField } from './vocabulary.js';
import { tagsIn } from './units.js';

export type HeadFields = Partial<Record<Exclude<HeadField, 'authors' | 'tags'>, string>> & {
  authors?: string[];
  tags?: string[];
  /** Fields the head states have no value (`Source published date: None`). */
  none?: HeadField[];
};

/** A value that says there is none. */
const NONE = /^(?:none|null|n\/a|unknown|undefined)$/i;

/** A line that states one field: its key and its value, markers removed. */
const BOLD_KEY = /^(?:\*\*|__)([^*_\n]{1,40}?)\s*[:：]?\s*(?:\*\*|__)\s*(?:::|[:：])?\s*(.*)$/u;
const PLAIN_KEY = /^([^:：|\n]{1,40}?)\s*(?:::|[:：])\s*(.*)$/u;
const TABLE_ROW = /^\|\s*(?:\*\*|__)?([^|*_]{1,40}?)(?:\*\*|__)?\s*\|\s*(.*?)\s*\|?\s*$/u;

/** The fields stated in `head` (the note's text before its first highlight). */
export function headFields(head: string): HeadFields {
  const found: HeadFields = {};
  let inCode = false;
  /** A field whose key stood alone on its line (`- Link::`): its value is on the lines under it. */
  let open: HeadField | null = null;
  const titleLink: { url: string | null } = { url: null };
  for (const raw of head.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(raw)) inCode = !inCode;
    if (inCode) continue;
    // Most lines state no field: only those with a colon or a table bar are looked at.
    if (!/[:：|]/.test(raw) && (open === null || !/^\s/.test(raw))) {
      if (!/^\s/.test(raw)) open = null;
      continue;
    }
    const stated = statedField(raw);
    const match = stated?.match;
    const field = stated?.field;
    if (!match || !field) {
      const line = raw.replace(/^\s*(?:>\s*)*/, '').replace(/^[-*+]\s+/, '').trim();
      if (open !== null && line !== '' && /^\s/.test(raw) && found[open] === undefined) set(found, open, line, titleLink);
      else if (!/^\s/.test(raw)) open = null;
      continue;
    }
    const value = match[2]!.trim();
    open = value === '' ? field : null;
    if (value === '' || found[field] !== undefined) continue;
    if (NONE.test(value)) (found.none ??= []).push(field);
    else set(found, field, value, titleLink);
  }
  // A title written as a link to the work (`**Title:** [A Book](https://…)`) gives its URL, when no field does.
  if (found.url === undefined && titleLink.url !== null) found.url = titleLink.url;
  return found;
}

/** The field a line states (`**Author:** X`, `- Autor: X`, `| 作者 | X |`, `> Author:: X`), with its key-value match; undefined when none. */
export function statedField(raw: string): { field: HeadField | undefined; match: RegExpExecArray } | undefined {
  const line = raw.replace(/^\s*(?:>\s*)*/, '').replace(/^[-*+]\s+/, '').trim();
  const match = TABLE_ROW.exec(line) ?? BOLD_KEY.exec(line) ?? PLAIN_KEY.exec(line);
  return match ? { field: fieldNamed(match[1]!), match } : undefined;
}

function set(found: HeadFields, field: HeadField, value: string, titleLink: { url: string | null }): void {
  if (field === 'tags') {
    const tags = tagsIn(unescapeMarkdown(value).replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    if (tags.length > 0) found.tags = tags;
    return;
  }
  if (field === 'url') {
    const url = urlIn(value);
    if (url) found.url = url;
    return;
  }
  const text = cleanValue(value);
  // An empty placeholder (`[[]]`) is no value; a date has a digit.
  if (!/[\p{L}\p{N}]/u.test(text) || (field === 'published' && !/\d/.test(text))) return;
  if (field === 'title') titleLink.url ??= /^\[[^\]]+\]\(<?(https?:\/\/[^)\s>]+)>?\)$/.test(value.trim()) ? urlIn(value) : null;
  if (field === 'authors') found.authors = [text];
  else if (field === 'category') found.category = text.replace(/^#/, '').replace(/^\[\[(.*)\]\]$/, '$1');
  else found[field] = text;
}

/** The first http(s) URL of a value: a link's target, an `<a href>`, or as written. */
function urlIn(value: string): string | null {
  const links = [...value.matchAll(/\]\(<?(https?:\/\/[^)\s>]+)>?\)/g), ...value.matchAll(/href="(https?:\/\/[^"]+)"/g), ...unescapeMarkdown(value).matchAll(/<?(https?:\/\/[^\s>)\]]+)/g)];
  // A link to this machine (a local app's server, `http://localhost:7026/…`) is no address of the work.
  const link = links.find((found) => !LOCAL.test(found[1]!));
  return link ? unescapeMarkdown(link[1]!) : null;
}

const LOCAL = /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)/i;

/** A value as plain text: link text for links, a wikilink's name, no escapes, entities or markup. */
export function cleanValue(value: string): string {
  return decodeEntities(
    unescapeMarkdown(value)
      .replace(/<a\b[^>]*>([\s\S]*?)<\/a>/gi, '$1')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2')
      .replace(/\[\[([^\]]+)\]\]/g, '$1')
      .replace(/(?:\*\*|__)(.*?)(?:\*\*|__)/g, '$1')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

