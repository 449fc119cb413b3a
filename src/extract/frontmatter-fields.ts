/**
 * Frontmatter → fields. Readwise templates name the same field many ways;
 * every synonym of a field is consumed, the rest goes to `extra`. Pure.
 */
import type { Place } from '../messages.js';
import type { Frontmatter } from '../parse/frontmatter.js';
import type { Fields } from './fields.js';
import { isKnownCategory, tagsOf } from './values.js';

type FieldName = 'title' | 'alias' | 'authors' | 'url' | 'published' | 'image' | 'category' | 'tags' | 'summary';

/** Synonyms in order of preference, compared without case, `_` or `-`. */
const SYNONYMS: Record<FieldName, string[]> = {
  title: ['fulltitle', 'title'],
  /** A last resort for the title, after the Metadata list and the first H1. */
  alias: ['aliases', 'alias'],
  authors: ['author', 'authors', 'creator', 'creators'],
  url: ['url', 'sourceurl', 'originalurl', 'source', 'link'],
  published: ['publisheddate', 'publicationdate', 'publishedon', 'published', 'datepublished', 'date', 'publishdate', 'publishedat'],
  image: ['imageurl', 'image', 'cover', 'coverurl', 'coverimage'],
  category: ['category', 'type'],
  tags: ['tags', 'documenttags', 'tag'],
  summary: ['summary', 'description'],
};

const FIELD_OF = new Map<string, FieldName>();
for (const [field, names] of Object.entries(SYNONYMS) as Array<[FieldName, string[]]>) {
  for (const name of names) FIELD_OF.set(name, field);
}

/** Keys whose value is only taken when it has the field's shape (`source: reader` is not a URL). */
const LOOKS_RIGHT: Partial<Record<string, (value: unknown) => boolean>> = {
  source: (value) => typeof value === 'string' && /^https?:\/\//i.test(value.trim()),
  link: (value) => typeof value === 'string' && /^https?:\/\//i.test(value.trim()),
  // `type` is a category only when it names one (`Type: articles`), not a note type of the vault's own.
  type: (value) => typeof value === 'string' && isKnownCategory(value),
};

export interface FrontmatterFields {
  fields: Partial<Pick<Fields, Exclude<FieldName, 'alias'>>> & { alias?: string | null };
  /** The frontmatter key each field came from. */
  keys: Partial<Record<FieldName, string>>;
  extra: Record<string, unknown>;
}

export function frontmatterFields(data: Record<string, unknown>): FrontmatterFields {
  const candidates = new Map<FieldName, Array<{ rank: number; key: string; value: unknown }>>();
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const name = key.toLowerCase().replace(/[_\-\s]/g, '');
    const field = FIELD_OF.get(name);
    const looksRight = LOOKS_RIGHT[name];
    if (!field || (looksRight && !looksRight(value))) {
      extra[key] = value;
      continue;
    }
    const list = candidates.get(field) ?? [];
    list.push({ rank: SYNONYMS[field].indexOf(name), key, value });
    candidates.set(field, list);
  }
  const fields: FrontmatterFields['fields'] = {};
  const keys: FrontmatterFields['keys'] = {};
  for (const [field, list] of candidates) {
    list.sort((a, b) => a.rank - b.rank);
    for (const { key, value } of list) {
      const converted = field === 'tags' ? tagsOf(value) : field === 'authors' ? stringList(value) : firstString(value);
      const empty = Array.isArray(converted) ? converted.length === 0 : converted === null;
      if (empty) continue;
      (fields as Record<string, unknown>)[field] = converted;
      keys[field] = key;
      break;
    }
  }
  return { fields, keys, extra };
}

/** Where the url frontmatterFields read from `frontmatter` (or from its values YAML read as comments) is written (see Frontmatter.valueAt). */
export function urlPlace(frontmatter: Frontmatter, read: FrontmatterFields | null): Place | null {
  const key = read?.keys.url;
  const url = read?.fields.url;
  return key && url ? frontmatter.valueAt(key, url) : null;
}

/** A scalar as a trimmed string (block scalars lose their trailing newline); the first item of a list. */
export function firstString(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = firstString(item);
      if (text !== null) return text;
    }
    return null;
  }
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => stringList(item));
  const text = firstString(value);
  return text === null ? [] : [text];
}
