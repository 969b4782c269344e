import { describe, expect, it } from 'vitest';
import type { TemplateExpr } from './definition.js';
import { FakePort, text, upgradeFor } from './mock-behaviour.test-util.js';
import { lazyJson } from './matchers.js';
import {
  parseJsonTemplate,
  parseTemplate,
  renderJson,
  renderTemplate,
  soleExpr,
  type TemplateScope,
} from './templates.js';

const template = (source: string) => {
  const parsed = parseTemplate(source);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};

function scope(overrides: Partial<TemplateScope> = {}) {
  const missing: string[] = [];
  const port = new FakePort(upgradeFor('/rooms/lobby?user=ana', { headers: { 'x-team': 'blue' } }), {
    id: 7,
    subprotocol: 'chat.v2',
  });
  port.state.set('name', 'bo');
  port.state.set('profile', { age: 3 });
  port.shared.set('motd', 'hi all');
  port.counters.in = 4;
  port.counters.out = 2;
  const message = text('{"id":42,"user":{"name":"ana"},"tags":["a","b"],"ok":true}');
  const value: TemplateScope = {
    port,
    params: { room: 'lobby' },
    message,
    json: lazyJson(message),
    groups: { numbered: ['hi ana', 'ana'], named: { who: 'ana' } },
    now: () => Date.UTC(2025, 0, 2, 3, 4, 5, 6),
    onMissing: (expr: TemplateExpr, why: string) => missing.push(`${expr.source}: ${why}`),
    ...overrides,
  };
  return { scope: value, missing };
}

describe('parseTemplate', () => {
  it('splits literals and expressions', () => {
    expect(template('id {{ $.id }}!').parts).toEqual([
      { kind: 'literal', text: 'id ' },
      { kind: 'expr', expr: { source: '$.id', root: 'json', path: { source: '$.id', steps: ['id'] } } },
      { kind: 'literal', text: '!' },
    ]);
    expect(template('plain }} text').parts).toEqual([{ kind: 'literal', text: 'plain }} text' }]);
    expect(soleExpr(template('{{conn.id}}'))).toMatchObject({ root: 'conn', field: 'id' });
    expect(soleExpr(template(' {{conn.id}}'))).toBeNull();
  });

  it('knows every root', () => {
    const roots = [
      '$.a',
      '$0',
      'text',
      '$2',
      'who',
      'groups.who',
      'conn.age',
      'now',
      'ts',
      'subprotocol',
      'state.k',
      'shared.k',
      'params.room',
      'query.q',
      'header.X-Team',
    ];
    expect(roots.map((r) => (soleExpr(template(`{{${r}}}`)) as TemplateExpr).root)).toEqual([
      'json',
      'text',
      'text',
      'group',
      'group',
      'group',
      'conn',
      'now',
      'ts',
      'subprotocol',
      'state',
      'shared',
      'params',
      'query',
      'header',
    ]);
    expect(soleExpr(template('{{header.X-Team}}'))).toMatchObject({ key: 'x-team' });
  });

  it('names what is wrong', () => {
    expect(parseTemplate('a {{b')).toEqual({ error: "'{{' at character 3 is never closed with '}}'" });
    expect(parseTemplate('{{ }}')).toMatchObject({ error: expect.stringContaining("empty '{{}}'") });
    expect(parseTemplate('{{conn.ip}}')).toEqual({
      error: '{{conn.ip}}: conn has conn.id, conn.in, conn.out, conn.age',
    });
    expect(parseTemplate('{{state}}')).toEqual({
      error: '{{state}} needs a name after it, e.g. {{state.NAME}}',
    });
    expect(parseTemplate('{{user.name}}')).toMatchObject({
      error: expect.stringContaining('{{user.name}} is not an expression wstap knows'),
    });
    expect(parseTemplate('{{$.a[*]}}')).toMatchObject({
      error: expect.stringContaining("cannot read '[*]'"),
    });
  });
});

describe('renderTemplate', () => {
  it('renders every root as text', () => {
    const { scope: s, missing } = scope();
    const source =
      '{{$.id}} {{$.user}} {{$.tags[1]}} {{$1}} {{who}} {{groups.who}} {{$0}}|{{conn.id}} {{conn.in}} {{conn.out}} {{now}} {{ts}} {{subprotocol}} {{state.name}} {{state.profile}} {{shared.motd}} {{params.room}} {{query.user}} {{header.x-team}}';
    expect(renderTemplate(template(source), s)).toBe(
      '42 {"name":"ana"} b ana ana ana {"id":42,"user":{"name":"ana"},"tags":["a","b"],"ok":true}|7 4 2 2025-01-02T03:04:05.006Z 1735787045006 chat.v2 bo {"age":3} hi all lobby ana blue',
    );
    expect(missing).toEqual([]);
  });

  it('renders a missing value as nothing and says why', () => {
    const { scope: s, missing } = scope({ groups: null });
    expect(
      renderTemplate(
        template('[{{$.nope}}][{{$1}}][{{state.x}}][{{query.x}}][{{header.x}}][{{params.x}}][{{shared.x}}]'),
        s,
      ),
    ).toBe('[][][][][][][]');
    expect(missing).toEqual([
      '$.nope: $.nope is not in the message',
      '$1: no regex matched this message',
      'state.x: state.x is not set',
      'query.x: the upgrade URL has no query parameter x',
      'header.x: the upgrade request has no header x',
      'params.x: the route has no parameter :x',
      'shared.x: shared.x is not set',
    ]);
  });

  it('has no message on connect, and no text in a binary message', () => {
    const onConnect = scope({ message: null, json: () => undefined });
    expect(renderTemplate(template('{{$.id}}{{text}}'), onConnect.scope)).toBe('');
    expect(onConnect.missing).toEqual(['$.id: there is no message here', 'text: there is no message here']);
    const bin = { type: 'binary' as const, text: null, bytes: new Uint8Array([1]), index: 1 };
    const binary = scope({ message: bin, json: lazyJson(bin) });
    expect(renderTemplate(template('{{text}}{{$.a}}'), binary.scope)).toBe('');
    expect(binary.missing).toEqual(['text: the message is binary', '$.a: the message is not JSON']);
  });
});

describe('renderJson', () => {
  const json = (value: unknown) => {
    const parsed = parseJsonTemplate(value);
    if ('error' in parsed) throw new Error(parsed.error);
    return parsed;
  };

  it('keeps the JSON type of a string that is exactly one expression', () => {
    const { scope: s } = scope();
    const value = json({
      id: '{{$.id}}',
      user: '{{$.user}}',
      ok: '{{$.ok}}',
      label: 'n{{$.id}}',
      n: 1,
      list: ['{{conn.in}}', null, false],
      age: '{{state.profile}}',
    });
    expect(renderJson(value, s)).toEqual({
      id: 42,
      user: { name: 'ana' },
      ok: true,
      label: 'n42',
      n: 1,
      list: [4, null, false],
      age: { age: 3 },
    });
  });

  it('renders a missing typed value as null', () => {
    const { scope: s, missing } = scope();
    expect(renderJson(json({ x: '{{$.nope}}', y: 'a{{$.nope}}' }), s)).toEqual({ x: null, y: 'a' });
    expect(missing).toHaveLength(2);
  });

  it('reports the first bad template inside a value', () => {
    expect(parseJsonTemplate({ a: [{ b: '{{nope.x}}' }] })).toMatchObject({
      error: expect.stringContaining('{{nope.x}}'),
    });
  });
});
