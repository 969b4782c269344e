import { describe, expect, it } from 'vitest';
import { rttChartPoints, rttStats } from './rtt-stats.js';

describe('rtt stats', () => {
  it('gives min, avg, max and last', () => {
    expect(rttStats([])).toBeNull();
    expect(rttStats([{ t: 0, rtt: 4 }, { t: 1, rtt: 2 }, { t: 2, rtt: 9 }, { t: 3, rtt: 5 }])).toEqual({ count: 4, min: 2, avg: 5, max: 9, last: 5 });
  });

  it('scales points into the box, 0 at the bottom', () => {
    const pts = rttChartPoints([{ t: 100, rtt: 5 }, { t: 200, rtt: 10 }], 200, 50);
    expect(pts).toEqual([
      { x: 0, y: 25 },
      { x: 200, y: 0 },
    ]);
    expect(rttChartPoints([{ t: 1, rtt: 3 }], 200, 50)).toEqual([{ x: 100, y: 0 }]);
  });

  it('thins many points to each column’s highest, keeping spikes', () => {
    const points = Array.from({ length: 5000 }, (_, i) => ({ t: i, rtt: i === 2500 ? 100 : 1 }));
    const pts = rttChartPoints(points, 100, 50);
    expect(pts.length).toBeLessThanOrEqual(100);
    expect(pts.some((p) => p.y === 0)).toBe(true);
  });
});
