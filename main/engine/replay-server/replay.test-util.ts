// Test support: a small JSON API on a real `ws` server, and recordings of clients talking to it
// made by wstap's own engine — the files `serve --replay` tests serve.
import type { WebSocket } from 'ws';
import { startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { createEngine } from '../engine.js';

/** Slow replies wait this long, so replayed timing can be measured against it. */
export const SLOW_MS = 600;

/**
 * A JSON API with request ids, as many real backends are: a welcome on connect; `add` answers at
 * once, `slow` after SLOW_MS, `subscribe` answers and then pushes two ticks 150 ms apart (with
 * ids of their own); `bye` closes with 4000; a binary message comes back reversed.
 */
export function startApiServer(): Promise<TestServer> {
  return startTestServer((ws: WebSocket) => {
    ws.send(JSON.stringify({ type: 'welcome', server: 'api' }));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return ws.send(Buffer.from(data).reverse(), { binary: true });
      const request = JSON.parse(data.toString('utf8')) as { id: number; op: string; a?: number; b?: number };
      const { id } = request;
      switch (request.op) {
        case 'add':
          return ws.send(JSON.stringify({ id, result: (request.a ?? 0) + (request.b ?? 0) }));
        case 'slow':
          return void setTimeout(() => ws.send(JSON.stringify({ id, result: 'slow' })), SLOW_MS);
        case 'subscribe':
          ws.send(JSON.stringify({ id, ok: true }));
          setTimeout(() => ws.send(JSON.stringify({ type: 'tick', n: 1, id: 900 })), 150);
          return void setTimeout(() => ws.send(JSON.stringify({ type: 'tick', n: 2, id: 901 })), 300);
        case 'bye':
          return ws.close(4000, 'done');
        default:
          return ws.send(JSON.stringify({ id, error: `unknown op ${request.op}` }));
      }
    });
  });
}

/** What a recorded client sends, and how many server messages to wait for after it. */
export interface RecordStep {
  /** JSON (sent as text) or bytes (sent as binary). */
  readonly send: Record<string, unknown> | Uint8Array;
  readonly replies: number;
}

/**
 * Records clients talking to `url` at the same time (one connection each, on `path`), each
 * waiting for the welcome and then for the replies of each step before the next one.
 * A client whose last step is `bye` is closed by the server; the others close with 1000.
 */
export async function recordSession(
  file: string,
  url: string,
  clients: readonly (readonly RecordStep[])[],
  path = '/api',
): Promise<void> {
  const engine = createEngine();
  const counts = new Map<number, number>();
  const waiters = new Map<number, () => void>();
  // Messages in, counted per session (what engine.connect returns; events carry the conn).
  const sessionOf = new Map<number, number>();
  engine.subscribe((event) => {
    if (event.type === 'connecting') sessionOf.set(event.conn, event.session);
    if (event.type !== 'message' || event.dir !== 'in') return;
    const session = sessionOf.get(event.conn) ?? -1;
    counts.set(session, (counts.get(session) ?? 0) + 1);
    waiters.get(session)?.();
  });
  const received = (session: number, count: number): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if ((counts.get(session) ?? 0) < count) return;
        waiters.delete(session);
        resolve();
      };
      waiters.set(session, check);
      check();
    });
  const recording = await engine.startRecording(file);
  try {
    await Promise.all(
      clients.map(async (steps) => {
        const id = engine.connect({ url: `${url}${path}` });
        if (!(await engine.opened(id))) throw new Error('the API server did not open');
        let expected = 1;
        await received(id, expected);
        for (const step of steps) {
          await engine.send(
            id,
            step.send instanceof Uint8Array
              ? { kind: 'binary', bytes: step.send }
              : { kind: 'json', value: step.send },
          );
          expected += step.replies;
          await received(id, expected);
        }
        const last = steps.at(-1)?.send;
        if (!(last instanceof Uint8Array) && last?.op !== 'bye') engine.close(id, { code: 1000 });
        await engine.done(id);
      }),
    );
  } finally {
    await recording.stop();
    await engine.dispose();
  }
}
