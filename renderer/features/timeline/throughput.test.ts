import { describe, expect, it } from 'vitest';
import { FrameIndex } from './frame-index.js';
import { rowStoreOf } from './rows.test-util.js';
import { formatRate, sparklinePoints, throughput } from './throughput.js';

describe('throughput', () => {
  it('bins messages and wire bytes per second over the span', () => {
    const rows = rowStoreOf([
      ...Array.from({ length: 10 }, (_, i) => ({ conn: 1, t: i * 50, length: 100 })),
      ...Array.from({ length: 10 }, (_, i) => ({ conn: 1, t: i * 50, message: true })),
      { conn: 1, t: 2500, length: 1000 },
      { conn: 1, t: 2500, message: true },
    ]);
    const index = new FrameIndex();
    index.update(rows);
    const tp = throughput(index.get(1), 0, 3000);
    expect(tp.binMs).toBe(1000);
    expect(tp.msgsPerSec).toEqual([10, 0, 1]);
    expect(tp.bytesPerSec).toEqual([1000, 0, 1000]);
    expect(tp.peakMsgs).toBe(10);
    expect(tp.avgMsgs).toBeCloseTo(11 / 3);
    expect(tp.lastMsgs).toBe(1);
    expect(tp.lastBytes).toBe(1000);
  });

  it('keeps at most maxBins bins over long spans and handles no data', () => {
    const tp = throughput(undefined, 0, 3_600_000, 120);
    expect(tp.msgsPerSec.length).toBeLessThanOrEqual(120);
    expect(tp.peakMsgs).toBe(0);
    expect(throughput(undefined, 0, 50).msgsPerSec.length).toBe(1);
  });

  it('draws sparklines bottom-up and formats rates', () => {
    expect(sparklinePoints([0, 5, 10], 100, 20)).toBe('0,20 50,10 100,0');
    expect(sparklinePoints([], 100, 20)).toBe('');
    expect(formatRate(3.25, 'msgs')).toBe('3.3/s');
    expect(formatRate(1500, 'msgs')).toBe('1.5k/s');
    expect(formatRate(2_500_000, 'bytes')).toBe('2.5 MB/s');
    expect(formatRate(512, 'bytes')).toBe('512 B/s');
  });
});
