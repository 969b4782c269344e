/** Arithmetic on a frame header's bytes, for the decoder's hot path (plain functions V8 inlines). */
import type { LengthBits } from './frame.js';

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
