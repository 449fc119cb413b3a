/**
 * The command line: `ingest [paths...]`, `ingest pack`, `ingest schema`.
 * `main` never touches process.exit or console: it takes argv and streams
 * and returns the exit code (0 ok, 1 some input not ingested, 2 usage error).
 */
import { Chalk, supportsColorStderr, type ChalkInstance } from 'chalk';
import path from 'node:path';
import { Argument, Command, CommanderError, Option } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { FORMATS, UsageError, resolveSettings, type RawOptions } from './settings.js';
import { printable } from '../printable.js';

export { EXIT_INPUT, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, EXIT_STALE, EXIT_TERMINATED, EXIT_USAGE, type Io } from './io.js';
import { EXIT_OK, EXIT_USAGE, type Io } from './io.js';

/** Colours follow NO_COLOR and FORCE_COLOR (https://no-color.org), else whether stderr is a colour terminal. */
export function colorFor(io: Io): ChalkInstance {
  const force = io.env['FORCE_COLOR'];
  let level: 0 | 1 | 2 | 3;
  if (force !== undefined && force !== '') {
    level = force === 'false' || force === '0' ? 0 : (Math.min(3, Math.max(1, Number(force) || 1)) as 1 | 2 | 3);
  } else if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') {
    level = 0;
  } else {
    level = io.stderr.isTTY && supportsColorStderr ? supportsColorStderr.level : 0;
  }
  return new Chalk({ level });
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const color = colorFor(io);
  let exitCode = EXIT_OK;
  const program = new Command('ingest')
    .description('Turn a folder of research notes (Readwise, Kindle, Kobo, KOReader, WeRead, Zotero, Logseq, Hypothesis, Pocket, Instapaper, Boox, Bookcision and other exports, Markdown, web clippings) into clean JSON, NDJSON or CSV, a Markdown or HTML digest, or pages in your vault.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[paths...]', 'files, folders, or - for stdin (default: seeds)')
    .addOption(new Option('-f, --format <format>', 'output format (md, html: a digest; csv: one row per highlight, in the columns of Readwise\'s CSV import)').choices(FORMATS).default('json'))
    .option('-o, --output <file>', 'write to this file atomically instead of stdout')
    .option('--include <glob>', 'files to read inside folders (repeatable; default: *.md, *.markdown, *.txt, and the *.csv and *.json exports a format accepts)', collect)
    .option('--exclude <glob>', 'files or folders to skip inside folders (repeatable)', collect)
    .option('--out-dir <dir>', 'write one page per work (md or json) and an index into this folder, keeping what you write in the pages')
    .option('--force', 'with --out-dir: replace the part of pages ingest manages even where you changed it')
    .option('--template <file>', 'with --out-dir -f md: render pages with this Nunjucks template (`ingest template page` prints the built-in one)')
    .option('--digest-template <file>', 'with -f md (stdout or -o): render the digest with this Nunjucks template (`ingest template digest` prints a starting point)')
    .addOption(new Option('--style <app>', 'with --out-dir -f md: pages for Obsidian (YAML properties; any Markdown app) or Logseq (key:: value properties, blocks)').choices(['obsidian', 'logseq']))
    .option('--read-template <file>', 'read notes made with this Nunjucks/Jinja export template (or a plugin\'s data.json: Readwise Mirror, Kindle, Zotero Integration) exactly where they match it (repeatable)', collect)
    .option('--cache <dir>', 'keep parsed records in this folder (default: $XDG_CACHE_HOME/ingest or ~/.cache/ingest)')
    .option('--no-cache', 'parse every file, use no cache')
    .option('--check', 'write nothing; exit 3 when -o or --out-dir outputs would change')
    .option('-j, --jobs <n>', 'worker threads that parse in parallel (default: the number of CPU cores)')
    .option('--max-bytes <size>', 'skip documents larger than this, with an error (e.g. 512k, 64M); a Kindle, CSV or JSON export of 256 KiB or more is read as a stream, and the limit applies to each of its records', '16M')
    .option('--time-limit <seconds>', 'parse time one file may take before it is read again block by block (default 20)')
    .option('--merge', 'one record per work: documents of one work from any source joined, highlights deduplicated (default for -f md and --out-dir)')
    .option('--no-merge', 'one record per document, also in a Markdown digest and --out-dir')
    .option('--since <when>', 'only highlights made on or after a day: 2024-03-01, 7d, 2w')
    .option('--review <n>', 'highlights a digest (md, html) brings back each day, chosen from the date; 0: none (default 5)')
    .option('--date <day>', 'the day of the run, for --since 7d and the review (default: today)')
    .option('-q, --quiet', 'show errors only, no warnings')
    .option('--verbose', 'show info diagnostics too')
    .option('--report <file>', 'write a JSON report of the run (counts, duration, every diagnostic) to this file, atomically')
    .showSuggestionAfterError(true)
    // `ingest pack -o x` gives -o to pack, not to the ingest command.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(color.red(text)),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ ingest notes/ --format ndjson | jq -r .title
  $ ingest "My Clippings.txt" --format ndjson | jq -r .title
  $ ingest export.md - < clipped.txt
  $ ingest notes/ --format md -o digest.md
  $ ingest notes/ --out-dir digests/notes --format md
  $ ingest notes/ --format md -o digest.md --check
  $ ingest notes/ --format md --since 7d -o weekly.md
  $ ingest notes/ --format html -o digest.html                 # what's new, today's review, a chart
  $ ingest notes/ --format ndjson --merge > today.ndjson
  $ ingest "My Clippings.txt" --format csv -o highlights.csv   # for Readwise's CSV import
  $ ingest diff yesterday.ndjson today.ndjson --format md
  $ ingest notes/ --format md -o digest.md --report run.json   # for cron
  $ ingest vault/ --read-template vault/.obsidian/plugins/readwise-mirror/data.json
  $ ingest pack a.md b.txt > bundle.txt

Exit codes: 0 every document ingested (warnings allowed), 1 some input could
not be ingested (the rest is still output), 2 usage error or an output that
cannot be written, 3 with --check: the outputs would change, 75 another run
holds the output's lock, 130/143 interrupted.`,
    )
    .action(async (paths: string[], options: RawOptions) => {
      // commander lets the last of --cache DIR and --no-cache win; they contradict each other.
      if (argv.includes('--no-cache') && argv.some((arg) => arg === '--cache' || arg.startsWith('--cache='))) {
        throw new UsageError('--cache DIR and --no-cache contradict each other; choose one');
      }
      const { defaultCacheDir } = await import('../cache.js');
      const cache = defaultCacheDir(io.env);
      if (cache === null && options.cache === undefined && !options.quiet) {
        io.stderr.write('ingest: no cache folder ($XDG_CACHE_HOME and $HOME are not set to absolute folders); running without a cache\n');
      }
      const settings = resolveSettings(paths, options, io.cwd, cache);
      const { run } = await import('./run.js');
      exitCode = await run(settings, io, color);
    });

  program
    .command('pack')
    .description('write a bundle of documents (<<<FILE: name>>> delimiters) that ingest splits back into the same documents')
    .argument('<paths...>', 'files or folders to pack')
    .option('-o, --output <file>', 'write to this file atomically instead of stdout')
    .option('--include <glob>', 'files to read inside folders (repeatable)', collect)
    .option('--exclude <glob>', 'files or folders to skip inside folders (repeatable)', collect)
    .action(async (paths: string[], options: RawOptions) => {
      const settings = resolveSettings(paths, options, io.cwd);
      const { runPack } = await import('./pack.js');
      exitCode = await runPack(settings, io, color);
    });

  program
    .command('diff')
    .description("what changed between two runs' output (NDJSON or JSON): documents and highlights added, changed and removed, by work and highlight key")
    .argument('<old>', 'the earlier run (e.g. yesterday.ndjson)')
    .argument('<new>', 'the later run (e.g. today.ndjson)')
    .addOption(new Option('-f, --format <format>', 'ndjson: one change per line; md: a "What\'s new" digest').choices(['ndjson', 'md']).default('ndjson'))
    .option('-o, --output <file>', 'write to this file atomically instead of stdout')
    .action(async (before: string, after: string, options: { format: 'ndjson' | 'md'; output?: string }) => {
      if (options.output === '') throw new UsageError('-o was given an empty file name; name a file (e.g. -o whats-new.md)');
      const { runDiff } = await import('./diff.js');
      exitCode = await runDiff(
        {
          before: path.resolve(io.cwd, before),
          after: path.resolve(io.cwd, after),
          format: options.format,
          output: options.output ? path.resolve(io.cwd, options.output) : null,
          shown: { before, after },
        },
        io,
        color,
      );
    });

  program
    .command('template')
    .description('print a template to copy and change: page (the --out-dir page) and logseq (its --style logseq page) for --template, digest (a starting point) for --digest-template')
    .addArgument(new Argument('<name>', 'which template').choices(['page', 'logseq', 'digest']))
    .action(async (name: string) => {
      const { BUILT_IN_LOGSEQ_PAGE, BUILT_IN_PAGE } = await import('../output/page-template.js');
      const { STARTER_DIGEST } = await import('../emit/digest-template.js');
      io.stdout.write(name === 'logseq' ? BUILT_IN_LOGSEQ_PAGE : name === 'digest' ? STARTER_DIGEST : BUILT_IN_PAGE);
    });

  program
    .command('schema')
    .description('print the JSON Schema of one record')
    .action(async () => {
      const { recordJsonSchema } = await import('../schema.js');
      io.stdout.write(`${JSON.stringify(recordJsonSchema(), null, 2)}\n`);
    });

  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(color.red(text)),
    });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (error instanceof UsageError) {
      io.stderr.write(color.red(`ingest: ${printable(error.message)}\n`));
      io.stderr.write("Run 'ingest --help' for usage.\n");
      return EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
