import type { IncomingHttpHeaders } from 'node:http';
import WebSocket, { type ClientOptions } from 'ws';

/** A message the node `ws` client received. */
export interface Received {
  readonly data: Buffer;
  readonly isBinary: boolean;
}

/** A `ws` client whose events can be awaited one at a time (lock-step scripts). */
export interface LockstepClient {
  readonly ws: WebSocket;
  /** The next message, received already or later. */
  next(): Promise<Received>;
  /** The next Ping (its payload); ws answers it with a Pong by itself. */
  nextPing(): Promise<Buffer>;
  /** The next Pong (its payload). */
  nextPong(): Promise<Buffer>;
  /** Resolves when the connection closed, with the Close the peer sent (1005/1006 when none). */
  readonly closed: Promise<{ readonly code: number; readonly reason: string }>;
}

/** An async FIFO: values pushed before anyone waits are kept; a wait that timed out takes nothing. */
export class Queue<T> {
  private readonly items: T[] = [];
  private readonly waiters: ((value: T) => void)[] = [];
  push(value: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(value);
    else this.items.push(value);
  }
  shift(what: string, timeoutMs: number): Promise<T> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift() as T);
    return new Promise((resolve, reject) => {
      const waiter = (value: T): void => {
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

/** Connects a `ws` client (the npm library wstap itself uses) and resolves once it is open. */
export async function connectLockstep(
  url: string,
  options: ClientOptions = {},
  timeoutMs = 10_000,
): Promise<LockstepClient> {
  const ws = new WebSocket(url, { perMessageDeflate: false, ...options });
  const messages = new Queue<Received>();
  const pings = new Queue<Buffer>();
  const pongs = new Queue<Buffer>();
  ws.on('message', (data, isBinary) => messages.push({ data: toBuffer(data), isBinary }));
  ws.on('ping', (data) => pings.push(data));
  ws.on('pong', (data) => pongs.push(data));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`could not connect to ${url} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return {
    ws,
    next: () => messages.shift('message', timeoutMs),
    nextPing: () => pings.shift('ping', timeoutMs),
    nextPong: () => pongs.shift('pong', timeoutMs),
    closed,
  };
}

/** How a server answered an upgrade request it refused (anything but 101). */
export interface RejectedUpgrade {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Opens a `ws` client that the server must refuse; resolves with the HTTP answer ('unexpected-response'). */
export function expectRejectedUpgrade(
  url: string,
  options: ClientOptions = {},
  timeoutMs = 10_000,
): Promise<RejectedUpgrade> {
  return attempt(url, options, timeoutMs, (ws, settle) => {
    ws.once('open', () => settle(new Error(`${url} upgraded; expected a refusal`)));
    ws.once('error', (error) => settle(error));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => settle({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
  });
}

/** Opens a `ws` client that must fail (TLS, refused, ...); resolves with the error it emitted. */
export function expectConnectError(
  url: string,
  options: ClientOptions = {},
  timeoutMs = 10_000,
): Promise<Error> {
  return attempt<Error>(url, options, timeoutMs, (ws, settle) => {
    ws.once('open', () => settle(new Error(`${url} opened; expected an error`), true));
    ws.once('unexpected-response', (_req, res) =>
      settle(new Error(`${url} answered HTTP ${res.statusCode}; expected an error`), true),
    );
    ws.once('error', (error) => settle(error, false));
  });
}

/** Runs one connection attempt to its first outcome, then terminates the client. */
function attempt<T>(
  url: string,
  options: ClientOptions,
  timeoutMs: number,
  watch: (ws: WebSocket, settle: (outcome: T | Error, failed?: boolean) => void) => void,
): Promise<T> {
  const ws = new WebSocket(url, { perMessageDeflate: false, ...options });
  // terminate() while connecting emits one more 'error': expected, and handled here.
  ws.on('error', () => {});
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => settle(new Error(`${url}: no outcome within ${timeoutMs} ms`), true),
      timeoutMs,
    );
    function settle(outcome: T | Error, failed = outcome instanceof Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.terminate();
      if (failed) reject(outcome as Error);
      else resolve(outcome as T);
    }
    watch(ws, settle);
  });
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
