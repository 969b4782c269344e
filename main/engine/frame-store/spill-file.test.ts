import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SpillFile, type SpillRead } from './spill-file.js';
import { StreamChunks } from './stream-chunks.js';
import { payloadOf } from './frame-store.test-util.js';

let parent = '';
const open: SpillFile[] = [];
const spillFile = (options: ConstructorParameters<typeof SpillFile>[0] = {}): SpillFile => {
  const spill = new SpillFile({ parentDir: parent, ...options });
  open.push(spill);
  return spill;
};
const bytesOf = (read: SpillRead): Uint8Array => {
  if (!read.ok) throw new Error(`${read.code}: ${read.reason}`);
  return read.bytes;
};

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'wstap-spill-test-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await rm(parent, { recursive: true, force: true });
});

/** Two streams appended in interleaved chunks of 1–50 bytes, as two busy sockets would. */
function fillTwoStreams(spill: SpillFile, length: number): { a: Uint8Array; b: Uint8Array } {
  const a = payloadOf(length, 1);
  const b = payloadOf(length, 2);
  for (let at = 0, step = 1; at < length; at += step, step = ((step * 7) % 50) + 1) {
    spill.append(3, 'in', at, a.subarray(at, at + step));
    spill.append(3, 'out', at, b.subarray(at, at + step));
  }
  return { a, b };
}

describe('SpillFile', () => {
  it('reads ranges that span many chunks from memory, from the file, and from both', async () => {
    const spill = spillFile({ flushBytes: 1000 });
    const { a, b } = fillTwoStreams(spill, 3000);
    // Some bytes are queued, some still staged: nothing has been written yet.
    expect(bytesOf(await spill.read(3, 'in', 10, 2900))).toEqual(a.subarray(10, 2910));
    await spill.flush();
    expect(bytesOf(await spill.read(3, 'out', 0, 3000))).toEqual(b);
    // New bytes after a flush: a range half in the file, half in memory.
    spill.append(3, 'in', 3000, payloadOf(100, 9));
    const got = bytesOf(await spill.read(3, 'in', 2950, 150));
    expect(got.subarray(0, 50)).toEqual(a.subarray(2950));
    expect(got.subarray(50)).toEqual(payloadOf(100, 9));
    expect(spill.bytes).toBe(6100);
  });

  it('reads a stream whose chunks lie far apart in the file, between other streams’ large chunks', async () => {
    const spill = spillFile();
    const a = payloadOf(300_000, 1);
    for (let at = 0; at < a.length; at += 100_000) {
      spill.append(1, 'in', at, a.subarray(at, at + 100_000));
      spill.append(2, 'in', at, payloadOf(100_000, 2));
    }
    await spill.flush();
    expect(
      Buffer.from(bytesOf(await spill.read(1, 'in', 50_000, 200_000))).equals(a.subarray(50_000, 250_000)),
    ).toBe(true);
  });

  it('writes in the background on its timer without being asked', async () => {
    const spill = spillFile({ flushMs: 1 });
    spill.append(1, 'in', 0, payloadOf(10, 1));
    await vi.waitFor(async () => expect(await readdir(parent)).toHaveLength(1));
    await spill.flush();
    expect(bytesOf(await spill.read(1, 'in', 0, 10))).toEqual(payloadOf(10, 1));
  });

  it('copies appended bytes: the caller may reuse its buffer at once', async () => {
    const spill = spillFile();
    const reused = payloadOf(64, 1);
    spill.append(1, 'out', 0, reused);
    reused.fill(0);
    expect(bytesOf(await spill.read(1, 'out', 0, 64))).toEqual(payloadOf(64, 1));
  });

  it('stores up to the cap, then drops and counts, and says why a dropped range is missing', async () => {
    const spill = spillFile({ maxBytes: 100 });
    spill.append(1, 'in', 0, payloadOf(60, 1));
    spill.append(2, 'in', 0, payloadOf(60, 2));
    spill.append(1, 'in', 60, payloadOf(10, 3));
    expect(spill.bytes).toBe(100);
    expect(spill.droppedBytes).toBe(30);
    expect(bytesOf(await spill.read(2, 'in', 0, 40))).toEqual(payloadOf(40, 2));
    const dropped = await spill.read(2, 'in', 30, 20);
    expect(dropped).toEqual({
      ok: false,
      code: 'PAYLOAD_DROPPED',
      reason: 'payload dropped: spill file cap 100 bytes reached',
    });
    expect(await spill.read(1, 'in', 55, 10)).toMatchObject({ ok: false, code: 'PAYLOAD_DROPPED' });
  });

  it('tells bytes never received from bytes dropped', async () => {
    const spill = spillFile();
    spill.append(1, 'in', 0, payloadOf(10, 1));
    expect(await spill.read(1, 'in', 5, 10)).toMatchObject({ ok: false, code: 'PAYLOAD_UNAVAILABLE' });
    expect(await spill.read(9, 'out', 0, 1)).toMatchObject({ ok: false, code: 'PAYLOAD_UNAVAILABLE' });
    expect(bytesOf(await spill.read(9, 'out', 0, 0))).toHaveLength(0);
  });

  it('refuses stream bytes that go back in the stream', () => {
    const spill = spillFile();
    spill.append(1, 'in', 0, payloadOf(10, 1));
    expect(() => spill.append(1, 'in', 5, payloadOf(10, 1))).toThrow(RangeError);
  });

  it('reports bytes lost to a failed write, and drops what comes after', async () => {
    const spill = spillFile({ parentDir: join(parent, 'no-such-dir') });
    spill.append(1, 'in', 0, payloadOf(10, 1));
    await spill.flush();
    spill.append(1, 'in', 10, payloadOf(10, 2));
    expect(await spill.read(1, 'in', 0, 5)).toMatchObject({ ok: false, code: 'SPILL_WRITE_FAILED' });
    expect(await spill.read(1, 'in', 12, 5)).toMatchObject({ ok: false, code: 'SPILL_WRITE_FAILED' });
    expect(spill.droppedBytes).toBe(20);
    expect(spill.bytes).toBe(0);
  });

  it('removes its temp dir on close, and reads after close say so', async () => {
    const spill = spillFile();
    spill.append(1, 'in', 0, payloadOf(10, 1));
    await spill.flush();
    expect(spill.directory).not.toBeNull();
    expect(await readdir(parent)).toHaveLength(1);
    await spill.close();
    expect(await readdir(parent)).toEqual([]);
    expect(spill.directory).toBeNull();
    expect(await spill.read(1, 'in', 0, 10)).toMatchObject({ ok: false, code: 'STORE_CLOSED' });
  });

  it('closes cleanly while a write is queued and creates no dir when nothing was written', async () => {
    const spill = spillFile({ flushBytes: 4 });
    spill.append(1, 'in', 0, payloadOf(100, 1));
    await spill.close();
    expect(await readdir(parent)).toEqual([]);
    const idle = spillFile();
    await idle.close();
    expect(await readdir(parent)).toEqual([]);
  });
});

describe('StreamChunks', () => {
  it('merges chunks that continue each other in stream and file, and keeps gaps apart', () => {
    const map = new StreamChunks();
    map.add(0, 0, 10);
    map.add(10, 10, 10);
    map.add(20, 100, 10);
    map.add(40, 110, 10);
    expect(map.entries).toBe(3);
    expect(map.locate(5, 20)).toEqual({
      pieces: [
        { fileAt: 5, length: 15 },
        { fileAt: 100, length: 5 },
      ],
    });
    expect(map.locate(25, 10)).toEqual({ missingAt: 30 });
    expect(map.locate(45, 5)).toEqual({ pieces: [{ fileAt: 115, length: 5 }] });
    expect(map.locate(45, 6)).toEqual({ missingAt: 50 });
  });
});
