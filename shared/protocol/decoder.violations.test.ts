import { describe, expect, it } from 'vitest';
import { codesByFrame, decodeEveryWay } from './chunkings.test-util.js';
import { encodeCloseBody } from './close-body.js';
import { encodeFrame, encodeFrames, fragmentMessage, type FrameSpec } from './encoder.js';
import { OPCODE } from './opcodes.js';
import { VIOLATION_RULES, type ViolationCode } from './violations.js';

const M = 0x11223344;
const after = { opcode: OPCODE.TEXT, payload: 'next', mask: M } as const;

interface Case {
  readonly name: string;
  readonly specs: readonly FrameSpec[];
  readonly sender?: 'client' | 'server';
  readonly options?: { perMessageDeflate?: boolean; maxPayload?: number; maxMessageSize?: number; maxFragments?: number };
  readonly expected: readonly (readonly ViolationCode[])[];
}

// Each case ends with a valid frame where the bytes still frame: the decoder must keep going.
const cases: Case[] = [
  { name: 'RSV1 without permessage-deflate', specs: [{ opcode: 1, payload: 'x', rsv1: true, mask: M }, after], expected: [['RSV_NOT_NEGOTIATED'], []] },
  { name: 'RSV2', specs: [{ opcode: 2, rsv2: true, mask: M }, after], expected: [['RSV_NOT_NEGOTIATED'], []] },
  { name: 'RSV3', specs: [{ opcode: 2, rsv3: true, mask: M }, after], expected: [['RSV_NOT_NEGOTIATED'], []] },
  { name: 'RSV1 on a control frame', specs: [{ opcode: 9, rsv1: true, mask: M }, after], options: { perMessageDeflate: true }, expected: [['RSV1_ON_CONTROL_FRAME'], []] },
  {
    name: 'RSV1 on a continuation',
    specs: [{ opcode: 2, fin: false, rsv1: true, payload: 'a', mask: M }, { opcode: 0, rsv1: true, payload: 'b', mask: M }, after],
    options: { perMessageDeflate: true },
    expected: [[], ['RSV1_ON_CONTINUATION'], []],
  },
  ...[3, 4, 5, 6, 7, 11, 12, 13, 14, 15].map((op): Case => ({
    name: `reserved opcode ${op}`,
    specs: [{ opcode: op, payload: 'r', mask: M }, after],
    expected: [['RESERVED_OPCODE'], []],
  })),
  { name: 'unmasked client frame', specs: [{ opcode: 1, payload: 'x' }, after], expected: [['UNMASKED_CLIENT_FRAME'], []] },
  { name: 'masked server frame', sender: 'server', specs: [{ opcode: 1, payload: 'x', mask: M }, { opcode: 1, payload: 'ok' }], expected: [['MASKED_SERVER_FRAME'], []] },
  { name: '126-byte ping', specs: [{ opcode: 9, payload: new Uint8Array(126), mask: M }, after], expected: [['CONTROL_PAYLOAD_TOO_LONG'], []] },
  { name: 'fragmented ping', specs: [{ opcode: 9, fin: false, mask: M }, after], expected: [['FRAGMENTED_CONTROL_FRAME'], []] },
  { name: 'continuation with nothing to continue', specs: [{ opcode: 0, payload: 'x', mask: M }, after], expected: [['UNEXPECTED_CONTINUATION'], []] },
  {
    name: 'new data frame inside a fragmented message',
    specs: [{ opcode: 1, fin: false, payload: 'a', mask: M }, { opcode: 2, payload: 'b', mask: M }, after],
    expected: [[], ['EXPECTED_CONTINUATION'], []],
  },
  { name: 'invalid UTF-8 in text', specs: [{ opcode: 1, payload: Uint8Array.of(0x61, 0xff, 0x62), mask: M }, after], expected: [['INVALID_UTF8'], []] },
  {
    name: 'invalid UTF-8 in the second fragment',
    specs: [...fragmentMessage({ opcode: 1, payload: Uint8Array.of(0x61, 0xe2, 0x82, 0x28, 0x62), mask: M }, [2, 3]), after],
    expected: [[], ['INVALID_UTF8'], []],
  },
  { name: 'text ending inside a code point', specs: [{ opcode: 1, payload: Uint8Array.of(0x61, 0xe2, 0x82), mask: M }, after], expected: [['INVALID_UTF8'], []] },
  { name: 'surrogate half in text', specs: [{ opcode: 1, payload: Uint8Array.of(0xed, 0xa0, 0x80), mask: M }, after], expected: [['INVALID_UTF8'], []] },
  { name: 'overlong encoding in text', specs: [{ opcode: 1, payload: Uint8Array.of(0xc0, 0xaf), mask: M }, after], expected: [['INVALID_UTF8'], []] },
  { name: 'invalid UTF-8 in a close reason', specs: [{ opcode: 8, payload: encodeCloseBody(1000, Uint8Array.of(0xff)), mask: M }], expected: [['INVALID_CLOSE_REASON_UTF8']] },
  { name: '1-byte close payload', specs: [{ opcode: 8, payload: Uint8Array.of(3), mask: M }], expected: [['CLOSE_PAYLOAD_ONE_BYTE']] },
  ...[0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535].map((code): Case => ({
    name: `close code ${code}`,
    specs: [{ opcode: 8, payload: encodeCloseBody(code), mask: M }],
    expected: [['INVALID_CLOSE_CODE']],
  })),
  {
    name: 'frame over the payload limit is skipped, not kept',
    specs: [{ opcode: 2, payload: new Uint8Array(11), mask: M }, after],
    options: { maxPayload: 10 },
    expected: [['PAYLOAD_TOO_BIG'], []],
  },
  {
    name: 'message over the size limit',
    specs: [...fragmentMessage({ opcode: 2, payload: new Uint8Array(12), mask: M }, [6, 6]), after],
    options: { maxMessageSize: 10 },
    expected: [[], ['MESSAGE_TOO_BIG'], []],
  },
  {
    name: 'too many fragments',
    specs: [...fragmentMessage({ opcode: 2, payload: new Uint8Array(4), mask: M }, [1, 1, 1, 1]), after],
    options: { maxFragments: 3 },
    expected: [[], [], [], ['TOO_MANY_FRAGMENTS'], []],
  },
  { name: 'data after Close', specs: [{ opcode: 8, payload: encodeCloseBody(1000), mask: M }, after], expected: [[], ['DATA_AFTER_CLOSE']] },
  { name: '16-bit length for 5 bytes', specs: [{ opcode: 2, payload: 'abcde', lengthBits: 16, mask: M }, after], expected: [['NON_MINIMAL_LENGTH'], []] },
  { name: '64-bit length for 200 bytes', specs: [{ opcode: 2, payload: new Uint8Array(200), lengthBits: 64, mask: M }, after], expected: [['NON_MINIMAL_LENGTH'], []] },
];

describe('FrameDecoder: every RFC 6455 receiver rule, identical under every chunking', () => {
  for (const c of cases) {
    it(c.name, () => {
      const decoded = decodeEveryWay(encodeFrames(c.specs), { sender: c.sender ?? 'client', ...c.options });
      expect(codesByFrame(decoded)).toEqual(c.expected);
      for (const v of decoded.frames.flatMap((f) => f.violations)) {
        const rule = VIOLATION_RULES[v.code as ViolationCode];
        expect(v).toMatchObject({ closeCode: rule.closeCode, rfc: rule.rfc, severity: rule.severity });
        expect(v.message.startsWith(rule.summary)).toBe(true);
      }
    });
  }

  it('names the first invalid byte and its offset in the message', () => {
    const specs = fragmentMessage({ opcode: 1, payload: Uint8Array.of(0x61, 0x62, 0x63, 0xc3, 0x28), mask: M }, [4, 1]);
    const v = decodeEveryWay(encodeFrames(specs), { sender: 'client' }).frames[1]!.violations[0]!;
    expect(v.message).toBe('text message is not valid UTF-8: byte 0x28 at offset 0 of the frame (message offset 4)');
    expect(v.closeCode).toBe(1007);
  });

  it('keeps the close code a strict peer sends on each violation', () => {
    const decoded = decodeEveryWay(encodeFrames([{ opcode: 2, payload: new Uint8Array(11), mask: M }]), { sender: 'client', maxPayload: 10 });
    expect(decoded.frames[0]!.violations[0]).toMatchObject({ closeCode: 1009, rfc: 'RFC 6455 §7.4.1' });
    expect(decoded.frames[0]!.payload).toBeNull();
  });

  it('stops at a 64-bit length with the most significant bit set, and says so', () => {
    const bytes = encodeFrames([after, { opcode: 2, declaredLength: 2n ** 63n, mask: M }, after]);
    const decoded = decodeEveryWay(bytes, { sender: 'client' });
    expect(codesByFrame(decoded)).toEqual([[], ['LENGTH_MSB_SET']]);
    expect(decoded.frames[1]!.violations[0]!.message).toContain('0x8000000000000000');
    expect(decoded.end.stoppedAt).toEqual({ offset: encodeFrame(after).length + 14, reason: expect.stringContaining('cannot be framed') });
  });

  it('reports a stream that ends mid-payload, mid-header and mid-message', () => {
    const cut = encodeFrame({ opcode: 2, payload: new Uint8Array(300), mask: M }).subarray(0, 50);
    expect(decodeEveryWay(cut, { sender: 'client' }).end).toMatchObject({
      frames: 0,
      partialFrame: { index: 0, offset: 0, payloadLength: 300, lengthBits: 16, received: 42 },
      violations: [expect.objectContaining({ code: 'TRUNCATED_FRAME', closeCode: 1006 })],
    });
    const midHeader = encodeFrame({ opcode: 2, payload: new Uint8Array(300), mask: M }).subarray(0, 3);
    expect(decodeEveryWay(midHeader, { sender: 'client' }).end.violations[0]!.message).toContain('3 bytes into the header');
    const unfinished = encodeFrame({ opcode: 1, fin: false, payload: 'a', mask: M });
    expect(decodeEveryWay(unfinished, { sender: 'client' }).end.violations.map((v) => v.code)).toEqual(['UNFINISHED_MESSAGE']);
  });
});
