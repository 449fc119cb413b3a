/**
 * Notes written by the Obsidian Pocket plugin (nybbles/obsidian-pocket, id
 * `obsidian-pocket`), `format: "pocket-plugin"`: one note per saved item,
 * made from its template when the user asks for one. Its default template
 * (0.8, `DEFAULT_TEMPLATE` of src/ItemNote.ts; it starts with a blank line,
 * so the note does too):
 *
 *   ---
 *   Title: "{{title}}"
 *   URL: {{url}}
 *   Pocket URL: {{pocket-url}}
 *   Tags: [pocket, {{tags-no-hash}}]
 *   Excerpt: >
 *       {{excerpt}}
 *   ---
 *   {{tags}}
 *   {{image}}
 *
 * (0.7's had no `Pocket URL` and wrote `{{url}}` in the body.) `{{tags}}` is
 * the item's tags as `#tag, #other`, `{{image}}` `![image](src)`. The plugin
 * writes no highlights: the record is the article's fields, and what the
 * user wrote in the note is its text. Custom templates use the same
 * variables under keys of their choosing.
 *
 * Recognised by its frontmatter: a value that is a Pocket item link
 * (`https://getpocket.com/read/<item id>`), or the 0.7 template's `Title`,
 * `URL`, `Excerpt` and `Tags: [pocket, …]` keys together. Pure.
 */
import { emptyFields, type Fields } from '../../extract/fields.js';
import { firstString, stringList } from '../../extract/frontmatter-fields.js';
import { dataOrLoose, frontmatterBlock } from '../../extract/loose-frontmatter.js';
import { titleFromFileName } from '../../extract/title.js';
import { tagsOf } from '../../extract/values.js';
import { parseFrontmatter } from '../../parse/frontmatter.js';
import type { Document, SourceFormat } from '../format.js';

const FORMAT = 'pocket-plugin';

/** `{{pocket-url}}`: the plugin's link to the item in Pocket. */
const POCKET_LINK = /^[A-Za-z][\w -]*:[ \t]*["']?https:\/\/getpocket\.com\/read\/\d+["']?[ \t]*$/mu;
const POCKET_URL = /^https:\/\/getpocket\.com\/read\/\d+$/u;
/** The 0.7 default template's keys. */
const OLD_TEMPLATE = [/^Title:/mu, /^URL:/mu, /^Excerpt:/mu, /^Tags:[ \t]*\[[ \t]*pocket[ \t]*,/mu];
/** `{{tags}}`: `#tag, #other` alone on a line (a Pocket tag `#ia` is written `##ia`). */
const TAG_LINE = /^#+[^\s#,]+(?:,[ \t]*#+[^\s#,]+)*[ \t]*$/u;
/** `{{image}}`. */
const IMAGE_LINE = /^!\[image\]\((\S+)\)[ \t]*$/u;

export const pocketPlugin: SourceFormat = {
  detect: (document) => isPocketPluginNote(document),
  read: (document, messages) => {
    // The default template starts with a blank line: the frontmatter is read after it.
    const lead = /^(?:[ \t]*\n)*/u.exec(document.text)![0];
    const leadLines = lead.split('\n').length - 1;
    const front = parseFrontmatter(document.text.slice(lead.length), leadLines === 0 ? messages : messages.child({ line: leadLines + 1, column: 1 }));
    const fields = readNote(dataOrLoose(front.data, document.text), front.body, document.name);
    return { works: [{ fields, key: null, messages }] };
  },
};

export function isPocketPluginNote(document: Document): boolean {
  if (!/\.(md|markdown|txt)$/iu.test(document.name)) return false;
  const head = frontmatterBlock(document.text);
  if (head === null) return false;
  return POCKET_LINK.test(head) || OLD_TEMPLATE.every((key) => key.test(head));
}

/** A key as the default template writes it, or as a custom template may (`title`, `url`). */
function valueOf(data: Record<string, unknown>, key: string): unknown {
  const found = Object.keys(data).find((name) => name.toLowerCase() === key);
  return found === undefined ? undefined : data[found];
}

function readNote(data: Record<string, unknown>, body: string, fileName: string): Fields {
  const fields = emptyFields('markdown', FORMAT);
  const pocketKey = Object.keys(data).find((key) => POCKET_URL.test(firstString(data[key]) ?? ''));
  const url = firstString(valueOf(data, 'url')) ?? Object.entries(data).map(([key, value]) => (key === pocketKey ? null : firstString(value))).find((value) => value !== null && value !== undefined && /^https?:\/\/\S+$/u.test(value)) ?? null;
  fields.url = url;
  const title = firstString(valueOf(data, 'title'));
  // Pocket gives an item with no title of its own its URL as the title (the saved one, which may differ from the resolved URL): that is no title.
  fields.title = title !== null && !/^https?:\/\/\S+$/u.test(title) ? title : url === null ? titleFromFileName(fileName) : null;
  fields.category = 'articles';
  fields.summary = firstString(valueOf(data, 'excerpt'))?.replace(/[ \t]*\n[ \t]*/gu, '\n') ?? null;
  const tags = tagsOf(valueOf(data, 'tags'));
  const own: string[] = [];
  let image: string | null = null;
  for (const paragraph of body.split(/\n[ \t]*\n/u)) {
    const kept: string[] = [];
    for (const line of paragraph.split('\n')) {
      const text = line.trim();
      const picture = IMAGE_LINE.exec(text);
      if (picture && image === null) image = picture[1]!;
      // Each is `#` and the Pocket tag, as `{{tags}}` writes it.
      else if (TAG_LINE.test(text)) tags.push(...text.split(',').map((tag) => tag.trim().slice(1)));
      else if (text !== '' && text !== url) kept.push(line);
    }
    if (kept.length > 0) own.push(kept.join('\n').trim());
  }
  fields.tags = tags;
  fields.image = image;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (['title', 'url', 'tags', 'excerpt'].includes(key.toLowerCase())) continue;
    if (typeof value === 'number' || typeof value === 'boolean') extra[key] = value;
    else if (Array.isArray(value)) extra[key] = stringList(value);
    else {
      const text = firstString(value);
      if (text !== null) extra[key] = text;
    }
  }
  fields.extra = extra;
  fields.paragraphs = own.length > 0 ? [own.join('\n\n')] : [];
  return fields;
}
