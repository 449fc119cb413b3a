/**
 * Pocket's annotations export (`format: "pocket"`): the `annotations/
 * part_000000.json` of the zip Pocket's "Export" page sent (2024–2025). Its
 * writer (Pocket's AnnotationsDataExportService) selects, per saved item
 * with highlights, the item's title (else its URL), its URL and
 * `JSON_OBJECT('quote', quote, 'created_at', UNIX_TIMESTAMP(created_at))`
 * for each highlight, and writes the array as compact JSON:
 *
 *   [{"url": "https://…", "title": "…",
 *     "highlights": [{"quote": "…", "created_at": 1715021214}]}]
 *
 * One record per article, every highlight in the export's order.
 * `created_at` is seconds since the epoch: a UTC time, written with `Z`. A
 * title that is the URL itself is the writer's stand-in for no title: none.
 * A highlight with an empty quote carries nothing and is left out.
 * Recognised by that shape: a top-level array whose articles have `url`,
 * `title` and `highlights`, whose highlights have `quote` and a numeric
 * `created_at`. Pure.
 */
import { epochTime } from '../../extract/datetime.js';
import { parseJsonDocument } from '../../extract/json-document.js';
import { emptyFields, foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { decodeEntities } from '../../extract/values.js';
import { isPlainObject } from '../../parse/frontmatter.js';
import { jsonValuePlace } from '../../parse/json-places.js';
import { isIngestOutput } from '../ingest-output/ingest-output.js';
import type { Messages } from '../../messages.js';
import type { SourceFormat, Work } from '../format.js';

const FORMAT = 'pocket';

/** The article's keys and a highlight's. A key quoted in a string is written `\"key\":` and does not match. */
const ARTICLE_KEYS = [/"url"\s*:/, /"title"\s*:/, /"highlights"\s*:\s*\[/];
const HIGHLIGHT_KEYS = [/"quote"\s*:/, /"created_at"\s*:\s*\d/];

const NOT_POCKET = 'this JSON is not a Pocket annotations export (expected [{"url", "title", "highlights": [{"quote", "created_at"}]}])';

export const pocketAnnotations: SourceFormat = {
  detect: (document) =>
    /\.json$/i.test(document.name) &&
    /^\s*\[\s*\{/.test(document.text) &&
    ARTICLE_KEYS.every((key) => key.test(document.text)) &&
    HIGHLIGHT_KEYS.every((key) => key.test(document.text)) &&
    !isIngestOutput(document.name, document.text),
  read: (document, messages) => {
    const data = parseJsonDocument(document.text, messages);
    if (data === undefined) return { works: null, messages };
    if (!Array.isArray(data) || !data.every((item) => isPlainObject(item) && Array.isArray(item['highlights']))) {
      messages.error('unknown-format', NOT_POCKET, null);
      return { works: null, messages };
    }
    const seen = new Map<string, number>();
    return {
      works: (data as Array<Record<string, unknown>>).map((item, index) => {
        const work = article(item, index === 0 ? messages : messages.fork(), document.text, index);
        // An article saved twice is two works: the second one's key says which.
        const times = (seen.get(work.key!) ?? 0) + 1;
        seen.set(work.key!, times);
        return times === 1 ? work : { ...work, key: `${work.key!}\0${times}` };
      }),
    };
  },
};

function article(item: Record<string, unknown>, messages: Messages, json: string, index: number): Work {
  const fields = emptyFields('highlights', FORMAT);
  fields.url = text(item['url']);
  const title = text(item['title']);
  // The writer's COALESCE(NULLIF(title, ''), given_url): a title that is the URL is no title.
  fields.title = title === null || title === fields.url ? null : decodeEntities(title);
  fields.category = 'articles';
  fields.at = { url: fields.url === null ? null : jsonValuePlace(json, [index, 'url'], fields.url), extra: null };
  fields.highlights = (item['highlights'] as unknown[]).flatMap((entry) => {
    const highlight = isPlainObject(entry) ? highlightOf(entry) : null;
    return highlight === null ? [] : [highlight];
  });
  return { fields, key: fields.url ?? `${index}`, messages };
}

function highlightOf(entry: Record<string, unknown>): FoundHighlight | null {
  const quote = typeof entry['quote'] === 'string' ? entry['quote'].trim() : '';
  if (quote === '') return null;
  const highlight = foundHighlight(quote);
  highlight.highlightedAt = epochTime(entry['created_at']);
  return highlight;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
