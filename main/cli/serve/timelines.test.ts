import { describe, expect, it } from 'vitest';
import { TIMELINE_CONNECTIONS, TIMELINE_LINES, Timelines } from './timelines.js';

const line = (text: string) => ({ to: 'err' as const, text });

describe('kept timelines', () => {
  it('keeps the last lines of each connection in order, and the last connections', () => {
    const timelines = new Timelines();
    for (let i = 0; i < TIMELINE_LINES + 50; i++) timelines.add(1, [line(`a${i}`)]);
    timelines.add(2, [line('b0'), line('b1')]);
    timelines.add(0, [line('server')]);
    const one = timelines.of(1)!.map((l) => l.text);
    expect(one).toHaveLength(TIMELINE_LINES);
    expect(one[0]).toBe('a50');
    expect(one.at(-1)).toBe(`a${TIMELINE_LINES + 49}`);
    expect(timelines.of(2)!.map((l) => l.text)).toEqual(['b0', 'b1']);
    expect(timelines.of(0)).toBeNull();
    for (let c = 3; c < TIMELINE_CONNECTIONS + 3; c++) timelines.add(c, [line('x')]);
    expect(timelines.of(1)).toBeNull();
    expect(timelines.of(TIMELINE_CONNECTIONS + 2)).not.toBeNull();
  });
});
