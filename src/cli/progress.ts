/**
 * A progress line on stderr for long runs in a terminal: files done,
 * files per second, time left. Shown only when stderr is a terminal and the
 * run has lasted a second; never on a pipe or under cron.
 */
import type { Writable } from 'node:stream';

const DELAY_MS = 1000;
const EVERY_MS = 100;

export class Progress {
  private readonly started = Date.now();
  private drawnAt = 0;
  private shown = false;

  constructor(private readonly stream: Writable & { isTTY?: boolean; columns?: number }) {}

  static for(stream: Writable & { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): Progress | null {
    if (!stream.isTTY || env['CI'] || env['TERM'] === 'dumb') return null;
    return new Progress(stream);
  }

  update(done: number, total: number): void {
    const now = Date.now();
    if (now - this.started < DELAY_MS || now - this.drawnAt < EVERY_MS) return;
    this.drawnAt = now;
    const seconds = (now - this.started) / 1000;
    const rate = done / seconds;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const width = 20;
    const filled = Math.round((width * done) / Math.max(total, 1));
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files · ${rate.toFixed(0)}/s · ${left}s left`;
    const columns = this.stream.columns && this.stream.columns >= 20 ? this.stream.columns : 80;
    this.stream.write(`\r\u001b[K${line.slice(0, columns - 1)}`);
    this.shown = true;
  }

  /** Removes the line, before a diagnostic is written or at the end. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[K');
    this.shown = false;
    this.drawnAt = 0;
  }
}
