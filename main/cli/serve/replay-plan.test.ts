import { describe, expect, it } from 'vitest';
import { planServe } from './serve-plan.js';

describe('serve --replay flags', () => {
  it('defaults: speed 1, window 8, warn on mismatch, every connection', () => {
    expect(planServe({ replay: 'session.jsonl' }).mode).toEqual({
      kind: 'replay',
      file: expect.stringMatching(/\/session\.jsonl$/),
      speed: 1,
      correlate: [],
      ignore: [],
      onMismatch: 'warn',
      window: 8,
      connections: null,
    });
  });

  it('reads speeds, paths, a window, connections and the mismatch action', () => {
    const mode = planServe({
      replay: 's.jsonl',
      speed: '2x',
      correlate: ['$.id', "$.meta['request id']"],
      ignore: ['$..ts', '$.items[*].nonce'],
      window: '1',
      connection: ['#2', '3'],
      onMismatch: 'close',
    }).mode;
    expect(mode).toMatchObject({ speed: 2, window: 1, connections: [2, 3], onMismatch: 'close' });
    if (mode.kind !== 'replay') throw new Error('not a replay');
    expect(mode.correlate.map((p) => p.steps)).toEqual([['id'], ['meta', 'request id']]);
    expect(mode.ignore.map((p) => p.source)).toEqual(['$..ts', '$.items[*].nonce']);
    expect(planServe({ replay: 's', speed: 'max' }).mode).toMatchObject({ speed: 0 });
    expect(planServe({ replay: 's', speed: '0' }).mode).toMatchObject({ speed: 0 });
    expect(planServe({ replay: 's', speed: '0.25' }).mode).toMatchObject({ speed: 0.25 });
  });

  it('says what is wrong', () => {
    expect(() => planServe({ replay: 's', speed: 'fast' })).toThrow(
      "--speed takes a factor such as 2 (twice as fast) or 0.5 (half as fast), or max (no waiting), got 'fast'",
    );
    expect(() => planServe({ replay: 's', speed: '-1' })).toThrow(/--speed takes a factor/);
    expect(() => planServe({ replay: 's', correlate: ['id'] })).toThrow(
      /^--correlate: JSON path 'id' must start with \$/,
    );
    expect(() => planServe({ replay: 's', correlate: ['$.items[*].id'] })).toThrow(
      /wildcards are not supported/,
    );
    expect(() => planServe({ replay: 's', correlate: ['$'] })).toThrow(
      '--correlate $ names the whole message',
    );
    expect(() => planServe({ replay: 's', ignore: ['ts'] })).toThrow(/^--ignore 'ts' must start with \$/);
    expect(() => planServe({ replay: 's', window: '0' })).toThrow('--window takes a whole number ≥ 1');
    expect(() => planServe({ replay: 's', onMismatch: 'drop' })).toThrow(
      "--on-mismatch takes warn or close, got 'drop'",
    );
    expect(() => planServe({ replay: 's', connection: ['x'] })).toThrow(
      "--connection takes a whole number ≥ 1, got 'x'",
    );
    expect(() => planServe({ replay: 's', mock: 'm.yaml' })).toThrow('choose one of --mock, --replay');
    expect(() => planServe({ correlate: ['$.id'] })).toThrow('--correlate goes with --replay FILE');
    expect(() => planServe({ window: '3' })).toThrow('--window goes with --replay FILE');
  });
});
