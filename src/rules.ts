/**
 * Every diagnostic rule: its id, its severity (or severities) and what it
 * means, once. Messages only take ids from here (a typo does not compile),
 * and the rules table of docs/bad-input.md is generated from it (`npm run
 * docs`, checked by tests/docs-tables.test.ts).
 */
import type { Severity } from './schema.js';

export interface Rule {
  readonly severities: readonly Severity[];
  /** What happened, in one line: the docs table's third column. */
  readonly meaning: string;
}

export const RULES = {
  'read-error': { severities: ['error'], meaning: "a file or folder could not be read (permission, vanished, broken symlink)" },
  'symlink-loop': { severities: ['warning'], meaning: "a symbolic link that leads back to itself: passed over" },
  'virtual-filesystem': { severities: ['warning'], meaning: "a link into (or a walk that meets) `/proc`, `/sys`, `/dev` or another virtual file system: not read" },
  'ingest-output': { severities: ['error'], meaning: "the file is ingest's own JSON or NDJSON output, not notes: not read" },
  'binary-file': { severities: ['error'], meaning: "NUL bytes or mostly control characters: not a text file" },
  'frontmatter-language': { severities: ['error'], meaning: "`---js`, `---coffee`, …: only YAML and JSON frontmatter is read; nothing is ever run" },
  'too-large': { severities: ['error'], meaning: "a document larger than `--max-bytes`, not read; or one record of a streamed file (a clipping, a CSV row, a JSON book) larger than it, skipped" },
  'markdown-too-complex': { severities: ['warning'], meaning: "Markdown too deep or too costly for the parser: read block by block, the costly blocks as plain text" },
  'markdown-timeout': { severities: ['warning'], meaning: "parsing took longer than `--time-limit`: at the line where it stopped, what was parsed before is kept and the rest read without the parser" },
  'markdown-parse': { severities: ['warning'], meaning: "the parser failed on the document; read as plain text" },
  'not-utf8': { severities: ['warning'], meaning: "not valid UTF-8; decoded as Windows-1252" },
  'yaml-syntax': { severities: ['warning'], meaning: "the YAML frontmatter does not parse; it is ignored and fields come from the body" },
  'yaml-warning': { severities: ['warning'], meaning: "a warning the YAML parser gives about the frontmatter; the frontmatter is still read" },
  'frontmatter-syntax': { severities: ['warning'], meaning: "JSON frontmatter (`---json`) that does not parse; it is ignored and fields come from the body" },
  'yaml-duplicate-key': { severities: ['warning'], meaning: "a key appears twice; the last value is kept" },
  'yaml-alias-limit': { severities: ['warning'], meaning: "more than 100 YAML aliases (an \"alias bomb\"): the fields that use an alias are ignored (named in the warning), the others are read" },
  'yaml-type': { severities: ['warning'], meaning: "a YAML 1.1 type JSON has not (`!!set`, `!!omap`, `!!pairs`, `!!binary`, `!!timestamp`): converted (a set to a list, binary to its base64 text, a timestamp to ISO 8601), never dropped silently" },
  'too-deep': { severities: ['warning'], meaning: "a frontmatter value nested more than 64 levels deep (YAML or JSON): the deeper part is cut to `null`" },
  'yaml-hash-comment': { severities: ['warning'], meaning: "`category: #articles` reads as a YAML comment; the text after the colon is used" },
  'frontmatter-unterminated': { severities: ['warning'], meaning: "`---` at the top is never closed; the document is read without frontmatter" },
  'frontmatter-not-mapping': { severities: ['warning'], meaning: "the frontmatter is a list or a string, not `key: value` pairs" },
  'bundle-preamble': { severities: ['warning'], meaning: "text before a bundle's first `<<<FILE>>>` line, read as a document of its own" },
  'empty-document': { severities: ['warning'], meaning: "a document with no text" },
  'invalid-url': { severities: ['warning'], meaning: "a URL that could not be read; the field is `null`. Points at the link as written" },
  'invalid-date': { severities: ['warning'], meaning: "a date that could not be read; the field is `null`" },
  'cache-corrupt': { severities: ['warning'], meaning: "the cache could not be trusted (a damaged entry or index); records were computed afresh" },
  'cache-foreign': { severities: ['warning'], meaning: "the cache folder holds something ingest did not write; it is not used" },
  'cache-unusable': { severities: ['warning'], meaning: "the cache could not be read or written; records were computed afresh" },
  'stale-lock': { severities: ['warning'], meaning: "a lock left by a killed run was taken over" },
  'unknown-format': { severities: ['error'], meaning: "a `.csv` or `.json` file that is not a Readwise export; no record" },
  'sqlite-unreadable': { severities: ['error'], meaning: "a `.sqlite` file taken as a Kobo database that SQLite cannot read (not SQLite, damaged, cut short); no record" },
  'kobo-schema': { severities: ['error'], meaning: "a `KoboReader.sqlite` without the `Bookmark` and `content` tables (or their columns) Kobo's firmware writes: an unknown version or another program's database; no record" },
  'csv-syntax': { severities: ['error'], meaning: "a Readwise CSV export that does not parse (a quoted field never closed, …); no record" },
  'json-syntax': { severities: ['error'], meaning: "a JSON export that does not parse; no record" },
  'lua-syntax': { severities: ['error'], meaning: "a KOReader sidecar (`metadata.<ext>.lua`) that is not a Lua table of plain values; no record" },
  'kindle-header': { severities: ['warning'], meaning: "a Kindle clipping header line that could not be read; its text is kept as a highlight without a date" },
  'clipping-limit': { severities: ['warning'], meaning: "Kindle stored its clipping-limit message instead of the text: no highlight" },
  'empty-clipping': { severities: ['warning'], meaning: "a Kindle highlight with no text: skipped" },
  'area-highlight': { severities: ['info'], meaning: "a Logseq PDF highlight of an area (a picture of the page) has no text: skipped" },
  'empty-highlight': { severities: ['info', 'warning'], meaning: "an Apple Books highlight that is only white space (info), a Kindle-plugin location line with no text and no note (warning): skipped" },
  'zotero-annotation-data': { severities: ['warning'], meaning: "a Better Notes `data-annotation` attribute that cannot be read; the highlight is kept" },
  'zotero-duplicate': { severities: ['info'], meaning: "the same Zotero annotation twice in one note (a re-sync): kept once" },
  'refine-failed': { severities: ['warning'], meaning: "a reader that refines what another found (the structural reader) failed on a note: what the note's own reader found is kept" },
  'read-template': { severities: ['info'], meaning: "a note read with a template named by `--read-template`: which one, how many highlights, and the template's variables no field takes (--verbose)" },
  'read-template-miss': { severities: ['info'], meaning: "a note a `--read-template` template does not match, read as usual: where in the note and in the template matching stopped (--verbose)" },
  'read-template-error': { severities: ['error'], meaning: "a `--read-template` file that cannot be read or holds a tag the matcher does not support (`set`, `macro`, `raw`, …): a usage error (exit 2), nothing is read" },
  'read-by-structure': { severities: ['info'], meaning: "highlights read by the note's structure (a template no reader knows): how many, and which evidence decided (--verbose)" },
  'hypothesis-duplicate': { severities: ['info'], meaning: "the same Hypothesis annotation twice in one note (a re-sync): kept once" },
  'hypothesis-date': { severities: ['warning'], meaning: "a Hypothesis `Updated on` date in an order that cannot be told (`03/04/2024`); `highlightedAt` is `null`" },
  'raindrop-unmarked': { severities: ['warning'], meaning: "a Raindrop Highlights note whose template writes highlights without a mark the reader knows (a callout, an `Updated on` line): its frontmatter lists more highlights than were found; the rest is kept as the note's text" },
  'kindle-duplicate': { severities: ['info'], meaning: "a Kindle highlight extended or edited on the device: the later one is kept" },
  'metadata-disagrees': { severities: ['info'], meaning: "frontmatter and the `## Metadata` list give different values; the frontmatter wins" },
  'merge-conflict': { severities: ['info'], meaning: "with `--merge`, documents of one work give different values for a field; the most trusted document's value is kept (see [Merging and changes](merging-and-diff.md#--merge))" },
  'diff-input': { severities: ['error'], meaning: "`ingest diff`: a line of an input file that is no schema v3 record; skipped" },
  'page-edited': { severities: ['warning'], meaning: "a page of `--out-dir` whose part ingest manages (its properties, the text between `ingest:begin` and `ingest:end`) was changed by hand: left as it is; `--force` replaces it" },
  'template-error': { severities: ['error'], meaning: "a `--template` that does not parse or fails to render: a usage error (exit 2), and nothing is written" },
  'page-kept': { severities: ['warning'], meaning: "a page of `--out-dir` whose document is gone holds text of yours: left in place, and no longer ingest's" },
  'out-dir-page': { severities: ['error'], meaning: "a page of `--out-dir` could not be written (a name the file system refuses); every other page is written" },
  'pack-name': { severities: ['error'], meaning: "`ingest pack`: a document name that cannot be a bundle part's name (a line break, a `<<<FILE>>>` delimiter): not packed" },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
