/** A script's hand-made frame (types/script.d.ts `RawFrame`) as the encoder's FrameSpec. */
import type { RawFrame } from '../../../../types/script.js';
import type { FrameSpec } from '../../../../shared/protocol/encoder.js';
import { OPCODE } from '../../../../shared/protocol/opcodes.js';
import { ScriptFailure } from './failures.js';

const NAMED: Readonly<Record<string, number>> = {
  continuation: OPCODE.CONTINUATION,
  text: OPCODE.TEXT,
  binary: OPCODE.BINARY,
  close: OPCODE.CLOSE,
  ping: OPCODE.PING,
  pong: OPCODE.PONG,
};

/** Checks and converts one frame; a client's frames are masked unless `mask: false`. */
export function frameSpec(frame: RawFrame, stack: string | undefined): FrameSpec {
  const opcode = typeof frame.opcode === 'string' ? NAMED[frame.opcode] : frame.opcode;
  if (opcode === undefined || !Number.isInteger(opcode) || opcode < 0 || opcode > 15) {
    throw new ScriptFailure(
      'error',
      `sendFrames: opcode ${JSON.stringify(frame.opcode)} is not 0-15 or one of ${Object.keys(NAMED).join(', ')}`,
      stack,
    );
  }
  const lengthBits = frame.lengthBits;
  if (
    lengthBits !== undefined &&
    lengthBits !== 'minimal' &&
    lengthBits !== 7 &&
    lengthBits !== 16 &&
    lengthBits !== 64
  ) {
    throw new ScriptFailure(
      'error',
      `sendFrames: lengthBits must be 'minimal', 7, 16 or 64 (got ${JSON.stringify(lengthBits)})`,
      stack,
    );
  }
  return { ...frame, opcode, mask: frame.mask ?? true, lengthBits };
}
