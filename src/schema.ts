/**
 * The record schema: the contract that users' scripts depend on.
 * Defined once with zod; the TypeScript types and the JSON Schema
 * (`ingest schema`) are derived from it. Change it only deliberately:
 * bump SCHEMA_VERSION and say what changed in docs/schema.md.
 */
import { z } from 'zod';

import { SCHEMA_VERSION } from './schema-version.js';
import { FORMAT_NAMES } from './formats/registry.js';

export { SCHEMA_VERSION };

export const DiagnosticSchema = z
  .object({
    severity: z.enum(['error', 'warning', 'info']),
    rule: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).describe('kebab-case rule id'),
    message: z.string(),
    line: z.number().int().min(1).nullable().describe('1-based line in the physical file'),
    column: z.number().int().min(1).nullable().describe('1-based column in the physical file'),
  })
  .strict();

export const HighlightSchema = z
  .object({
    text: z.string().describe('plain text, no Markdown markup'),
    markdown: z.string().describe('as written, without the trailing location link'),
    url: z.string().nullable().describe("the highlight's own link (View Highlight, Location, View Tweet, …)"),
    id: z.string().nullable().describe("the source's own highlight id (Readwise, Zotero, Hypothesis, Omnivore…) when it gives one"),
    key: z
      .string()
      .describe("stable across runs and sources: '<source>:<id>' (readwise:123) when the source gives an id, else 'h:' and a hash of the work and the folded text"),
    location: z.string().nullable().describe('where in the work: "Location 170-171", "Page 12", "Time 0:12:34"'),
    page: z.string().nullable().describe('the page number as written: "12", "ix"'),
    color: z.string().nullable().describe('the highlight colour as the source names it: "yellow", "#ffd400"'),
    tags: z.array(z.string()).describe('lower case'),
    note: z.string().nullable(),
    highlightedAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?)?$/)
      .nullable()
      .describe('YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS as the source states it (never shifted; an offset or Z only when stated)'),
  })
  .strict();

export const BundleSchema = z
  .object({
    index: z.number().int().min(0).describe('0-based position in the bundle'),
    name: z.string().nullable().describe('the name given on the delimiter line'),
    line: z.number().int().min(1).describe('1-based line of the delimiter in the physical file'),
  })
  .strict();

export const SourceSchema = z
  .object({
    path: z.string().describe('POSIX path of the physical file, relative to the working directory when inside it; "-" for stdin'),
    bundle: BundleSchema.nullable(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("hex SHA-256 of the document's text"),
  })
  .strict();

export const SourceRefSchema = z
  .object({
    source: SourceSchema,
    format: z.enum(FORMAT_NAMES),
    id: z.string().describe("that document's own record id"),
  })
  .strict();

export const RecordSchema = z
  .object({
    id: z.string().describe("stable across runs: derived from the document's place in the folder given (not the working folder), the bundle index and, for files holding several works, the work's own key"),
    work: z
      .string()
      .describe("the same for every document of one work: 'isbn:…', 'asin:…' or 'doi:…' when given, else 'url:' and the folded URL, else 'title:' and the folded title with the first author's family name (see the README)"),
    kind: z.enum(['highlights', 'markdown', 'text']).describe('highlights: a source whose point is its highlights; markdown: another Markdown note; text: a plain-text article or clipping'),
    format: z.enum(FORMAT_NAMES).describe('the exporter or template the document came from (docs/formats.md): one of the formats in the registry'),
    source: SourceSchema,
    sources: z
      .array(SourceRefSchema)
      .min(1)
      .describe('every document this record was made from: one entry, or (with --merge) one per document of the work, most trusted first'),
    title: z.string().nullable(),
    authors: z.array(z.string()),
    url: z.string().nullable().describe('canonical: tracking parameters and #fragment removed'),
    site: z.string().nullable(),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().describe('YYYY-MM-DD'),
    category: z.string().nullable(),
    tags: z.array(z.string()).describe('lower case, deduplicated, sorted'),
    summary: z.string().nullable(),
    image: z.string().nullable(),
    highlights: z.array(HighlightSchema),
    text: z.string(),
    wordCount: z.number().int().min(0),
    extra: z.record(z.string(), z.unknown()).describe('every other frontmatter field, JSON-safe'),
    diagnostics: z.array(DiagnosticSchema),
  })
  .strict();

export type Diagnostic = z.infer<typeof DiagnosticSchema>;
export type Severity = Diagnostic['severity'];
export type Highlight = z.infer<typeof HighlightSchema>;
export type Bundle = z.infer<typeof BundleSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type SourceRef = z.infer<typeof SourceRefSchema>;
export type IngestRecord = z.infer<typeof RecordSchema>;
export type Kind = IngestRecord['kind'];

/** The JSON Schema of one record, as printed by `ingest schema`. */
export function recordJsonSchema(): object {
  return {
    ...z.toJSONSchema(RecordSchema, { target: 'draft-2020-12' }),
    title: `ingest record (schema v${SCHEMA_VERSION})`,
  };
}
