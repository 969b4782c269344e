import type { OutputLine } from '../output/event-printer.js';

/** Lines kept per connection for `/timeline`. */
export const TIMELINE_LINES = 200;
/** Connections whose timelines are kept (the oldest go first). */
export const TIMELINE_CONNECTIONS = 500;

/** The last TIMELINE_LINES lines of one connection: a ring, so adding a line is O(1). */
class Ring {
  private readonly lines: OutputLine[] = [];
  private next = 0;

  add(line: OutputLine): void {
    if (this.lines.length < TIMELINE_LINES) this.lines.push(line);
    else this.lines[this.next] = line;
    this.next = (this.next + 1) % TIMELINE_LINES;
  }

  /** Oldest first. */
  all(): OutputLine[] {
    return this.lines.length < TIMELINE_LINES
      ? [...this.lines]
      : [...this.lines.slice(this.next), ...this.lines.slice(0, this.next)];
  }
}

/** The printed timeline of each connection, bounded, for the console's `/timeline #id`. */
export class Timelines {
  private readonly byConn = new Map<number, Ring>();

  add(conn: number, lines: readonly OutputLine[]): void {
    if (conn === 0 || lines.length === 0) return;
    let kept = this.byConn.get(conn);
    if (!kept) {
      if (this.byConn.size >= TIMELINE_CONNECTIONS)
        this.byConn.delete(this.byConn.keys().next().value as number);
      this.byConn.set(conn, (kept = new Ring()));
    }
    for (const line of lines) kept.add(line);
  }

  /** The kept lines of `conn`, oldest first, or null when none are kept. */
  of(conn: number): readonly OutputLine[] | null {
    return this.byConn.get(conn)?.all() ?? null;
  }
}
