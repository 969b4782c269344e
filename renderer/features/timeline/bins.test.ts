import { describe, expect, it } from 'vitest';
import { ROW_MODE_MAX, binHeight, laneBins, laneMarks } from './bins.js';
import { FrameIndex } from './frame-index.js';
import { rowStoreOf } from './rows.test-util.js';

describe('lane marks', () => {
  it('draws each frame as a tick when few are in view, skipping message rows', () => {
    const rows = rowStoreOf([
      { conn: 1, t: 10, dir: 'out' },
      { conn: 1, t: 20, dir: 'in', opcode: 9 },
      { conn: 1, t: 20, dir: 'in', message: true },
      { conn: 2, t: 30 },
      { conn: 1, t: 5000 },
    ]);
    const index = new FrameIndex();
    index.update(rows);
    const marks = laneMarks(index, rows, 1, { t0: 0, msPerPx: 1 }, 100);
    expect(marks).toEqual({
      kind: 'ticks',
      ticks: [
        { x: 10, dir: 'out', control: false },
        { x: 20, dir: 'in', control: true },
      ],
    });
  });

  it('switches to per-column bins past ROW_MODE_MAX frames in view', () => {
    const n = ROW_MODE_MAX + 1000;
    const rows = rowStoreOf(Array.from({ length: n }, (_, i) => ({ conn: 1, t: i, dir: i % 2 ? 'in' : 'out' }) as const));
    const index = new FrameIndex();
    index.update(rows);
    const marks = laneMarks(index, rows, 1, { t0: 0, msPerPx: 100 }, 100);
    expect(marks.kind).toBe('bins');
    if (marks.kind !== 'bins') return;
    const total = marks.bins.out.reduce((a, b) => a + b, 0) + marks.bins.in.reduce((a, b) => a + b, 0);
    expect(total).toBe(n);
  });

  it('sums buckets narrower than a column and spreads wider ones', () => {
    const rows = rowStoreOf([
      { conn: 1, t: 0 },
      { conn: 1, t: 150 },
      { conn: 1, t: 250, dir: 'in' },
    ]);
    const index = new FrameIndex();
    index.update(rows);
    const wide = laneBins(index, 1, { t0: 0, msPerPx: 1000 }, 3);
    expect(Array.from(wide.out)).toEqual([2, 0, 0]);
    expect(Array.from(wide.in)).toEqual([1, 0, 0]);
    const narrow = laneBins(index, 1, { t0: 0, msPerPx: 25 }, 12);
    expect(Array.from(narrow.out)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(narrow.in)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(laneBins(index, 7, { t0: 0, msPerPx: 1 }, 2).out)).toEqual([0, 0]);
  });

  it('scales bar heights by log so one frame still shows', () => {
    expect(binHeight(0, 20, 100)).toBe(0);
    expect(binHeight(1, 20, 1e12)).toBe(1);
    expect(binHeight(1, 20, 1_000_000)).toBeGreaterThanOrEqual(1);
    expect(binHeight(100, 20, 100)).toBe(20);
    expect(binHeight(10, 20, 100)).toBeLessThan(20);
  });
});
