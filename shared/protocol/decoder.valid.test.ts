import { describe, expect, it } from 'vitest';
import { codesByFrame, decodeEveryWay } from './chunkings.test-util.js';
import { FrameDecoder } from './decoder.js';
import { encodeCloseBody } from './close-body.js';
import { encodeFrame, encodeFrames, fragmentMessage } from './encoder.js';
import { OPCODE } from './opcodes.js';
import type { Frame } from './frame.js';

const KEY = 0x3f9a12c0;
const text = (s: string) => new TextEncoder().encode(s);
const patterned = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);

describe('FrameDecoder: valid edge cases, identical under every chunking', () => {
  for (const length of [0, 1, 125, 126, 127, 65535, 65536]) {
    for (const sender of ['client', 'server'] as const) {
      it(`${length}-byte binary frame from the ${sender}`, () => {
        const payload = patterned(length);
        const masked = sender === 'client';
        const bytes = encodeFrame({ opcode: OPCODE.BINARY, payload, mask: masked ? KEY : false });
        const { frames, messages } = decodeEveryWay(bytes, { sender });
        expect(frames).toHaveLength(1);
        const f = frames[0]!;
        expect(f).toMatchObject({ fin: true, opcode: 2, masked, payloadLength: length, lengthMinimal: true, offset: 0 });
        expect(f.lengthBits).toBe(length <= 125 ? 7 : length <= 65535 ? 16 : 64);
        expect(f.headerLength).toBe(2 + (f.lengthBits === 16 ? 2 : f.lengthBits === 64 ? 8 : 0) + (masked ? 4 : 0));
        expect(f.maskKey).toBe(masked ? KEY : null);
        expect(f.violations).toEqual([]);
        expect(Array.from(f.payload!)).toEqual(Array.from(payload));
        expect(Array.from(messages[0]!.payload!)).toEqual(Array.from(payload));
      });
    }
  }

  it('reports a 2^32-byte frame in headers-only mode without holding it', () => {
    const header = encodeFrame({ opcode: OPCODE.BINARY, declaredLength: 2 ** 32, mask: KEY });
    const zeros = new Uint8Array(1 << 20);
    const frames: Frame[] = [];
    const decoder = new FrameDecoder({ sender: 'client', headersOnly: true, maxPayload: 2 ** 33, maxMessageSize: 2 ** 33, onFrame: (f) => frames.push(f) });
    for (const b of header) decoder.push(Uint8Array.of(b)); // the header byte by byte
    for (let i = 0; i < 4096; i++) decoder.push(zeros);
    expect(frames).toEqual([expect.objectContaining({ payloadLength: 2 ** 32, lengthBits: 64, payload: null, violations: [] })]);
    expect(decoder.end()).toMatchObject({ bytes: header.length + 2 ** 32, frames: 1, messages: 1, violations: [] });
  });

  it('reassembles text split inside a code point, with a ping between the fragments', () => {
    const euro = text('price: 5€ ok'); // € is e2 82 ac at bytes 8..10
    const [a, b] = fragmentMessage({ opcode: OPCODE.TEXT, payload: euro, mask: true }, [9, euro.length - 9]);
    const bytes = encodeFrames([a!, { opcode: OPCODE.PING, payload: 'hb', mask: true }, b!]);
    const decoded = decodeEveryWay(bytes, { sender: 'client' });
    expect(codesByFrame(decoded)).toEqual([[], [], []]);
    expect(decoded.frames.map((f) => [f.opcode, f.fin, f.message])).toEqual([[1, false, 0], [9, true, null], [0, true, 0]]);
    expect(new TextDecoder().decode(decoded.messages[0]!.payload!)).toBe('price: 5€ ok');
    expect(decoded.messages[0]).toMatchObject({ frameCount: 2, firstFrame: 0, wireLength: euro.length });
  });

  it('parses an empty Close, a code-only Close and a 123-byte reason', () => {
    const reason = 'r'.repeat(123);
    const bytes = encodeFrames([
      { opcode: OPCODE.CLOSE, mask: false },
      { opcode: OPCODE.CLOSE, payload: encodeCloseBody(1001), mask: false },
      { opcode: OPCODE.CLOSE, payload: encodeCloseBody(4000, reason), mask: false },
    ]);
    const decoded = decodeEveryWay(bytes, { sender: 'server' });
    expect(decoded.frames.map((f) => f.close)).toEqual([
      { code: null, reason: '' },
      { code: 1001, reason: '' },
      { code: 4000, reason },
    ]);
    expect(decoded.frames[2]!.payloadLength).toBe(125);
    // Only the frames after the first Close break the rules.
    expect(codesByFrame(decoded)).toEqual([[], ['DATA_AFTER_CLOSE'], ['DATA_AFTER_CLOSE']]);
  });

  it('accepts every close code allowed on the wire', () => {
    for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999]) {
      const decoded = decodeEveryWay(encodeFrame({ opcode: OPCODE.CLOSE, payload: encodeCloseBody(code, 'bye'), mask: 1 }), { sender: 'client' });
      expect(decoded.frames[0]!.violations, String(code)).toEqual([]);
    }
  });

  it('keeps offsets and indexes across a long mixed stream', () => {
    const specs = [
      { opcode: OPCODE.TEXT, payload: 'a', mask: 1 },
      { opcode: OPCODE.BINARY, payload: patterned(300), mask: 2 },
      { opcode: OPCODE.PONG, payload: '', mask: 3 },
      { opcode: OPCODE.TEXT, payload: patterned(70000).map((b) => 0x20 + (b % 90)), mask: 4 },
    ];
    const decoded = decodeEveryWay(encodeFrames(specs), { sender: 'client' });
    const sizes = specs.map((s) => encodeFrame(s).length);
    expect(decoded.frames.map((f) => f.offset)).toEqual([0, sizes[0], sizes[0]! + sizes[1]!, sizes[0]! + sizes[1]! + sizes[2]!]);
    expect(decoded.frames.map((f) => f.index)).toEqual([0, 1, 2, 3]);
    expect(decoded.messages.map((m) => m.index)).toEqual([0, 1, 2]);
    expect(decoded.end).toMatchObject({ frames: 4, messages: 3, violations: [], stoppedAt: null });
  });

  it('marks compressed messages when permessage-deflate was negotiated', () => {
    const bytes = encodeFrames(fragmentMessage({ opcode: OPCODE.TEXT, payload: patterned(20), rsv1: true, mask: 9 }, [10, 10]));
    const decoded = decodeEveryWay(bytes, { sender: 'client', perMessageDeflate: true });
    expect(decoded.frames.map((f) => [f.rsv1, f.compressed])).toEqual([[true, true], [false, true]]);
    // Compressed bytes are not UTF-8: validation waits for inflation.
    expect(codesByFrame(decoded)).toEqual([[], []]);
    expect(decoded.messages[0]).toMatchObject({ compressed: true, wireLength: 20 });
  });

  it('never mutates its input', () => {
    const bytes = encodeFrames([
      { opcode: OPCODE.TEXT, payload: 'masked text', mask: KEY },
      { opcode: OPCODE.BINARY, payload: patterned(5000), mask: KEY },
    ]);
    const copy = bytes.slice();
    decodeEveryWay(bytes, { sender: 'client' });
    expect(bytes).toEqual(copy);
  });

  it('in headers-only mode reports every header field and keeps close codes', () => {
    const bytes = encodeFrames([
      { opcode: OPCODE.TEXT, payload: 'abc', mask: KEY },
      { opcode: OPCODE.CLOSE, payload: encodeCloseBody(1000, 'done'), mask: KEY },
    ]);
    const decoded = decodeEveryWay(bytes, { sender: 'client', headersOnly: true });
    expect(decoded.frames[0]).toMatchObject({ payload: null, payloadLength: 3, maskKey: KEY, headerLength: 6 });
    expect(decoded.frames[1]!.close).toEqual({ code: 1000, reason: 'done' });
    expect(decoded.messages[0]).toMatchObject({ payload: null, wireLength: 3 });
  });
});

describe('resuming at a position', () => {
  it('a decoder started at another one’s position numbers what follows the same way', () => {
    const first = encodeFrames([
      { opcode: OPCODE.TEXT, payload: 'one', mask: 1 },
      { opcode: OPCODE.TEXT, payload: 'tw', fin: false, mask: 2 },
    ]);
    const middle = encodeFrame({ opcode: OPCODE.CONTINUATION, payload: 'o', mask: 3 });
    const rest = encodeFrames([
      { opcode: OPCODE.BINARY, payload: 'three', mask: 4 },
      { opcode: OPCODE.CLOSE, payload: Uint8Array.of(3, 232), mask: 5 },
      { opcode: OPCODE.TEXT, payload: 'late', mask: 6 },
    ]);
    const whole: Frame[] = [];
    const decoder = new FrameDecoder({ sender: 'client', onFrame: (f) => whole.push(f) });
    decoder.push(first);
    expect(decoder.position()).toBeNull(); // a fragmented message is open
    decoder.push(middle);
    const at = decoder.position();
    expect(at).toEqual({ bytes: first.length + middle.length, frames: 3, messages: 2, closeFrame: -1 });
    decoder.push(rest.subarray(0, 3));
    expect(decoder.position()).toBeNull(); // inside a frame
    decoder.push(rest.subarray(3));

    const resumed: Frame[] = [];
    const second = new FrameDecoder({ sender: 'client', resume: at!, onFrame: (f) => resumed.push(f) });
    second.push(rest);
    const shape = (f: Frame) => [f.index, f.offset, f.message, f.violations.map((v) => v.code)];
    expect(resumed.map(shape)).toEqual(whole.slice(3).map(shape));
    expect(resumed.at(-1)!.violations.map((v) => v.code)).toEqual(['DATA_AFTER_CLOSE']);
  });

  it('halt: push stops after the frame being reported and says how many bytes it took', () => {
    const bytes = encodeFrames([
      { opcode: OPCODE.TEXT, payload: 'one' },
      { opcode: OPCODE.PING, payload: 'p' },
      { opcode: OPCODE.TEXT, payload: 'two' },
    ]);
    const seen: string[] = [];
    const decoder: FrameDecoder = new FrameDecoder({
      sender: 'server',
      onFrame: (f) => seen.push(`frame ${f.opcode}`),
      onMessage: (m) => {
        seen.push(`message ${m.index}`);
        decoder.halt();
      },
    });
    expect(decoder.push(bytes)).toBe(5);
    expect(decoder.position()).toEqual({ bytes: 5, frames: 1, messages: 1, closeFrame: -1 });
    expect(decoder.push(bytes.subarray(5))).toBe(bytes.length - 5);
    expect(seen).toEqual(['frame 1', 'message 0', 'frame 9', 'frame 1', 'message 1']);
    expect(decoder.bytes).toBe(bytes.length);
  });
});
