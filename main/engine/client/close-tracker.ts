import type { CloseFacts, BlamedFrame } from '../../../shared/model/close-explanation.js';
import type { CloseSide, PongEvent, Role } from '../../../shared/model/events.js';
import type { EventHub } from '../event-hub.js';
import { OPCODE, opcodeName } from '../../../shared/protocol/opcodes.js';
import type { FrameFact } from '../tap/frame-fact.js';

/** Pongs kept while their ping may still be reported (see CloseTracker.earlyPongs). */
const MAX_EARLY_PONGS = 16;

/** A ping that was answered. */
export interface RoundTrip {
  readonly payload: Uint8Array;
  readonly rtt: number;
}

/**
 * Gathers, from the frames both ways and the socket's fate, the facts `explainClose` judges, and
 * matches pongs to the pings they answer (RFC 6455 §5.5.3: a pong echoes its ping's payload).
 */
export class CloseTracker {
  reached: CloseFacts['reached'] = 'connecting';
  connectError: CloseFacts['connectError'] = null;
  refused: CloseFacts['refused'] = null;
  handshakeTimeout: number | null = null;
  handshakeError: string | null = null;
  sent: CloseSide | null = null;
  received: CloseSide | null = null;
  tcpEnd: CloseFacts['tcpEnd'] = null;
  ourViolation: BlamedFrame | null = null;
  peerViolation: BlamedFrame | null = null;
  heartbeat: CloseFacts['heartbeat'] = null;
  terminated = false;
  private readonly pings = new Map<string, number>();
  /**
   * Pongs whose ping was not reported yet: the two directions are decoded separately, so on
   * loopback a pong's chunk can be reported before the chunk that carried its ping (by time, the
   * ping went first). Bounded: unsolicited pongs (heartbeats) never find a ping.
   */
  private readonly earlyPongs = new Map<string, number>();
  /** Our last frame; described only when a verdict asks (describing every frame showed in the proxy's profile). */
  private lastSentFact: FrameFact | null = null;

  constructor(private readonly role: Role) {}

  /** Our last frame, for the verdict on a connection that ended without a Close. */
  get lastSent(): BlamedFrame | null {
    const fact = this.lastSentFact;
    return fact === null ? null : { t: fact.t, what: describe(fact) };
  }

  /** Takes the frames of one chunk; returns the round trips their pongs completed. */
  onFrames(facts: readonly FrameFact[]): RoundTrip[] {
    const trips: RoundTrip[] = [];
    for (const fact of facts) {
      const ours = fact.dir === 'out';
      if (ours) this.lastSentFact = fact;
      const broken = fact.violations.find((v) => v.severity === 'error');
      if (broken) {
        const blamed = { t: fact.t, what: `${describe(fact)} (${broken.code})` };
        if (ours) this.ourViolation ??= blamed;
        else this.peerViolation ??= blamed;
      }
      if (fact.opcode === OPCODE.CLOSE && fact.close !== null) {
        const side = { code: fact.close.code, reason: fact.close.reason, t: fact.t };
        if (ours) this.sent ??= side;
        else this.received ??= side;
      } else if (fact.opcode === OPCODE.PING && ours && fact.control) {
        const id = key(fact.control);
        const answeredAt = this.earlyPongs.get(id);
        if (answeredAt !== undefined && answeredAt >= fact.t) {
          this.earlyPongs.delete(id);
          trips.push({ payload: fact.control, rtt: answeredAt - fact.t });
        } else this.pings.set(id, fact.t);
      } else if (fact.opcode === OPCODE.PONG && !ours && fact.control) {
        const id = key(fact.control);
        const sentAt = this.pings.get(id);
        if (sentAt !== undefined) {
          this.pings.delete(id);
          trips.push({ payload: fact.control, rtt: fact.t - sentAt });
        } else {
          if (this.earlyPongs.size >= MAX_EARLY_PONGS)
            this.earlyPongs.delete(this.earlyPongs.keys().next().value!);
          this.earlyPongs.set(id, fact.t);
        }
      }
    }
    return trips;
  }

  /** The socket closed at `t`. */
  onTcpEnd(t: number, by: 'peer' | 'us', error: string | null): void {
    this.tcpEnd ??= { t, by, error };
  }

  /** Everything gathered, for explainClose. */
  facts(): CloseFacts {
    return {
      role: this.role,
      reached: this.reached,
      connectError: this.connectError,
      refused: this.refused,
      handshakeTimeout: this.handshakeTimeout,
      handshakeError: this.handshakeError,
      sent: this.sent,
      received: this.received,
      tcpEnd: this.tcpEnd,
      lastSent: this.lastSent,
      ourViolation: this.ourViolation,
      peerViolation: this.peerViolation,
      heartbeat: this.heartbeat,
      terminated: this.terminated,
    };
  }
}

function key(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

/** "ping", "text frame", "RSV2 text frame", "unmasked binary frame". */
function describe(fact: FrameFact): string {
  const name = opcodeName(fact.opcode);
  const rsv = fact.rsv.map((on, i) => (on ? `RSV${i + 1}` : '')).filter(Boolean);
  const control = fact.opcode >= 8 && fact.opcode <= 10;
  const base = control ? (name === 'close' ? 'Close frame' : name) : `${name} frame`;
  const unmasked = fact.dir === 'out' && !fact.masked ? 'unmasked ' : '';
  return [...rsv, `${unmasked}${base}`].join(' ');
}

/** Publishes the round trips that pongs completed, as `rtt` events of `conn`. */
export function emitRoundTrips(hub: EventHub, conn: number, trips: readonly RoundTrip[]): void {
  for (const trip of trips) {
    hub.emit<PongEvent>(conn, {
      type: 'rtt',
      payload: Buffer.from(trip.payload).toString('utf8'),
      rtt: Math.round(trip.rtt * 1000) / 1000,
    });
  }
}

/**
 * Who ended TCP: whoever sent FIN first; with no FIN either way, an error means the peer reset it.
 * `peerFin`/`ourFin` are when each side's FIN went (null: never).
 */
export function tcpEndedBy(
  peerFin: number | null,
  ourFin: number | null,
  error: string | null,
): 'peer' | 'us' {
  const peerFirst = peerFin !== null && (ourFin === null || peerFin <= ourFin);
  return peerFirst || (ourFin === null && error !== null) ? 'peer' : 'us';
}
