import { describe, expect, it } from 'vitest';
import { findInvalidUtf8, isValidUtf8, Utf8Validator } from './utf8.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('UTF-8 validation', () => {
  it.each([
    ['ASCII', bytes(0x61, 0x62), -1],
    ['2-byte', bytes(0xc3, 0xa9), -1],
    ['3-byte', bytes(0xe2, 0x82, 0xac), -1],
    ['4-byte', bytes(0xf0, 0x9f, 0x98, 0x80), -1],
    ['U+10FFFF', bytes(0xf4, 0x8f, 0xbf, 0xbf), -1],
    ['above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 1],
    ['overlong slash', bytes(0xc0, 0xaf), 0],
    ['overlong 3-byte', bytes(0xe0, 0x80, 0xaf), 1],
    ['surrogate', bytes(0xed, 0xa0, 0x80), 1],
    ['lone continuation', bytes(0x61, 0x80), 1],
    ['0xff', bytes(0xff), 0],
    ['truncated', bytes(0x61, 0xe2, 0x82), 3],
  ])('%s', (_name, input, expected) => {
    expect(findInvalidUtf8(input)).toBe(expected);
    expect(isValidUtf8(input)).toBe(expected === -1);
  });

  it('agrees with a fatal TextDecoder on every 1- and 2-byte input and random longer ones', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        fatal.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) expect(isValidUtf8(bytes(a, b)), `${a} ${b}`).toBe(valid(bytes(a, b)));
    }
    let seed = 42;
    for (let i = 0; i < 20000; i++) {
      const input = Uint8Array.from({ length: 1 + (i % 7) }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
      expect(isValidUtf8(input)).toBe(valid(input));
    }
  });

  it('carries state across pieces split inside a code point', () => {
    const v = new Utf8Validator();
    expect(v.push(bytes(0x61, 0xf0, 0x9f))).toBe(-1);
    expect(v.complete).toBe(false);
    expect(v.push(bytes(0x98, 0x80))).toBe(-1);
    expect(v.complete).toBe(true);
    expect(v.push(bytes(0x62, 0xc3, 0x28), 0)).toBe(2);
    expect(v.failed).toBe(true);
  });
});
