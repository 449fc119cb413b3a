/**
 * The rule registry (src/rules.ts): every rule id the code gives is in it,
 * with a severity it is given with, and every rule in it is used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules.js';
import { ROOT } from './helpers.js';

function sources(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** [rule, severity or null] for every place the code names a rule. */
function usages(): Array<[string, string | null, string]> {
  const found: Array<[string, string | null, string]> = [];
  for (const file of sources(path.join(ROOT, 'src'))) {
    if (file.endsWith(`${path.sep}rules.ts`)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(ROOT, file);
    for (const match of text.matchAll(/severity: '(error|warning|info)', rule: '([a-z0-9-]+)'/g)) found.push([match[2]!, match[1]!, where]);
    for (const match of text.matchAll(/\.(error|warn|info)\(\s*'([a-z0-9-]+)'/g)) found.push([match[2]!, match[1] === 'warn' ? 'warning' : match[1]!, where]);
    for (const match of text.matchAll(/\.add(?:At)?\(\s*'(error|warning|info)',\s*'([a-z0-9-]+)'/g)) found.push([match[2]!, match[1]!, where]);
    for (const match of text.matchAll(/rule: '([a-z0-9-]+)'/g)) found.push([match[1]!, null, where]);
    for (const match of text.matchAll(/failure\([^,]+, '([a-z0-9-]+)'/g)) found.push([match[1]!, 'error', where]);
    for (const match of text.matchAll(/\bwarn\(\s*'([a-z0-9-]+)'/g)) found.push([match[1]!, 'warning', where]);
  }
  return found;
}

describe('the rule registry', () => {
  const used = usages();

  it('finds the rules the code gives', () => {
    expect(used.length).toBeGreaterThan(40);
  });

  it('has every rule the code gives, with the severity it is given with', () => {
    const wrong = used.filter(([rule, severity]) => {
      const known = (RULES as Record<string, { severities: readonly string[] }>)[rule];
      return !known || (severity !== null && !known.severities.includes(severity));
    });
    expect(wrong).toEqual([]);
  });

  it('has no rule the code never gives', () => {
    const names = new Set(used.map(([rule]) => rule));
    expect(Object.keys(RULES).filter((rule) => !names.has(rule))).toEqual([]);
  });
});
