import { describe, expect, it } from 'vitest';
import { MAX_MS_PER_PX, MIN_MS_PER_PX, axisTicks, fitScale, formatOffset, niceStep, panScale, tOf, wheelZoomFactor, xOf, zoomScale } from './scale.js';

describe('time scale', () => {
  it('fits a span with margins and maps both ways', () => {
    const s = fitScale(1000, 2000, 1040, 0.02);
    expect(s.msPerPx).toBeCloseTo(1);
    expect(s.t0).toBeCloseTo(980);
    expect(xOf(s, 1000)).toBeCloseTo(20);
    expect(tOf(s, xOf(s, 1234.5))).toBeCloseTo(1234.5);
  });

  it('fits an empty span to at least 1 ms', () => {
    const s = fitScale(5, 5, 100, 0);
    expect(s.msPerPx).toBeCloseTo(0.01);
  });

  it('zooms around the anchor, keeping its time under it, within limits', () => {
    const s = { t0: 0, msPerPx: 10 };
    const z = zoomScale(s, 0.5, 200);
    expect(z.msPerPx).toBe(5);
    expect(tOf(z, 200)).toBeCloseTo(tOf(s, 200));
    expect(zoomScale(s, 1e-9, 0).msPerPx).toBe(MIN_MS_PER_PX);
    expect(zoomScale(s, 1e12, 0).msPerPx).toBe(MAX_MS_PER_PX);
  });

  it('pans: dragging right shows earlier times', () => {
    expect(panScale({ t0: 1000, msPerPx: 2 }, 50)).toEqual({ t0: 900, msPerPx: 2 });
  });

  it('turns wheel deltas into zoom factors (down zooms out)', () => {
    expect(wheelZoomFactor(100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(-100)).toBeLessThan(1);
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1);
    expect(wheelZoomFactor(1e9)).toBe(wheelZoomFactor(500));
  });

  it('picks 1-2-5 steps at least minPx apart', () => {
    expect(niceStep(1, 90)).toBe(100);
    expect(niceStep(1.2, 90)).toBe(200);
    expect(niceStep(3, 90)).toBe(500);
    expect(niceStep(0.01, 90)).toBe(1);
    expect(niceStep(0.002, 90)).toBeCloseTo(0.2);
  });

  it('places ticks on multiples of the step from the origin', () => {
    const { step, ticks } = axisTicks({ t0: 1050, msPerPx: 1 }, 400, 1000, 90);
    expect(step).toBe(100);
    expect(ticks).toEqual([1100, 1200, 1300, 1400]);
  });

  it('formats axis offsets as precisely as the step needs', () => {
    expect(formatOffset(0, 100)).toBe('0 ms');
    expect(formatOffset(500, 100)).toBe('500 ms');
    expect(formatOffset(1500, 500)).toBe('1.5 s');
    expect(formatOffset(2000, 1000)).toBe('2 s');
    expect(formatOffset(0.25, 0.05)).toBe('0.25 ms');
    expect(formatOffset(150_000, 10_000)).toBe('2:30 min');
    expect(formatOffset(-200, 100)).toBe('-200 ms');
    expect(formatOffset(-400, 2000)).toBe('0 s');
  });
});
