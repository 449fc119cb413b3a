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
}

export interface Block {
  /** The block's text: its first line and continuation lines, without indentation or the `- `. */
  content: string;
  /** 1-based line of the block's first line. */
  line: number;
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
  const properties: Property[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const property = PROPERTY.exec(line.trim());
    if (!property || BLOCK.test(line)) break;
    properties.push({ key: property[1]!, value: property[2] ?? '', line: i + 1 });
  }
  const blocks: Block[] = [];
  // Open blocks from the outermost in, with the indentation of their marker.
  const stack: Array<{ block: Block; indent: number; contentIndent: number; body: string[] }> = [];
  const close = (depth: number): void => {
    while (stack.length > depth) {
      const open = stack.pop()!;
      finish(open.block, open.body);
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
      const node: Block = { content: '', line: i + 1, properties: [], children: [] };
      (stack.length > 0 ? stack[stack.length - 1]!.block.children : blocks).push(node);
      stack.push({ block: node, indent, contentIndent: indent + 2, body: [block[2] ?? ''] });
      continue;
    }
    const open = stack[stack.length - 1];
    if (!open) {
      // Text before the first block that is no property: a block of its own.
      if (line.trim() !== '') blocks.push({ content: line.trim(), line: i + 1, properties: [], children: [] });
      continue;
    }
    open.body.push(dedent(line, open.contentIndent));
  }
  close(0);
  return { properties, blocks };
}

/** Splits a block's lines into its properties (`id:: …`, `collapsed:: true`) and its text. */
function finish(block: Block, body: string[]): void {
  const text: string[] = [];
  body.forEach((line, index) => {
    const property = PROPERTY.exec(line.trim());
    if (property) block.properties.push({ key: property[1]!, value: property[2] ?? '', line: block.line + index });
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
