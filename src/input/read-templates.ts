/**
 * `--read-template FILE…` → the templates the readers are given
 * (ReadTemplate, plain data): each file read, a plugin's data.json turned
 * into its templates (formats/template/plugins.ts, with the vault's files
 * it names), and every template compiled once here, so that one the
 * matcher cannot read stops the run before anything is read (exit 2).
 *
 * Several files are tried in the order given; a template that writes
 * `{{ highlights }}` takes the next file as its per-highlight template
 * (Readwise's header and highlight templates: `--read-template page.njk
 * --read-template highlight.njk`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileTemplate } from '../formats/template/compile.js';
import { TemplateError } from '../formats/template/parse.js';
import { PluginSettingsError, pluginTemplates } from '../formats/template/plugins.js';
import type { ReadTemplate } from '../formats/template/read-template.js';
import { Messages } from '../messages.js';
import { decode } from '../read.js';

export class ReadTemplateError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(reason);
  }
}

const WRITES_HIGHLIGHTS = /\{\{-?\s*highlights\s*-?\}\}/;

/** Reads and checks the named templates; `shown` is how a path is shown to the user. */
export function readTemplates(files: readonly string[], shown: (file: string) => string): ReadTemplate[] {
  const templates: ReadTemplate[] = [];
  let page: number | null = null;
  for (const file of files) {
    const name = shown(file);
    let text: string | null;
    try {
      text = textOf(fs.readFileSync(file));
    } catch (error) {
      throw new ReadTemplateError(name, `cannot read the template: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (text === null) throw new ReadTemplateError(name, 'cannot read the template: not a text file');
    if (/\.json$/i.test(file)) {
      const vault = vaultOf(file);
      try {
        templates.push(...pluginTemplates(path.basename(file), text, (vaultPath) => readOrNull(path.resolve(vault, vaultPath))));
      } catch (error) {
        if (error instanceof PluginSettingsError) throw new ReadTemplateError(name, error.message);
        throw error;
      }
      page = null;
    } else if (page !== null) {
      templates[page] = { ...templates[page]!, highlight: text };
      page = null;
    } else {
      templates.push({ name: path.basename(file), text });
      page = WRITES_HIGHLIGHTS.test(text) ? templates.length - 1 : null;
    }
  }
  for (const template of templates) {
    try {
      compileTemplate(template);
    } catch (error) {
      if (error instanceof TemplateError) throw new ReadTemplateError(template.name, error.reason, error.line, error.column);
      throw error;
    }
  }
  return templates;
}

/** The vault a plugin's data.json belongs to: the folder that holds its `.obsidian`. */
function vaultOf(file: string): string {
  for (let folder = path.dirname(path.resolve(file)); folder !== path.dirname(folder); folder = path.dirname(folder)) {
    if (path.basename(folder) === '.obsidian') return path.dirname(folder);
  }
  return path.dirname(path.resolve(file));
}

function readOrNull(file: string): string | null {
  try {
    return textOf(fs.readFileSync(file));
  } catch {
    return null;
  }
}

/** A template's text, decoded as a note is (read.ts: a BOM, UTF-16, Windows-1252, line ends); `null` for a binary file. */
function textOf(bytes: Uint8Array): string | null {
  const decoded = decode(bytes, new Messages());
  return decoded.ok ? decoded.text : null;
}
