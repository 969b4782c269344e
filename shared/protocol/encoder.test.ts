import { describe, expect, it } from 'vitest';
import { toHex } from './base64.js';
import { encodeFrame, evenSizes, fragmentMessage } from './encoder.js';

describe('encodeFrame', () => {
  it('builds the RFC 6455 §5.7 examples byte for byte', () => {
    expect(toHex(encodeFrame({ opcode: 1, payload: 'Hello' }))).toBe('810548656c6c6f');
    expect(toHex(encodeFrame({ opcode: 1, payload: 'Hello', mask: Uint8Array.of(0x37, 0xfa, 0x21, 0x3d) }))).toBe('818537fa213d7f9f4d5158');
    expect(toHex(encodeFrame({ opcode: 1, payload: 'Hel', fin: false }))).toBe('010348656c');
    expect(toHex(encodeFrame({ opcode: 9, payload: 'Hello' }))).toBe('890548656c6c6f');
    expect(toHex(encodeFrame({ opcode: 2, payload: new Uint8Array(256) }).subarray(0, 4))).toBe('827e0100');
    expect(toHex(encodeFrame({ opcode: 2, payload: new Uint8Array(65536) }).subarray(0, 10))).toBe('827f0000000000010000');
  });

  it('writes what it is told, valid or not', () => {
    expect(toHex(encodeFrame({ opcode: 3, rsv1: true, rsv2: true, rsv3: true, fin: false }))).toBe('7300');
    expect(toHex(encodeFrame({ opcode: 2, payload: 'ab', lengthBits: 64 }))).toBe('827f00000000000000026162');
    expect(toHex(encodeFrame({ opcode: 2, payload: 'ab', declaredLength: 1000 }))).toBe('827e03e86162');
    expect(toHex(encodeFrame({ opcode: 2, declaredLength: 2n ** 63n }))).toBe('827f8000000000000000');
  });

  it('picks a random mask key when asked', () => {
    const keys = new Set(Array.from({ length: 20 }, () => toHex(encodeFrame({ opcode: 1, mask: true }).subarray(2, 6))));
    expect(keys.size).toBeGreaterThan(1);
  });

  it('refuses lengths a forced encoding cannot hold', () => {
    expect(() => encodeFrame({ opcode: 2, payload: new Uint8Array(126), lengthBits: 7 })).toThrow(/7-bit/);
    expect(() => encodeFrame({ opcode: 2, payload: new Uint8Array(65536), lengthBits: 16 })).toThrow(/16-bit/);
  });
});

describe('fragmentMessage', () => {
  it('keeps the opcode and RSV1 on the first frame and FIN on the last', () => {
    const frames = fragmentMessage({ opcode: 1, payload: 'abcdef', rsv1: true }, evenSizes(6, 4));
    expect(frames.map((f) => [f.opcode, f.fin, f.rsv1, (f.payload as Uint8Array).length])).toEqual([
      [1, false, true, 2],
      [0, false, false, 2],
      [0, false, false, 1],
      [0, true, false, 1],
    ]);
  });

  it('rejects sizes that do not add up', () => {
    expect(() => fragmentMessage({ opcode: 1, payload: 'abc' }, [1, 1])).toThrow(/adding up/);
  });
});
