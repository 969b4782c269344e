// Every mock rule action against a real ws client on loopback: what the client sees on the wire.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { behaviourSource } from '../../main/cli/serve/behaviour-source.js';
import { planServe } from '../../main/cli/serve/serve-plan.js';
import { createEngine, type Engine } from '../../main/engine/engine.js';
import { EventLog } from '../../main/engine/engine.test-util.js';
import { openClient, type TestClient } from '../../main/engine/server/server.test-util.js';

const MOCK = `
routes:
  - path: /rooms
    rules:
      - { match: { text: join }, then: [{ join: red }, { reply: joined }] }
      - { match: { text: leave }, then: [{ leave: red }, { reply: left }] }
      - { match: { text: shout }, then: [{ broadcast: "to red", room: red, exceptSelf: true }] }
  - path: "*"
    rules:
      - { match: { text: reply }, then: [{ reply: { json: { n: "{{conn.in}}" } } }] }
      - { match: { text: delay }, then: [{ delay: 150ms }, { reply: late }] }
      - { match: { text: close }, then: [{ close: { code: 4002, reason: "as asked" } }] }
      - { match: { text: drop }, then: [{ drop: true }] }
      - { match: { text: nopongs }, then: [{ pongs: false }, { reply: "pongs off" }] }
      - { match: { text: ping }, then: [{ ping: "are you there" }] }
      - { match: { text: raw }, then: [{ raw: [{ opcode: text, rsv2: true, payload: bad }] }] }
      - { match: { text: every }, then: [{ every: 20ms, times: 2, then: [{ reply: tick }] }] }
      - { match: { text: after }, then: [{ after: 30ms, then: [{ reply: later }] }, { reply: now }] }
      - { match: { text: set }, then: [{ set: { seen: true } }, { reply: set }] }
      - { match: { text: check }, when: { state: { seen: true } }, then: [{ reply: "seen before" }] }
      - { match: { text: log }, then: [{ log: "logged {{text}}", level: warn }] }
      - { match: { text: frag }, then: [{ reply: "0123456789", fragments: [2, 3, 5] }] }
    fallback: [{ reply: "no rule for {{text}}" }]
`;

let engine: Engine;
let log: EventLog;
let url = '';
let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wstap-actions-'));
  writeFileSync(join(dir, 'mock.yaml'), MOCK);
  const loaded = await behaviourSource(planServe({ mock: join(dir, 'mock.yaml') })).load();
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  engine = createEngine();
  log = new EventLog(engine);
  url = (await engine.serve({ behaviour: loaded.behaviour })).url;
});
afterAll(async () => {
  await engine.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const ask = async (client: TestClient, text: string): Promise<unknown> => {
  client.ws.send(text);
  return client.next();
};

describe('mock actions seen by a real ws client', () => {
  it('reply, delay, set/when, every, after, fragments and the fallback', async () => {
    const c = await openClient(url);
    expect(await ask(c, 'reply')).toEqual({ text: '{"n":1}' });
    expect(await ask(c, 'delay')).toEqual({ text: 'late' });
    expect(await ask(c, 'check')).toEqual({ text: 'no rule for check' });
    expect(await ask(c, 'set')).toEqual({ text: 'set' });
    expect(await ask(c, 'check')).toEqual({ text: 'seen before' });
    c.ws.send('every');
    expect([await c.next(), await c.next()]).toEqual([{ text: 'tick' }, { text: 'tick' }]);
    c.ws.send('after');
    expect([await c.next(), await c.next()]).toEqual([{ text: 'now' }, { text: 'later' }]);
    expect(await ask(c, 'frag')).toEqual({ text: '0123456789' });
    const frag = await log.waitFor('message', (m) => m.dir === 'out' && m.text === '0123456789');
    expect(frag.frameCount).toBe(3);
    const rules = log.of('rule', frag.conn).map((r) => r.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'rules[0]',
        'rules[1]',
        'fallback',
        'rules[9]',
        'rules[10]',
        'rules[7]',
        'rules[8]',
        'rules[12]',
      ]),
    );
  });

  it('close with a code, drop without one, and a frame that breaks the protocol', async () => {
    const closing = await openClient(url);
    closing.ws.send('close');
    expect(await closing.closed).toEqual({ code: 4002, reason: 'as asked' });
    const dropping = await openClient(url);
    dropping.ws.send('drop');
    expect(await dropping.closed).toMatchObject({ code: 1006 });
    const broken = await openClient(url);
    broken.ws.send('raw');
    // ws fails the connection on an RSV2 nobody negotiated: it sends Close 1002 and stops reading
    // (so it reports 1006 itself); the server's timeline has the frame, its violation and the 1002.
    expect(await broken.closed).toMatchObject({ code: 1006 });
    const frame = await log.waitFor('frame', (f) => f.dir === 'out' && f.rsv2);
    expect(frame.violations.map((v) => v.code)).toContain('RSV_NOT_NEGOTIATED');
    const closed = await log.waitFor('closed', (e) => e.conn === frame.conn);
    expect(closed.received).toMatchObject({ code: 1002 });
  });

  it('pings the client, and stops answering its pings', async () => {
    const c = await openClient(url);
    const pinged = new Promise<string>((resolve) =>
      c.ws.once('ping', (data: Buffer) => resolve(data.toString())),
    );
    c.ws.send('ping');
    expect(await pinged).toBe('are you there');
    const answered = new Promise<boolean>((resolve) => {
      c.ws.once('pong', () => resolve(true));
      setTimeout(() => resolve(false), 1000);
    });
    c.ws.ping('first');
    expect(await answered).toBe(true);
    expect(await ask(c, 'nopongs')).toEqual({ text: 'pongs off' });
    const unanswered = new Promise<boolean>((resolve) => {
      c.ws.once('pong', () => resolve(true));
      setTimeout(() => resolve(false), 300);
    });
    c.ws.ping('second');
    expect(await unanswered).toBe(false);
  });

  it('joins and leaves rooms, broadcasts to a room, and logs to the timeline', async () => {
    const a = await openClient(`${url}/rooms`);
    const b = await openClient(`${url}/rooms`);
    expect(await ask(a, 'join')).toEqual({ text: 'joined' });
    expect(await ask(b, 'join')).toEqual({ text: 'joined' });
    a.ws.send('shout');
    expect(await b.next()).toEqual({ text: 'to red' });
    expect(await ask(b, 'leave')).toEqual({ text: 'left' });
    expect(await log.waitFor('room', (e) => e.action === 'leave' && e.room === 'red')).toMatchObject({
      members: 1,
    });
    const c = await openClient(url);
    c.ws.send('log');
    expect(await log.waitFor('log', (e) => e.message === 'logged log')).toMatchObject({ level: 'warn' });
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
  });
});
