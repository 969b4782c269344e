import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WstapBridge } from '../../shared/ipc/contract.js';
import { emptyRowBatch } from '../../shared/ipc/rows.js';
import { createConsoleModel } from './console-store.js';
import { meterRowsVersion } from './use-rows-tick.js';

const bridge: WstapBridge = {
  call: () => Promise.reject(new Error('not in this test')),
  onBatch: () => () => undefined,
};
const stats = { frames: 0, messages: 0, droppedFrames: 0, droppedMessages: 0, droppedBytes: 0 };

describe('meterRowsVersion', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the first change at once, then at most one per interval, and always the last', () => {
    const model = createConsoleModel(bridge);
    const shown: number[] = [];
    const stop = meterRowsVersion(model.store, 200, (v) => shown.push(v));
    const batch = () => model.store.getState().ingest({ rows: emptyRowBatch(), events: [], stats });
    batch();
    expect(shown).toEqual([1]);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(16);
      batch();
    }
    expect(shown).toEqual([1]);
    vi.advanceTimersByTime(200);
    expect(shown).toEqual([1, 11]);
    vi.advanceTimersByTime(1000);
    expect(shown).toEqual([1, 11]);
    stop();
    batch();
    expect(shown).toEqual([1, 11]);
  });
});
