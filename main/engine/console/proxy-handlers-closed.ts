/**
 * The proxy panel's ended connections: a relayed connection leaves the proxy when it ends, but the
 * panel keeps listing it (who closed, the code and reason) so it can still be selected in the
 * inspector and timeline. Bounded per proxy: the newest CLOSED_KEPT, older ones counted.
 */
import { CLOSED_KEPT, type ClosedRelayed, type ProxyCloser } from '../../../shared/ipc/proxy-commands.js';
import type { ClosedEvent } from '../../../shared/model/events.js';

/** One proxy's ended connections, newest first. */
export class ClosedList {
  private items: ClosedRelayed[] = [];
  private droppedCount = 0;

  constructor(private readonly kept = CLOSED_KEPT) {}

  /** Adds an ended connection; the oldest beyond the cap is let go and counted. */
  add(item: ClosedRelayed): void {
    this.items.unshift(item);
    if (this.items.length > this.kept) {
      this.items.length = this.kept;
      this.droppedCount++;
    }
  }

  /** A copy, newest first. */
  list(): readonly ClosedRelayed[] {
    return this.items.slice();
  }

  get dropped(): number {
    return this.droppedCount;
  }
}

/**
 * The panel's row for a proxy's `closed` event. The proxy's tap sees the app's end as its own
 * (`us`) and the target as the peer; `byWstap` says the panel closed a side or cut TCP first.
 */
export function closedRelayed(event: ClosedEvent, byWstap: boolean): ClosedRelayed {
  const first = event.initiator === 'us' ? event.sent : event.initiator === 'peer' ? event.received : null;
  const closedBy: ProxyCloser = byWstap
    ? 'wstap'
    : event.initiator === 'us'
      ? 'app'
      : event.initiator === 'peer'
        ? 'target'
        : 'none';
  return {
    conn: event.conn,
    closedBy,
    code: first === null ? event.code : (first.code ?? 1005),
    reason: first?.reason ?? '',
    explanation: event.explanation,
    at: event.wall,
  };
}
