// Ended relayed connections stay listed by `proxy.list` with who closed and how, against a real
// engine: the console's echo server behind a proxy, client sessions of the console as the apps.
import { afterEach, describe, expect, it } from 'vitest';
import type { ClosedRelayed } from '../../../shared/ipc/proxy-commands.js';
import { startTestConsole, type TestConsole } from './console.test-util.js';
import { ClosedList } from './proxy-handlers-closed.js';

let console_: TestConsole;
afterEach(() => console_?.close());

/** An app session through the console's proxy, open, and its relayed connection's id. */
async function relay(proxyUrl: string) {
  const before = new Set((await console_.value('proxy.list', null))[0]!.connections.map((c) => c.conn));
  // Open means the 101 came back through the proxy: the relayed connection is listed by then.
  const app = await console_.connect({ url: proxyUrl, perMessageDeflate: false });
  const [proxy] = await console_.value('proxy.list', null);
  const conn = proxy!.connections.find((c) => !before.has(c.conn))?.conn;
  if (conn === undefined) throw new Error('no relayed connection listed');
  return { app, conn };
}

/** `proxy.list`'s ended connection `conn`, once its `closed` event has come. */
async function closedOf(conn: number): Promise<ClosedRelayed | undefined> {
  await console_.event('closed', (e) => e.conn === conn);
  const [proxy] = await console_.value('proxy.list', null);
  expect(proxy!.connections.map((c) => c.conn)).not.toContain(conn);
  return proxy!.closed.find((c) => c.conn === conn);
}

describe('ended relayed connections', () => {
  it('stay listed, newest first, with who closed, the code and the reason', async () => {
    console_ = await startTestConsole();
    const server = await console_.value('server.start', { behaviour: 'echo' });
    const proxy = await console_.value('proxy.start', { target: server.url });
    expect(proxy).toMatchObject({ closed: [], closedDropped: 0 });

    const byApp = await relay(proxy.url);
    await console_.value('session.close', { session: byApp.app.session, code: 1000, reason: 'done' });
    expect(await closedOf(byApp.conn)).toMatchObject({
      closedBy: 'app',
      code: 1000,
      reason: 'done',
      explanation: expect.stringContaining('the app closed'),
      at: expect.any(Number),
    });

    const byTarget = await relay(proxy.url);
    const [echo] = (await console_.value('mock.servers', null)).filter((s) => s.url === server.url);
    const serverSide = echo!.clients.at(-1)!.id;
    await console_.value('mock.close', {
      url: server.url,
      conn: serverSide,
      code: 4002,
      reason: 'server bye',
    });
    expect(await closedOf(byTarget.conn)).toMatchObject({
      closedBy: 'target',
      code: 4002,
      reason: 'server bye',
    });

    const closedByWstap = await relay(proxy.url);
    await console_.value('proxy.close', {
      conn: closedByWstap.conn,
      side: 'app',
      code: 4001,
      reason: 'kicked',
    });
    expect(await closedOf(closedByWstap.conn)).toMatchObject({
      closedBy: 'wstap',
      code: 4001,
      reason: 'kicked',
    });

    const cut = await relay(proxy.url);
    await console_.value('proxy.cut', { conn: cut.conn });
    expect(await closedOf(cut.conn)).toMatchObject({ closedBy: 'wstap', code: 1006, reason: '' });

    const [listed] = await console_.value('proxy.list', null);
    expect(listed!.closed.map((c) => c.conn)).toEqual([
      cut.conn,
      closedByWstap.conn,
      byTarget.conn,
      byApp.conn,
    ]);
    expect(listed!.closedDropped).toBe(0);
    // Ended connections take no intervention.
    const late = await console_.call('proxy.inject', {
      conn: cut.conn,
      to: 'app',
      message: { kind: 'text', text: 'too late' },
    });
    expect(late.ok ? null : late.error.code).toBe('UNKNOWN_CONNECTION');
  });

  it('keeps the newest only, counting the ones let go', () => {
    const list = new ClosedList(3);
    for (let conn = 1; conn <= 5; conn++)
      list.add({ conn, closedBy: 'none', code: 1006, reason: '', explanation: '', at: conn });
    expect(list.list().map((c) => c.conn)).toEqual([5, 4, 3]);
    expect(list.dropped).toBe(2);
  });
});
