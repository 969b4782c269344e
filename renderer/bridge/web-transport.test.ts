// The web transport against the real web host and console service (Node has no global WebSocket:
// ws's is injected, with the Origin a browser would send for the page).
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createConsoleService, type ConsoleService } from '../../main/engine/console/console-service.js';
import { startWebHost, type WebHost } from '../../main/web/web-host.js';
import { fakeRendererBuild } from '../../main/web/web-host.test-util.js';
import type { EventBatch } from '../../shared/ipc/contract.js';
import { ROW_FLAG } from '../../shared/ipc/rows.js';
import { bridgeUrl, createWebBridge, type SocketConstructor, type WebBridge } from './web-transport.js';

/** ws's WebSocket, sending the Origin of the page it serves. */
class PageSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: new URL(url).origin.replace(/^ws/, 'http') });
  }
}
const Socket = PageSocket as unknown as SocketConstructor;

const build = fakeRendererBuild();
const dataDir = mkdtempSync(join(tmpdir(), 'wstap-data-'));
let service: ConsoleService;
let host: WebHost;
let echo: WebSocketServer;

beforeAll(async () => {
  service = createConsoleService({ host: 'web', version: 'test', dataDir });
  host = await startWebHost({ service, rendererDir: build.dir });
  echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  echo.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  await once(echo, 'listening');
});

afterAll(async () => {
  await host?.stop();
  await service?.dispose();
  await new Promise((resolve) => echo?.close(resolve));
  build.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves with the first pushed batch that fits. */
function nextBatch(bridge: WebBridge, fits: (batch: EventBatch) => boolean): Promise<EventBatch> {
  return new Promise((resolve) => {
    const stop = bridge.onBatch((batch) => {
      if (fits(batch)) {
        stop();
        resolve(batch);
      }
    });
  });
}

describe('bridgeUrl', () => {
  it('is the page’s host at /bridge with its token, ws or wss', () => {
    expect(bridgeUrl('http://127.0.0.1:5/?token=a-b_c')).toBe('ws://127.0.0.1:5/bridge?token=a-b_c');
    expect(bridgeUrl('https://localhost:6/index.html?x=1&token=t#h')).toBe(
      'wss://localhost:6/bridge?token=t',
    );
    expect(bridgeUrl('http://127.0.0.1:5/')).toBeNull();
  });
});

describe('createWebBridge against wstap ui’s host', () => {
  it('answers calls made before the socket opened', async () => {
    const bridge = createWebBridge({ href: host.url }, Socket);
    const [info, stats] = await Promise.all([
      bridge.call('app.info', null),
      bridge.call('store.stats', null),
    ]);
    expect(info).toEqual({ ok: true, value: { version: 'test', host: 'web', servers: [], dataDir } });
    expect(stats).toMatchObject({ ok: true, value: { droppedFrames: 0 } });
    bridge.close();
  });

  it('connects a session, sends, and gets the frames both ways as pushed rows', async () => {
    const bridge = createWebBridge({ href: host.url }, Socket);
    const url = `ws://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const opened = nextBatch(bridge, (b) => b.events.some((e) => e.type === 'open'));
    const connected = await bridge.call('session.connect', { url });
    if (!connected.ok) throw new Error(connected.error.message);
    await opened;
    const rows: { preview: string; flags: number }[] = [];
    const both = new Promise<void>((resolve) =>
      bridge.onBatch((b) => {
        b.rows.preview.forEach((preview, i) => rows.push({ preview, flags: b.rows.flags[i]! }));
        const hello = rows.filter((r) => r.preview === 'hello' && (r.flags & ROW_FLAG.MESSAGE) === 0);
        if (hello.some((r) => r.flags & ROW_FLAG.IN) && hello.some((r) => !(r.flags & ROW_FLAG.IN)))
          resolve();
      }),
    );
    const sent = await bridge.call('session.send', {
      session: connected.value.session,
      message: { kind: 'text', text: 'hello' },
    });
    expect(sent).toEqual({ ok: true, value: null });
    await both;
    expect(await bridge.call('session.close', { session: connected.value.session })).toEqual({
      ok: true,
      value: null,
    });
    bridge.close();
  });

  it('gets BAD_INPUT and UNKNOWN_COMMAND as Results, and keeps working', async () => {
    const bridge = createWebBridge({ href: host.url }, Socket);
    const bad = await bridge.call('session.send', { session: 'one' } as never);
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('input.session') },
    });
    const unknown = await bridge.call('app.quit' as never, null as never);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await bridge.call('app.info', null)).toMatchObject({ ok: true });
    bridge.close();
  });

  it('resolves every call DISCONNECTED without a token, with a wrong one, or once closed', async () => {
    const none = createWebBridge({ href: `http://127.0.0.1:${host.port}/` }, Socket);
    expect(await none.call('app.info', null)).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    const wrong = createWebBridge({ href: `http://127.0.0.1:${host.port}/?token=nope` }, Socket);
    const ended = new Promise<string>((resolve) => wrong.onDisconnect(resolve));
    expect(await wrong.call('app.info', null)).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    expect(await ended).toContain('lost its connection');
    const closed = createWebBridge({ href: host.url }, Socket);
    expect(await closed.call('app.info', null)).toMatchObject({ ok: true });
    closed.close();
    expect(await closed.call('app.info', null)).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });

  it('resolves pending calls DISCONNECTED when wstap stops', async () => {
    // A command that never answers, so the call is surely pending when the socket closes.
    let asked!: () => void;
    const reached = new Promise<void>((resolve) => (asked = resolve));
    const hanging = {
      ...service.handlers,
      'store.stats': () => (asked(), new Promise<never>(() => undefined)),
    };
    const other = await startWebHost({
      service: { handlers: hanging, onBatch: () => () => undefined },
      rendererDir: build.dir,
    });
    const bridge = createWebBridge({ href: other.url }, Socket);
    const pending = bridge.call('store.stats', null);
    await reached;
    const ended = new Promise<string>((resolve) => bridge.onDisconnect(resolve));
    await other.stop();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    await ended;
    expect(await bridge.call('app.info', null)).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  });
});
