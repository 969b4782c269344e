import { describe, expect, it } from 'vitest';
import { parseIgnorePath, type IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { MessageMatcher } from './match.js';

const path = (source: string): IgnorePath => parseIgnorePath(source) as IgnorePath;
const text = (value: string) => ({ opcode: 'text' as const, text: value });
const live = (m: MessageMatcher, value: string | Uint8Array) =>
  typeof value === 'string' ? m.live('text', Buffer.from(value), value) : m.live('binary', value, null);

describe('matching a live message to a recorded one', () => {
  it('takes the same bytes of the same type, text or binary', () => {
    const m = new MessageMatcher([]);
    expect(m.same(live(m, 'hello'), m.recorded(text('hello')))).toBe(true);
    expect(m.same(live(m, 'hello'), m.recorded(text('hellO')))).toBe(false);
    const bytes = m.recorded({ opcode: 'binary', base64: 'AQID' });
    expect(m.same(live(m, Uint8Array.of(1, 2, 3)), bytes)).toBe(true);
    expect(m.same(live(m, Uint8Array.of(1, 2, 4)), bytes)).toBe(false);
    // The same bytes in a text frame are not the recorded binary message.
    expect(m.same(m.live('text', Uint8Array.of(1, 2, 3), '\x01\x02\x03'), bytes)).toBe(false);
  });

  it('takes equal JSON whatever the key order and spacing, and sets aside the --ignore and --correlate paths', () => {
    const plain = new MessageMatcher([]);
    const recorded = text('{"id":1,"op":"add","args":[1,2],"ts":100}');
    expect(
      plain.same(
        live(plain, '{ "op": "add", "ts": 100, "args": [1, 2], "id": 1 }'),
        plain.recorded(recorded),
      ),
    ).toBe(true);
    expect(
      plain.same(live(plain, '{"id":2,"op":"add","args":[1,2],"ts":100}'), plain.recorded(recorded)),
    ).toBe(false);
    const lenient = new MessageMatcher([path('$.id'), path('$..ts')]);
    expect(
      lenient.same(live(lenient, '{"id":77,"op":"add","args":[1,2],"ts":555}'), lenient.recorded(recorded)),
    ).toBe(true);
    // A set-aside field may also be absent.
    expect(lenient.same(live(lenient, '{"op":"add","args":[1,2]}'), lenient.recorded(recorded))).toBe(true);
    expect(lenient.same(live(lenient, '{"id":77,"op":"add","args":[1,3]}'), lenient.recorded(recorded))).toBe(
      false,
    );
  });

  it('sets aside an array item without moving the items after it', () => {
    const m = new MessageMatcher([path('$.args[0]')]);
    const recorded = m.recorded(text('{"args":["nonce-1","x","y"]}'));
    expect(m.same(live(m, '{"args":["nonce-2","x","y"]}'), recorded)).toBe(true);
    expect(m.same(live(m, '{"args":["nonce-2","y","x"]}'), recorded)).toBe(false);
  });

  it('says where JSON departs from the recording, and how many fields differ', () => {
    const m = new MessageMatcher([path('$.id')]);
    const recorded = m.recorded(text('{"id":1,"op":"add","a":1,"b":2}'));
    expect(m.difference(live(m, '{"id":9,"op":"sub","a":1,"b":2}'), recorded)).toEqual({
      score: 1,
      detail: '$.op: "sub", recorded "add"',
    });
    expect(m.difference(live(m, '{"op":"add","a":1}'), recorded)).toEqual({
      score: 1,
      detail: '$.b: (absent), recorded 2',
    });
    expect(m.difference(live(m, '{"op":"mul","a":5,"b":2,"extra":true}'), recorded)).toEqual({
      score: 3,
      detail: '$.op: "mul", recorded "add" (and 2 more differences)',
    });
  });

  it('ranks a message of the other type farthest', () => {
    const m = new MessageMatcher([]);
    const near = m.difference(live(m, 'hello world'), m.recorded(text('hello there')));
    expect(near.detail).toBe('differs from character 6');
    const wrongType = m.difference(live(m, 'hello world'), m.recorded({ opcode: 'binary', base64: 'AQ==' }));
    expect(wrongType.detail).toBe('$: text message, recorded binary message');
    expect(wrongType.score).toBeGreaterThan(near.score);
  });
});
