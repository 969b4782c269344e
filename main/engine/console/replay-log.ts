import type { SessionEvent } from '../../../shared/model/events.js';

/**
 * The last `capacity` non-row events (handshake phases, open, rtt, closed, servers, …) in order,
 * in a ring: what a renderer that (re)loads asks for (`app.replay`) to rebuild its sessions and
 * timelines.
 */
export class ReplayLog {
  private readonly ring: (SessionEvent | undefined)[];
  private next = 0;
  private size = 0;

  constructor(private readonly capacity = 50_000) {
    this.ring = new Array<SessionEvent | undefined>(capacity);
  }

  /** Appends events, forgetting the oldest beyond capacity. */
  add(events: readonly SessionEvent[]): void {
    for (const event of events) {
      this.ring[this.next] = event;
      this.next = (this.next + 1) % this.capacity;
      if (this.size < this.capacity) this.size++;
    }
  }

  /** The events kept, oldest first. */
  events(): SessionEvent[] {
    const out: SessionEvent[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i++) out.push(this.ring[(start + i) % this.capacity] as SessionEvent);
    return out;
  }
}
