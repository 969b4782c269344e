import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { addReloads, lastReloadOf } from './mock-store.js';

const reload = (ok: boolean, files: string[], message: string): SessionEvent =>
  ({ type: 'reload', conn: 0, seq: 1, t: 0, ok, files, message }) as unknown as SessionEvent;

describe('reload notes', () => {
  it('numbers every reload and finds the newest of a file', () => {
    const one = addReloads(
      [],
      [reload(true, ['/a.yaml'], 'applied'), { type: 'open' } as unknown as SessionEvent],
    );
    const two = addReloads(one, [
      reload(false, ['/a.yaml'], 'a.yaml:3:5: bad'),
      reload(true, ['/b.yaml'], 'applied'),
    ]);
    expect(two.map((r) => r.n)).toEqual([1, 2, 3]);
    expect(lastReloadOf(two, '/a.yaml')).toMatchObject({ n: 2, ok: false, message: 'a.yaml:3:5: bad' });
    expect(lastReloadOf(two, '/c.yaml')).toBeNull();
    expect(addReloads(two, [])).toBe(two);
  });

  it('keeps the newest 20', () => {
    let list = addReloads([], []);
    for (let i = 0; i < 25; i++) list = addReloads(list, [reload(true, ['/a.yaml'], `r${i}`)]);
    expect(list).toHaveLength(20);
    expect(list.at(-1)).toMatchObject({ n: 25, message: 'r24' });
  });
});
