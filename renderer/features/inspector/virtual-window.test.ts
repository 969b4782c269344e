import { describe, expect, it } from 'vitest';
import {
  bottomScrollTop,
  isAtBottom,
  realScrollTop,
  revealScrollTop,
  rowWindow,
  stepSelection,
  virtualOffset,
} from './virtual-window.js';

const H = 22;

describe('rowWindow', () => {
  it('renders only the visible rows plus overscan', () => {
    const w = rowWindow({ count: 500_000, rowHeight: H, scrollTop: 22_000, viewport: 440, overscan: 5 });
    expect(w).toEqual({ first: 995, end: 1025, spacer: 11_000_000, blockTop: 995 * H });
  });

  it('is empty with no rows and clamps past the end', () => {
    expect(rowWindow({ count: 0, rowHeight: H, scrollTop: 0, viewport: 400, overscan: 5 })).toEqual({
      first: 0,
      end: 0,
      spacer: 0,
      blockTop: 0,
    });
    const w = rowWindow({ count: 10, rowHeight: H, scrollTop: 9999, viewport: 1000, overscan: 5 });
    expect([w.first, w.end, w.blockTop]).toEqual([0, 10, 0]);
  });

  it('scales the scroll range past the maximum height and still reaches the last row', () => {
    const count = 2_000_000;
    const maxHeight = 1_000_000;
    const viewport = 440;
    const bottom = bottomScrollTop(count, H, viewport, maxHeight);
    expect(bottom).toBe(maxHeight - viewport);
    const w = rowWindow({ count, rowHeight: H, scrollTop: bottom, viewport, overscan: 0, maxHeight });
    expect(w.spacer).toBe(maxHeight);
    expect(w.end).toBe(count);
    expect(w.first).toBe(count - viewport / H);
    // The last row ends exactly at the bottom of the scroll content.
    expect(w.blockTop + (w.end - w.first) * H).toBeCloseTo(maxHeight, 6);
  });

  it('maps real and virtual offsets both ways when scaled', () => {
    const args = [2_000_000, H, 440, 1_000_000] as const;
    const offset = virtualOffset(123_456, ...args);
    expect(realScrollTop(offset, ...args)).toBeCloseTo(123_456, 6);
    expect(virtualOffset(0, ...args)).toBe(0);
  });
});

describe('tail and selection', () => {
  it('knows the bottom within half a row', () => {
    expect(isAtBottom(560, 1000, 440, H)).toBe(true);
    expect(isAtBottom(550, 1000, 440, H)).toBe(true);
    expect(isAtBottom(540, 1000, 440, H)).toBe(false);
  });

  it('reveals a row only when it is out of view', () => {
    const input = { count: 1000, rowHeight: H, scrollTop: 2200, viewport: 440 };
    expect(revealScrollTop(105, input)).toBeNull();
    expect(revealScrollTop(99, input)).toBe(99 * H);
    expect(revealScrollTop(120, input)).toBe(121 * H - 440);
  });

  it('steps the selection within the view', () => {
    expect(stepSelection(-1, 1, 10, 4)).toBe(4);
    expect(stepSelection(3, 1, 10, 0)).toBe(4);
    expect(stepSelection(0, -1, 10, 0)).toBe(0);
    expect(stepSelection(9, 1, 10, 0)).toBe(9);
    expect(stepSelection(2, 1, 0, 0)).toBe(-1);
  });
});
