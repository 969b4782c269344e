import { describe, expect, it } from 'vitest';
import type { ReplayProgress } from '../../../shared/ipc/recording-commands.js';
import { applyTick, newer, progressShare } from './use-replay.js';

const progress = (fields: Partial<ReplayProgress> = {}): ReplayProgress => ({
  replay: 1,
  path: '/r.jsonl',
  target: 'ws://127.0.0.1:1',
  mode: 'fast',
  done: 0,
  total: 10,
  finished: false,
  report: null,
  error: null,
  liveConns: [],
  ...fields,
});

describe('replay progress from pushed ticks', () => {
  it('moves on with its own replay’s ticks only, and waits for the report to finish', () => {
    expect(applyTick(progress(), { replay: 1, done: 4, total: 10, finished: false })).toMatchObject({
      done: 4,
    });
    expect(applyTick(progress(), { replay: 2, done: 4, total: 10, finished: false })).toBeNull();
    expect(
      applyTick(progress({ finished: true }), { replay: 1, done: 4, total: 10, finished: false }),
    ).toBeNull();
    expect(applyTick(progress(), { replay: 1, done: 10, total: 10, finished: true })).toMatchObject({
      done: 10,
      finished: false,
    });
  });

  it('never lets a status fetched before some ticks move the bar back; a finished one wins', () => {
    const shown = progress({ done: 6 });
    expect(newer(shown, progress({ done: 3 }))).toMatchObject({ done: 6, finished: false });
    expect(newer(shown, progress({ done: 8 }))).toMatchObject({ done: 8 });
    expect(newer(shown, progress({ done: 3, finished: true }))).toMatchObject({ done: 3, finished: true });
    expect(newer(null, progress({ done: 2 }))).toMatchObject({ done: 2 });
    expect(progressShare({ done: 5, total: 10, finished: false })).toBe(0.5);
    expect(progressShare({ done: 0, total: 0, finished: true })).toBe(1);
  });
});
