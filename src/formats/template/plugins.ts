/**
 * The templates an exporter plugin's settings file (its `data.json`) holds,
 * as the plugin puts them together into a note:
 *
 * - Readwise Mirror (`readwise-mirror`): `headerTemplate`, then each
 *   highlight by `highlightTemplate` (joined by line breaks). A
 *   `frontMatterTemplate` is written as YAML by the plugin: it is read apart.
 * - The Obsidian Kindle plugin (`obsidian-kindle-plugin`): `fileTemplate`
 *   with `{{ highlights }}` where each highlight by `highlightTemplate`
 *   goes, ` ^ref-<id>` after the line that writes `{{ text }}` (its
 *   `blockref`); either one left unset is the plugin's built-in one. The
 *   deprecated single `noteTemplate` loops over highlights itself.
 * - Zotero Integration (`obsidian-zotero-desktop-connector`): the template
 *   file each of `exportFormats` names (`templatePath`, in the vault), then
 *   the `%% Import Date: … %%` line the plugin adds.
 * - Readwise Official (`readwise-official`) keeps its templates on
 *   readwise.io, not in data.json: refused with a hint.
 *
 * Pure: the caller reads the files (`readVaultFile`).
 */
import type { ReadTemplate } from './read-template.js';

export class PluginSettingsError extends Error {}

/**
 * The Kindle plugin's built-in templates (its defaults, for a data.json that
 * leaves one unset): the format its notes are written in. Quoted from
 * hadynz/obsidian-kindle-plugin (MIT licence, © Hady Osman), as data: the
 * text a note must match, not code of ours.
 */
const KINDLE_FILE = '# {{title}}\n## Metadata\n{% trim %}\n{% if authorUrl %}\n* Author: [{{author}}]({{authorUrl}})\n{% elif author %}\n* Author: [[{{author}}]]\n{% endif %}\n{% if asin %}* ASIN: {{asin}}{% endif %}\n{% if isbn %}* ISBN: {{isbn}}{% endif %}\n{% if pages %}* Pages: {{pages}}{% endif %}\n{% if publication %}* Publication: {{publication}}{% endif %}\n{% if publisher %}* Publisher: {{publisher}}{% endif %}\n{% if url %}* Reference: {{url}}{% endif %}\n{% if appLink %}* [Kindle link]({{appLink}}){% endif %}\n{% endtrim %}\n\n## Highlights\n{{highlights}}\n';
const KINDLE_HIGHLIGHT = '{{ text }} — location: [{{ location }}]({{ appLink }})\n\n{% if note %}{{note}}{% endif %}\n\n---\n';

/**
 * The templates of a plugin's data.json. `readVaultFile` reads a file by
 * its path in the vault (the folder that holds `.obsidian`); null when it
 * cannot be read.
 */
export function pluginTemplates(name: string, text: string, readVaultFile: (vaultPath: string) => string | null): ReadTemplate[] {
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    throw new PluginSettingsError(`${name} is JSON that does not parse (${(error as Error).message}); name a template file or a plugin's data.json`);
  }
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new PluginSettingsError(`${name} is not a plugin's data.json (an object of settings)`);
  const data = settings as Record<string, unknown>;
  const string = (key: string): string | undefined => (typeof data[key] === 'string' ? (data[key] as string) : undefined);

  if (string('headerTemplate') !== undefined && string('highlightTemplate') !== undefined) {
    return [{ name: `${name} (readwise-mirror)`, text: `${string('headerTemplate')}{{ highlights }}`, highlight: string('highlightTemplate')! }];
  }
  if ('amazonRegion' in data || 'fileTemplate' in data || 'noteTemplate' in data) {
    if (string('noteTemplate') !== undefined && string('fileTemplate') === undefined) return [{ name: `${name} (obsidian-kindle-plugin noteTemplate)`, text: string('noteTemplate')! }];
    const highlight = withBlockReference(string('highlightTemplate') ?? KINDLE_HIGHLIGHT);
    return [{ name: `${name} (obsidian-kindle-plugin)`, text: string('fileTemplate') ?? KINDLE_FILE, highlight }];
  }
  if (Array.isArray(data['exportFormats'])) {
    const formats = (data['exportFormats'] as unknown[]).filter((format): format is Record<string, unknown> => typeof format === 'object' && format !== null);
    const templates = formats.flatMap((format) => {
      const path = typeof format['templatePath'] === 'string' ? format['templatePath'].trim() : '';
      if (path === '') return [];
      const template = readVaultFile(path) ?? (path.endsWith('.md') ? null : readVaultFile(`${path}.md`));
      if (template === null) throw new PluginSettingsError(`${name}: the template of export format "${String(format['name'] ?? '')}" (${path}) cannot be read in the vault`);
      return [{ name: `${path} (zotero-integration)`, text: `${template}\n%% Import Date: {{ importDate }} %%\n` }];
    });
    if (templates.length === 0) throw new PluginSettingsError(`${name} (Zotero Integration) names no export format with a templatePath`);
    return templates;
  }
  if ('readwiseDir' in data || 'booksIDsMap' in data) {
    throw new PluginSettingsError(`${name} is Readwise Official's data.json, which holds no template (they are set on readwise.io, Export → Obsidian): copy them into a file, with {{ highlights }} where the highlights go, and name it and the highlight template (e.g. --read-template page.njk --read-template highlight.njk)`);
  }
  throw new PluginSettingsError(`${name} is not the data.json of Readwise Mirror, the Obsidian Kindle plugin or Zotero Integration; name a template file instead`);
}

/** The Kindle plugin's `blockref`: ` ^ref-<id>` after the line that writes the highlight's text. */
function withBlockReference(template: string): string {
  const lines = template.split('\n');
  const at = lines.findIndex((line) => /\{\{-?\s*text\s*-?\}\}/.test(line));
  if (at < 0) return template;
  lines[at] = `${lines[at]} ^ref-{{ id }}`;
  return lines.join('\n');
}
