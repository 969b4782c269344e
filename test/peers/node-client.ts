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

/** An async FIFO: values pushed before anyone waits are kept. */
class Queue<T> {
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
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
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

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
