import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';

/** What a test server saw on its raw sockets, per connection. */
export interface RawConnection {
  /** Bytes the server read, after the upgrade request head. */
  readonly received: Buffer[];
  /** Bytes the server wrote, including its 101 head. */
  readonly written: Buffer[];
  readonly socket: Duplex;
}

/** A `ws` server on 127.0.0.1:0 whose raw socket bytes are recorded, to prove the tap changes none. */
export interface TestServer {
  readonly port: number;
  readonly url: string;
  readonly wss: WebSocketServer;
  readonly http: Server;
  readonly raw: RawConnection[];
  close(): Promise<void>;
}

/** Starts the server; `onUpgrade` may answer a request itself (return true) instead of upgrading. */
export async function startTestServer(
  onConnection: (ws: WebSocket, request: IncomingMessage) => void,
  options: Omit<ServerOptions, 'port' | 'server' | 'noServer'> = {},
  onUpgrade?: (request: IncomingMessage, socket: Duplex) => boolean,
): Promise<TestServer> {
  const http = createServer((_request, response) => response.writeHead(426).end('upgrade required'));
  const wss = new WebSocketServer({ ...options, noServer: true });
  const raw: RawConnection[] = [];
  const sockets = new Set<Socket>();
  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  http.on('upgrade', (request, socket, head) => {
    if (onUpgrade?.(request, socket)) return;
    const record: RawConnection = { received: head.length > 0 ? [Buffer.from(head)] : [], written: [], socket };
    raw.push(record);
    socket.prependListener('data', (chunk: Buffer) => record.received.push(Buffer.from(chunk)));
    const write = socket.write.bind(socket) as (chunk: Buffer | string, ...rest: unknown[]) => boolean;
    socket.write = ((chunk: Buffer | string, ...rest: unknown[]) => {
      record.written.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    }) as typeof socket.write;
    wss.handleUpgrade(request, socket, head, (ws) => {
      // A client breaking the protocol on purpose is the point of some tests, not a crash.
      ws.on('error', () => undefined);
      onConnection(ws, request);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    wss,
    http,
    raw,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        for (const socket of sockets) socket.destroy();
        wss.close();
        http.close(() => resolve());
      }),
  };
}

/** The server's written bytes without its 101 head: what the client's tap should have seen come in. */
export function afterHead(chunks: readonly Buffer[]): Buffer {
  const all = Buffer.concat(chunks);
  const end = all.indexOf('\r\n\r\n');
  return end < 0 ? all : all.subarray(end + 4);
}

/** An echo handler: echoes data, and `close:<code>:<reason>` closes. */
export function echo(ws: WebSocket): void {
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? '' : String(data);
    const close = /^close:(\d+):(.*)$/.exec(text);
    if (close) ws.close(Number(close[1]), close[2]);
    else ws.send(data, { binary: isBinary });
  });
}
