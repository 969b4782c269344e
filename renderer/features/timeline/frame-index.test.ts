import { describe, expect, it } from 'vitest';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import { BUCKET_MS, FrameIndex, MAX_BUCKETS } from './frame-index.js';
import { appendRows, rowStoreOf } from './rows.test-util.js';

const anyFrame = (flags: number) => (flags & ROW_FLAG.MESSAGE) === 0;

describe('FrameIndex', () => {
  it('counts frames per direction, messages and bytes per 100 ms bucket, per connection', () => {
    const rows = rowStoreOf([
      { conn: 1, t: 1000, dir: 'out', length: 5 },
      { conn: 2, t: 1010, dir: 'in' },
      { conn: 1, t: 1050, dir: 'in', length: 7 },
      { conn: 1, t: 1050, dir: 'in', message: true, length: 7 },
      { conn: 1, t: 1250, dir: 'out', length: 1 },
    ]);
    const index = new FrameIndex();
    expect(index.update(rows)).toBe(5);
    const b = index.get(1)!;
    expect(b.first).toBe(10);
    expect(b.length).toBe(3);
    expect([b.framesOut[0], b.framesIn[0], b.messages[0], b.bytes[0]]).toEqual([1, 1, 2, 12]);
    expect([b.framesOut[2], b.bytes[2]]).toEqual([1, 1]);
    expect([b.frames, b.messageCount, b.totalBytes, b.firstT, b.lastT]).toEqual([3, 3, 13, 1000, 1250]);
    expect(index.get(2)!.framesIn[0]).toBe(1);
    expect(index.get(3)).toBeUndefined();
    expect(b.framesBetween(1000, 1099)).toBe(2);
    expect(b.framesBetween(0, 10_000)).toBe(3);
    expect(b.framesBetween(5000, 6000)).toBe(0);
  });

  it('counts a message once, at the FIN of its last data frame, not control frames or message rows', () => {
    const rows = rowStoreOf([
      { conn: 1, t: 0, opcode: 1, fin: false },
      { conn: 1, t: 1, opcode: 9 },
      { conn: 1, t: 2, opcode: 0, fin: false },
      { conn: 1, t: 3, opcode: 0 },
      { conn: 1, t: 3, message: true },
      { conn: 1, t: 4, opcode: 2, dir: 'in' },
    ]);
    const index = new FrameIndex();
    index.update(rows);
    expect(index.get(1)!.messageCount).toBe(2);
    expect(index.get(1)!.frames).toBe(5);
  });

  it('is incremental: only new rows are counted', () => {
    const rows = rowStoreOf([{ conn: 1, t: 0 }]);
    const index = new FrameIndex();
    index.update(rows);
    expect(index.update(rows)).toBe(0);
    appendRows(rows, [{ conn: 1, t: 50 }, { conn: 1, t: 60 }]);
    expect(index.update(rows)).toBe(2);
    expect(index.get(1)!.framesOut[0]).toBe(3);
  });

  it('grows at the front for rows slightly out of time order', () => {
    const rows = rowStoreOf([{ conn: 1, t: 1000 }, { conn: 1, t: 790 }, { conn: 1, t: 5000 }]);
    const index = new FrameIndex();
    index.update(rows);
    const b = index.get(1)!;
    expect(b.first).toBe(7);
    expect(b.framesOut[0]).toBe(1);
    expect(b.framesOut[3]).toBe(1);
    expect(b.framesOut[43]).toBe(1);
    expect(b.firstRow[3]).toBe(0);
    expect(b.firstRow[1]).toBe(-1);
  });

  it('lands rows past the cap in the last bucket', () => {
    const rows = rowStoreOf([{ conn: 1, t: 0 }, { conn: 1, t: (MAX_BUCKETS + 50) * BUCKET_MS }]);
    const index = new FrameIndex();
    index.update(rows);
    const b = index.get(1)!;
    expect(b.length).toBe(MAX_BUCKETS);
    expect(b.framesOut[MAX_BUCKETS - 1]).toBe(1);
  });

  it('visits only rows of the connection inside the window, each once', () => {
    const rows = rowStoreOf([
      { conn: 1, t: 100 },
      { conn: 2, t: 150 },
      { conn: 1, t: 210 },
      { conn: 1, t: 195 },
      { conn: 1, t: 320 },
    ]);
    const index = new FrameIndex();
    index.update(rows);
    const seen: number[] = [];
    index.forEachRow(rows, 1, 150, 300, (row) => seen.push(row));
    expect(seen.sort()).toEqual([2, 3]);
    const all: number[] = [];
    index.forEachRow(rows, 1, 0, 1000, (row) => all.push(row));
    expect(all.sort()).toEqual([0, 2, 3, 4]);
  });

  it('finds the nearest accepted row within the distance', () => {
    const rows = rowStoreOf([
      { conn: 1, t: 100 },
      { conn: 2, t: 440 },
      { conn: 1, t: 450, message: true },
      { conn: 1, t: 700 },
      { conn: 1, t: 1000 },
    ]);
    const index = new FrameIndex();
    index.update(rows);
    expect(index.nearestRow(rows, 1, 380, 1000, anyFrame)).toBe(0);
    expect(index.nearestRow(rows, 1, 430, 1000, anyFrame)).toBe(3);
    expect(index.nearestRow(rows, 1, 430, 1000, (f) => (f & ROW_FLAG.MESSAGE) !== 0)).toBe(2);
    expect(index.nearestRow(rows, 1, 640, 1000, anyFrame)).toBe(3);
    expect(index.nearestRow(rows, 1, 900, 50, anyFrame)).toBe(-1);
    expect(index.nearestRow(rows, 1, 990, 50, anyFrame)).toBe(4);
    expect(index.nearestRow(rows, 9, 990, 50, anyFrame)).toBe(-1);
  });

  it('skips rows the store dropped past its cap', () => {
    const many = Array.from({ length: 140_000 }, (_, i) => ({ conn: 1, t: i }));
    const rows = rowStoreOf(many, 65_536);
    expect(rows.start).toBeGreaterThan(0);
    const index = new FrameIndex();
    index.update(rows);
    expect(index.nearestRow(rows, 1, 10, 5, anyFrame)).toBe(-1);
    expect(index.nearestRow(rows, 1, 139_990, 5, anyFrame)).toBe(139_990);
  });

  it('indexes a million rows quickly and answers from buckets', () => {
    const rows = rowStoreOf(Array.from({ length: 1_000_000 }, (_, i) => ({ conn: 1 + (i % 4), t: i * 0.36, dir: i % 3 === 0 ? 'in' : 'out' })));
    const index = new FrameIndex();
    const started = performance.now();
    index.update(rows);
    const took = performance.now() - started;
    expect(took).toBeLessThan(2000);
    const b = index.get(1)!;
    expect(b.frames).toBe(250_000);
    const scanned: number[] = [];
    index.forEachRow(rows, 2, 1000, 1100, (row) => scanned.push(row));
    expect(scanned.length).toBeGreaterThan(60);
    expect(scanned.length).toBeLessThan(80);
  });
});
