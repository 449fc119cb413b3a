/**
 * A template the user named with `--read-template`, as the settings carry
 * it: plain data (it goes to the worker threads, and its text is part of
 * the cache key), loaded from the file or the plugin's data.json by load.ts.
 */
export interface ReadTemplate {
  /** What it was read from, as shown to the user (`readwise.njk`, `data.json (readwise-mirror)`). */
  readonly name: string;
  /** The template of the whole note. */
  readonly text: string;
  /** The template of one highlight, where the plugin has one: it stands for `{{ highlights }}` in `text`, repeated. */
  readonly highlight?: string;
}
