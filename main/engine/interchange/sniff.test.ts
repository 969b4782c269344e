import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sniffKind } from './sniff.js';

const head = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('latin1');

describe('sniffKind', () => {
  it('tells the kinds apart from the first bytes, whatever the name', () => {
    expect(sniffKind(head('{"format":"wstap-recording","version":1}\n'))).toBe('wstap-recording');
    expect(sniffKind(head('\uFEFF{\n  "log": {\n    "version": "1.2",'))).toBe('har');
    expect(sniffKind(head('2440:4:type;4:http;'))).toBe('mitmproxy-flows');
    expect(sniffKind(head(deflateSync('{"log":{}}', { level: 9 })))).toBe('zlib');
    expect(sniffKind(head(deflateSync('{"log":{}}', { level: 1 })))).toBe('zlib');
    expect(sniffKind(head('PK\x03\x04\x14\x00'))).toBe('zip');
    for (const other of ['', 'hello', '{"conn":1}', 'x y', '[1,2]'])
      expect([other, sniffKind(head(other))]).toEqual([other, 'unknown']);
  });
});
