/**
 * Page templates (`--out-dir`, `--template FILE`): Nunjucks, the
 * Jinja-compatible engine the Readwise, Kindle, Hypothesis and Zotero
 * Obsidian plugins render their notes with, so that users bring the
 * templates they have. ingest's own page is a template too (BUILT_IN_PAGE,
 * printed by `ingest template page`): one way to render a page, not two.
 *
 * Output is Markdown, so nothing is HTML-escaped (autoescape off); text from
 * notes is escaped for Markdown by the filters the built-in template uses
 * (`inline`, `quote`, `paragraphs`, `tags`), which a user's template may use
 * too. The variables are in docs/templates.md.
 *
 * A template that fails to parse or render is a TemplateError with its
 * file, line and column: a usage error, and nothing is written.
 */
import fs from 'node:fs';
import nunjucks from 'nunjucks';
import { escapeInline, quote, tagCodes, textParagraphs } from '../emit/markdown.js';
import type { Highlight } from '../schema.js';
import { TemplateError } from './template-error.js';
import { MANAGED_LINE, MANAGED_NOTE, logseqHighlight } from './logseq-page.js';

export { TemplateError } from './template-error.js';

/** ingest's page: `ingest template page` prints it. Its body is what ingest 0.3 wrote, with a block id under each highlight. */
export const BUILT_IN_PAGE = `{#- ingest's page template. Copy it with \`ingest template page > page.njk\`,
    change it, and use it with \`ingest NOTES --out-dir VAULT/Highlights --template page.njk\`.
    Variables and filters: docs/templates.md. Whatever the template writes,
    ingest adds its properties (frontmatter) and the ingest:begin/end markers. -#}
# {% if url %}[{{ title | inline }}](<{{ url }}>){% else %}{{ title | inline }}{% endif %}

{% if byline %}{{ byline | inline }}

{% endif -%}
{% if tags | length %}Tags: {{ tags | tags }}

{% endif -%}
{% if summary %}**Summary:** {{ summary | inline }}

{% endif -%}
{% if highlights | length %}## Highlights ({{ highlights | length }})

{% for highlight in highlights %}{{ highlight | quote }}

^{{ highlight.block }}

{% endfor %}{% endif -%}
{% if text %}## Text

{{ text | paragraphs }}

{% endif -%}
<sub>{{ source_links }}</sub>
`;

export interface PageTemplate {
  readonly file: string;
  render(context: object): string;
}

/**
 * `--style logseq`: ingest's block, a child block per highlight (its note,
 * tags and link under it, its id as `id::`), or a note's paragraphs.
 */
export const BUILT_IN_LOGSEQ_PAGE = `{#- ingest's Logseq page template: \`ingest template logseq\` prints it.
    It writes ingest's one top-level block: keep its first two lines (the
    \`ingest:: managed\` property marks it). Variables and filters: docs/vault-pages.md. -#}
- Highlights of {{ title | inline }} · ${MANAGED_NOTE}
  ${MANAGED_LINE}
{% for highlight in highlights %}{{ highlight | logseq }}
{% else %}{% for paragraph in text | paragraph_list %}	- {{ paragraph | inline }}
{% endfor %}{% endfor %}`;

/** The built-in page of a style, or the template in `file`: compiled now, so that a template that does not parse stops the run before anything is written. */
export function pageTemplate(file: string | null, builtIn: string = BUILT_IN_PAGE): PageTemplate {
  if (file === null) return compile('(built-in page)', builtIn);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateError(file, null, null, `cannot read the template: ${(error as Error).message}`);
  }
  return compile(file, source.replace(/^\uFEFF/, ''));
}

function compile(file: string, source: string): PageTemplate {
  const env = environment();
  let template: nunjucks.Template;
  try {
    template = new nunjucks.Template(source, env, file, true);
  } catch (error) {
    throw templateError(file, error);
  }
  return {
    file,
    render(context) {
      try {
        return template.render(context);
      } catch (error) {
        throw templateError(file, error);
      }
    },
  };
}

/** Nunjucks puts the place in its message: `(file) [Line 3, Column 7]\n  unexpected token: %}`. */
function templateError(file: string, error: unknown): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const place = /\[Line (\d+), Column (\d+)\]/.exec(message);
  const reason =
    message
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ')
      .replace(/^Error: /, '') || message;
  // Nunjucks counts lines from 0 in some messages and columns as it read them: shown as given, from 1.
  return new TemplateError(file, place ? Math.max(1, Number(place[1])) : null, place ? Math.max(1, Number(place[2])) : null, reason);
}

function environment(): nunjucks.Environment {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false, trimBlocks: false, lstripBlocks: false });
  const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
  env.addFilter('inline', (value: unknown) => escapeInline(text(value)));
  env.addFilter('quote', (value: unknown) => (isHighlight(value) ? quote(value).join('\n') : quote(bare(text(value))).join('\n')));
  env.addFilter('paragraphs', (value: unknown) => textParagraphs(text(value)));
  env.addFilter('tags', (value: unknown) => (Array.isArray(value) ? tagCodes(value.map(text)) : tagCodes([text(value)])));
  env.addFilter('logseq', (value: unknown) => logseqHighlight(isHighlight(value) ? value : bare(text(value)), escapeInline));
  env.addFilter('paragraph_list', (value: unknown) => text(value).split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean));
  env.addExtension('trim', new TrimExtension());
  return env;
}

function isHighlight(value: unknown): value is Highlight {
  return typeof value === 'object' && value !== null && typeof (value as Highlight).text === 'string' && Array.isArray((value as Highlight).tags);
}

function bare(text: string): Highlight {
  return { text, markdown: text, url: null, id: null, key: '', location: null, page: null, color: null, tags: [], note: null, highlightedAt: null };
}

/**
 * `{% trim %}…{% endtrim %}`: its body without empty lines. The Kindle
 * plugin's templates use it (its TrimAllEmptyLinesExtension), so they render here too.
 */
class TrimExtension {
  readonly tags = ['trim'];

  // Nunjucks' parser and node classes have no types of their own.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  parse(parser: any, nodes: any): unknown {
    const token = parser.nextToken();
    const args = parser.parseSignature(null, true);
    parser.advanceAfterBlockEnd(token.value);
    const body = parser.parseUntilBlocks('endtrim');
    parser.advanceAfterBlockEnd();
    return new nodes.CallExtension(this, 'run', args, [body]);
  }

  run(_context: unknown, body: () => string): string {
    return body()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .join('\n');
  }
}
