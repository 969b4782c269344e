import { describe, expect, it } from 'vitest';
import { FramePump, type FrameScheduler } from './frame-pump.js';

/** A scheduler the test fires by hand. */
function manual(): { schedule: FrameScheduler; fire(): void; pending(): number } {
  let runs: (() => void)[] = [];
  return {
    schedule: (run) => {
      runs.push(run);
      return () => void (runs = runs.filter((r) => r !== run));
    },
    fire: () => {
      const now = runs;
      runs = [];
      for (const run of now) run();
    },
    pending: () => runs.length,
  };
}

describe('FramePump', () => {
  it('hands every item queued before a frame over in one call, in order', () => {
    const frames = manual();
    const applied: number[][] = [];
    const pump = new FramePump<number>((items) => applied.push([...items]), frames.schedule);
    pump.push(1);
    pump.push(2);
    pump.push(3);
    expect(frames.pending()).toBe(1);
    expect(applied).toEqual([]);
    frames.fire();
    expect(applied).toEqual([[1, 2, 3]]);
    pump.push(4);
    frames.fire();
    expect(applied).toEqual([[1, 2, 3], [4]]);
  });

  it('schedules nothing while empty, and flush() applies at once and cancels the frame', () => {
    const frames = manual();
    const applied: number[][] = [];
    const pump = new FramePump<number>((items) => applied.push([...items]), frames.schedule);
    pump.flush();
    expect(frames.pending()).toBe(0);
    pump.push(7);
    pump.flush();
    expect(applied).toEqual([[7]]);
    expect(frames.pending()).toBe(0);
    frames.fire();
    expect(applied).toEqual([[7]]);
  });
});
