/**
 * `ingest pack PATHS...`: every document of every input (a bundle's
 * documents one by one) into one bundle on stdout or a file.
 */
import fs from 'node:fs';
import type { ChalkInstance } from 'chalk';
import { discover } from '../discover.js';
import { readAll } from '../input/read-input.js';
import { Messages } from '../messages.js';
import { invalidName, packDocument } from '../pack.js';
import { decode } from '../read.js';
import { split } from '../split.js';
import { EXIT_INPUT, EXIT_OK, EXIT_USAGE, type Io } from './io.js';
import { openSink } from './open-sink.js';
import { formatDiagnostic } from './report.js';
import type { Settings } from './settings.js';
import type { Diagnostic } from '../schema.js';

export async function runPack(settings: Settings, io: Io, color: ChalkInstance): Promise<number> {
  const sink = await openSink(settings.output, io, color);
  if (sink === null) return EXIT_USAGE;
  let failed = false;
  const report = (path: string, diagnostic: Diagnostic): void => {
    if (diagnostic.severity === 'error') failed = true;
    if (diagnostic.severity !== 'info') io.stderr.write(formatDiagnostic(path, diagnostic, color));
  };
  const { inputs, problems } = await discover(settings.paths, { cwd: io.cwd, include: settings.include, exclude: settings.exclude });
  for (const problem of problems) {
    report(problem.path, { severity: 'error', rule: 'read-error', message: `could not read: ${problem.message}`, line: null, column: null });
  }
  for (const input of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = input.file === null ? (await readAll(io.stdin, Number.POSITIVE_INFINITY))! : await fs.promises.readFile(input.file);
    } catch (error) {
      report(input.path, { severity: 'error', rule: 'read-error', message: `could not read: ${(error as Error).message}`, line: null, column: null });
      continue;
    }
    const messages = new Messages();
    const decoded = decode(bytes, messages);
    const segments = decoded.ok ? split(decoded.text, messages) : [];
    for (const diagnostic of messages.list) report(input.path, diagnostic);
    for (const segment of segments) {
      // A document keeps its bundle name; a whole file is named by its path.
      const name = segment.bundle ? segment.bundle.name : input.path;
      const problem = name === null ? null : invalidName(name);
      if (problem) {
        report(input.path, { severity: 'error', rule: 'pack-name', message: `cannot pack the name "${name}": ${problem}`, line: null, column: null });
        continue;
      }
      await sink.write(packDocument({ name, text: segment.text }));
      if (sink.closed) return EXIT_OK;
    }
  }
  await sink.commit();
  return failed ? EXIT_INPUT : EXIT_OK;
}
