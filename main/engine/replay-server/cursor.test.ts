import { describe, expect, it } from 'vitest';
import { parseIgnorePath, type IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { ReplayCursor } from './cursor.js';
import { MessageMatcher } from './match.js';

const matcher = new MessageMatcher([parseIgnorePath('$.id') as IgnorePath]);
const cursorOf = (texts: readonly string[], window = 8): ReplayCursor =>
  new ReplayCursor(
    texts.map((text) => matcher.recorded({ opcode: 'text', text })),
    matcher,
    window,
  );
const live = (text: string) => matcher.live('text', Buffer.from(text), text);
const op = (name: string, id = 0) => JSON.stringify({ id, op: name });

describe('a client’s cursor through the recorded client messages', () => {
  it('matches in order, then reports that nothing is left', () => {
    const cursor = cursorOf([op('a', 1), op('b', 2)]);
    expect(cursor.take(live(op('a', 50)))).toEqual({ kind: 'match', index: 0, ahead: 0 });
    expect(cursor.take(live(op('b', 51)))).toEqual({ kind: 'match', index: 1, ahead: 0 });
    expect(cursor.remaining).toBe(0);
    expect(cursor.take(live(op('a', 52)))).toEqual({ kind: 'mismatch', closest: null });
  });

  it('takes messages out of order within the window and keeps the skipped ones available', () => {
    const cursor = cursorOf([op('a'), op('b'), op('c'), op('d')], 3);
    expect(cursor.candidates()).toEqual([0, 1, 2]);
    expect(cursor.take(live(op('c')))).toEqual({ kind: 'match', index: 2, ahead: 2 });
    // Unmatched ones stay in the window, which now reaches d.
    expect(cursor.candidates()).toEqual([0, 1, 3]);
    expect(cursor.take(live(op('a')))).toEqual({ kind: 'match', index: 0, ahead: 0 });
    expect(cursor.unmatched()).toEqual([1, 3]);
    expect(cursor.take(live(op('d')))).toEqual({ kind: 'match', index: 3, ahead: 1 });
    expect(cursor.isMatched(3)).toBe(true);
    expect(cursor.isMatched(1)).toBe(false);
    expect(cursor.take(live(op('b')))).toEqual({ kind: 'match', index: 1, ahead: 0 });
    expect(cursor.remaining).toBe(0);
  });

  it('does not reach past the window, and names the closest candidate of a mismatch', () => {
    const cursor = cursorOf([op('a'), op('b'), op('c')], 2);
    const taken = cursor.take(live(op('c')));
    expect(taken).toMatchObject({
      kind: 'mismatch',
      closest: { index: 0, detail: '$.op: "c", recorded "a"' },
    });
    // A mismatch moves nothing: the recorded messages are all still expected.
    expect(cursor.remaining).toBe(3);
    const extra = cursor.take(live(JSON.stringify({ id: 0, op: 'b', extra: 1 })));
    expect(extra).toMatchObject({
      kind: 'mismatch',
      closest: { index: 1, detail: '$.extra: 1, recorded (absent)' },
    });
  });

  it('matches repeated identical requests one recorded message each, in order', () => {
    const cursor = cursorOf(['ping', 'ping', 'pong']);
    expect(cursor.take(live('ping'))).toMatchObject({ index: 0 });
    expect(cursor.take(live('ping'))).toMatchObject({ index: 1 });
    expect(cursor.take(live('ping'))).toMatchObject({ kind: 'mismatch', closest: { index: 2 } });
  });
});
