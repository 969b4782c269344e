import { describe, expect, it } from 'vitest';
import { hexDumpRows } from './hex-dump.js';

describe('hexDumpRows', () => {
  it('lays out offsets, hex with a gap after 8 bytes, and printable ASCII', () => {
    const rows = hexDumpRows(new TextEncoder().encode('Hello, WebSocket\x00\x01!'));
    expect(rows).toEqual([
      {
        offset: '00000000',
        hex: '48 65 6c 6c 6f 2c 20 57  65 62 53 6f 63 6b 65 74',
        ascii: 'Hello, WebSocket',
      },
      { offset: '00000010', hex: '00 01 21', ascii: '..!' },
    ]);
  });

  it('stops at the byte cap', () => {
    expect(hexDumpRows(new Uint8Array(100), 32)).toHaveLength(2);
  });
});
