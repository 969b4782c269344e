import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../types/script.js';
import { compileMatcher, contains, deepEqual } from './matchers.js';

const text = (value: string): Message => ({
  type: 'text',
  text: value,
  data: new TextEncoder().encode(value),
  size: value.length,
  compressed: false,
  t: 0,
  json: () => JSON.parse(value),
});

function test(matcher: Parameters<typeof compileMatcher>[0], value: string): boolean {
  const compiled = compileMatcher(matcher);
  if ('error' in compiled) throw new Error(compiled.error);
  return compiled.test(text(value));
}

describe('script matchers', () => {
  it('a string is the whole text, a regex searches it (global flags do not leak between messages)', () => {
    expect(test('pong', 'pong')).toBe(true);
    expect(test('pong', 'pong!')).toBe(false);
    const re = /o/g;
    expect([test(re, 'foo'), test(re, 'foo'), test(re, 'bar')]).toEqual([true, true, false]);
  });

  it('JSON paths: equals (deep), exists, matches; non-JSON never matches', () => {
    expect(test({ path: '$.user.tags[1]', equals: 'b' }, '{"user":{"tags":["a","b"]}}')).toBe(true);
    expect(test({ path: '$.user', equals: { tags: ['a'] } }, '{"user":{"tags":["a"]}}')).toBe(true);
    expect(test({ path: '$.id', exists: true }, '{"id":0}')).toBe(true);
    expect(test({ path: '$.id', exists: false }, '{"id":0}')).toBe(false);
    expect(test({ path: '$.id' }, 'not json')).toBe(false);
    expect(test({ path: '$.name', matches: /^bo/ }, '{"name":"bob"}')).toBe(true);
    expect(test({ path: '$.name', matches: /^bo/ }, '{"name":7}')).toBe(false);
  });

  it('{ json } is a deep subset; arrays must be equal', () => {
    expect(
      test(
        { json: { type: 'joined', user: { id: 1 } } },
        '{"type":"joined","user":{"id":1,"name":"x"},"at":3}',
      ),
    ).toBe(true);
    expect(test({ json: { list: [1] } }, '{"list":[1,2]}')).toBe(false);
    expect(contains({ a: null }, { a: null })).toBe(true);
    expect(deepEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(deepEqual(NaN, NaN)).toBe(true);
  });

  it('a predicate must return true exactly; bad matchers say what a matcher is', () => {
    expect(test((m) => m.text.length === 3, 'abc')).toBe(true);
    expect(compileMatcher({ path: 'type', equals: 1 })).toEqual({
      error: expect.stringContaining('must start with $'),
    });
    expect(compileMatcher(42 as never)).toEqual({
      error: expect.stringContaining('a matcher is a string, a RegExp'),
    });
  });
});
