/**
 * `-f md --digest-template FILE`: the digest rendered by a Nunjucks template
 * of the user's instead of ingest's own layout. The template gets every
 * work (the same variables as a page template, docs/vault-pages.md) on its
 * shelf, in the digest's order, and the run's counts; it renders once, when
 * the last record is read (a digest holds every record anyway). Loaded only
 * with --digest-template.
 */
import path from 'node:path';
import type { IngestRecord } from '../schema.js';
import type { Emitter } from './emitter.js';
import { SHELVES, shelfOf } from './digest-contents.js';
import { byDigestOrder, displayTitle } from './markdown.js';
import { pageContext, sourceLinks } from '../output/page-view.js';
import type { PageTemplate } from '../output/page-template.js';

/** A starting point for a digest template: `ingest template digest` prints it. */
export const STARTER_DIGEST = `{#- A digest template: \`ingest NOTES -f md -o digest.md --digest-template digest.njk\`.
    Variables: works (each with a page template's variables and its shelf),
    shelves (name and works), documents, highlights, since. docs/vault-pages.md. -#}
# Research digest

{% if since %}Since {{ since }}: {% endif %}{{ documents }} {{ "work" if documents == 1 else "works" }} · {{ highlights }} {{ "highlight" if highlights == 1 else "highlights" }}
{% for shelf in shelves %}
## {{ shelf.name }}

{% for work in shelf.works %}- **{{ work.title | inline }}**{% if work.author %} — {{ work.author | inline }}{% endif %} ({{ work.highlights | length }})
{% endfor %}{% endfor %}
{% for work in works %}{% if work.highlights | length %}
## {{ work.title | inline }}

{% for highlight in work.highlights %}{{ highlight | quote }}

{% endfor %}{% endif %}{% endfor %}`;

/** An emitter that renders `template` over every record; `output` is where the digest goes (links to sources are relative to it). */
export function templateDigest(template: PageTemplate, place: { readonly cwd: string; readonly output: string | null }): Emitter {
  return async function* (records, options = {}) {
    const works: Array<{ context: Record<string, unknown>; shelf: string; key: { published: string | null; title: string; path: string; index: number } }> = [];
    const folder = place.output === null ? place.cwd : path.dirname(place.output);
    for await (const record of records) {
      const links = sourceLinks(record, { outDir: folder, vault: null, cwd: place.cwd });
      const shelf = shelfOf(record);
      works.push({ context: { ...pageContext(record, links), shelf }, shelf, key: orderKey(record) });
    }
    works.sort((a, b) => SHELVES.indexOf(a.shelf as never) - SHELVES.indexOf(b.shelf as never) || byDigestOrder(a.key, b.key));
    const contexts = works.map((work) => work.context);
    const shelves = SHELVES.map((name) => ({ name, works: contexts.filter((context) => context['shelf'] === name) })).filter((shelf) => shelf.works.length > 0);
    const highlights = contexts.reduce((sum, context) => sum + (context['highlights'] as unknown[]).length, 0);
    yield template.render({ works: contexts, shelves, documents: contexts.length, highlights, since: options.since?.date ?? null });
  };
}

function orderKey(record: IngestRecord): { published: string | null; title: string; path: string; index: number } {
  return { published: record.published, title: displayTitle(record), path: record.source.path, index: record.source.bundle?.index ?? -1 };
}
