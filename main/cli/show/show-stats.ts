import type { Direction, SessionEvent } from '../../../shared/model/events.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import { rttStats, type RttStats } from '../connect/session-facts.js';

/** What one direction carried. */
export interface DirectionStats {
  readonly messages: { readonly total: number; readonly text: number; readonly binary: number };
  /** Frames in all and by opcode name (`text`, `continuation`, `ping`, `reserved-3`, ...). */
  readonly frames: { readonly total: number; readonly byOpcode: Readonly<Record<string, number>> };
  /** Close, ping and pong frames (and reserved control opcodes). */
  readonly controlFrames: number;
  /** Bytes on the wire: every frame's header and payload, as sent (compressed, masked). */
  readonly wireBytes: number;
  /** Bytes of the data messages' payloads, inflated when they were compressed. */
  readonly payloadBytes: number;
}

/** How one connection ended. */
export interface CloseStats {
  readonly conn: number;
  readonly code: number;
  readonly initiator: 'us' | 'peer' | 'none';
  /** Ms from its `connecting` to its end. */
  readonly durationMs: number;
  readonly explanation: string;
}

/** `wstap show --stats`: a summary of the events a recording holds (after the filters). */
export interface ShowStats {
  readonly events: number;
  /** Connection ids seen, in order. */
  readonly connections: readonly number[];
  /** URLs of the connections (from their `connecting` events), in order, without repeats. */
  readonly urls: readonly string[];
  /** Ms from the first event to the last. */
  readonly durationMs: number;
  readonly in: DirectionStats;
  readonly out: DirectionStats;
  /** Ping round trips (`rtt` events). */
  readonly rtt: RttStats | null;
  readonly closes: readonly CloseStats[];
  /** Protocol violations by code, each counted once (a frame's also shows on its message). */
  readonly violations: Readonly<Record<string, number>>;
}

interface MutableDirection {
  text: number;
  binary: number;
  frames: number;
  byOpcode: Record<string, number>;
  control: number;
  wireBytes: number;
  payloadBytes: number;
}

/** Gathers ShowStats one event at a time, so a recording of any size is summarized while it streams. */
export class StatsCollector {
  private events = 0;
  private firstT: number | null = null;
  private lastT: number | null = null;
  private readonly connections = new Set<number>();
  private readonly urls = new Set<string>();
  private readonly dirs: Record<Direction, MutableDirection> = { in: direction(), out: direction() };
  private readonly rtts: number[] = [];
  private readonly closes: CloseStats[] = [];
  private readonly violations = new Map<string, number>();
  /**
   * Violations already counted on the frames of a message still open, by `conn:dir:index`: the
   * message event repeats them (e.g. INVALID_UTF8), and only what it adds (a failed inflate) counts.
   */
  private readonly onFrames = new Map<string, string[]>();

  /** Takes one event. */
  take(event: SessionEvent): void {
    this.events++;
    this.firstT ??= event.t;
    this.lastT = event.t;
    if (event.conn > 0) this.connections.add(event.conn);
    switch (event.type) {
      case 'connecting':
        this.urls.add(event.url);
        break;
      case 'frame': {
        const d = this.dirs[event.dir];
        d.frames++;
        d.byOpcode[event.opcodeName] = (d.byOpcode[event.opcodeName] ?? 0) + 1;
        // RFC 6455 §5.5: control frames are the opcodes with the high bit set (8-15).
        if (event.opcode >= 8) d.control++;
        d.wireBytes += event.headerLength + event.payloadLength;
        this.count(event.violations);
        if (event.message !== null && event.violations.length > 0) {
          const key = `${event.conn}:${event.dir}:${event.message}`;
          this.onFrames.set(key, [...(this.onFrames.get(key) ?? []), ...event.violations.map(violationKey)]);
        }
        break;
      }
      case 'message': {
        const d = this.dirs[event.dir];
        if (event.opcodeName === 'text') d.text++;
        else d.binary++;
        d.payloadBytes += event.size;
        const key = `${event.conn}:${event.dir}:${event.index}`;
        const seen = this.onFrames.get(key) ?? [];
        this.onFrames.delete(key);
        this.count(
          event.violations.filter((v) => {
            const at = seen.indexOf(violationKey(v));
            if (at < 0) return true;
            seen.splice(at, 1);
            return false;
          }),
        );
        break;
      }
      case 'upgrade-response':
      case 'stream-end':
        this.count(event.violations);
        break;
      case 'rtt':
        this.rtts.push(event.rtt);
        break;
      case 'closed':
        this.closes.push({ conn: event.conn, code: event.code, initiator: event.initiator, durationMs: event.duration, explanation: event.explanation });
        break;
      default:
        break;
    }
  }

  /** The summary of everything taken so far. */
  result(): ShowStats {
    return {
      events: this.events,
      connections: [...this.connections],
      urls: [...this.urls],
      durationMs: this.firstT === null || this.lastT === null ? 0 : round(this.lastT - this.firstT),
      in: freeze(this.dirs.in),
      out: freeze(this.dirs.out),
      rtt: rttStats(this.rtts),
      closes: this.closes,
      violations: Object.fromEntries([...this.violations].sort(([a], [b]) => a.localeCompare(b))),
    };
  }

  private count(violations: readonly Violation[]): void {
    for (const v of violations) this.violations.set(v.code, (this.violations.get(v.code) ?? 0) + 1);
  }
}

function direction(): MutableDirection {
  return { text: 0, binary: 0, frames: 0, byOpcode: {}, control: 0, wireBytes: 0, payloadBytes: 0 };
}

/** Frame opcodes in the order a reader expects them; reserved ones follow. */
const OPCODE_ORDER = ['text', 'binary', 'continuation', 'ping', 'pong', 'close'];

/** Sorts opcode names: data opcodes, then control ones, then reserved ones by number. */
export function byOpcodeOrder(a: string, b: string): number {
  const rank = (name: string): number => {
    const known = OPCODE_ORDER.indexOf(name);
    return known >= 0 ? known : OPCODE_ORDER.length + Number(name.replace(/^reserved-/, ''));
  };
  return rank(a) - rank(b);
}

function freeze(d: MutableDirection): DirectionStats {
  const byOpcode = Object.fromEntries(Object.entries(d.byOpcode).sort(([a], [b]) => byOpcodeOrder(a, b)));
  return {
    messages: { total: d.text + d.binary, text: d.text, binary: d.binary },
    frames: { total: d.frames, byOpcode },
    controlFrames: d.control,
    wireBytes: d.wireBytes,
    payloadBytes: d.payloadBytes,
  };
}

function violationKey(v: Violation): string {
  return `${v.code}\u0000${v.message}`;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
