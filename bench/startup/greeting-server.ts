import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** A local ws server that greets every connection with one text message naming the request path. */
export interface GreetingServer {
  /** `ws://127.0.0.1:<port>` */
  readonly base: string;
  /** The greeting a connection to `path` gets. */
  greeting(path: string): string;
  /** When (performance.now()) the upgrade of `path` completed, if it did. */
  openedAt(path: string): number | undefined;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1, port 0, in the bench process: both clients meet the same server,
 * so the handshake and the greeting cost them the same. Each run connects to its own path
 * (`/run-3-wstap`), so a greeting cannot be mistaken for another run's, and the server notes when
 * each upgrade completed (spawn → open is the client's start-up; open → printed, its first
 * message). ws's server default: no permessage-deflate, so neither client gets compression.
 */
export async function startGreetingServer(): Promise<GreetingServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const opened = new Map<string, number>();
  const greeting = (path: string): string => `greetings from the startup bench: ${path}`;
  wss.on('connection', (ws, request) => {
    const path = request.url ?? '/';
    opened.set(path, performance.now());
    ws.on('error', () => undefined);
    ws.send(greeting(path));
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    base: `ws://127.0.0.1:${port}`,
    greeting,
    openedAt: (path) => opened.get(path),
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
