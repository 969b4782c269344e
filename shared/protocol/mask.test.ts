import { describe, expect, it } from 'vitest';
import { maskInto, unmask } from './mask.js';

/** The RFC 6455 §5.3 definition, byte by byte: the reference the fast paths must match. */
function reference(bytes: Uint8Array, key: number, phase: number): Uint8Array {
  const k = [key >>> 24, (key >>> 16) & 0xff, (key >>> 8) & 0xff, key & 0xff];
  return bytes.map((b, i) => b ^ (k[(phase + i) & 3] as number));
}

describe('masking', () => {
  it('matches the RFC definition for every length, phase and alignment', () => {
    const key = 0x37fa213d;
    const source = Uint8Array.from({ length: 300 }, (_, i) => (i * 7 + 3) & 0xff);
    for (let length = 0; length < 200; length += 3) {
      for (let phase = 0; phase < 4; phase++) {
        for (let srcAt = 0; srcAt < 4; srcAt++) {
          for (let dstAt = 0; dstAt < 4; dstAt++) {
            const dst = new Uint8Array(length + 8);
            maskInto(source, srcAt, length, dst, dstAt, key, phase);
            expect(Array.from(dst.subarray(dstAt, dstAt + length))).toEqual(Array.from(reference(source.subarray(srcAt, srcAt + length), key, phase)));
          }
        }
      }
    }
  });

  it('returns the OR of the output bytes, so pure ASCII is known without a second pass', () => {
    const key = 0x01020304;
    for (const length of [5, 70, 300]) {
      const ascii = Uint8Array.from({ length }, (_, i) => 0x20 + (i % 90));
      const masked = reference(ascii, key, 0);
      expect(maskInto(masked, 0, length, new Uint8Array(length), 0, key, 0) & 0x80).toBe(0);
      const accented = ascii.slice();
      accented[length - 1] = 0xc3;
      expect(maskInto(reference(accented, key, 0), 0, length, new Uint8Array(length), 0, key, 0) & 0x80).toBe(0x80);
    }
  });

  it('never touches the source', () => {
    const source = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    const copy = source.slice();
    unmask(source.subarray(3), 0xdeadbeef, 1);
    expect(source).toEqual(copy);
  });
});
