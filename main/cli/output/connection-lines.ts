import type { SessionEvent } from '../../../shared/model/events.js';
import { paletteFor, type Palette } from '../terminal.js';
import { BatchedOutput } from './batched-output.js';
import { printerFor, type EventPrinter, type OutputLine } from './event-printer.js';
import type { OutputPlan } from './output-plan.js';

/** Event types `-q` still shows for a server or proxy: its story and each connection's start and end. */
const QUIET_TYPES = new Set<SessionEvent['type']>([
  'listening',
  'server-stopped',
  'open',
  'closed',
  'error',
  'reload',
  'heartbeat-timeout',
  'upgrade-response',
]);

/**
 * Prints the events of many connections at once (`wstap serve`, `wstap proxy`): each line of a
 * connection starts with its id (`#3`), `-q` keeps only connections opening and closing and what
 * went wrong, `--json` prints events as they are.
 */
export class ConnectionLines {
  private prefix = { conn: -1, text: '' };

  constructor(
    private readonly printer: EventPrinter,
    private readonly output: BatchedOutput,
    private readonly err: Palette,
    /** `keepHidden`: make the lines `-q` hides too (serve keeps them for `/timeline`). */
    private readonly options: {
      readonly json: boolean;
      readonly quiet: boolean;
      readonly keepHidden?: boolean;
    },
  ) {}

  /**
   * Whether `take` makes lines of frame and message events (reading their payloads): `-q` hides
   * them, unless hidden lines are kept.
   */
  get showsTraffic(): boolean {
    return !this.options.quiet || this.options.keepHidden === true;
  }

  /** Prints one event; returns its lines (unprefixed) for whoever keeps a timeline. */
  take(event: SessionEvent): readonly OutputLine[] {
    const hidden =
      this.options.quiet && !QUIET_TYPES.has(event.type) && !(event.type === 'log' && event.level !== 'info');
    // Lines nobody shows or keeps are not made: escaping every payload costs (bench/proxy with -q).
    if (hidden && this.options.keepHidden !== true) return [];
    const lines = this.printer.lines(event);
    if (hidden) return lines;
    if (this.options.json || event.conn === 0) {
      this.output.add(lines);
      return lines;
    }
    const prefix = this.prefixOf(event.conn);
    this.output.add(lines.map((line) => ({ to: line.to, text: prefix + line.text })));
    return lines;
  }

  /** `#3 ` (dimmed), made once per run of one connection's events. */
  private prefixOf(conn: number): string {
    if (this.prefix.conn !== conn) this.prefix = { conn, text: `${this.err.dim(`#${conn}`)} ` };
    return this.prefix.text;
  }
}

/**
 * Text waiting for a slow stdout/stderr at most, in characters: the clients of a server or proxy
 * cannot all be paused for a slow terminal, so beyond it lines are dropped and counted.
 */
export const MAX_QUEUED_CHARS = 16 * 1024 * 1024;

/** The output of `wstap serve` and `wstap proxy`: bounded batched streams, the stderr palette, the per-connection lines. */
export function connectionOutput(
  io: { readonly stdout: NodeJS.WriteStream; readonly stderr: NodeJS.WriteStream },
  plan: OutputPlan,
  options: { readonly quiet: boolean; readonly keepHidden?: boolean },
): { output: BatchedOutput; err: Palette; lines: ConnectionLines } {
  const output = new BatchedOutput({ out: io.stdout, err: io.stderr }, MAX_QUEUED_CHARS);
  const err = paletteFor(io.stderr, plan.noColor);
  const printer = printerFor(plan, paletteFor(io.stdout, plan.noColor), err);
  return {
    output,
    err,
    lines: new ConnectionLines(printer, output, err, { json: plan.format === 'json', ...options }),
  };
}
