import { describe, expect, it } from 'vitest';
import { maskInto, maskIntoWords, unmask } from './mask.js';

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

  it('one-pass word unmasking matches the RFC for every length, phase and alignment', () => {
    const key = 0x9acb0442;
    const backing = new Uint8Array(400);
    const source = Uint8Array.from({ length: 300 }, (_, i) => (i * 13 + 5) & 0xff);
    for (let length = 0; length < 120; length += 5) {
      for (let phase = 0; phase < 4; phase++) {
        for (let srcAt = 0; srcAt < 4; srcAt++) {
          for (let dstAbs = 0; dstAbs < 4; dstAbs++) {
            const src = source.subarray(1);
            const dst = backing.subarray(dstAbs, dstAbs + 200);
            backing.fill(0);
            const view = new DataView(src.buffer, src.byteOffset, src.length);
            const all = maskIntoWords(view, src, srcAt, length, dst, new Int32Array(backing.buffer), dstAbs, 0, key, phase);
            const want = reference(src.subarray(srcAt, srcAt + length), key, phase);
            expect(Array.from(dst.subarray(0, length))).toEqual(Array.from(want));
            expect(all & 0x80).toBe(want.some((b) => b & 0x80) ? 0x80 : 0);
            expect(backing[dstAbs + length] ?? 0).toBe(0);
          }
        }
      }
    }
  });

  it('never touches the source', () => {
    const source = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    const copy = source.slice();
    unmask(source.subarray(3), 0xdeadbeef, 1);
    expect(source).toEqual(copy);
  });
});
