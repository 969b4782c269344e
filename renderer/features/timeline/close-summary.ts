/** A finished connection's close, as the timeline lists it: who, which codes (and what they mean), how long, how TCP ended. */
import { ms } from '../../../shared/model/close-explanation.js';
import type { CloseSide, ClosedEvent, Role } from '../../../shared/model/events.js';
import { closeCodeInfo } from '../../../shared/protocol/close-codes.js';

/** One side's Close frame in words. */
export interface CloseSideView {
  readonly code: string;
  readonly meaning: string;
  /** The reason as sent (quoted by the component), '' for none. */
  readonly reason: string;
}

/** The rows of the close panel. */
export interface CloseSummary {
  readonly initiator: string;
  readonly sent: CloseSideView | null;
  readonly received: CloseSideView | null;
  readonly code: string;
  readonly handshake: string;
  readonly tcp: string;
  readonly explanation: string;
  readonly traffic: string;
}

function side(s: CloseSide | null): CloseSideView | null {
  if (s === null) return null;
  if (s.code === null) return { code: 'no code (empty Close)', meaning: 'an empty Close frame: the application sees 1005', reason: s.reason };
  const info = closeCodeInfo(s.code);
  return { code: `${s.code} ${info.name}`, meaning: info.meaning, reason: s.reason };
}

/** Builds the close panel's rows; `role` names the peer ("the server" for a client). */
export function closeSummary(closed: ClosedEvent, role: Role): CloseSummary {
  const peer = role === 'client' ? 'the server' : 'the client';
  const initiator =
    closed.initiator === 'us' ? 'we closed first (wstap)' : closed.initiator === 'peer' ? `${peer} closed first` : 'nobody sent a Close frame';
  const info = closeCodeInfo(closed.code);
  return {
    initiator,
    sent: side(closed.sent),
    received: side(closed.received),
    code: `${closed.code} ${info.name}`,
    handshake: closed.handshakeMs === null ? 'no close handshake' : `${ms(closed.handshakeMs)} from the first Close to TCP closed`,
    tcp: closed.tcpClean ? 'closed cleanly (FIN both ways)' : 'not clean (reset, error or cut)',
    explanation: closed.explanation,
    traffic: `${closed.framesOut} frames / ${closed.bytesOut} B out · ${closed.framesIn} frames / ${closed.bytesIn} B in · open ${ms(closed.duration)}`,
  };
}
