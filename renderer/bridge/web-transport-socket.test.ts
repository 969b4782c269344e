// The web transport against a scripted socket: ordering, ids, pushes, listeners that throw.
import { describe, expect, it, vi } from 'vitest';
import { createWebBridge, type SocketConstructor, type SocketLike } from './web-transport.js';

/** A socket the test drives: it records what was sent and fires events on demand. */
class ScriptedSocket implements SocketLike {
  static last: ScriptedSocket | null = null;
  readyState = 0;
  readonly sent: string[] = [];
  private readonly listeners = new Map<string, ((event: { readonly data: unknown }) => void)[]>();

  constructor(readonly url: string) {
    ScriptedSocket.last = this;
  }
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
    this.fire('close');
  }
  addEventListener(type: string, listener: (event: { readonly data: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, data?: unknown): void {
    if (type === 'open') this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

const open = (): { bridge: ReturnType<typeof createWebBridge>; socket: ScriptedSocket } => {
  const bridge = createWebBridge(
    { href: 'http://127.0.0.1:9/?token=abc' },
    ScriptedSocket as SocketConstructor,
  );
  return { bridge, socket: ScriptedSocket.last! };
};

describe('createWebBridge (scripted socket)', () => {
  it('opens the bridge URL and sends queued calls in order once open, then at once', async () => {
    const { bridge, socket } = open();
    expect(socket.url).toBe('ws://127.0.0.1:9/bridge?token=abc');
    const first = bridge.call('app.info', null);
    const second = bridge.call('store.stats', null);
    expect(socket.sent).toEqual([]);
    socket.fire('open');
    expect(socket.sent.map((t) => JSON.parse(t))).toEqual([
      { id: 1, channel: 'app.info', input: null },
      { id: 2, channel: 'store.stats', input: null },
    ]);
    void bridge.call('frames.detail', { id: 4 });
    expect(JSON.parse(socket.sent[2]!)).toEqual({ id: 3, channel: 'frames.detail', input: { id: 4 } });
    socket.fire('message', '{"id":2,"result":{"ok":true,"value":"two"}}');
    socket.fire('message', '{"id":99,"result":{"ok":true,"value":"stray"}}');
    socket.fire('message', 'garbage');
    socket.fire('message', '{"id":1,"result":{"ok":false,"error":{"code":"X","message":"m"}}}');
    expect(await second).toEqual({ ok: true, value: 'two' });
    expect(await first).toEqual({ ok: false, error: { code: 'X', message: 'm' } });
  });

  it('hands batches and lag reports to their listeners; one that throws does not stop the rest', async () => {
    const { bridge, socket } = open();
    socket.fire('open');
    const got: unknown[] = [];
    const lags: unknown[] = [];
    bridge.onBatch(() => {
      throw new Error('listener bug');
    });
    const stop = bridge.onBatch((batch) => got.push(batch));
    bridge.onLagged((lag) => lags.push(lag));
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    socket.fire('message', '{"batch":{"rows":{"id":[]},"events":[],"stats":{}}}');
    socket.fire('message', '{"lagged":{"batches":2,"rows":5,"events":1}}');
    expect(got).toHaveLength(1);
    expect(lags).toEqual([{ batches: 2, rows: 5, events: 1 }]);
    expect(reported).toHaveBeenCalledWith(
      'wstap bridge: a listener failed',
      expect.objectContaining({ message: 'listener bug' }),
    );
    stop();
    socket.fire('message', '{"batch":{"rows":{"id":[]},"events":[],"stats":{}}}');
    expect(got).toHaveLength(1);
    reported.mockRestore();
  });

  it('resolves pending and queued calls DISCONNECTED when the socket closes before answering', async () => {
    const { bridge, socket } = open();
    const queued = bridge.call('app.info', null);
    const reasons: string[] = [];
    bridge.onDisconnect((reason) => reasons.push(reason));
    socket.fire('close');
    expect(await queued).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    expect(reasons).toHaveLength(1);
    expect(socket.sent).toEqual([]);
  });
});
