import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { ReplayLog } from './replay-log.js';

const event = (seq: number) => ({ type: 'open', conn: 1, seq }) as unknown as SessionEvent;

describe('ReplayLog', () => {
  it('keeps the newest events in order', () => {
    const log = new ReplayLog(3);
    expect(log.events()).toEqual([]);
    log.add([event(0), event(1)]);
    expect(log.events().map((e) => e.seq)).toEqual([0, 1]);
    log.add([event(2), event(3), event(4)]);
    expect(log.events().map((e) => e.seq)).toEqual([2, 3, 4]);
  });
});
