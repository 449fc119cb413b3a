/**
 * Snipd podcast notes, `format: "snipd"`: one note per episode, written by
 * the official Snipd Obsidian plugin (snipd-app/snipd-obsidian, default
 * templates in src/types.ts) or by Snipd's earlier Markdown export:
 *
 *   ---
 *   episode_title: Seed Oils
 *   show_title: Maintenance Phase
 *   show_author: Aubrey Gordon & Michael Hobbes
 *   episode_publish_date: 2025-08-26
 *   episode_url: "https://share.snipd.com/episode/<id>"
 *   image_url: …
 *   from_snipd: true
 *   ---
 *   # Seed Oils
 *   ## Episode metadata
 *   - Show: Maintenance Phase          (the export: `- Show:: [[Maintenance Phase]]`)
 *   - Owner / Host: …
 *   - Episode AI description: …
 *   ## Snips
 *   ###  [snip title](https://share.snipd.com/snip/<id>)
 *   …                                  (snips.ts)
 *   Created with [Snipd](https://www.snipd.com) | Highlight & Take Notes from Podcasts
 *
 * Recognised by a `## Snips` heading with a share.snipd.com snip link
 * after it. The episode is the work: title, the show as `site` (the
 * publication an episode belongs to, as a site is an article's), the
 * show's owner or host as authors, category `podcasts`, the episode's
 * Snipd link as `url`, its publish date, its cover; guests, mentioned
 * books, duration and the other fields go to `extra`. Pure.
 */
import { emptyFields, type Fields, type FoundHighlight } from '../../extract/fields.js';
import { firstString, frontmatterFields, stringList } from '../../extract/frontmatter-fields.js';
import { titleFromFileName } from '../../extract/title.js';
import { decodeEntities } from '../../extract/values.js';
import type { Messages } from '../../messages.js';
import { parseFrontmatter } from '../../parse/frontmatter.js';
import type { SourceFormat } from '../format.js';
import { isSnipHeading, readSnip } from './snips.js';

const FORMAT = 'snipd';

const SNIPS_HEADING = /^##[ \t]+Snips[ \t]*$/mu;
const SNIP_LINK = 'https://share.snipd.com/snip/';
/** `- Show:: [[X]]`, `- Owner / Host: X`: the Episode metadata list. */
const METADATA_ITEM = /^- ([^:\n]+?)::?[ \t]*(.*)$/u;
const FOOTER = /^Created with \[Snipd\]\(https:\/\/www\.snipd\.com\)/u;

export const snipd: SourceFormat = {
  detect: (document) => {
    const heading = SNIPS_HEADING.exec(document.text);
    return heading !== null && document.text.includes(SNIP_LINK, heading.index);
  },
  read: (document, messages) => ({ works: [{ fields: readNote(document.text, document.name, messages), key: null, messages }] }),
};

/** Frontmatter keys of the plugin that the record has a field for. */
const READ_KEYS = new Set(['episode_title', 'title', 'show_title', 'show_author', 'episode_publish_date', 'episode_url', 'image_url']);

function readNote(text: string, fileName: string, messages: Messages): Fields {
  const frontmatter = parseFrontmatter(text, messages);
  const data = frontmatter.data ?? {};
  const body = readBody(frontmatter.body);
  const fields = emptyFields('highlights', FORMAT);
  const stated = frontmatterFields(data).fields;
  const key = (name: string): string | null => firstString(data[name]);
  const item = (name: string): string | null => body.metadata.get(name) ?? null;

  fields.title = key('episode_title') ?? stated.title ?? body.h1 ?? plain(item('episode title')) ?? titleFromFileName(fileName);
  fields.site = key('show_title') ?? plain(item('show'));
  const host = key('show_author') ?? plain(item('owner / host'));
  fields.authors = host === null ? [] : host.split(/\s+&\s+/u).map((name) => name.trim()).filter((name) => name !== '');
  fields.url = key('episode_url') ?? linkOf(item('episode url')) ?? linkOf(item('episode link'));
  fields.published = key('episode_publish_date') ?? item('episode publish date');
  fields.image = key('image_url') ?? body.image;
  fields.category = 'podcasts';
  fields.summary = plain(item('episode ai description'));
  fields.tags = stringList(data['tags']);
  const extra: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) if (!READ_KEYS.has(name) && name !== 'tags') extra[name] = value;
  if (extra['guests'] === undefined && item('guests')) extra['guests'] = plain(item('guests'));
  for (const name of ['duration', 'export date', 'show url', 'show notes link']) {
    const value = item(name);
    if (value !== null) extra[name.replace(/ /gu, '_')] ??= linkOf(value) ?? value;
  }
  fields.extra = extra;
  fields.highlights = body.snips;
  fields.paragraphs = body.paragraphs;
  return fields;
}

/** `[[X\|Y]]` or `[[X]]` → its label; `[label](url)` → its label; as it is otherwise. */
function plain(value: string | null): string | null {
  if (value === null) return null;
  const text = value
    .replace(/\[\[([^\]|\\]+)(?:\\?\|([^\]]+))?\]\]/gu, (_, target: string, label?: string) => label ?? target)
    .replace(/\[([^\]]*)\]\([^)\s]*\)/gu, '$1')
    .trim();
  return text === '' ? null : decodeEntities(text);
}

/** The URL of a `[label](url)` value. */
function linkOf(value: string | null): string | null {
  return value === null ? null : (/\]\((https?:\/\/[^)\s]+)\)/u.exec(value)?.[1] ?? null);
}

interface Body {
  h1: string | null;
  image: string | null;
  /** The Episode metadata list, by lower-case label. */
  metadata: Map<string, string>;
  snips: FoundHighlight[];
  paragraphs: string[];
}

/** The body line by line: transcripts are speech, raw, and no Markdown tree is built from them. */
function readBody(text: string): Body {
  const lines = text.split('\n').map((line) => line.replace(/\r$/u, ''));
  const body: Body = { h1: null, image: null, metadata: new Map(), snips: [], paragraphs: [] };
  let region: 'head' | 'metadata' | 'snips' | 'other' = 'head';
  let other: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (region === 'snips' && isSnipHeading(line)) {
      let end = index + 1;
      while (end < lines.length && !isSnipHeading(lines[end]!) && !/^##[ \t]/u.test(lines[end]!) && !FOOTER.test(lines[end]!)) end += 1;
      body.snips.push(readSnip(lines.slice(index, end)));
      index = end;
      continue;
    }
    index += 1;
    if (FOOTER.test(line)) continue;
    const section = /^##[ \t]+(.+?)[ \t]*$/u.exec(line);
    if (section) {
      const name = section[1]!.toLowerCase();
      region = name === 'snips' ? 'snips' : name === 'episode metadata' ? 'metadata' : 'other';
      continue;
    }
    const h1 = /^#[ \t]+(.+?)[ \t]*$/u.exec(line);
    if (h1 && body.h1 === null && region === 'head') {
      body.h1 = decodeEntities(h1[1]!);
      continue;
    }
    const image = /^!\[[^\]]*\]\((\S+)\)[ \t]*$/u.exec(line);
    if (image && region === 'head') {
      body.image ??= image[1]!;
      continue;
    }
    if (region === 'metadata') {
      const item = METADATA_ITEM.exec(line);
      if (item) {
        const label = item[1]!.trim().toLowerCase();
        if (!body.metadata.has(label)) body.metadata.set(label, item[2]!.trim());
      }
      continue;
    }
    if (region !== 'snips') other.push(line);
  }
  const rest = other.join('\n').replace(/\n{3,}/gu, '\n\n').trim();
  if (rest !== '' && !/^-{3,}$/u.test(rest)) body.paragraphs.push(rest);
  other = [];
  return body;
}
