/** The output of a subcommand (pack, diff): a file written atomically (-o) or stdout. */
import type { Writable } from 'node:stream';
import { fileSink } from '../output/atomic-file.js';
import { OutputError, streamSink, type Sink } from '../output/sinks.js';
import { printable } from '../printable.js';

/** `-o FILE` (atomic, see fileSink) or stdout; null, with the reason on stderr, when the file cannot be written. */
export async function openSink(output: string | null, io: { stdout: Writable; stderr: Writable }, color: { red: (text: string) => string }): Promise<Sink | null> {
  try {
    return output ? await fileSink(output) : streamSink(io.stdout);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.stderr.write(color.red(`ingest: ${printable(error.message)}\n`));
    return null;
  }
}
