// With no listener for messages the tap hands a recording their references, a chunk's together
// (MessageRefBuffer): what reaches the recording keeps the order its events were numbered in.
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeFrames, type FrameSpec } from '../../../shared/protocol/encoder.js';
import { DEFAULT_LIMITS } from '../../../shared/protocol/frame.js';
import { EventHub } from '../event-hub.js';
import { DirectionTap } from './direction-tap.js';
import type { WireSink } from './sinks.js';

function compressed(text: string): FrameSpec {
  const deflated = deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH });
  return { opcode: 1, rsv1: true, payload: deflated.subarray(0, deflated.length - 4) };
}

/** A tap with no listener and a recording sink that logs what it gets, with every seq it names. */
function recorded(deflate: boolean) {
  let now = 0;
  const hub = new EventHub({ now: () => (now += 1), anchor: 1000 });
  const log: string[] = [];
  const seqs: number[] = [];
  const sink: WireSink = {
    setup: () => undefined,
    bytes: () => undefined,
    frame: (() => {
      let id = 0;
      return () => id++;
    })(),
    wantsChunks: true,
    chunk: (c) => {
      log.push(`wire ${c.frames} frames`);
      for (let i = 0; i < c.frames; i++) seqs.push(c.seq + i);
    },
    message: (e) => {
      log.push(`message ${e.index}`);
      seqs.push(e.seq);
    },
    messageRefs: (r) => {
      log.push(`refs ${r.indexes.join(',')} at ${r.t}/${r.wall}`);
      seqs.push(...r.seqs);
    },
    backlog: () => null,
  };
  const tap = new DirectionTap({
    conn: 1,
    dir: 'in',
    sender: 'server',
    hub,
    sink,
    deflate: deflate
      ? {
          serverNoContextTakeover: true,
          clientNoContextTakeover: true,
          serverMaxWindowBits: null,
          clientMaxWindowBits: null,
        }
      : null,
    limits: DEFAULT_LIMITS,
    inputReused: false,
    onFrames: () => undefined,
  });
  return { tap, log, seqs };
}

const text = (payload: string | Uint8Array): FrameSpec => ({ opcode: 1, payload });

describe('message references', () => {
  it('of one chunk go together; a Ping splits the chunk, and each part has its own', async () => {
    const { tap, log, seqs } = recorded(false);
    tap.push(encodeFrames([text('a'), text('b'), text('c'), { opcode: 9 }, text('d'), text('e')]), 5);
    tap.push(encodeFrames([text('f')]), 6);
    await tap.drained();
    expect(log).toEqual([
      'wire 3 frames',
      'refs 0,1,2 at 5/1005',
      'wire 3 frames',
      'refs 3,4 at 5/1005',
      'wire 1 frames',
      'refs 5 at 6/1006',
    ]);
    expect(seqs).toEqual(seqs.map((_, i) => i));
  });

  it('stop before a message stored whole (compressed), which takes its place in between', async () => {
    const { tap, log, seqs } = recorded(true);
    tap.push(encodeFrames([text('a'), text('b'), compressed('c c c c'), text('d')]), 5);
    await tap.drained();
    expect(log).toEqual([
      'wire 3 frames',
      'refs 0,1 at 5/1005',
      'message 2',
      'wire 1 frames',
      'refs 3 at 5/1005',
    ]);
    expect(seqs).toEqual(seqs.map((_, i) => i));
  });

  it('stop before a message stored whole for its violations', async () => {
    const { tap, log, seqs } = recorded(true);
    tap.push(encodeFrames([text('a'), text(Uint8Array.of(0xc3, 0x28)), text('b')]), 5);
    await tap.drained();
    expect(log).toEqual(['wire 3 frames', 'refs 0 at 5/1005', 'message 1', 'refs 2 at 5/1005']);
    expect(seqs).toEqual(seqs.map((_, i) => i));
  });
});
