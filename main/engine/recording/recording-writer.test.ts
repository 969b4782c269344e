import { closeSync, existsSync, readdirSync, readlinkSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { testHeader } from '../../../shared/record/session-sim.test-util.js';
import type { LineFileError } from './line-file.js';
import { readRecordingEvents } from './recording-reader.js';
import { openRecordingWriter, type RecordingWriter } from './recording-writer.js';
import { tempDir } from './recording.test-util.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const errorEvent = (seq: number, message = `event ${seq}`): SessionEvent => ({
  type: 'error',
  conn: 1,
  seq,
  t: seq,
  wall: 1_763_700_000_000 + seq,
  code: 'SOCKET_ERROR',
  message,
});

/** Waits for a condition the writer reaches on its own (a timer, a write), checking every 5 ms, at most `ms`. */
async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  for (const end = Date.now() + ms; !condition();) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The number this process uses for `path`, found through /proc (Linux): to pull the file from under the writer. */
function fdOf(path: string): number | null {
  if (!existsSync('/proc/self/fd')) return null;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) return Number(fd);
    } catch {
      // The fd closed while we looked (readdir's own, for one).
    }
  }
  return null;
}

describe('the recording writer', () => {
  it('writes a batch of message references as one line each, counted as such', async () => {
    const path = join(dir, 'r.jsonl');
    const writer = await openRecordingWriter(path, testHeader(), { flushMs: 60_000 });
    const batch = {
      conn: 2,
      dir: 'in' as const,
      t: 1.25,
      wall: 1_763_700_000_001.25,
      seqs: [4, 5, 6],
      indexes: [0, 1, 2],
    };
    expect(writer.messageRefs(batch)).toBe(true);
    expect(writer.stats()).toMatchObject({ lines: 4 });
    await writer.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.slice(1).map((line) => (line === '' ? line : JSON.parse(line)))).toEqual([
      ...[4, 5, 6].map((seq, index) => ({
        type: 'message-ref',
        conn: 2,
        seq,
        t: 1.25,
        wall: batch.wall,
        dir: 'in',
        index,
      })),
      '',
    ]);
  });

  it('writes the header at once and batches lines until flush', async () => {
    const path = join(dir, 'r.jsonl');
    const writer = await openRecordingWriter(path, testHeader(), { flushMs: 60_000 });
    expect(await readFile(path, 'utf8')).toBe(JSON.stringify(testHeader()) + '\n');
    for (let i = 0; i < 3; i++) expect(writer.event(errorEvent(i))).toBe(true);
    expect(writer.stats()).toMatchObject({ lines: 4, flushes: 1 });
    expect((await stat(path)).size).toBe(writer.stats().bytes);
    await writer.flush();
    expect(writer.stats()).toMatchObject({ lines: 4, flushes: 2, pendingBytes: 0 });
    expect((await readRecordingEvents(path)).events).toEqual([0, 1, 2].map((i) => errorEvent(i)));
    await writer.close();
    await writer.close(); // idempotent
    expect(writer.event(errorEvent(3))).toBe(false);
    expect(writer.stats().dropped).toBe(1);
  });

  it('writes on its own within flushMs of the first unwritten line, and past flushBytes', async () => {
    const path = join(dir, 'timer.jsonl');
    const timed = await openRecordingWriter(path, testHeader(), { flushMs: 20 });
    timed.event(errorEvent(0));
    await until(() => timed.stats().flushes === 2);
    expect((await readRecordingEvents(path)).events).toEqual([errorEvent(0)]);
    await timed.close();

    // Buffered, every write puts all it has in the file.
    const sized = await openRecordingWriter(path, testHeader(), {
      flushMs: 60_000,
      flushBytes: 1000,
      direct: false,
    });
    for (let seq = 0; seq < 30; seq++) sized.event(errorEvent(seq));
    // ~100 B a line: the tenth or so starts a write; the rest wait for it, then follow.
    await until(() => sized.stats().flushes === 3);
    expect(sized.stats().pendingBytes).toBe(0);
    expect((await readRecordingEvents(path)).events).toHaveLength(30);
    await sized.close();
  });

  it('writes direct in whole blocks, and the last partial one by the timer at the latest', async () => {
    const path = join(dir, 'direct.jsonl');
    const flushMs = 300;
    const writer = await openRecordingWriter(path, testHeader(), { flushMs, flushBytes: 5000 });
    const start = Date.now();
    for (let seq = 0; seq < 60; seq++) writer.event(errorEvent(seq));
    await until(() => writer.stats().flushes >= 2);
    const { pendingBytes, bytes } = writer.stats();
    // Direct I/O (Linux, a file system that takes it): a size-triggered write kept its last partial
    // block back, and the file holds whole blocks only; buffered (elsewhere) it holds everything.
    if (pendingBytes > 0) {
      expect(pendingBytes).toBeLessThan(4096);
      expect(bytes % 4096).toBe(0);
      expect((await stat(path)).size).toBe(bytes);
    }
    await until(() => writer.stats().pendingBytes === 0);
    expect(Date.now() - start).toBeGreaterThanOrEqual(pendingBytes > 0 ? flushMs - 20 : 0);
    expect((await stat(path)).size).toBe(writer.stats().bytes);
    expect((await readRecordingEvents(path)).events).toEqual(
      Array.from({ length: 60 }, (_, seq) => errorEvent(seq)),
    );
    await writer.close();
  });

  it('refuses to create a file in a missing directory, or over an existing one when exclusive', async () => {
    await expect(openRecordingWriter(join(dir, 'missing', 'r.jsonl'), testHeader())).rejects.toMatchObject({
      code: 'RECORDING_OPEN_FAILED',
      message: expect.stringMatching(/^cannot create .*missing\/r\.jsonl: ENOENT/),
    });
    const path = join(dir, 'exists.jsonl');
    await writeFile(path, 'keep me');
    await expect(openRecordingWriter(path, testHeader(), { exclusive: true })).rejects.toMatchObject({
      code: 'RECORDING_OPEN_FAILED',
      message: expect.stringContaining('EEXIST'),
    });
    expect(await readFile(path, 'utf8')).toBe('keep me');
  });

  it.runIf(existsSync('/dev/full'))('reports a full disk when the header cannot be written', async () => {
    await expect(openRecordingWriter('/dev/full', testHeader())).rejects.toMatchObject({
      code: 'RECORDING_WRITE_FAILED',
      message: expect.stringContaining('writing /dev/full failed: ENOSPC'),
    });
  });

  it.runIf(existsSync('/proc/self/fd'))(
    'reports a failed write once, rejects flush and close, and stops accepting',
    async () => {
      const path = join(dir, 'pulled.jsonl');
      const writer: RecordingWriter = await openRecordingWriter(path, testHeader(), { flushMs: 60_000 });
      writer.event(errorEvent(0));
      await writer.flush();
      const errors: LineFileError[] = [];
      writer.onError((error) => errors.push(error));
      const fd = fdOf(path);
      expect(fd).not.toBeNull();
      closeSync(fd as number);
      writer.event(errorEvent(1));
      await expect(writer.flush()).rejects.toMatchObject({
        code: 'RECORDING_WRITE_FAILED',
        message: expect.stringContaining('EBADF'),
      });
      expect(errors.map((e) => e.code)).toEqual(['RECORDING_WRITE_FAILED']);
      expect(writer.event(errorEvent(2))).toBe(false);
      expect(writer.stats()).toMatchObject({ lines: 3, dropped: 1 });
      await expect(writer.close()).rejects.toMatchObject({ code: 'RECORDING_WRITE_FAILED' });
      expect(errors).toHaveLength(1);
      // What was written before the failure is intact.
      expect((await readRecordingEvents(path)).events).toEqual([errorEvent(0)]);
    },
  );

  it('bounds memory when the disk falls behind: stops, keeps what it accepted, counts the rest', async () => {
    const path = join(dir, 'backlog.jsonl');
    // A disk that never gets a write (no size or time trigger) stands for one that cannot keep up.
    const writer = await openRecordingWriter(path, testHeader(), {
      flushMs: 60_000,
      flushBytes: 1 << 30,
      maxPendingBytes: 10_000,
    });
    const errors: LineFileError[] = [];
    writer.onError((error) => errors.push(error));
    let accepted = 0;
    for (let seq = 0; seq < 1000; seq++) if (writer.event(errorEvent(seq))) accepted++;
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(1000);
    expect(errors.map((e) => e.code)).toEqual(['RECORDING_BACKLOG_FULL']);
    expect(errors[0]?.message).toMatch(/bytes wait for the disk \(limit 10000\); recording stopped/);
    expect(writer.stats()).toMatchObject({ dropped: 1000 - accepted });
    await expect(writer.flush()).rejects.toMatchObject({ code: 'RECORDING_BACKLOG_FULL' });
    await expect(writer.close()).rejects.toMatchObject({ code: 'RECORDING_BACKLOG_FULL' });
    const read = await readRecordingEvents(path);
    expect(read.events).toHaveLength(accepted);
    expect(read.truncated).toBeNull();
  });

  it('skips frame events and keeps newlines inside strings on one line', async () => {
    const path = join(dir, 'frames.jsonl');
    const writer = await openRecordingWriter(path, testHeader());
    const frame = { type: 'frame', conn: 1, seq: 0 } as unknown as SessionEvent;
    expect(writer.event(frame)).toBe(true);
    writer.event(errorEvent(1, 'a\nb\r\n"c"\u2028'));
    await writer.close();
    const text = await readFile(path, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect((await readRecordingEvents(path)).events).toEqual([errorEvent(1, 'a\nb\r\n"c"\u2028')]);
  });
});
