import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { encodeFrame, encodeFrames, type FrameSpec } from '../../../shared/protocol/encoder.js';
import type { PerMessageDeflateParams } from '../../../shared/protocol/extensions.js';
import { DEFAULT_LIMITS } from '../../../shared/protocol/frame.js';
import { EventHub } from '../event-hub.js';
import { DirectionTap } from './direction-tap.js';
import type { FrameFact } from './frame-fact.js';
import type { WireChunk, WireSink } from './sinks.js';

const DEFLATE: PerMessageDeflateParams = {
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: null,
  clientMaxWindowBits: null,
};

/** A compressed text frame as a server sends it: sync-flushed DEFLATE minus the trailer (RFC 7692 §7.2.1). */
function compressed(text: string): FrameSpec {
  const deflated = deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH });
  return { opcode: 1, rsv1: true, payload: deflated.subarray(0, deflated.length - 4) };
}

const close: FrameSpec = { opcode: 8, payload: Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65) };

/** A server-side tap of connection 1's `in` direction (permessage-deflate unless `deflate` is false). */
function serverTap(
  hub: EventHub,
  sink: WireSink,
  options: { inputReused?: boolean; deflate?: boolean; onFrames?: (facts: readonly FrameFact[]) => void },
): DirectionTap {
  return new DirectionTap({
    conn: 1,
    dir: 'in',
    sender: 'server',
    hub,
    sink,
    deflate: options.deflate === false ? null : DEFLATE,
    limits: DEFAULT_LIMITS,
    inputReused: options.inputReused ?? false,
    onFrames: options.onFrames ?? (() => undefined),
  });
}

/** What the tap published and handed over, in order, as short labels. */
function setup(options: { inputReused?: boolean } = {}) {
  let now = 0;
  const hub = new EventHub({ now: () => (now += 1), anchor: 0 });
  const log: string[] = [];
  const events: SessionEvent[] = [];
  const chunks: { seq: number; frames: number; offset: number; length: number }[] = [];
  hub.subscribe((event) => {
    events.push(event);
    if (event.type === 'frame') log.push(`frame ${event.opcodeName}`);
    else if (event.type === 'message') log.push(`message ${(event.text ?? '').slice(0, 8)}`);
    else log.push(event.type);
  });
  let ids = 0;
  let stored = 0;
  const sink: WireSink = {
    setup: () => undefined,
    // The frame store's appendWire: each byte once, in stream order.
    bytes: (_conn, _dir, offset, bytes) => {
      expect(offset).toBe(stored);
      stored += bytes.length;
    },
    frame: () => ids++,
    wantsChunks: true,
    chunk: (c: WireChunk) =>
      void chunks.push({ seq: c.seq, frames: c.frames, offset: c.offset, length: c.bytes.length }),
    message: () => undefined,
    messageRefs: () => undefined,
    backlog: () => null,
  };
  const onFrames = (facts: readonly FrameFact[]): void =>
    void log.push(`facts ${facts.map((f) => f.opcode).join(',')}`);
  const tap = serverTap(hub, sink, { ...options, onFrames });
  return { tap, hub, log, events, chunks };
}

describe('direction tap: events in wire order', () => {
  it('publishes a compressed message before the Close that followed it in the same chunk', async () => {
    const { tap, log, events, chunks } = setup();
    tap.push(encodeFrames([compressed('hello hello hello'), close]), 5);
    tap.end(6);
    await tap.drained();
    expect(log).toEqual(['frame text', 'message hello he', 'facts 1', 'frame close', 'facts 8']);
    // The read became two wire records, so a recording derives the frames with the same numbers.
    const first = chunks[0]!.length;
    expect(chunks.map((c) => [c.seq, c.frames, c.offset, c.length])).toEqual([
      [0, 1, 0, first],
      [2, 1, first, 7],
    ]);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2]);
  });

  it('keeps a small uncompressed message (and its frame) behind a large compressed one', async () => {
    const { tap, log } = setup();
    const big = 'abcdefgh'.repeat(256 * 1024);
    tap.push(encodeFrame(compressed(big)), 1);
    tap.push(encodeFrame({ opcode: 1, payload: 'small' }), 2);
    tap.push(encodeFrame(close), 3);
    await tap.drained();
    expect(log).toEqual([
      'frame text',
      'message abcdefgh',
      'facts 1',
      'frame text',
      'message small',
      'facts 1',
      'frame close',
      'facts 8',
    ]);
  });

  it('puts a message before a control frame of the same chunk, uncompressed too; data frames stay together', async () => {
    const { tap, log, chunks } = setup();
    tap.push(
      encodeFrames([{ opcode: 1, payload: 'one' }, { opcode: 1, payload: 'two' }, { opcode: 9 }, close]),
      1,
    );
    expect(log).toEqual([
      'frame text',
      'frame text',
      'message one',
      'message two',
      'facts 1,1',
      'frame ping',
      'frame close',
      'facts 9,8',
    ]);
    expect(chunks.map((c) => c.frames)).toEqual([2, 2]);
  });

  it('keeps the rest of a waiting chunk ahead of the chunks that came after it', async () => {
    const { tap, log, events } = setup();
    tap.push(encodeFrame(compressed('first first')), 1);
    tap.push(encodeFrames([compressed('second second'), { opcode: 1, payload: 'third' }]), 2);
    tap.push(encodeFrame({ opcode: 1, payload: 'fourth' }), 3);
    await tap.drained();
    expect(log).toEqual([
      'frame text',
      'message first fi',
      'facts 1',
      'frame text',
      'message second s',
      'facts 1',
      'frame text',
      'message third',
      'facts 1',
      'frame text',
      'message fourth',
      'facts 1',
    ]);
    // A message carries the time of the bytes that completed it, as its frame does.
    const times = events.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.filter((e) => e.type === 'message').map((e) => e.t)).toEqual(
      events.filter((e) => e.type === 'frame').map((e) => e.t),
    );
  });

  it('bytes written by a listener while a chunk is published come after that chunk', () => {
    const { tap, hub, log } = setup({ inputReused: true });
    let sent = false;
    hub.subscribe((event) => {
      if (event.type !== 'message' || sent) return;
      // A listener that sends on the first message: its write reaches the tap at once.
      sent = true;
      tap.push(encodeFrame({ opcode: 1, payload: 'reply' }), 2);
    });
    tap.push(
      encodeFrames([
        { opcode: 1, payload: 'one' },
        { opcode: 1, payload: 'two' },
      ]),
      1,
    );
    expect(log).toEqual([
      'frame text',
      'frame text',
      'message one',
      'message two',
      'facts 1,1',
      'frame text',
      'message reply',
      'facts 1',
    ]);
  });

  it('reports the end of the stream after the messages that came before it', async () => {
    const { tap, log } = setup();
    // A compressed message, then half a frame: the stream ends inside it.
    tap.push(encodeFrame(compressed('first message')), 1);
    tap.push(encodeFrame({ opcode: 1, payload: 'cut short' }).subarray(0, 5), 2);
    tap.end(3);
    let drained = false;
    const done = tap.drained().then(() => (drained = true));
    expect(drained).toBe(false);
    await done;
    expect(log).toEqual(['frame text', 'message first me', 'facts 1', 'stream-end']);
  });

  it('copies written bytes that wait, since their owner may reuse the buffer', async () => {
    const { tap, log } = setup({ inputReused: true });
    tap.push(encodeFrame(compressed('zipped')), 1);
    const reused = encodeFrame({ opcode: 1, payload: 'plain' });
    tap.push(reused, 2);
    reused.fill(0);
    await tap.drained();
    expect(log).toEqual([
      'frame text',
      'message zipped',
      'facts 1',
      'frame text',
      'message plain',
      'facts 1',
    ]);
  });

  it('takes a chunk of uncompressed messages as one wire record, and has nothing to wait for', async () => {
    const { tap, log, chunks } = setup();
    tap.push(
      encodeFrames([
        { opcode: 1, payload: 'a' },
        { opcode: 2, payload: 'b' },
        { opcode: 1, payload: 'c' },
      ]),
      1,
    );
    expect(chunks).toHaveLength(1);
    expect(log).toEqual([
      'frame text',
      'frame binary',
      'frame text',
      'message a',
      'message ',
      'message c',
      'facts 1,2,1',
    ]);
    await expect(tap.drained()).resolves.toBeUndefined();
  });
});

// With no listener for messages the tap hands a recording their references, a chunk's together
// (MessageRefBuffer): what reaches the recording keeps the order its events were numbered in.
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
  return { tap: serverTap(hub, sink, { deflate }), log, seqs };
}

const text = (payload: string | Uint8Array): FrameSpec => ({ opcode: 1, payload });

describe('direction tap: message references for a recording, with no listener', () => {
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
