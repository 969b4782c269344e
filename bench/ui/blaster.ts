import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The producer of bench/ui: a plain ws server that, to a client connecting to `/rate/R/S`, sends R
 * text messages per second for S seconds (paced every 5 ms), and to `/rate/R/0/N` sends N messages
 * at up to R per second. Each carries its sequence number and the wall-clock ms it was sent at
 * (`<seq> <ms> ` padded to 32 bytes), so the page can tell how far behind the painted rows are.
 */
export interface Blaster {
  readonly url: string;
  /** Resolves once the connection that asked for `path` is done. */
  finished(path: string): Promise<Sent>;
  stop(): Promise<void>;
}

/** What the producer managed: a rate it could not keep up shows here, not as a renderer loss. */
export interface Sent {
  readonly messages: number;
  /** From the first message to the last. */
  readonly seconds: number;
}

const TICK_MS = 5;
const SIZE = 32;
/** A reader slower than the rate shows as fewer messages sent, never as memory here. */
const MAX_BUFFERED = 4 << 20;

/** Starts the producer on 127.0.0.1:0. */
export async function startBlaster(): Promise<Blaster> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((done) => server.once('listening', done));
  const results = new Map<string, Sent>();
  const waiting = new Map<string, (sent: Sent) => void>();
  const finish = (path: string, messages: number, start: number): void => {
    if (results.has(path)) return;
    const sent = { messages, seconds: (performance.now() - start) / 1000 };
    results.set(path, sent);
    waiting.get(path)?.(sent);
  };

  const blast = (socket: WebSocket, path: string, rate: number, seconds: number, total: number): void => {
    const start = performance.now();
    const target = total > 0 ? total : Math.round(rate * seconds);
    let sent = 0;
    const tick = (): void => {
      if (socket.readyState !== socket.OPEN) return finish(path, sent, start);
      const due = Math.min(target, Math.round((rate * (performance.now() - start)) / 1000));
      if (socket.bufferedAmount < MAX_BUFFERED)
        for (; sent < due; sent++) socket.send(`${sent} ${Date.now()} `.padEnd(SIZE, '.'));
      const timeUp = total === 0 && performance.now() - start >= seconds * 1000;
      if (sent >= target || timeUp) return finish(path, sent, start);
      setTimeout(tick, TICK_MS);
    };
    tick();
  };

  server.on('connection', (socket, request) => {
    const path = request.url ?? '';
    const match = /^\/rate\/(\d+)\/(\d+)(?:\/(\d+))?$/.exec(path);
    if (match === null) return socket.close(4000, 'ask for /rate/R/S or /rate/R/0/N');
    blast(socket, path, Number(match[1]), Number(match[2]), Number(match[3] ?? 0));
  });
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    finished: (path) =>
      results.has(path)
        ? Promise.resolve(results.get(path)!)
        : new Promise((resolve) => waiting.set(path, resolve)),
    stop: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
