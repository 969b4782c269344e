import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { FakePort } from './fake-port.test-util.js';
import { createHandlerContext, toOutgoing } from './handler-context.js';
import { createHandlerMessage } from './handler-message.js';
import type { HandlerContext } from './handler-types.js';
import { binaryMessage, textMessage } from './handlers.test-util.js';

function contextOn(port: FakePort, errors: { error: unknown; where: string }[] = []): HandlerContext {
  return createHandlerContext(port, { onError: (error, where) => errors.push({ error, where }) });
}

describe('ctx', () => {
  test('shows the upgrade request and the connection', () => {
    const port = new FakePort({
      id: 7,
      subprotocol: 'chat',
      upgrade: { path: '/chat', query: { room: 'a' }, headers: { 'x-user': 'ada' } },
    });
    const ctx = contextOn(port);
    expect([ctx.id, ctx.path, ctx.query, ctx.headers, ctx.subprotocol, ctx.upgrade, ctx.port]).toEqual([
      7,
      '/chat',
      { room: 'a' },
      { 'x-user': 'ada' },
      'chat',
      port.upgrade,
      port,
    ]);
    expect(ctx.isOpen()).toBe(true);
    expect(ctx.age()).toBeGreaterThanOrEqual(0);
    port.counters.in = 3;
    expect(ctx.counters).toEqual({ in: 3, out: 0 });
  });

  test('send picks text, binary or JSON by type; sendBinary and sendJson force one', async () => {
    const port = new FakePort();
    const ctx = contextOn(port);
    const bytes = Uint8Array.of(1, 2, 3);
    await ctx.send('hi');
    await ctx.send(Buffer.from('b'));
    await ctx.send(bytes.buffer);
    await ctx.send(new Uint16Array([0x0102]));
    await ctx.send({ a: 1 });
    await ctx.send(null);
    await ctx.sendBinary('text as bytes');
    await ctx.sendJson('a string');
    await ctx.send('split', { fragments: 2 });
    expect(port.sent).toEqual([
      { kind: 'text', text: 'hi' },
      { kind: 'binary', bytes: Buffer.from('b') },
      { kind: 'binary', bytes: new Uint8Array([1, 2, 3]) },
      { kind: 'binary', bytes: new Uint8Array([2, 1]) },
      { kind: 'json', value: { a: 1 } },
      { kind: 'json', value: null },
      { kind: 'binary', bytes: Buffer.from('text as bytes') },
      { kind: 'json', value: 'a string' },
      { kind: 'text', text: 'split' },
    ]);
    expect(port.argsOf('send')[8]![1]).toEqual({ fragments: 2 });
  });

  test('values without a JSON form are refused at the call', () => {
    expect(() => toOutgoing(undefined)).toThrow(
      'ctx.send was given undefined, which has no JSON form; send a string, bytes, or a JSON value',
    );
    expect(() => toOutgoing(10n)).toThrow(/given bigint/);
    expect(() => contextOn(new FakePort()).sendBinary(42 as unknown as string)).toThrow(
      /ctx.sendBinary needs a string, Buffer/,
    );
  });

  test('a send that fails without being awaited does not surface as an unhandled rejection', async () => {
    const port = new FakePort();
    port.send = () => Promise.reject(new Error('socket gone'));
    const unhandled: unknown[] = [];
    const listener = (reason: unknown): number => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      void contextOn(port).send('forgotten');
      // Node reports unhandled rejections once the microtasks of a turn are done: one turn is enough.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', listener);
    }
    expect(unhandled).toEqual([]);
    await expect(contextOn(port).send('awaited')).rejects.toThrow('socket gone');
  });

  test('close, drop, ping, rooms and broadcast go to the port', async () => {
    const port = new FakePort({ broadcastReach: 3 });
    const ctx = contextOn(port);
    ctx.join('a');
    ctx.join('b');
    ctx.leave('a');
    expect([...ctx.rooms]).toEqual(['b']);
    expect(await ctx.broadcast('all')).toBe(3);
    await ctx.broadcast({ n: 1 }, { room: 'b', exceptSelf: true });
    ctx.ping('p');
    ctx.close(4000, 'bye');
    ctx.close();
    ctx.drop();
    expect(port.argsOf('broadcast')).toEqual([
      [null, { kind: 'text', text: 'all' }, { exceptSelf: false }],
      ['b', { kind: 'json', value: { n: 1 } }, { exceptSelf: true }],
    ]);
    expect(port.argsOf('close')).toEqual([[{ code: 4000, reason: 'bye' }], [{}]]);
    expect(port.calls.filter((c) => ['ping', 'drop'].includes(c.method))).toEqual([
      { method: 'ping', args: ['p'] },
      { method: 'drop', args: [] },
    ]);
  });

  test('state is a plain object kept in the port, so a new ctx (after a reload) sees it', () => {
    const port = new FakePort();
    const ctx = contextOn(port);
    ctx.state['count'] = 1;
    ctx.state['user'] = 'ada';
    delete ctx.state['user'];
    expect(port.state).toEqual(new Map([['count', 1]]));
    const reloaded = contextOn(port);
    expect(reloaded.state['count']).toBe(1);
    expect('count' in reloaded.state).toBe(true);
    expect(Object.keys(reloaded.state)).toEqual(['count']);
    expect(JSON.stringify(reloaded.state)).toBe('{"count":1}');
    expect({ ...reloaded.state }).toEqual({ count: 1 });
    expect(inspect(reloaded.state)).toBe('{ count: 1 }');
  });

  test('shared is one object for every connection', () => {
    const shared = new Map<string, unknown>();
    const one = contextOn(new FakePort({ id: 1, shared }));
    const two = contextOn(new FakePort({ id: 2, shared }));
    one.shared['topic'] = 'news';
    expect(two.shared['topic']).toBe('news');
  });

  test('log formats like console.log', () => {
    const port = new FakePort();
    contextOn(port).log('got %d from', 3, { user: 'ada' });
    expect(port.argsOf('log')).toEqual([["got 3 from { user: 'ada' }", undefined]]);
  });

  test('timers run, cancel, report their failures and are cleared at close', async () => {
    const port = new FakePort();
    const errors: { error: unknown; where: string }[] = [];
    const ctx = contextOn(port, errors);
    const ticks: number[] = [];
    const stop = ctx.setInterval(() => ticks.push(ticks.length), 1);
    const fired = new Promise<void>((resolve) => ctx.setTimeout(resolve, 1));
    const cancelled = ctx.setTimeout(() => ticks.push(-1), 1);
    cancelled();
    await fired;
    stop();
    const failed = new Promise<void>((resolve) => {
      ctx.setTimeout(() => {
        resolve();
        throw new Error('in timer');
      }, 1);
    });
    await failed;
    const rejected = new Promise<void>((resolve) => {
      ctx.setTimeout(async () => {
        resolve();
        throw new Error('async timer');
      }, 1);
    });
    await rejected;
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((e) => [(e.error as Error).message, e.where])).toEqual([
      ['in timer', 'a ctx.setTimeout callback'],
      ['async timer', 'a ctx.setTimeout callback'],
    ]);
    expect(ticks).not.toContain(-1);
    ctx.setInterval(() => ticks.push(99), 1_000);
    expect(port.activeTimers).toBe(1);
    port.end();
    expect(port.activeTimers).toBe(0);
    expect(() => ctx.setTimeout('not a function' as unknown as () => void, 1)).toThrow(
      'ctx.setTimeout needs a function, got string',
    );
  });
});

describe('msg', () => {
  test('text messages: text, data, index, json()', () => {
    const msg = createHandlerMessage(textMessage('{"a":1}', 4));
    expect([msg.type, msg.text, msg.data.toString(), msg.index, msg.json()]).toEqual([
      'text',
      '{"a":1}',
      '{"a":1}',
      4,
      { a: 1 },
    ]);
  });

  test('binary messages: data without a copy, text decoded on demand', () => {
    const bytes = Buffer.from('héllo');
    const msg = createHandlerMessage(binaryMessage(bytes, 2));
    expect(msg.type).toBe('binary');
    expect(msg.data.buffer).toBe(bytes.buffer);
    expect(msg.text).toBe('héllo');
  });

  test('json() on something else names the message and shows its start', () => {
    const msg = createHandlerMessage(textMessage(`not json ${'x'.repeat(100)}`, 9));
    expect(() => msg.json()).toThrow(/^message 9 is not JSON \(Unexpected token .*\): "not json x+…"$/);
  });
});
