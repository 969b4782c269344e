import type { EventFields, SessionEvent } from '../../shared/model/events.js';
import type { Clock } from './clock.js';
import { roundMs } from './clock.js';

/** Receives every event the engine produces, in order. */
export type EngineListener = (event: SessionEvent) => void;

/** What a listener wants besides the events every listener gets. */
export interface SubscribeOptions {
  /**
   * `frame` events (default true). A listener that ignores them says so with false: when no
   * listener wants frames the taps do not build them at all (issue 6: `proxy -q --record` keeps
   * frames as wire records only). Their sequence numbers are taken either way.
   */
  readonly frames?: boolean;
  /**
   * `message` events (default true). When no listener wants them the taps build none: a
   * recording gets its `message-ref` lines from the tap straight (WireSink.messageRef).
   */
  readonly messages?: boolean;
}

/**
 * Stamps events (connection id, per-connection sequence number, monotonic `t`, `wall`) and fans
 * them out to subscribers. A listener that throws is reported on stderr and kept: one broken
 * consumer must not stop a capture the others are recording.
 */
export class EventHub {
  private readonly listeners = new Set<EngineListener>();
  /** The listeners that want frame events, in subscription order. */
  private readonly frameListeners = new Set<EngineListener>();
  /** The listeners that want message events, in subscription order. */
  private readonly messageListeners = new Set<EngineListener>();
  private readonly seqs = new Map<number, number>();

  constructor(readonly clock: Clock) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EngineListener, options: SubscribeOptions = {}): () => void {
    this.listeners.add(listener);
    if (options.frames !== false) this.frameListeners.add(listener);
    if (options.messages !== false) this.messageListeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.frameListeners.delete(listener);
      this.messageListeners.delete(listener);
    };
  }

  /** Whether any listener wants frame events (the taps skip building them otherwise). */
  get wantsFrames(): boolean {
    return this.frameListeners.size > 0;
  }

  /** Whether any listener wants message events (the taps skip building them otherwise). */
  get wantsMessages(): boolean {
    return this.messageListeners.size > 0;
  }

  /** Reserves `count` consecutive sequence numbers of `conn` and returns the first. */
  reserveSeq(conn: number, count = 1): number {
    const seq = this.seqs.get(conn) ?? 0;
    this.seqs.set(conn, seq + count);
    return seq;
  }

  /** The next sequence number of `conn`, without taking it. */
  peekSeq(conn: number): number {
    return this.seqs.get(conn) ?? 0;
  }

  /** `t` and `wall` for now (or for `t`), rounded as events carry them. */
  stampTime(t = this.clock.now()): { t: number; wall: number } {
    const rounded = roundMs(t);
    return { t: rounded, wall: roundMs(this.clock.anchor + rounded) };
  }

  /** The stamp fields for an event of `conn` at `t` (now when omitted). */
  stamp(conn: number, t = this.clock.now()): { conn: number; seq: number; t: number; wall: number } {
    const rounded = roundMs(t);
    // Built in one literal: events are stamped a million times a second (no spread, no temporary).
    return { conn, seq: this.reserveSeq(conn), t: rounded, wall: roundMs(this.clock.anchor + rounded) };
  }

  /** Stamps and publishes an event. */
  emit<E extends SessionEvent = SessionEvent>(conn: number, fields: EventFields<E>, t?: number): E {
    // Object.assign, not `{ ...stamp, ...fields }`: a spread after a spread takes V8's slow path
    // (~10 µs per event against 0.5 µs, bench/serve). Key order is the same: stamp, then fields.
    const event = Object.assign(this.stamp(conn, t), fields) as unknown as E;
    this.publish(event);
    return event;
  }

  /**
   * Publishes an already stamped event: frames, whose stamps the tap reserves in bulk, and events
   * with lazy payload fields (emit's Object.assign would read them).
   */
  publish(event: SessionEvent): void {
    const listeners =
      event.type === 'frame'
        ? this.frameListeners
        : event.type === 'message'
          ? this.messageListeners
          : this.listeners;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        process.stderr.write(`wstap: an event listener failed: ${(error as Error).message}\n`);
      }
    }
  }
}
