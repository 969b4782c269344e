/**
 * A progress bar on a terminal's stderr, redrawn at most ten times a second (a replay of 10^5
 * messages must not print 10^5 lines) and wiped before the report.
 */

const WIDTH = 30;
const INTERVAL_MS = 100;

/** Draws `done/total` on one line of a TTY; does nothing on anything else. */
export class ProgressBar {
  private last = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
    private readonly enabled: boolean = stream.isTTY === true,
  ) {}

  /** Updates the bar (throttled). */
  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < INTERVAL_MS && done < total) return;
    this.last = now;
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * WIDTH);
    const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
    this.stream.write(`\r${this.label} ${bar} ${Math.floor(share * 100)}% ${done}/${total}`);
    this.drawn = true;
  }

  /** Wipes the bar's line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
