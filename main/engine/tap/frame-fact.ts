import type { Direction } from '../../../shared/model/events.js';
import type { CloseBody, Frame } from '../../../shared/protocol/frame.js';
import { isControlOpcode } from '../../../shared/protocol/opcodes.js';
import type { Violation } from '../../../shared/protocol/violations.js';

/** What the connection logic needs to know about a frame (heartbeats, close tracking, verdicts). */
export interface FrameFact {
  readonly dir: Direction;
  readonly t: number;
  readonly opcode: number;
  readonly fin: boolean;
  readonly rsv: readonly [boolean, boolean, boolean];
  readonly masked: boolean;
  readonly payloadLength: number;
  /** A copy of a control frame's payload (≤ 125 bytes when legal); null for data frames. */
  readonly control: Uint8Array | null;
  readonly close: CloseBody | null;
  readonly violations: readonly Violation[];
}

/** The eight RSV combinations, shared: a fact per frame allocates no array for them. */
const RSV: readonly (readonly [boolean, boolean, boolean])[] = Array.from({ length: 8 }, (_, bits) =>
  Object.freeze([(bits & 4) !== 0, (bits & 2) !== 0, (bits & 1) !== 0] as const),
);

/** The fact of a frame that crossed in `dir` at `t`. */
export function frameFact(frame: Frame, dir: Direction, t: number): FrameFact {
  const control = isControlOpcode(frame.opcode);
  return {
    dir,
    t,
    opcode: frame.opcode,
    fin: frame.fin,
    rsv: RSV[(frame.rsv1 ? 4 : 0) | (frame.rsv2 ? 2 : 0) | (frame.rsv3 ? 1 : 0)] as FrameFact['rsv'],
    masked: frame.masked,
    payloadLength: frame.payloadLength,
    control: control && frame.payload ? frame.payload.slice() : null,
    close: frame.close,
    violations: frame.violations,
  };
}
