/** Arithmetic on a frame header's bytes, for the decoder's hot path (plain functions V8 inlines). */
import type { LengthBits } from './frame.js';
import { violation, type Violation } from './violations.js';

/** Header bytes implied by the second header byte: 2, plus 2 or 8 for extended lengths, plus 4 for a mask. */
export function headerSize(b1: number): number {
  const len7 = b1 & 0x7f;
  return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (b1 & 0x80 ? 4 : 0);
}

/** A big-endian unsigned 32-bit number at `at`. */
export function readU32(src: Uint8Array, at: number): number {
  return (
    (((src[at] as number) << 24) |
      ((src[at + 1] as number) << 16) |
      ((src[at + 2] as number) << 8) |
      (src[at + 3] as number)) >>>
    0
  );
}

/** Whether a length is written in the fewest bytes its encoding allows (RFC 6455 §5.2). */
export function isMinimal(length: number, bits: LengthBits): boolean {
  return bits === 7 || (bits === 16 ? length >= 126 : length > 0xffff);
}

/** Why a 64-bit length cannot be framed (RFC 6455 §5.2: the MSB must be 0; beyond 2^53 JS cannot count). */
export function unframeableLength(
  hi: number,
  lo: number,
): { readonly reason: string; readonly broken: Violation } {
  if (hi >= 0x8000_0000) {
    const field = `${hi.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}`;
    return {
      reason: 'the 64-bit length has its most significant bit set',
      broken: violation('LENGTH_MSB_SET', `length field 0x${field}`),
    };
  }
  return {
    reason: 'the 64-bit length exceeds 2^53-1 bytes',
    broken: violation('PAYLOAD_TOO_BIG', `${hi * 0x1_0000_0000 + lo} bytes cannot be represented`),
  };
}
