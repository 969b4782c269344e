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

  it('never touches the source', () => {
    const source = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    const copy = source.slice();
    unmask(source.subarray(3), 0xdeadbeef, 1);
    expect(source).toEqual(copy);
  });
});
