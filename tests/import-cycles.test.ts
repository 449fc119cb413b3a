/**
 * No import cycle anywhere in src/ (#23): data flows one way, and a stage
 * never reaches back to one that loads it. Static and dynamic imports count
 * (`await import('./run.js')` in main makes run importing main a cycle);
 * type-only imports do not, they leave nothing in the compiled code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = path.join(ROOT, 'src');

/** Each module's relative imports that stay in the compiled code, as absolute paths of .ts files. */
function importGraph(): Map<string, string[]> {
  const files = fs
    .readdirSync(SRC, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(SRC, name));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = [
      // `import x from './a.js'`, `import { a, type B } from`, `export { a } from`, `import './a.js'`; not `import type`.
      ...[...text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm)].map((match) => match[1]!),
      ...[...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)].map((match) => match[1]!),
    ];
    graph.set(
      file,
      targets.map((target) => path.resolve(path.dirname(file), target.replace(/\.js$/, '.ts'))).filter((target) => files.includes(target)),
    );
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].map((file) => path.relative(SRC, file)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe('src/', () => {
  it('reads every module and its imports (the check sees the CLI load its subcommands)', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get(path.join(SRC, 'cli', 'main.ts'))).toContain(path.join(SRC, 'cli', 'run.ts'));
  });
  it('has no import cycle', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});
