import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockBehaviour } from './mock-behaviour.js';
import { FakePort, mockFrom, text, upgradeFor } from './mock-behaviour.test-util.js';

/** A behaviour whose only route answers every message with `actions` (YAML list items). */
function onAny(actions: string, port = new FakePort(upgradeFor('/'))) {
  const body = actions
    .trim()
    .split('\n')
    .map((line) => `          ${line}`)
    .join('\n');
  const behaviour = createMockBehaviour(
    mockFrom(`routes:\n  - rules:\n      - match: { any: true }\n        then:\n${body}\n`),
    { now: () => 0 },
  );
  return { behaviour, port, send: (body = '{"id":7}') => behaviour.message(port, text(body)) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('reply', () => {
  it('sends text, JSON, hex and base64 messages', async () => {
    const { port, send } = onAny(`
- reply: "id {{$.id}}"
- reply: { text: plain }
- reply: { json: { id: "{{$.id}}", ok: true } }
- reply: { binary: "de ad be ef" }
- reply: { base64: "AQID" }`);
    await send();
    expect(port.sent.map((s) => s.message)).toEqual([
      { kind: 'text', text: 'id 7' },
      { kind: 'text', text: 'plain' },
      { kind: 'json', value: { id: 7, ok: true } },
      { kind: 'binary', bytes: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]) },
      { kind: 'binary', bytes: Uint8Array.from([1, 2, 3]) },
    ]);
  });

  it('{same: true} answers with the message as it came, binary included', async () => {
    const { behaviour, port, send } = onAny(`
- reply: { same: true }`);
    await send('hello');
    await behaviour.message(port, { type: 'binary', text: null, bytes: Uint8Array.from([0, 255]), index: 2 });
    expect(Buffer.from((port.sent[0]?.message as { bytes: Uint8Array }).bytes).toString()).toBe('hello');
    expect(port.sent.map((s) => s.message)).toEqual([
      { kind: 'utf8', bytes: expect.any(Uint8Array) },
      { kind: 'binary', bytes: Uint8Array.from([0, 255]) },
    ]);
  });

  it('passes fragments and compress through to the server', async () => {
    const { port, send } = onAny(`
- reply: "abcdef"
  fragments: 3
  compress: false
- reply: "abcdef"
  fragments: [1, 5]
- reply: "x"`);
    await send();
    expect(port.sent.map((s) => s.options)).toEqual([
      { fragments: 3, compress: false },
      { fragments: [1, 5] },
      {},
    ]);
  });
});

describe('broadcast', () => {
  it("goes to the connection's rooms, to every connection when it is in none, or to a templated room", async () => {
    const { port, send } = onAny(
      `
- broadcast: hello
- join: lobby
- join: "{{query.team}}"
- broadcast: { json: { from: "{{conn.id}}" } }
  exceptSelf: true
  fragments: 2
- broadcast: to one
  room: "room-{{$.id}}"`,
      new FakePort(upgradeFor('/?team=blue'), { id: 3 }),
    );
    await send();
    expect(port.broadcasts).toEqual([
      { room: null, message: { kind: 'text', text: 'hello' }, options: { exceptSelf: false } },
      {
        room: 'lobby',
        message: { kind: 'json', value: { from: 3 } },
        options: { exceptSelf: true, fragments: 2 },
      },
      {
        room: 'blue',
        message: { kind: 'json', value: { from: 3 } },
        options: { exceptSelf: true, fragments: 2 },
      },
      { room: 'room-7', message: { kind: 'text', text: 'to one' }, options: { exceptSelf: false } },
    ]);
  });
});

describe('delay, after and every', () => {
  it('delay pauses the rest of the list; after does not', async () => {
    const { port, send } = onAny(`
- after: 50ms
  then: [{ reply: late }]
- reply: first
- delay: 100ms
- reply: second`);
    const done = send();
    await vi.advanceTimersByTimeAsync(0);
    expect(port.texts).toEqual(['first']);
    await vi.advanceTimersByTimeAsync(50);
    expect(port.texts).toEqual(['first', 'late']);
    await vi.advanceTimersByTimeAsync(50);
    await done;
    expect(port.texts).toEqual(['first', 'late', 'second']);
  });

  it("a delay holds back only its own list, not the next message's", async () => {
    const behaviour = createMockBehaviour(
      mockFrom(
        'routes:\n  - rules:\n      - { match: { text: slow }, then: [{ delay: 1s }, { reply: slow }] }\n      - { match: { text: fast }, then: [{ reply: fast }] }\n',
      ),
    );
    const port = new FakePort();
    const slow = behaviour.message(port, text('slow'));
    await behaviour.message(port, text('fast'));
    expect(port.texts).toEqual(['fast']);
    await vi.advanceTimersByTimeAsync(1000);
    await slow;
    expect(port.texts).toEqual(['fast', 'slow']);
  });

  it('a close during a delay ends the list, and its timer is gone', async () => {
    const { behaviour, port, send } = onAny(`
- delay: 1s
- reply: never`);
    const done = send();
    await vi.advanceTimersByTimeAsync(10);
    port.shut();
    await behaviour.closed(port, 1000, '');
    await done;
    await vi.advanceTimersByTimeAsync(2000);
    expect(port.texts).toEqual([]);
    expect(port.pendingTimers).toBe(0);
  });

  it('every pushes on an interval, `times` times, with the message that started it', async () => {
    const { port, send } = onAny(`
- every: 1s
  times: 3
  then: [{ reply: "tick {{$.id}} #{{conn.out}}" }]`);
    await send();
    await vi.advanceTimersByTimeAsync(5000);
    expect(port.texts).toEqual(['tick 7 #0', 'tick 7 #1', 'tick 7 #2']);
    expect(port.pendingTimers).toBe(0);
  });

  it('every runs until the connection closes when times is absent', async () => {
    const { behaviour, port, send } = onAny(`
- every: 100ms
  then: [{ ping: hb }]`);
    await send();
    await vi.advanceTimersByTimeAsync(350);
    expect(port.pings).toEqual(['hb', 'hb', 'hb']);
    port.shut();
    await behaviour.closed(port, 1006, '');
    await vi.advanceTimersByTimeAsync(1000);
    expect(port.pings).toHaveLength(3);
  });
});

describe('connection control', () => {
  it('close with a code and templated reason, without a code, and forced', async () => {
    const a = onAny('- close: { code: 4000, reason: "bye {{$.id}}" }');
    await a.send();
    const b = onAny('- close: {}');
    await b.send();
    const c = onAny('- close: { code: 1005, force: true }');
    await c.send();
    const d = onAny('- close: 1001');
    await d.send();
    expect([a, b, c, d].map(({ port }) => port.closes[0])).toEqual([
      { code: 4000, reason: 'bye 7', force: false },
      { force: false },
      { code: 1005, force: true },
      { code: 1001, force: false },
    ]);
  });

  it('drop, pongs, ping and raw frames', async () => {
    const { port, send } = onAny(`
- pongs: false
- ping: "rtt {{$.id}}"
- ping: true
- ping:
- raw:
    - { opcode: text, fin: false, payload: "part" }
    - { opcode: 3, rsv2: true, payload: { hex: "c3 28" }, mask: "01020304" }
    - { opcode: 0x9, payload: { base64: "AQ==" }, lengthBits: 64, declaredLength: 2, mask: true }
- pongs: true
- drop: true
- reply: after drop`);
    await send();
    expect(port.events).toEqual([
      'rule rules[0]',
      'pongs off',
      'ping rtt 7',
      'ping',
      'ping',
      'raw 3',
      'pongs on',
      'drop',
    ]);
    expect(port.raws[0]).toEqual([
      {
        opcode: 1,
        fin: false,
        rsv1: false,
        rsv2: false,
        rsv3: false,
        mask: false,
        payload: new TextEncoder().encode('part'),
      },
      {
        opcode: 3,
        fin: true,
        rsv1: false,
        rsv2: true,
        rsv3: false,
        mask: Uint8Array.from([1, 2, 3, 4]),
        payload: Uint8Array.from([0xc3, 0x28]),
      },
      {
        opcode: 9,
        fin: true,
        rsv1: false,
        rsv2: false,
        rsv3: false,
        mask: true,
        payload: Uint8Array.from([1]),
        lengthBits: 64,
        declaredLength: 2,
      },
    ]);
    expect(port.dropped).toBe(true);
  });
});

describe('state, rooms and log', () => {
  it('set keeps JSON types of single expressions; join, leave and log render templates', async () => {
    const { port, send } = onAny(`
- set: { user: "{{$.user}}", id: "{{$.id}}", label: "u-{{$.id}}", flag: true }
- join: "room-{{state.label}}"
- leave: "room-{{state.label}}"
- log: "user {{state.user}}"
- log: careful
  level: warn`);
    await send('{"id":7,"user":{"name":"ana"}}');
    expect(Object.fromEntries(port.state)).toEqual({
      user: { name: 'ana' },
      id: 7,
      label: 'u-7',
      flag: true,
    });
    expect(port.events.slice(1)).toEqual([
      'join room-u-7',
      'leave room-u-7',
      'log info user {"name":"ana"}',
      'log warn careful',
    ]);
  });

  it('a room that renders empty is skipped with a warning', async () => {
    const { port, send } = onAny('- join: "{{state.none}}"');
    await send();
    expect(port.rooms.size).toBe(0);
    expect(port.logs.map((l) => l.message)).toEqual([
      'template {{state.none}} renders empty: state.none is not set',
      'join: the room name renders empty ({{state.none}}); skipped',
    ]);
  });
});
