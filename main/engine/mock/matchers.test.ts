import { describe, expect, it } from 'vitest';
import type { MessageMatch, MockRule } from './definition.js';
import { binary, mockFrom, text } from './mock-behaviour.test-util.js';
import { lazyJson, matchMessage, whenHolds } from './matchers.js';
import type { IncomingMessage } from '../server/behaviour.js';

/** The match of `match:` YAML (one rule). */
function matchOf(yaml: string): MessageMatch {
  const [route] = mockFrom(`routes:\n  - rules:\n      - match: ${yaml}\n        then: []\n`).routes;
  return (route?.rules[0] as MockRule).match;
}

const run = (match: MessageMatch, message: IncomingMessage) =>
  matchMessage(match, message, lazyJson(message));

describe('matchMessage', () => {
  it('text: the whole text message, exactly', () => {
    const match = matchOf('{ text: ping }');
    expect(run(match, text('ping'))).toEqual({ groups: null });
    expect(run(match, text('ping '))).toBeNull();
    expect(run(match, binary([0x70, 0x69, 0x6e, 0x67]))).toBeNull();
  });

  it('regex: text messages, with numbered and named groups', () => {
    const match = matchOf('{ regex: "^hi (?<who>\\\\w+)(!)?$", flags: i }');
    expect(run(match, text('HI ana'))).toEqual({
      groups: { numbered: ['HI ana', 'ana', undefined], named: { who: 'ana' } },
    });
    expect(run(match, text('bye ana'))).toBeNull();
    expect(run(match, binary([0x68, 0x69]))).toBeNull();
  });

  it('regex with g flag matches every time (the flag is dropped)', () => {
    const match = matchOf('{ regex: "a", flags: g }');
    expect([run(match, text('a')), run(match, text('a'))]).toEqual([
      { groups: expect.anything() },
      { groups: expect.anything() },
    ]);
  });

  it('json equals: compares as JSON values', () => {
    const match = matchOf('{ json: $.type, equals: ping }');
    expect(run(match, text('{"type":"ping"}'))).not.toBeNull();
    expect(run(match, text('{"type":"pong"}'))).toBeNull();
    expect(run(match, text('not json'))).toBeNull();
    expect(run(matchOf('{ json: "$.n", equals: 5 }'), text('{"n":5}'))).not.toBeNull();
    expect(run(matchOf('{ json: "$.n", equals: 5 }'), text('{"n":"5"}'))).toBeNull();
    expect(
      run(matchOf('{ json: "$.a", equals: { b: [1, null] } }'), text('{"a":{"b":[1,null]}}')),
    ).not.toBeNull();
    expect(run(matchOf('{ json: "$.a", equals: null }'), text('{"a":null}'))).not.toBeNull();
    expect(run(matchOf('{ json: "$.a", equals: null }'), text('{}'))).toBeNull();
  });

  it('json exists: present or absent, never on non-JSON', () => {
    expect(run(matchOf('{ json: $.id }'), text('{"id":0}'))).not.toBeNull();
    expect(run(matchOf('{ json: $.id }'), text('{"x":0}'))).toBeNull();
    expect(run(matchOf('{ json: $.id, exists: false }'), text('{"x":0}'))).not.toBeNull();
    expect(run(matchOf('{ json: $.id, exists: false }'), text('plain'))).toBeNull();
    expect(run(matchOf('{ json: $.id }'), binary([0x7b, 0x7d]))).toBeNull();
  });

  it('binaryPrefix, binary and any', () => {
    const png = binary([0x89, 0x50, 0x4e, 0x47, 0x0d]);
    expect(run(matchOf('{ binaryPrefix: "89 50 4e 47" }'), png)).not.toBeNull();
    expect(run(matchOf('{ binaryPrefix: "89 50 4e 47" }'), binary([0x89]))).toBeNull();
    expect(run(matchOf('{ binaryPrefix: "89" }'), text('\u0089'))).toBeNull();
    expect(run(matchOf('{ binary: true }'), png)).not.toBeNull();
    expect(run(matchOf('{ binary: true }'), text('x'))).toBeNull();
    expect(run(matchOf('{ any: true }'), png)).not.toBeNull();
    expect(run(matchOf('{ any: true }'), text(''))).not.toBeNull();
  });
});

describe('whenHolds', () => {
  it('compares state values as JSON; an unset key equals null', () => {
    const state = new Map<string, unknown>([
      ['authed', true],
      ['user', { name: 'ana' }],
    ]);
    expect(whenHolds(null, state)).toBe(true);
    expect(whenHolds({ authed: true }, state)).toBe(true);
    expect(whenHolds({ authed: 'true' }, state)).toBe(false);
    expect(whenHolds({ user: { name: 'ana' }, missing: null }, state)).toBe(true);
    expect(whenHolds({ authed: true, missing: 1 }, state)).toBe(false);
  });
});
