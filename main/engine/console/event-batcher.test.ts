import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch } from '../../../shared/ipc/contract.js';
import type { SessionEvent } from '../../../shared/model/events.js';
import { EventBatcher } from './event-batcher.js';

const stats = { frames: 0, messages: 0, droppedFrames: 0, droppedMessages: 0, droppedBytes: 0 };
const event = (seq: number) => ({ type: 'open', conn: 1, seq, t: seq, wall: seq }) as unknown as SessionEvent;

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('EventBatcher', () => {
  it('holds a row for batchMs, then pushes once and leaves no timer behind', () => {
    const batches: EventBatch[] = [];
    const batcher = new EventBatcher({ batchMs: 16, batchRows: 1000, stats: () => stats });
    batcher.onBatch((b) => batches.push(b));
    expect(vi.getTimerCount()).toBe(0);
    batcher.row(0, 1, 0.5, 0x11, 5, 0, 'hello');
    batcher.event(event(0));
    expect(batches).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(16);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.rows).toEqual({
      id: [0],
      conn: [1],
      t: [0.5],
      flags: [0x11],
      length: [5],
      extra: [0],
      preview: ['hello'],
    });
    expect(batches[0]!.events).toHaveLength(1);
    expect(batches[0]!.stats).toEqual(stats);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(1);
  });

  it('pushes at once when a batch is full', () => {
    const sizes: number[] = [];
    const batcher = new EventBatcher({ batchRows: 3, stats: () => stats });
    batcher.onBatch((b) => sizes.push(b.rows.id.length + b.events.length));
    for (let i = 0; i < 7; i++) batcher.row(i, 1, i, 0, 0, -1, '');
    expect(sizes).toEqual([3, 3]);
    batcher.close();
    expect(sizes).toEqual([3, 3, 1]);
    expect(vi.getTimerCount()).toBe(0);
    batcher.row(9, 1, 9, 0, 0, -1, '');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps pushing to the other listeners when one throws', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const batcher = new EventBatcher({ batchRows: 1, stats: () => stats });
    const seen: number[] = [];
    batcher.onBatch(() => {
      throw new Error('broken');
    });
    const stop = batcher.onBatch((b) => seen.push(b.rows.id[0]!));
    batcher.row(7, 1, 0, 0, 0, -1, '');
    stop();
    batcher.row(8, 1, 0, 0, 0, -1, '');
    expect(seen).toEqual([7]);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('broken'));
    stderr.mockRestore();
  });

  it('coalesces a replay’s ticks to its latest per batch and pushes a finished one at once', () => {
    const batches: EventBatch[] = [];
    const batcher = new EventBatcher({ batchMs: 16, batchRows: 1000, stats: () => stats });
    batcher.onBatch((b) => batches.push(b));
    for (let done = 1; done <= 500; done++)
      batcher.replayTick({ replay: 1, done, total: 1000, finished: false });
    batcher.replayTick({ replay: 2, done: 1, total: 5, finished: false });
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(16);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.replays).toEqual([
      { replay: 1, done: 500, total: 1000, finished: false },
      { replay: 2, done: 1, total: 5, finished: false },
    ]);
    batcher.replayTick({ replay: 1, done: 1000, total: 1000, finished: true });
    expect(batches).toHaveLength(2);
    expect(batches[1]!.replays).toEqual([{ replay: 1, done: 1000, total: 1000, finished: true }]);
    expect(vi.getTimerCount()).toBe(0);
    batcher.row(0, 1, 0, 0, 0, 0, '');
    vi.advanceTimersByTime(16);
    expect(batches[2]!.replays).toBeUndefined();
  });
});
