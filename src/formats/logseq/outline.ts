/**
 * A Logseq page as an outline: page properties (`key:: value` lines before
 * the first block), then blocks (`- text`) nested by their indentation (tabs
 * or spaces, whatever width), each with its continuation lines (indented to
 * the block's text) and its own `key:: value` properties. Pure and linear.
 */

export interface Property {
  key: string;
  value: string;
  /** 1-based line in the page. */
  line: number;
  /** Where its line starts and ends in the page (offsets). */
  start: number;
  end: number;
}

export interface Block {
  /** The block's text: its first line and continuation lines, without indentation or the `- `. */
  content: string;
  /** 1-based line of the block's first line. */
  line: number;
  /** Where its own lines (not its children's) start and end in the page (offsets). */
  start: number;
  end: number;
  properties: Property[];
  children: Block[];
}

export interface Outline {
  properties: Property[];
  blocks: Block[];
}

const PROPERTY = /^([A-Za-z][\w-]*)::(?:[ \t]+(.*?))?[ \t]*$/;
const BLOCK = /^([ \t]*)[-*](?:[ \t]+(.*))?$/;

/** Indentation width: a tab counts as four columns. */
function width(indent: string): number {
  let columns = 0;
  for (const char of indent) columns += char === '\t' ? 4 : 1;
  return columns;
}

export function parseOutline(text: string): Outline {
  const lines = text.split('\n');
  /** Where each line starts in the text, and where line `i` ends. */
  const starts: number[] = [];
  for (let offset = 0, i = 0; i < lines.length; offset += lines[i]!.length + 1, i++) starts.push(offset);
  const endOf = (i: number): number => starts[i]! + lines[i]!.length;
  const properties: Property[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const property = PROPERTY.exec(line.trim());
    if (!property || BLOCK.test(line)) break;
    properties.push({ key: property[1]!, value: property[2] ?? '', line: i + 1, start: starts[i]!, end: endOf(i) });
  }
  const blocks: Block[] = [];
  // Open blocks from the outermost in, with the indentation of their marker.
  const stack: Array<{ block: Block; indent: number; contentIndent: number; body: string[] }> = [];
  const close = (depth: number): void => {
    while (stack.length > depth) {
      const open = stack.pop()!;
      finish(open.block, open.body, starts, endOf);
    }
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const block = BLOCK.exec(line);
    if (block) {
      const indent = width(block[1]!);
      let depth = stack.findIndex((open) => open.indent >= indent);
      if (depth === -1) depth = stack.length;
      close(depth);
      const node: Block = { content: '', line: i + 1, start: starts[i]!, end: endOf(i), properties: [], children: [] };
      (stack.length > 0 ? stack[stack.length - 1]!.block.children : blocks).push(node);
      stack.push({ block: node, indent, contentIndent: indent + 2, body: [block[2] ?? ''] });
      continue;
    }
    const open = stack[stack.length - 1];
    if (!open) {
      // Text before the first block that is no property: a block of its own.
      if (line.trim() !== '') blocks.push({ content: line.trim(), line: i + 1, start: starts[i]!, end: endOf(i), properties: [], children: [] });
      continue;
    }
    open.body.push(dedent(line, open.contentIndent));
  }
  close(0);
  return { properties, blocks };
}

/** Splits a block's lines into its properties (`id:: …`, `collapsed:: true`) and its text. */
function finish(block: Block, body: string[], starts: readonly number[], endOf: (line: number) => number): void {
  const text: string[] = [];
  block.end = endOf(block.line - 2 + body.length);
  body.forEach((line, index) => {
    const property = PROPERTY.exec(line.trim());
    const at = block.line - 1 + index;
    if (property) block.properties.push({ key: property[1]!, value: property[2] ?? '', line: at + 1, start: starts[at]!, end: endOf(at) });
    else text.push(line);
  });
  block.content = text.join('\n').replace(/\s+$/u, '');
}

/** A continuation line without the block's indentation (as many columns as there are). */
function dedent(line: string, columns: number): string {
  let taken = 0;
  let index = 0;
  while (index < line.length && taken < columns && (line[index] === ' ' || line[index] === '\t')) {
    taken += line[index] === '\t' ? 4 : 1;
    index += 1;
  }
  return line.slice(index);
}
