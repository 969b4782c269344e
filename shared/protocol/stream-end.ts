import type { LengthBits, StreamEnd } from './frame.js';
import { violation, type Violation } from './violations.js';

/** Where a FrameDecoder stood when its stream ended. */
export interface EndPoint {
  /** Inside a frame's payload (`frame` is that frame), or `headerFill` bytes into a header. */
  readonly frame: {
    readonly index: number;
    readonly offset: number;
    readonly b0: number;
    readonly masked: boolean;
    readonly length: number;
    readonly lengthBits: LengthBits;
    readonly received: number;
  } | null;
  readonly headerFill: number;
  /** Between frames, reading headers (not inside one, and not stopped). */
  readonly atFrameBoundary: boolean;
  readonly frameCount: number;
  readonly unfinished: {
    readonly index: number;
    readonly firstFrame: number;
    readonly frames: number;
  } | null;
}

/** What a stream that ended at `at` left cut short: the frame, the header, or the message. */
export function streamEnd(at: EndPoint, totals: Omit<StreamEnd, 'partialFrame' | 'violations'>): StreamEnd {
  const violations: Violation[] = [];
  const { frame, headerFill, atFrameBoundary, frameCount, unfinished } = at;
  const partialFrame: StreamEnd['partialFrame'] =
    frame === null
      ? null
      : {
          index: frame.index,
          offset: frame.offset,
          opcode: frame.b0 & 0x0f,
          fin: (frame.b0 & 0x80) !== 0,
          masked: frame.masked,
          payloadLength: frame.length,
          lengthBits: frame.lengthBits,
          received: frame.received,
        };
  if (frame !== null) {
    violations.push(
      violation(
        'TRUNCATED_FRAME',
        `frame #${frame.index} at offset ${frame.offset} declares ${frame.length} payload bytes; the stream ended after ${frame.received}`,
      ),
    );
  } else if (headerFill > 0) {
    violations.push(
      violation(
        'TRUNCATED_FRAME',
        `the stream ended ${headerFill} bytes into the header of frame #${frameCount}`,
      ),
    );
  }
  // A frame cut short already explains an unfinished message; report one only at a frame boundary.
  if (unfinished !== null && atFrameBoundary) {
    violations.push(
      violation(
        'UNFINISHED_MESSAGE',
        `message #${unfinished.index} got ${unfinished.frames} frames from frame #${unfinished.firstFrame} but no final one`,
      ),
    );
  }
  return { ...totals, partialFrame, violations };
}
