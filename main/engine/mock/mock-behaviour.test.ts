import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncomingMessage, ServerPort } from '../server/behaviour.js';
import { createMockBehaviour, type HandlerHooks } from './mock-behaviour.js';
import { binary, FakePort, mockFrom, text, upgradeFor } from './mock-behaviour.test-util.js';

const CHAT = `
routes:
  - path: /rooms/:room
    room: "{{params.room}}"
    heartbeat: { interval: 5s, timeout: 1s, misses: 2 }
    onConnect:
      - reply: { json: { type: welcome, room: "{{params.room}}", conn: "{{conn.id}}" } }
    rules:
      - name: login
        match: { json: $.type, equals: login }
        then:
          - set: { authed: true, user: "{{$.user}}" }
          - reply: { json: { type: ok, id: "{{$.id}}", user: "{{state.user}}" } }
      - name: whoami
        match: { text: whoami }
        when: { state: { authed: true } }
        then: [{ reply: "you are {{state.user.name}}{{state.user}}" }]
      - match: { regex: "^say (?<words>.+)$" }
        then:
          - broadcast: "{{words}}"
          - reply: said
            unless: quiet
      - match: { text: quiet }
        then: [{ set: { quiet: true } }]
      - match: { binaryPrefix: "00" }
        then: [{ close: { code: 4001, reason: "no zeros" } }]
    fallback:
      - reply: "unknown: {{$0}}"
`;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

async function connect(yaml = CHAT, path = '/rooms/lobby', deps = {}) {
  const behaviour = createMockBehaviour(mockFrom(yaml, '/mocks/chat.yaml'), { now: () => 0, ...deps });
  const port = new FakePort(upgradeFor(path), { id: 9 });
  await behaviour.open(port);
  return { behaviour, port };
}

describe('open', () => {
  it('joins the room, starts the heartbeat and runs onConnect with a rule note', async () => {
    const { behaviour, port } = await connect();
    expect(behaviour.name).toBe('mock chat.yaml');
    expect([...port.rooms]).toEqual(['lobby']);
    expect(port.heartbeatOptions).toEqual({ interval: 5000, timeout: 1000, misses: 2 });
    expect(port.notes).toEqual([
      { route: '/rooms/:room', rule: 'on-connect', index: null, actions: ['reply json'] },
    ]);
    expect(port.sent[0]?.message).toEqual({
      kind: 'json',
      value: { type: 'welcome', room: 'lobby', conn: 9 },
    });
  });
});

describe('message', () => {
  it('runs the first matching rule and notes it for the timeline', async () => {
    const { behaviour, port } = await connect();
    await behaviour.message(port, text('{"type":"login","id":12,"user":{"name":"ana"}}'));
    expect(port.notes[1]).toEqual({
      route: '/rooms/:room',
      rule: 'login',
      index: 0,
      actions: ['set authed, user', 'reply json'],
    });
    expect(port.sent[1]?.message).toEqual({
      kind: 'json',
      value: { type: 'ok', id: 12, user: { name: 'ana' } },
    });
  });

  it('guards rules with when: a rule whose state does not hold is passed over', async () => {
    const { behaviour, port } = await connect();
    await behaviour.message(port, text('whoami'));
    expect(port.texts.at(-1)).toBe('unknown: whoami');
    expect(port.notes.at(-1)).toMatchObject({
      rule: 'fallback',
      index: null,
      actions: ['reply text "unknown: {{$0}}"'],
    });
    await behaviour.message(port, text('{"type":"login","user":"bo"}'));
    await behaviour.message(port, text('whoami'));
    expect(port.texts.at(-1)).toBe('you are bo');
    expect(port.logs.map((l) => `${l.level} ${l.message}`)).toEqual([
      'warn template {{$.id}} renders empty: $.id is not in the message',
      'warn template {{state.user.name}} renders empty: state.user.name is not set',
    ]);
    await behaviour.message(port, text('whoami'));
    expect(port.logs).toHaveLength(2);
  });

  it('skips an action whose unless state is truthy when it runs', async () => {
    const { behaviour, port } = await connect();
    await behaviour.message(port, text('say hi all'));
    await behaviour.message(port, text('quiet'));
    await behaviour.message(port, text('say again'));
    expect(port.broadcasts.map((b) => [b.room, b.message])).toEqual([
      ['lobby', { kind: 'text', text: 'hi all' }],
      ['lobby', { kind: 'text', text: 'again' }],
    ]);
    expect(port.texts.filter((t) => t === 'said')).toHaveLength(1);
    expect(port.notes.at(-1)?.actions).toEqual([
      'broadcast text "{{words}}" to own rooms',
      'reply text "said" unless quiet',
    ]);
  });

  it('matches binary prefixes and closes with the rule', async () => {
    const { behaviour, port } = await connect();
    await behaviour.message(port, binary([0, 1]));
    expect(port.closes).toEqual([{ code: 4001, reason: 'no zeros', force: false }]);
    expect(port.notes.at(-1)).toMatchObject({ rule: 'rules[4]', index: 4 });
  });

  it('logs a message nothing answers when there is no fallback', async () => {
    const { behaviour, port } = await connect(
      'routes:\n  - rules: [{ match: { text: a }, then: [] }]\n',
      '/x',
    );
    const message = text('b');
    await behaviour.message(port, message);
    expect(port.logs).toEqual([{ message: `no rule matched message #${message.index}`, level: 'info' }]);
    expect(port.notes).toEqual([]);
  });

  it('reports a failing action as MOCK_ACTION_FAILED and goes on with the list', async () => {
    const { behaviour, port } = await connect(
      'routes:\n  - fallback: [{ reply: x, fragments: [5] }, { reply: y }]\n',
      '/',
    );
    port.send = async (message, options) => {
      if (options?.fragments !== undefined)
        throw new Error('fragment sizes [5] must add up to the message size 1');
      port.sent.push({ message, options });
    };
    await behaviour.message(port, text('hi'));
    expect(port.errors).toEqual([
      {
        code: 'MOCK_ACTION_FAILED',
        message: 'reply text "x", fragments 5: fragment sizes [5] must add up to the message size 1',
      },
    ]);
    expect(port.texts).toEqual(['y']);
  });
});

describe('handler hooks', () => {
  const YAML =
    'routes:\n  - handler: ./chat-handler.js\n    onConnect: [{ reply: first }]\n    rules: [{ match: { text: ping }, then: [{ reply: pong }] }]\n    fallback: [{ reply: unused }]\n';

  it('runs onConnect after the actions, onMessage instead of the fallback, and onClose', async () => {
    const calls: string[] = [];
    const hooks: HandlerHooks = {
      onConnect: async (port: ServerPort) => {
        calls.push(`connect ${port.id}`);
        await port.send({ kind: 'text', text: 'from handler' });
      },
      onMessage: (_port: ServerPort, message: IncomingMessage) => void calls.push(`message ${message.text}`),
      onClose: (_port: ServerPort, code: number, reason: string) =>
        void calls.push(`close ${code} ${reason}`),
    };
    const handlerFor = vi.fn(async () => hooks);
    const { behaviour, port } = await connect(YAML, '/', { handlerFor });
    await behaviour.message(port, text('ping'));
    await behaviour.message(port, text('other'));
    await behaviour.closed(port, 1000, 'done');
    expect(handlerFor).toHaveBeenCalledTimes(1);
    expect(handlerFor.mock.calls[0]).toEqual([
      expect.objectContaining({ handler: '/mocks/chat-handler.js' }),
    ]);
    expect(port.texts).toEqual(['first', 'from handler', 'pong']);
    expect(calls).toEqual(['connect 9', 'message other', 'close 1000 done']);
    expect(port.notes.at(-1)).toEqual({
      route: '*',
      rule: 'handler',
      index: null,
      actions: ['handler onMessage'],
    });
  });

  it('uses the fallback when the handler has no onMessage, and reports a throwing hook', async () => {
    const failure = new Error('boom');
    const { behaviour, port } = await connect(YAML, '/', {
      handlerFor: () => ({
        onConnect: () => {
          throw failure;
        },
      }),
    });
    await behaviour.message(port, text('other'));
    expect(port.errors).toEqual([{ code: 'HANDLER_FAILED', message: '/mocks/chat-handler.js: boom' }]);
    expect(port.texts).toEqual(['first', 'unused']);
  });

  it('reports a handler that cannot be loaded', async () => {
    const { port } = await connect(YAML, '/', {
      handlerFor: () => Promise.reject(new Error('SyntaxError: Unexpected token')),
    });
    expect(port.errors).toEqual([
      { code: 'HANDLER_FAILED', message: '/mocks/chat-handler.js: SyntaxError: Unexpected token' },
    ]);
  });
});

describe('reload and close', () => {
  it('a new behaviour takes over an open connection at its next message, state kept', async () => {
    const { behaviour, port } = await connect();
    await behaviour.message(port, text('{"type":"login","user":"ana"}'));
    behaviour.dispose?.();
    const next = createMockBehaviour(mockFrom(CHAT.replace('you are', 'still'), '/mocks/chat.yaml'));
    await next.message(port, text('whoami'));
    expect(port.texts.at(-1)).toBe('still ana');
    expect(port.notes.filter((n) => n.rule === 'on-connect')).toHaveLength(1);
  });

  it("dispose stops the old definition's timers", async () => {
    const { behaviour, port } = await connect(
      'routes:\n  - onConnect: [{ every: 1s, then: [{ reply: tick }] }]\n',
      '/',
    );
    await vi.advanceTimersByTimeAsync(2500);
    behaviour.dispose?.();
    await vi.advanceTimersByTimeAsync(5000);
    expect(port.texts).toEqual(['tick', 'tick']);
    expect(port.pendingTimers).toBe(0);
  });

  it('a connection on a path the new definition has no route for is left unanswered, with one warning', async () => {
    const { port } = await connect();
    const next = createMockBehaviour(mockFrom('routes:\n  - path: /other\n'));
    await next.message(port, text('a'));
    await next.message(port, text('b'));
    expect(port.logs).toEqual([
      { message: 'no route of this mock takes /rooms/lobby: messages are not answered', level: 'warn' },
    ]);
  });
});
