/**
 * A Nunjucks/Jinja export template → the small tree the matcher is built
 * from (compile.ts), parsed by nunjucks's own parser. What a template may
 * hold: text, `{{ value }}` (a name, `a.b`, `a[0]`, with filters, which are
 * ignored but for `join(sep)`: its value is split on sep), `{% if %}…{% elif
 * %}…{% else %}…{% endif %}` (alternatives), `{% for x in xs %}…{% else
 * %}…{% endfor %}` (repetition), comments, whitespace control, and the
 * block tags of the exporters themselves: Zotero Integration's `{% persist
 * "name" %}`, the Kindle plugin's `{% trim %}` and `{% blockref %}`. Any
 * other tag (`set`, `macro`, `raw`, `include`, …) is a TemplateError that
 * names the tag and its line. Pure.
 */
import { createRequire } from 'node:module';
import { positionAt } from '../../messages.js';

/** One piece of a template. */
export type TemplateNode =
  | { readonly type: 'text'; readonly text: string; readonly line: number }
  /** A value: its path as written (`annotation.annotatedText` → ['annotation', 'annotatedText']); `join` the separator of a `join` filter. */
  | { readonly type: 'value'; readonly path: readonly string[]; readonly join: string | null; readonly line: number }
  /** `{% if %}` and its `elif`s and `else`, in order; an `if` without `else` has an empty last branch. */
  | { readonly type: 'choice'; readonly branches: readonly (readonly TemplateNode[])[]; readonly line: number }
  /** `{% for binding in source %}`; `binding` null for a per-highlight template whose values are the item's own names. */
  | { readonly type: 'loop'; readonly binding: string | null; readonly source: string; readonly body: readonly TemplateNode[]; readonly empty: readonly TemplateNode[]; readonly line: number }
  /** Zotero Integration's `{% persist "name" %}`: written between `%% begin name %%` and `%% end name %%`, kept as the user changed it. */
  | { readonly type: 'persist'; readonly name: string; readonly body: readonly TemplateNode[]; readonly line: number };

export class TemplateError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line})`);
  }
}

/** Block tags read; their closing tags and branches too. */
const SUPPORTED_TAGS = new Set(['if', 'elif', 'elseif', 'else', 'endif', 'for', 'endfor', 'persist', 'endpersist', 'trim', 'endtrim', 'blockref', 'endblockref']);

/** The exporters' own block tags, parsed as blocks whose body is kept (nunjucks would refuse an unknown tag). */
function blockTag(name: string): object {
  return {
    tags: [name],
    __name: name,
    parse(parser: Parser, nodes: { CallExtension: new (ext: object, prop: string, args: unknown, content: unknown[]) => unknown }): unknown {
      const token = parser.nextToken();
      const args = parser.parseSignature(null, true);
      parser.advanceAfterBlockEnd(token.value);
      const body = parser.parseUntilBlocks(`end${name}`);
      parser.advanceAfterBlockEnd();
      return new nodes.CallExtension(this, 'run', args, [body]);
    },
  };
}

interface Parser {
  nextToken(): { value: string };
  parseSignature(a: null, b: boolean): unknown;
  advanceAfterBlockEnd(name?: string): void;
  parseUntilBlocks(...names: string[]): unknown;
}

/** nunjucks's AST node: what is read of it. */
interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  value?: unknown;
  children?: AstNode[];
  [field: string]: unknown;
}

type NunjucksParser = { parser: { parse(text: string, extensions: object[], options: object): AstNode } };
let loaded: NunjucksParser | null = null;

/**
 * nunjucks, loaded the first time a template is parsed, never when no
 * template is named: loading it made every later run of the readers' regular
 * expressions slower (a cold run of 3,000 documents took 3.5 s against
 * 2.9 s), whether or not a template was ever used.
 */
function nunjucksParser(): NunjucksParser {
  loaded ??= createRequire(import.meta.url)('nunjucks') as NunjucksParser;
  return loaded;
}

/**
 * Parses a template. The Kindle plugin's `{% trim %}` and `{% blockref %}`
 * keep their body (the matcher is lenient about the blank lines trim
 * removes); `{{ highlights }}` is left a value for compile.ts to replace.
 */
export function parseTemplate(source: string): TemplateNode[] {
  refuseUnsupportedTags(source);
  let root: AstNode;
  try {
    const { parser } = nunjucksParser();
    root = parser.parse(source, [blockTag('persist'), blockTag('trim'), blockTag('blockref')], {});
  } catch (error) {
    const message = (error as Error).message;
    // nunjucks says "(unknown path) [Line 3, Column 5]\n  reason": 0-based.
    const where = /\[Line (\d+), Column (\d+)\]/.exec(message);
    const reason = message.replace(/^\(unknown path\)\s*(\[Line \d+, Column \d+\])?\s*/, '').trim();
    throw new TemplateError(`the template does not parse: ${reason}`, where ? Number(where[1]) + 1 : 1, where ? Number(where[2]) + 1 : 1);
  }
  return nodesOf(root.children ?? []);
}

/** `{% set %}`, `{% macro %}`, `{% raw %}` …: refused by name, at their line, before parsing (raw's body would otherwise read as text). */
function refuseUnsupportedTags(source: string): void {
  // Comments may quote tags: blanked, lines kept.
  const text = source.replace(/\{#[\s\S]*?#\}/g, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const match of text.matchAll(/\{%-?\s*([A-Za-z_]\w*)/g)) {
    const tag = match[1]!;
    if (SUPPORTED_TAGS.has(tag)) continue;
    const { line, column } = positionAt(text, match.index);
    throw new TemplateError(`{% ${tag} %} is not supported by --read-template (only if/elif/else, for, persist, trim and blockref tags, {{ values }} and comments)`, line, column);
  }
}

function nodesOf(list: readonly AstNode[]): TemplateNode[] {
  return list.flatMap(nodeOf);
}

function nodeOf(node: AstNode): TemplateNode[] {
  const line = node.lineno + 1;
  switch (node.typename) {
    case 'Output':
      return (node.children ?? []).flatMap((child) => (child.typename === 'TemplateData' ? [{ type: 'text' as const, text: String(child.value ?? ''), line: child.lineno + 1 }] : valueNode(child)));
    case 'NodeList':
      return nodesOf(node.children ?? []);
    case 'If': {
      const branches: TemplateNode[][] = [];
      let current: AstNode | null = node;
      while (current && current.typename === 'If') {
        branches.push(nodesOf([current['body'] as AstNode]));
        current = (current['else_'] as AstNode | null) ?? null;
      }
      branches.push(current ? nodesOf([current]) : []);
      return [{ type: 'choice', branches, line }];
    }
    case 'For': {
      const name = node['name'] as AstNode;
      const binding = name.typename === 'Symbol' ? String(name.value) : null;
      const source = pathOf(node['arr'] as AstNode)?.path.at(-1) ?? '?';
      const empty = node['else_'] ? nodesOf([node['else_'] as AstNode]) : [];
      return [{ type: 'loop', binding, source, body: nodesOf([node['body'] as AstNode]), empty, line }];
    }
    case 'CallExtension': {
      const body = nodesOf(((node['contentArgs'] as AstNode[] | null) ?? []).filter(Boolean));
      if (node['extName'] !== 'persist') return body;
      const first = ((node['args'] as AstNode | null)?.children ?? [])[0];
      return [{ type: 'persist', name: String(first?.value ?? ''), body, line: first ? first.lineno + 1 : line }];
    }
    default:
      throw new TemplateError(`${node.typename} is not supported by --read-template`, line, node.colno + 1);
  }
}

/** `{{ expression }}`: a value by its path; a string literal is text; another expression (a call, arithmetic) a value no field takes. */
function valueNode(expression: AstNode): TemplateNode[] {
  const line = expression.lineno + 1;
  if (expression.typename === 'Literal') return [{ type: 'text', text: String(expression.value ?? ''), line }];
  const found = pathOf(expression);
  return [{ type: 'value', path: found?.path ?? [`expression at line ${line}`], join: found?.join ?? null, line }];
}

/** A name, `a.b` or `a[0]`, under any filters (`join("sep")`'s separator kept). */
function pathOf(expression: AstNode): { path: string[]; join: string | null } | null {
  switch (expression.typename) {
    case 'Symbol':
      return { path: [String(expression.value)], join: null };
    case 'LookupVal': {
      const target = pathOf(expression['target'] as AstNode);
      const key = expression['val'] as AstNode;
      if (!target || key.typename !== 'Literal') return null;
      return { path: [...target.path, String(key.value)], join: target.join };
    }
    case 'Filter': {
      const args = (expression['args'] as AstNode).children ?? [];
      const inner = args[0] ? pathOf(args[0]) : null;
      if (!inner) return null;
      const name = (expression['name'] as AstNode).value;
      const separator = args[1];
      if (name === 'join' && separator?.typename === 'Literal' && typeof separator.value === 'string') return { path: inner.path, join: separator.value };
      return inner;
    }
    default:
      return null;
  }
}
