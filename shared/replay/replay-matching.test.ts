import { describe, expect, it } from 'vitest';
import type { ConversationConnection } from '../interchange/conversation.js';
import { parseIgnorePath, withoutPaths, type IgnorePath } from './ignore-paths.js';
import { diffMessages } from './json-diff.js';
import { createMatcher } from './message-matcher.js';
import { replayItems } from './replay-items.js';

const path = (source: string): IgnorePath => parseIgnorePath(source) as IgnorePath;
const text = (t: string) => ({ opcode: 'text' as const, text: t });

describe('ignore paths', () => {
  it('parses the supported forms and explains the rest', () => {
    expect(path("$.a['b c'][2]").steps).toEqual([
      { kind: 'key', key: 'a' },
      { kind: 'key', key: 'b c' },
      { kind: 'index', index: 2 },
    ]);
    expect(path('$..ts').steps).toEqual([{ kind: 'descendant', key: 'ts' }]);
    expect(parseIgnorePath('id')).toEqual({ error: expect.stringContaining('must start with $') });
    expect(parseIgnorePath('$.a[?(@.x)]')).toEqual({
      error: expect.stringContaining("cannot read '[?(@.x)]'"),
    });
    expect(parseIgnorePath('$')).toEqual({ error: expect.stringContaining('whole message') });
  });

  it('removes keys, wildcard children, blanks array slots and reaches any depth', () => {
    const value = {
      id: 1,
      items: [
        { ts: 1, v: 'a' },
        { ts: 2, v: 'b' },
      ],
      meta: { deep: { ts: 3, keep: true } },
    };
    expect(withoutPaths(value, [path('$.id')])).toEqual({ items: value.items, meta: value.meta });
    expect(withoutPaths(value, [path('$.items[*].ts')])).toMatchObject({ items: [{ v: 'a' }, { v: 'b' }] });
    expect(withoutPaths(value, [path('$.items[0]')])).toMatchObject({ items: [null, { ts: 2, v: 'b' }] });
    expect(withoutPaths(value, [path('$..ts')])).toEqual({
      id: 1,
      items: [{ v: 'a' }, { v: 'b' }],
      meta: { deep: { keep: true } },
    });
    expect(value.id).toBe(1);
  });
});

describe('matching', () => {
  it('json ignores key order and ignored paths; other text must be exact', () => {
    const m = createMatcher('json', [path('$.at')]);
    expect(m.keyOf(text('{"a":1,"b":[1,2],"at":5}'))).toBe(m.keyOf(text('{ "b": [1, 2], "a": 1, "at": 9 }')));
    expect(m.keyOf(text('{"a":1}'))).not.toBe(m.keyOf(text('{"a":2}')));
    expect(m.keyOf(text('hello'))).not.toBe(m.keyOf(text('hello ')));
    expect(m.keyOf(text('42'))).not.toBe(m.keyOf(text('42.0')));
  });

  it('exact, shape and type', () => {
    expect(createMatcher('exact').keyOf(text('{"a":1}'))).not.toBe(
      createMatcher('exact').keyOf(text('{"a": 1}')),
    );
    const shape = createMatcher('shape');
    expect(shape.keyOf(text('{"a":1,"b":"x"}'))).toBe(shape.keyOf(text('{"b":"y","a":2}')));
    expect(shape.keyOf(text('{"a":1}'))).not.toBe(shape.keyOf(text('{"a":"1"}')));
    const type = createMatcher('type');
    expect(type.keyOf(text('a'))).toBe(type.keyOf(text('b')));
    expect(type.keyOf(text('a'))).not.toBe(type.keyOf({ opcode: 'binary', base64: 'AA==' }));
  });
});

describe('differences', () => {
  it('JSON field by field, with absent sides', () => {
    expect(
      diffMessages(text('{"a":1,"b":{"c":[1,2]},"gone":true}'), text('{"a":1,"b":{"c":[1,3,4]},"new":"x"}')),
    ).toEqual([
      { path: '$.b.c[1]', expected: '2', actual: '3' },
      { path: '$.b.c[2]', actual: '4' },
      { path: '$.gone', expected: 'true' },
      { path: '$.new', actual: '"x"' },
    ]);
    expect(diffMessages(text('{"at":1}'), text('{"at":2}'), [path('$.at')])).toEqual([]);
  });

  it('text from where it parts, and a different opcode', () => {
    expect(diffMessages(text('hello world'), text('hello there'))).toEqual([
      { path: '$ (from character 6)', expected: '"hello world"', actual: '"hello there"' },
    ]);
    // Long texts are shown from 20 characters before where they part.
    const long = 'x'.repeat(50);
    expect(diffMessages(text(`${long}abc`), text(`${long}abd`))).toEqual([
      {
        path: '$ (from character 52)',
        expected: `"…${'x'.repeat(18)}abc"`,
        actual: `"…${'x'.repeat(18)}abd"`,
      },
    ]);
    expect(diffMessages(text('x'), { opcode: 'binary', base64: 'eA==' })).toEqual([
      { path: '$', expected: 'text message', actual: 'binary message' },
    ]);
  });
});

describe('replay items', () => {
  const connection = (
    id: number,
    startedAt: number,
    messages: [string, number, string][],
    close = null,
  ): ConversationConnection => ({
    id,
    url: 'ws://h/x',
    startedAt,
    requestHeaders: [],
    status: 101,
    responseHeaders: [],
    subprotocol: null,
    extensions: null,
    messages: messages.map(([from, t, body]) => ({
      from: from as 'client' | 'server',
      t,
      opcode: 'text',
      text: body,
    })),
    close,
    duration: null,
  });

  it('one timeline across connections, by recorded time, with steps and reply latencies', () => {
    const a = connection(1, 1000, [
      ['server', 1, 'welcome'],
      ['client', 10, 'q1'],
      ['server', 15, 'r1'],
      ['client', 40, 'q2'],
    ]);
    const b = connection(2, 1020, [
      ['client', 1, 'hi'],
      ['server', 3, 'hey'],
    ]);
    const items = replayItems([a, b]).map(
      (i) =>
        `${i.kind}#${i.conn}@${i.at}${'step' in i ? ` s${i.step}` : ''}${i.kind === 'expect' ? ` +${i.latency}` : ''}`,
    );
    expect(items).toEqual([
      'open#1@0',
      'expect#1@1 s0 +1',
      'send#1@10 s1',
      'expect#1@15 s1 +5',
      'open#2@20',
      'send#2@21 s1',
      'expect#2@23 s1 +2',
      'send#1@40 s2',
    ]);
  });
});
