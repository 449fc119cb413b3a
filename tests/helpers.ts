import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { ingest, type IngestOptions } from '../src/index.js';
import { emitJson } from '../src/emit/json.js';
import { emitMarkdown } from '../src/emit/markdown.js';
import type { EmitOptions, Emitter } from '../src/emit/emitter.js';
import type { IngestRecord } from '../src/schema.js';
import type { Outcome } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import { processFile } from '../src/process.js';
import type { SourceFormat } from '../src/formats/format.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'ingest.js');
/** The run's cache folder (tests/global-setup.ts makes and removes it); never the user's. */
export const TEST_CACHE = process.env['INGEST_TEST_CACHE'] ?? path.join(os.tmpdir(), 'ingest-test-cache');

export async function collect(paths: string[], options: IngestOptions = {}): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for await (const outcome of ingest(paths, { cwd: ROOT, ...options })) outcomes.push(outcome);
  return outcomes;
}

export async function records(paths: string[], options: IngestOptions = {}): Promise<IngestRecord[]> {
  return (await collect(paths, options)).flatMap((outcome) => (outcome.record ? [outcome.record] : []));
}

/** A fixture's records by name: a bundled document's name, or else its file's name. */
export async function recordsByName(fixture: string): Promise<Map<string, IngestRecord>> {
  const list = await records([`fixtures/${fixture}`]);
  return new Map(list.map((record) => [record.source.bundle?.name ?? record.source.path.split('/').pop()!, record]));
}

/** The bytes an emitter writes for these records. */
export async function emitText(emitter: Emitter, list: IngestRecord[], options?: EmitOptions): Promise<string> {
  async function* each(): AsyncGenerator<IngestRecord> {
    yield* list;
  }
  let text = '';
  for await (const chunk of emitter(each(), options)) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text;
}

/** The bytes `ingest --format json` writes for these records. */
export const jsonText = (list: IngestRecord[]): Promise<string> => emitText(emitJson, list);

/** The bytes `ingest --format md` writes for these records. */
export const markdownText = (list: IngestRecord[]): Promise<string> => emitText(emitMarkdown, list);

/** The end-of-run summary every run ends stderr with (unless --quiet): `ingest: 5 documents: 5 written, … · 0.42s`. */
export const SUMMARY = /^ingest: \d+ documents?: \d+ written, (?:\d+ merged, )?(?:\d+ left out by --since, )?(?:\d+ without highlights \(no CSV rows\), )?\d+ not ingested · \d+ highlights?(?:, (?:\d+ new|first digest here))?(?: · review of \d{4}-\d{2}-\d{2})? · \d+ warnings? · \d+ errors? · \d+\.\d\ds$/m;

/** stderr without its summary line, which holds the run's duration: what two runs can be compared by. */
export function withoutSummary(stderr: string): string {
  return stderr.replace(new RegExp(`${SUMMARY.source}\n`, 'm'), '');
}

/** Whether a command is on this machine (tests that need it are skipped otherwise). */
export function hasCommand(command: string, args = ['--version']): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Run {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as a user would, through a shell when `shell` is given. */
export function runCli(
  args: string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string>; shell?: string; onlyEnv?: boolean } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Each run gets the test session's own cache folder, never the user's; `onlyEnv` runs with exactly `env` (a run without HOME).
    const env = options.onlyEnv ? { ...options.env } : { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', XDG_CACHE_HOME: TEST_CACHE, ...options.env };
    const child = options.shell
      ? spawn('bash', ['-o', 'pipefail', '-c', options.shell], { cwd: options.cwd ?? ROOT, env })
      : spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

function inputsUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return inputsUnder(full);
    // Expected outputs and provenance notes are no inputs.
    return /^(expected\.(json|md)|SOURCES\.md|MANIFEST\.tsv|paths\.json)$/.test(entry.name) ? [] : [full];
  });
}

/**
 * Runs one format's `detect` over every fixture input and every real-world export (../shared/realworld, when present): what it takes, as sorted POSIX paths relative to the project.
 * The real notes of custom templates (fixtures/templates-real, templates-heldout) are left out: each tool's reader takes its own there, and tests/templates.test.ts checks what comes of them.
 * So are the vaults of fixtures/read-template (real notes of three plugins, kept for `--read-template`): what each reader makes of them without it is that folder's expected.json.
 */
export function detectedBy(format: SourceFormat): string[] {
  const inputs = [...inputsUnder(path.join(ROOT, 'fixtures')), ...inputsUnder(path.resolve(ROOT, '..', 'shared', 'realworld'))].filter(
    (file) => !/[/\\]fixtures[/\\](?:templates-(?:real|heldout)|heldout-26|read-template)[/\\]/.test(file),
  );
  return inputs
    .filter((file) => {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      return format.detect({ name: file, text });
    })
    .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
    .sort();
}

/** The record `ingest` makes of one note. */
export function readNote(name: string, text: string): IngestRecord {
  const [outcome] = processFile(new SourceFile({ path: name, bytes: new TextEncoder().encode(text) }));
  if (!outcome?.record) throw new Error(`${name} gave no record`);
  return outcome.record;
}

/** A fixture folder's records by file name, without its SOURCES.md. */
export async function recordsOf(fixture: string): Promise<Map<string, IngestRecord>> {
  const list = await records([`fixtures/${fixture}`], { exclude: ['SOURCES.md'] });
  return new Map(list.map((record) => [record.source.path.split('/').pop()!, record]));
}

/** A temporary folder for one test file, removed after it, and a maker of named folders in it. */
export function scratch(prefix: string): { work: string; folder: (name: string) => string } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `ingest-${prefix}-`));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  const folder = (name: string): string => {
    const dir = path.join(work, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };
  return { work, folder };
}

/**
 * Resolves once a run started with `-o out` holds its output's lock (`out.lock`): it has started, and a signal sent
 * now is its to handle (exit 130/143). One sent before the CLI has loaded would kill it outright, and a loaded CI
 * machine can take seconds to start one: a fixed delay is a race. Rejects if the child ends first or after `ms`.
 */
export async function untilLocked(child: ChildProcess, out: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!fs.existsSync(`${out}.lock`)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the run ended before it locked ${out}`);
    if (Date.now() > deadline) throw new Error(`the run did not lock ${out} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
