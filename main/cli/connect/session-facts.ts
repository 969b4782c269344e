import type { ClosedEvent, Direction, OpenEvent, SessionEvent, UpgradeRequestEvent, UpgradeResponseEvent } from '../../../shared/model/events.js';
import type { Violation } from '../../../shared/protocol/violations.js';

/** Counts for one direction. */
export interface DirectionCounts {
  messages: number;
  bytes: number;
  frames: number;
}

/**
 * What a `connect` run has seen so far, gathered from the engine's events: the exit code, `/info`
 * and the closing lines are computed from it.
 */
export class SessionFacts {
  /** `t` of the first `connecting`: timestamps are printed relative to it. */
  startT: number | null = null;
  opened = false;
  lastRequest: UpgradeRequestEvent | null = null;
  lastResponse: UpgradeResponseEvent | null = null;
  lastOpen: OpenEvent | null = null;
  lastClosed: ClosedEvent | null = null;
  url: string | null = null;
  attempt = 0;
  /** Error-severity violations in what the peer sent (frames, messages, a cut-short stream, the 101). */
  peerViolations: Violation[] = [];
  readonly rtts: number[] = [];
  readonly counts: Record<Direction, DirectionCounts> = { in: counts(), out: counts() };

  /** Takes one event. */
  take(event: SessionEvent): void {
    switch (event.type) {
      case 'connecting':
        this.startT ??= event.t;
        this.url = event.url;
        this.attempt = event.attempt;
        break;
      case 'upgrade-request':
        this.lastRequest = event;
        break;
      case 'upgrade-response':
        this.lastResponse = event;
        // A refusal (401, 503...) is a failed connect, not a broken protocol: only a 101 is judged.
        if (event.status === 101) this.peerErrors(event.violations);
        break;
      case 'open':
        this.opened = true;
        this.lastOpen = event;
        break;
      case 'frame':
        this.counts[event.dir].frames++;
        if (event.dir === 'in') this.peerErrors(event.violations);
        break;
      case 'message':
        this.counts[event.dir].messages++;
        this.counts[event.dir].bytes += event.size;
        if (event.dir === 'in') this.peerErrors(event.violations);
        break;
      case 'stream-end':
        if (event.dir === 'in') this.peerErrors(event.violations);
        break;
      case 'rtt':
        this.rtts.push(event.rtt);
        break;
      case 'closed':
        this.lastClosed = event;
        break;
      default:
        break;
    }
  }

  /** Milliseconds since the first connect for an event time. */
  since(t: number): number {
    return t - (this.startT ?? t);
  }

  private peerErrors(violations: readonly Violation[]): void {
    for (const v of violations) if (v.severity === 'error') this.peerViolations.push(v);
  }
}

function counts(): DirectionCounts {
  return { messages: 0, bytes: 0, frames: 0 };
}

/** Round-trip statistics in ms. */
export interface RttStats {
  readonly count: number;
  readonly min: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** min / median / p95 / max of round trips, or null without any. */
export function rttStats(rtts: readonly number[]): RttStats | null {
  if (rtts.length === 0) return null;
  const sorted = [...rtts].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return { count: sorted.length, min: sorted[0] as number, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] as number };
}
