import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../model/events.js';
import { chunkings } from '../protocol/chunkings.test-util.js';
import { FrameDecoder } from '../protocol/decoder.js';
import { encodeFrame, encodeFrames } from '../protocol/encoder.js';
import { FrameDeriver } from './frame-deriver.js';
import { awkwardSplit, exampleSession, SessionSim } from './session-sim.test-util.js';
import type { RecordingLine, WireRecord } from './types.js';

function deriveAll(lines: readonly RecordingLine[], deriver = new FrameDeriver()): SessionEvent[] {
  return lines.flatMap((line, i) => [...deriver.accept(line, i + 2)]);
}

describe('FrameDeriver', () => {
  it('gives back exactly the events the tap emitted, frames at their wire record', () => {
    const sim = exampleSession(awkwardSplit);
    const derived = deriveAll(sim.lines());
    expect(derived).toEqual(sim.expected);
    const frames = derived.filter((e) => e.type === 'frame');
    expect(frames).toHaveLength(16);
    expect(frames.map((f) => f.seq)).toEqual([...frames.map((f) => f.seq)].sort((a, b) => a - b));
    expect(frames.some((f) => f.violations.some((v) => v.code === 'RSV_NOT_NEGOTIATED'))).toBe(true);
  });

  it.each([0, 1, 2, 3, 4])(
    'does not depend on the chunking (#%i: whole, byte by byte, random) nor on host speed-ups',
    (k) => {
      const sim = exampleSession((bytes) => chunkings(bytes, 7)[k]?.[1] ?? []);
      const fast = new FrameDeriver({ decodeBase64: (t) => Buffer.from(t, 'base64'), isUtf8 });
      const derived = deriveAll(sim.lines(), fast);
      expect(derived).toEqual(sim.expected);
      expect(derived.filter((e) => e.type === 'frame')).toHaveLength(16);
    },
  );

  it('yields nothing for a chunk that completes no frame, and the frames after it', () => {
    const sim = new SessionSim();
    sim.open(3, 'in', 'server');
    const bytes = encodeFrame({ opcode: 1, payload: 'x'.repeat(200) });
    sim.chunk(3, 'in', bytes.subarray(0, 100));
    sim.chunk(3, 'in', bytes.subarray(100));
    const deriver = new FrameDeriver();
    const [setup, first, second] = sim.lines();
    expect(deriver.accept(setup as RecordingLine, 2)).toEqual([]);
    expect(first).toMatchObject({ frames: 0, id: -1 });
    expect(deriver.accept(first as RecordingLine, 3)).toEqual([]);
    expect(deriver.accept(second as RecordingLine, 4)).toEqual(sim.expected.slice(0, 1));
  });

  it('resumes a recording begun mid-session where its wire-setup says, keeping live offsets and indexes', () => {
    const sim = new SessionSim();
    sim.open(2, 'in', 'server');
    const before = encodeFrames([
      { opcode: 1, payload: 'one' },
      { opcode: 9 },
      { opcode: 2, payload: 'two' },
    ]);
    const after = encodeFrames([
      { opcode: 1, payload: 'three' },
      { opcode: 8, payload: new Uint8Array([3, 232]) },
    ]);
    sim.chunk(2, 'in', before);
    sim.chunk(2, 'in', after);
    const probe = new FrameDecoder({ sender: 'server', onFrame: () => undefined });
    probe.push(before);
    const [setup, , , , wire] = sim.lines();
    expect(wire).toMatchObject({ type: 'wire', offset: before.length, frames: 2 });
    const resumed = { ...setup, resume: probe.position() } as RecordingLine;
    const derived = deriveAll([resumed, wire as RecordingLine]);
    expect(derived).toEqual(sim.expected.filter((e) => e.type === 'frame' && e.offset >= before.length));
    expect(derived.map((e) => e.type === 'frame' && [e.index, e.message])).toEqual([
      [3, 2],
      [4, null],
    ]);
  });

  describe('reports a recording that does not add up, naming the line', () => {
    const sim = exampleSession((b) => [b]);
    const lines = sim.lines();
    const firstWire = lines.findIndex((l) => l.type === 'wire');
    const edit = (change: Partial<WireRecord>) =>
      lines.map((l, i) => (i === firstWire ? ({ ...l, ...change } as RecordingLine) : l));

    it('a frame count that differs from the decode', () => {
      expect(() => deriveAll(edit({ frames: 99 }))).toThrow(
        `line ${firstWire + 2}: wire record of connection 1 direction out says its 406 bytes completed 99 frames; decoding them completed 8`,
      );
    });

    it('a missing wire record', () => {
      const cut = exampleSession(awkwardSplit).lines();
      const at = cut.findIndex((l) => l.type === 'wire');
      expect(() => deriveAll(cut.filter((_, i) => i !== at))).toThrow(
        `line ${at + 3}: wire record of connection 1 direction out starts at stream offset 1, but the records before it carried 0 bytes`,
      );
      const second = lines.map((l, i) => (i === firstWire ? ({ ...l, offset: 5 } as RecordingLine) : l));
      expect(() => deriveAll(second)).toThrow(
        `line ${firstWire + 2}: wire record of connection 1 direction out starts at stream offset 5, but the records before it carried 0 bytes`,
      );
    });

    it('bad base64, a wire record before its setup, a repeated setup', () => {
      expect(() => deriveAll(edit({ base64: 'gQ*oaQ==' }))).toThrow(/"base64" is not valid base64/);
      const noSetup = lines.filter((l) => l.type !== 'wire-setup');
      expect(() => deriveAll(noSetup)).toThrow(
        'wire record before the wire-setup of connection 1 direction out',
      );
      const setup = lines.find((l) => l.type === 'wire-setup') as RecordingLine;
      expect(() => deriveAll([setup, setup])).toThrow(
        'line 3: a second wire-setup for connection 1 direction out',
      );
    });
  });
});
