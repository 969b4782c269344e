import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './decoder.js';
import { encodeFrame } from './encoder.js';
import type { Message } from './frame.js';
import { OPCODE } from './opcodes.js';
import { PayloadMemory } from './payload-memory.js';

const patterned = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('payload memory given back', () => {
  it('is reused for the next big payload, which decodes exactly', () => {
    const messages: Message[] = [];
    const decoder = new FrameDecoder({
      sender: 'client',
      onFrame: () => undefined,
      onMessage: (m) => messages.push(m),
    });
    const payloads = [patterned(70_000, 1), patterned(65_536, 2), patterned(5000, 3)];
    for (const payload of payloads) {
      const bytes = encodeFrame({ opcode: OPCODE.BINARY, payload, mask: 0x12345678 });
      // In two pieces: the frame's memory is filled across pushes.
      decoder.push(bytes.subarray(0, 1000));
      decoder.push(bytes.subarray(1000));
      const last = messages.at(-1) as Message;
      expect(Array.from(last.payload as Uint8Array)).toEqual(Array.from(payload));
      decoder.recycle(last.payload as Uint8Array);
    }
    // The second and third payloads lived in the first one's memory.
    expect(messages[1]?.payload?.buffer).toBe(messages[0]?.payload?.buffer);
    expect(messages[2]?.payload?.buffer).toBe(messages[0]?.payload?.buffer);
  });

  it('takes back only one of the last big payloads, whole, and never pooled ones', () => {
    const memory = new PayloadMemory();
    const first = memory.allocate(10_000);
    const later = Array.from({ length: 4 }, () => memory.allocate(10_000));
    const small = memory.allocate(100);
    memory.recycle(first); // older than the last four
    memory.recycle(small); // pooled
    memory.recycle((later[3] as Uint8Array).subarray(8)); // not whole
    expect(memory.allocate(10_000).buffer).not.toBe(first.buffer);
    // The next one began before the one before it came back: both are taken back.
    const a = memory.allocate(10_000);
    const b = memory.allocate(10_000);
    memory.recycle(a);
    memory.recycle(b);
    const reused = [memory.allocate(10_000).buffer, memory.allocate(10_000).buffer];
    expect(reused).toContain(a.buffer);
    expect(reused).toContain(b.buffer);
    // Given back twice: taken once.
    memory.recycle(a);
    memory.recycle(a);
    expect(memory.allocate(10_000).buffer).toBe(a.buffer);
    expect(memory.allocate(10_000).buffer).not.toBe(a.buffer);
    const latest = memory.allocate(20_000);
    memory.recycle(latest);
    expect(memory.allocate(30_000).buffer).not.toBe(latest.buffer); // too small for it
    const next = memory.allocate(8000);
    memory.recycle(next);
    expect(memory.allocate(6000).buffer).toBe(next.buffer);
  });
});
