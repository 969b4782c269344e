// Test support: real ws clients and raw TCP exchanges against wstap's server.
import { connect as tcpConnect } from 'node:net';
import WebSocket from 'ws';
import { Queue } from '../../../test/peers/node-client.js';

/** A message as a test compares it. */
export type Got = { text: string } | { binary: number[] };

/** An open ws client with a message queue. */
export interface TestClient {
  readonly ws: WebSocket;
  /** The next message (queued ones first); rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<Got>;
  /** Resolves with the close code and reason the client saw. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Response headers of the 101. */
  readonly upgradeHeaders: Record<string, string | string[] | undefined>;
}

/** Options of a test client. */
export interface TestClientOptions {
  readonly protocols?: readonly string[];
  readonly headers?: Record<string, string>;
  readonly autoPong?: boolean;
  readonly perMessageDeflate?: boolean;
}

/** Opens a ws client and resolves once it is open. */
export function openClient(url: string, options: TestClientOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(url, [...(options.protocols ?? [])], {
    headers: options.headers,
    autoPong: options.autoPong ?? true,
    perMessageDeflate: options.perMessageDeflate ?? false,
  });
  const messages = new Queue<Got>();
  let upgradeHeaders: TestClient['upgradeHeaders'] = {};
  ws.on('upgrade', (response) => (upgradeHeaders = response.headers));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    messages.push(isBinary ? { binary: [...data] } : { text: data.toString('utf8') });
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      ws.off('error', reject);
      ws.on('error', () => undefined);
      resolve({
        ws,
        closed,
        get upgradeHeaders() {
          return upgradeHeaders;
        },
        next: (timeoutMs = 5000) => messages.shift('message', timeoutMs),
      });
    });
  });
}

/** Writes `request` on a fresh TCP connection and resolves with everything read until the server closes. */
export function rawExchange(port: number, request: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    const timer = setTimeout(
      () => (socket.destroy(), reject(new Error(`the server did not close within ${timeoutMs} ms`))),
      timeoutMs,
    );
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}
