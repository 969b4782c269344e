import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Direction } from '../../../shared/model/events.js';
import { FrameDecoder } from '../../../shared/protocol/decoder.js';
import {
  encodeFrames,
  fragmentMessage,
  payloadBytes,
  type FrameSpec,
} from '../../../shared/protocol/encoder.js';
import type { Sender } from '../../../shared/protocol/frame.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { FrameStore, type FrameStoreOptions, type FrameSummary, type PayloadResult } from './frame-store.js';
import { summarizeFrame } from './frame-index.js';
import { cut, payloadOf, prng } from './frame-store.test-util.js';

let parent = '';
const stores: FrameStore[] = [];
const newStore = (options: FrameStoreOptions = {}): FrameStore => {
  const store = new FrameStore({ spillDir: parent, ...options });
  stores.push(store);
  return store;
};

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'wstap-frame-store-test-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await rm(parent, { recursive: true, force: true });
});

/** One direction of a connection: the frames sent, their encoded stream and a decoder for it. */
interface Stream {
  readonly conn: number;
  readonly dir: Direction;
  readonly chunks: Uint8Array[];
  readonly decoder: FrameDecoder;
  next: number;
  offset: number;
}

/** What the test sent and the store must give back, per id. */
interface Sent {
  readonly summary: FrameSummary;
  readonly payload: Uint8Array;
}

const clientSpecs = (): FrameSpec[] => [
  { opcode: OPCODE.TEXT, payload: 'hello', mask: 0x11223344 },
  { opcode: OPCODE.BINARY, payload: payloadOf(1000, 1), mask: 0xdeadbeef },
  { opcode: OPCODE.BINARY, payload: payloadOf(70_000, 2), mask: 0x01010101 },
  { opcode: OPCODE.TEXT, payload: 'non-minimal', mask: 5, lengthBits: 64 },
  ...fragmentMessage({ opcode: OPCODE.TEXT, payload: payloadOf(3000, 3), mask: 0xcafef00d }, [1, 2000, 999]),
  { opcode: OPCODE.PING, payload: 'ping', mask: 6 },
  { opcode: OPCODE.BINARY, mask: 7 },
  { opcode: OPCODE.CLOSE, payload: Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65), mask: 8 },
];
const serverSpecs = (): FrameSpec[] => [
  { opcode: OPCODE.TEXT, payload: 'welcome' },
  { opcode: OPCODE.BINARY, payload: payloadOf(65_535, 4) },
  { opcode: OPCODE.BINARY, payload: payloadOf(100_000, 5) },
  { opcode: OPCODE.PONG, payload: 'ping' },
  ...fragmentMessage({ opcode: OPCODE.BINARY, payload: payloadOf(500, 6) }, [100, 0, 400]),
  { opcode: OPCODE.TEXT, payload: 'masked by mistake', mask: 9 },
  { opcode: OPCODE.CLOSE, payload: Uint8Array.of(0x03, 0xe8) },
];

/**
 * Feeds `store` the way the engine will: per chunk, appendWire, then the decoder, whose frames
 * are added as it emits them. Chunks of the streams are interleaved, as two busy sockets would be.
 */
function run(
  store: FrameStore,
  streams: readonly { conn: number; dir: Direction; sender: Sender; specs: FrameSpec[] }[],
  seed: number,
  maxChunk: number,
): Sent[] {
  const rand = prng(seed);
  const sent: Sent[] = [];
  const state: Stream[] = streams.map(({ conn, dir, sender, specs }) => {
    const payloads = specs.map((s) => payloadBytes(s.payload));
    let seq = 0;
    let frameNo = 0;
    const decoder = new FrameDecoder({
      sender,
      onFrame: (frame) => {
        const t = 100 + sent.length;
        const id = store.add(conn, seq, dir, t, frame);
        sent.push({
          summary: summarizeFrame(id, conn, seq, dir, t, frame),
          payload: payloads[frameNo] as Uint8Array,
        });
        seq++;
        frameNo++;
      },
    });
    return { conn, dir, chunks: cut(encodeFrames(specs), maxChunk, rand), decoder, next: 0, offset: 0 };
  });
  while (state.some((s) => s.next < s.chunks.length)) {
    for (const s of state) {
      const chunk = s.chunks[s.next++];
      if (chunk === undefined) continue;
      store.appendWire(s.conn, s.dir, s.offset, chunk);
      s.decoder.push(chunk);
      s.offset += chunk.length;
    }
  }
  return sent;
}

const twoConnections = [
  { conn: 1, dir: 'out' as const, sender: 'client' as const, specs: clientSpecs() },
  { conn: 1, dir: 'in' as const, sender: 'server' as const, specs: serverSpecs() },
  { conn: 2, dir: 'out' as const, sender: 'client' as const, specs: clientSpecs().reverse() },
  { conn: 2, dir: 'in' as const, sender: 'server' as const, specs: serverSpecs() },
];

async function expectAllStored(store: FrameStore, sent: readonly Sent[]): Promise<void> {
  expect(sent.map((s) => s.summary.id)).toEqual(sent.map((_, i) => i));
  for (const { summary, payload } of sent) {
    expect(store.get(summary.id)).toEqual(summary);
    expectPayload(await store.payload(summary.id), payload, `frame ${summary.id}`);
  }
}

/** Compares bytes with Buffer.equals: vitest's deep equality walks 100 KB arrays slowly. */
function expectPayload(got: PayloadResult, want: Uint8Array, label: string): void {
  if (!got.ok) throw new Error(`${label}: ${got.code}: ${got.reason}`);
  expect(Buffer.from(got.bytes).equals(want), `${label}: payload differs`).toBe(true);
}

describe('FrameStore', () => {
  it('gives back every frame and its unmasked payload, from memory and from the file', async () => {
    for (const [seed, maxChunk] of [
      [1, 7],
      [2, 300],
      [3, 20_000],
    ] as const) {
      const store = newStore({ flushBytes: 4096 });
      const sent = run(store, twoConnections, seed, maxChunk);
      expect(sent).toHaveLength(2 * (clientSpecs().length + serverSpecs().length));
      // Before any flush: some bytes written, some queued, some staged.
      await expectAllStored(store, sent);
      await store.flush();
      await expectAllStored(store, sent);
      const wire = twoConnections.reduce((n, s) => n + encodeFrames(s.specs).length, 0);
      expect(store.stats()).toMatchObject({
        frames: sent.length,
        droppedFrames: 0,
        spillBytes: wire,
        droppedBytes: 0,
      });
    }
  });

  it('covers 16- and 64-bit lengths, masked and unmasked, and frames that span chunks', () => {
    const store = newStore();
    const sent = run(store, twoConnections, 4, 5);
    const summaries = sent.map((s) => s.summary);
    expect(new Set(summaries.map((s) => s.lengthBits))).toEqual(new Set([7, 16, 64]));
    expect(new Set(summaries.map((s) => s.masked))).toEqual(new Set([true, false]));
    expect(summaries.find((s) => s.closeCode === 1000)).toBeDefined();
    expect(summaries.filter((s) => s.violations.length > 0).map((s) => s.violations[0]?.code)).toEqual(
      expect.arrayContaining(['NON_MINIMAL_LENGTH', 'MASKED_SERVER_FRAME']),
    );
  });

  it('returns a compressed frame’s bytes as they were sent, still compressed', async () => {
    const store = newStore();
    const raw = payloadOf(200, 8); // opaque to the store: it never inflates
    const bytes = encodeFrames([{ opcode: OPCODE.BINARY, payload: raw, rsv1: true, mask: 0x0badf00d }]);
    const decoder = new FrameDecoder({
      sender: 'client',
      perMessageDeflate: true,
      onFrame: (frame) => store.add(7, 0, 'out', 0, frame),
    });
    store.appendWire(7, 'out', 0, bytes);
    decoder.push(bytes);
    expect(store.get(0)).toMatchObject({ compressed: true, rsv1: true, masked: true });
    expect(await store.payload(0)).toEqual({ ok: true, bytes: raw });
  });

  it('counts frames over maxFrames as dropped and gives them no id', () => {
    const store = newStore({ maxFrames: 5 });
    const sent = run(store, twoConnections.slice(0, 1), 5, 50);
    expect(sent.map((s) => s.summary.id)).toEqual([
      0,
      1,
      2,
      3,
      4,
      ...Array<number>(sent.length - 5).fill(-1),
    ]);
    expect(store.stats()).toMatchObject({ frames: 5, droppedFrames: sent.length - 5 });
    expect(store.get(5)).toBeUndefined();
  });

  it('drops bytes over maxSpillBytes, still indexes their frames, and says why a payload is missing', async () => {
    const cap = 2000;
    const store = newStore({ maxSpillBytes: cap });
    const sent = run(store, twoConnections.slice(0, 1), 6, 100);
    expect(store.stats()).toMatchObject({ frames: sent.length, droppedFrames: 0, spillBytes: cap });
    expect(store.stats().droppedBytes).toBe(encodeFrames(clientSpecs()).length - cap);
    for (const { summary, payload } of sent) {
      const end = summary.offset + summary.headerLength + summary.payloadLength;
      const got = await store.payload(summary.id);
      if (end <= cap || summary.payloadLength === 0) expectPayload(got, payload, `frame ${summary.id}`);
      else
        expect(got).toEqual({
          ok: false,
          code: 'PAYLOAD_DROPPED',
          reason: `payload dropped: spill file cap ${cap} bytes reached`,
        });
    }
  });

  it('refuses unknown ids and payloads over the fetch limit', async () => {
    const store = newStore({ maxPayloadFetch: 1000 });
    run(store, twoConnections.slice(0, 1), 7, 100);
    expect(await store.payload(999)).toMatchObject({ ok: false, code: 'UNKNOWN_FRAME' });
    expect(await store.payload(1)).toMatchObject({ ok: true });
    expect(await store.payload(2)).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('removes its temp dir on close; the index stays readable, payloads do not', async () => {
    const store = newStore();
    const sent = run(store, twoConnections, 8, 1000);
    await store.flush();
    expect(store.spillDirectory).not.toBeNull();
    expect(await readdir(parent)).toHaveLength(1);
    await store.close();
    expect(await readdir(parent)).toEqual([]);
    expect(store.get(0)).toEqual(sent[0]?.summary);
    expect(await store.payload(0)).toMatchObject({ ok: false, code: 'STORE_CLOSED' });
    expect(
      store.add(1, 99, 'in', 0, {
        ...(sent[0] as Sent).summary,
        payload: null,
        index: 0,
        close: null,
      } as never),
    ).toBe(-1);
  });
});
