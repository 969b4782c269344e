import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../shared/protocol/base64.js';
import { useNativeCodecs } from './native-codecs.js';

describe('native codecs', () => {
  it('base64 is the same text as the portable encoder, for every length and views into larger buffers', () => {
    const portable = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
    useNativeCodecs();
    const backing = Uint8Array.from({ length: 700 }, (_, i) => (i * 151 + 7) & 0xff);
    for (let length = 0; length < 600; length += length < 10 ? 1 : 37) {
      const view = backing.subarray(5, 5 + length);
      expect(toBase64(view)).toBe(portable(view));
    }
  });
});
