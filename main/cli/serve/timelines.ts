import type { OutputLine } from '../output/event-printer.js';

/** Lines kept per connection for `/timeline`. */
export const TIMELINE_LINES = 200;
/** Connections whose timelines are kept (the oldest go first). */
export const TIMELINE_CONNECTIONS = 500;

/** The printed timeline of each connection, bounded, for the console's `/timeline #id`. */
export class Timelines {
  private readonly byConn = new Map<number, OutputLine[]>();

  add(conn: number, lines: readonly OutputLine[]): void {
    if (conn === 0 || lines.length === 0) return;
    let kept = this.byConn.get(conn);
    if (!kept) {
      if (this.byConn.size >= TIMELINE_CONNECTIONS)
        this.byConn.delete(this.byConn.keys().next().value as number);
      this.byConn.set(conn, (kept = []));
    }
    kept.push(...lines);
    if (kept.length > TIMELINE_LINES) kept.splice(0, kept.length - TIMELINE_LINES);
  }

  /** The kept lines of `conn`, or null when none are kept. */
  of(conn: number): readonly OutputLine[] | null {
    return this.byConn.get(conn) ?? null;
  }
}
