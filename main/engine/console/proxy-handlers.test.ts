// The proxy panel's commands through dispatch, against a real engine: a proxy in front of the
// console's echo server, a client session of the console as the app, interventions and rules.
import { afterEach, describe, expect, it } from 'vitest';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import { startTestConsole, type TestConsole } from './console.test-util.js';

let console_: TestConsole;
afterEach(() => console_?.close());

async function setUp() {
  console_ = await startTestConsole();
  const server = await console_.value('server.start', { behaviour: 'echo' });
  const proxy = await console_.value('proxy.start', { target: server.url });
  // Without permessage-deflate: drops leave a compressed connection alone.
  const app = await console_.connect({ url: proxy.url, perMessageDeflate: false });
  const list = await console_.value('proxy.list', null);
  const relayed = list[0]!.connections[0]!;
  return { proxy, app, relayed };
}

/** A row of `conn` with this preview, coming in (`in`) or going out. */
const hasRow = (conn: number, preview: string, dir: 'in' | 'out') =>
  console_.rows.some(
    (r) => r.conn === conn && r.preview === preview && ((r.flags & ROW_FLAG.IN) !== 0) === (dir === 'in'),
  );

describe('proxy commands', () => {
  it('starts on 127.0.0.1 and lists the relayed connection, open and not held', async () => {
    const { proxy, relayed } = await setUp();
    expect(proxy).toMatchObject({ id: 1, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/) });
    expect(relayed).toEqual({
      conn: expect.any(Number),
      open: true,
      extended: false,
      heldToApp: null,
      heldToTarget: null,
    });
  });

  it('injects toward the app, and closes the app side with 4001', async () => {
    const { app, relayed } = await setUp();
    await console_.value('proxy.inject', {
      conn: relayed.conn,
      to: 'app',
      message: { kind: 'text', text: 'from wstap' },
    });
    await console_.until(() => hasRow(app.conn, 'from wstap', 'in'), 'the injected message at the app');
    await console_.value('proxy.close', { conn: relayed.conn, side: 'app', code: 4001, reason: 'bye' });
    const closed = await console_.event('closed', (e) => e.conn === app.conn);
    expect(closed.code).toBe(4001);
  });

  it('holds, counts what is held, releases it in order', async () => {
    const { app, relayed } = await setUp();
    await console_.value('proxy.hold', { conn: relayed.conn, to: 'target' });
    await console_.value('session.send', { session: app.session, message: { kind: 'text', text: 'held' } });
    // Held bytes are not relayed, so no row says they came: ask until the counter shows them.
    const deadline = Date.now() + 10_000;
    let held = 0;
    while (held === 0 && Date.now() < deadline) {
      const [info] = await console_.value('proxy.list', null);
      held = info!.connections[0]!.heldToTarget ?? 0;
      if (held === 0) await new Promise((r) => setTimeout(r, 10));
    }
    // The frame: 2 header bytes, a 4-byte mask and 'held'.
    expect(held).toBe(10);
    expect(hasRow(app.conn, 'held', 'in')).toBe(false);
    expect(await console_.value('proxy.release', { conn: relayed.conn, to: 'target' })).toEqual({
      bytes: held,
    });
    await console_.until(() => hasRow(app.conn, 'held', 'in'), 'the echo after release');
  });

  it('a drop rule drops what matches and counts it; removed, it lets them through', async () => {
    const { proxy, app, relayed } = await setUp();
    const rule = await console_.value('proxy.addRule', {
      proxy: proxy.id,
      rule: { toward: 'target', match: '^drop', dropRate: 1 },
    });
    for (const text of ['drop me', 'keep me'])
      await console_.value('session.send', { session: app.session, message: { kind: 'text', text } });
    await console_.until(() => hasRow(app.conn, 'keep me', 'in'), 'the kept echo');
    expect(hasRow(app.conn, 'drop me', 'in')).toBe(false);
    // The app sent it; the proxy's rows are what it relayed, so the dropped message is not there.
    expect(hasRow(app.conn, 'drop me', 'out')).toBe(true);
    expect(console_.rows.some((r) => r.conn === relayed.conn && r.preview === 'drop me')).toBe(false);
    expect(hasRow(relayed.conn, 'keep me', 'out')).toBe(true);
    const [info] = await console_.value('proxy.list', null);
    expect(info!.rules).toEqual([{ ...rule, dropped: 1 }]);
    await console_.value('proxy.removeRule', { proxy: proxy.id, rule: rule.id });
    const again = await console_.call('proxy.removeRule', { proxy: proxy.id, rule: rule.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'UNKNOWN_RULE' } });
  });

  it('refuses what does not fit: unknown proxy or connection, bad regex, bad close code', async () => {
    console_ = await startTestConsole();
    expect(await console_.call('proxy.stop', { proxy: 9 })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_PROXY' },
    });
    expect(await console_.call('proxy.cut', { conn: 9 })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CONNECTION' },
    });
    expect(await console_.call('proxy.start', { target: 'ftp://x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_URL' },
    });
    const server = await console_.value('server.start', { behaviour: 'echo' });
    const proxy = await console_.value('proxy.start', { target: server.url });
    expect(
      await console_.call('proxy.addRule', { proxy: proxy.id, rule: { toward: 'app', match: '(' } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_OPTION' } });
    expect(await console_.call('proxy.close', { conn: 1, side: 'app', code: 999 } as never)).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    await console_.value('proxy.stop', { proxy: proxy.id });
    expect(await console_.value('proxy.list', null)).toEqual([]);
  });
});
