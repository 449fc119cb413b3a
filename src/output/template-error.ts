/** A template that does not parse or render (page-template.ts): apart, so that the pipeline knows it without loading Nunjucks. */

/** A template's file, line and column and what is wrong: a usage error, printed as `file:line:column error message`. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: number | null,
    readonly reason: string,
  ) {
    super(`${file}:${line ?? 1}:${column ?? 1}: ${reason}`);
  }
}

