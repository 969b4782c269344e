import {
  createServer as createNetServer,
  isIPv6,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { WebSocketServer } from '../client/ws-library.js';
import type {
  EventFields,
  ListeningEvent,
  LogEvent,
  ReloadEvent,
  ServerStoppedEvent,
} from '../../../shared/model/events.js';
import { DEFAULT_LIMITS } from '../../../shared/protocol/frame.js';
import type { Outgoing } from '../client/client-options.js';
import type { CloseRequest } from '../client/send.js';
import { EngineError } from '../errors.js';
import type { EventHub } from '../event-hub.js';
import type { WireSink } from '../tap/sinks.js';
import type { Behaviour } from './behaviour.js';
import type { OpenConnection } from './open-connection.js';
import { Rooms } from './rooms.js';
import { ServerConnection, type Decided, type ServerHost } from './server-connection.js';

/** Options of a server (`wstap serve`). */
export interface ServerOptions {
  /** Address to bind: 127.0.0.1 unless told otherwise (anything else is reachable from other hosts). */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Serve wss:// with this certificate and key (PEM). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Largest message (and frame) a client may send; larger ones are refused with 1009. Default 16 MiB. */
  readonly maxPayload?: number;
  /** Data frames one message may have; more are refused with 1009. Default 1024. */
  readonly maxFragments?: number;
  /** Accept permessage-deflate when a client offers it (default true). */
  readonly perMessageDeflate?: boolean;
  /** A request head must arrive within this many ms (default 10000). */
  readonly headTimeoutMs?: number;
  readonly behaviour: Behaviour;
}

/** One connected client, as the console lists it. */
export interface ClientInfo {
  readonly id: number;
  readonly remote: string;
  readonly path: string;
  readonly subprotocol: string | null;
  readonly rooms: readonly string[];
  /** Ms since the connection opened. */
  readonly age: number;
  readonly messagesIn: number;
  readonly messagesOut: number;
}

/** A listening server. */
export interface RunningServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  clients(): ClientInfo[];
  rooms(): { room: string; members: number }[];
  /** An open connection by id; throws UNKNOWN_CONNECTION. */
  connection(conn: number): OpenConnection;
  behaviour(): Behaviour;
  /** Answers with `next` from now on (hot reload); the previous behaviour is disposed. */
  setBehaviour(next: Behaviour): void;
  /** Sends to every open connection in `room` (every connection when null); resolves with how many. */
  broadcast(room: string | null, message: Outgoing): Promise<number>;
  /** Starts the close handshake on every open connection. */
  closeAll(request: CloseRequest): void;
  /** Puts a server-wide `reload` or `log` event (conn 0) in the timeline. */
  report(fields: EventFields<ReloadEvent> | EventFields<LogEvent>): void;
  /** Stops listening, closes connections with 1001 (dropping those that don't finish in 2 s), resolves when all are gone. */
  stop(): Promise<void>;
}

/** What a server needs from the engine. */
export interface ServerEngineContext {
  readonly hub: EventHub;
  readonly sink: WireSink;
  readonly nextConn: () => number;
}

export const DEFAULT_SERVER_MAX_PAYLOAD = 16 * 1024 * 1024;
export const DEFAULT_SERVER_MAX_FRAGMENTS = 1024;

/** Starts a server; resolves once it listens. Throws EngineError LISTEN_FAILED. */
export async function startServer(options: ServerOptions, ctx: ServerEngineContext): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const maxPayload = options.maxPayload ?? DEFAULT_SERVER_MAX_PAYLOAD;
  let behaviour = options.behaviour;
  const rooms = new Rooms();
  const shared = new Map<string, unknown>();
  const all = new Map<number, ServerConnection>();
  const open = new Map<number, OpenConnection>();
  let accepted = 0;
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload,
    perMessageDeflate: options.perMessageDeflate !== false,
    handleProtocols: (_offered, request) =>
      (request as unknown as { wstap: Decided }).wstap.subprotocol ?? false,
  });
  wss.on('headers', (headers: string[], request) => {
    for (const [name, value] of (request as unknown as { wstap: Decided }).wstap.headers)
      headers.push(`${name}: ${value.replace(/[\r\n]+/g, ' ')}`);
  });
  let url = '';
  const serverHost: ServerHost = {
    hub: ctx.hub,
    sink: ctx.sink,
    get baseUrl() {
      return url;
    },
    wss,
    limits: {
      ...DEFAULT_LIMITS,
      maxPayload,
      maxMessageSize: maxPayload,
      maxFragments: options.maxFragments ?? DEFAULT_SERVER_MAX_FRAGMENTS,
    },
    maxFragments: options.maxFragments ?? DEFAULT_SERVER_MAX_FRAGMENTS,
    headTimeoutMs: options.headTimeoutMs ?? 10_000,
    rooms,
    shared,
    behaviour: () => behaviour,
    async broadcast(room, except, send) {
      const targets = room === null ? [...open.keys()] : rooms.membersOf(room);
      const chosen = targets
        .filter((id) => id !== except)
        .map((id) => open.get(id))
        .filter((c): c is OpenConnection => c !== undefined && c.isOpen());
      await Promise.all(chosen.map((c) => send(c).catch(() => undefined)));
      return chosen.length;
    },
    opened: (connection) => open.set(connection.id, connection),
    gone: (conn) => {
      open.delete(conn);
      all.delete(conn);
      if (all.size === 0) drained?.();
    },
  };
  let drained: (() => void) | null = null;

  const onSocket = (socket: Socket): void => {
    accepted++;
    const conn = ctx.nextConn();
    all.set(conn, new ServerConnection(serverHost, conn, socket));
  };
  const server: NetServer = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key, ALPNProtocols: ['http/1.1'] }, onSocket)
    : createNetServer(onSocket);
  if (options.tls) {
    // A failed handshake's TLS socket no longer knows its peer: remember it from the TCP accept.
    const peers = new WeakMap<object, string>();
    server.on('connection', (raw: Socket) =>
      peers.set(raw, `${raw.remoteAddress ?? '?'}:${raw.remotePort ?? '?'}`),
    );
    server.on(
      'tlsClientError',
      (error: Error & { code?: string }, socket: Socket & { _parent?: Socket | null }) => {
        const peer =
          peers.get(socket._parent ?? socket) ?? `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
        ctx.hub.emit(0, {
          type: 'error',
          code: 'TLS_FAILED',
          message: `TLS handshake with ${peer} failed: ${error.code ?? ''} ${error.message}`.trim(),
        });
      },
    );
  }

  await listen(server, host, options.port ?? 0);
  const address = server.address() as AddressInfo;
  url = `${options.tls ? 'wss' : 'ws'}://${isIPv6(address.address) ? `[${address.address}]` : address.address}:${address.port}`;
  ctx.hub.emit<ListeningEvent>(0, {
    type: 'listening',
    url,
    host: address.address,
    port: address.port,
    tls: options.tls !== undefined,
    behaviour: behaviour.name,
  });
  if (!isLoopback(address.address)) {
    ctx.hub.emit(0, {
      type: 'log',
      level: 'warn',
      message: `listening on ${address.address}: other machines can connect to this server`,
    });
  }

  let stopping: Promise<void> | null = null;
  return {
    url,
    host: address.address,
    port: address.port,
    tls: options.tls !== undefined,
    clients: () =>
      [...open.values()]
        .filter((c) => c.isOpen())
        .map((c) => ({
          id: c.id,
          remote: `${c.upgrade.remoteAddress}:${c.upgrade.remotePort}`,
          path: c.upgrade.path,
          subprotocol: c.subprotocol,
          rooms: [...c.rooms],
          age: c.age(),
          messagesIn: c.counters.in,
          messagesOut: c.counters.out,
        })),
    rooms: () => rooms.list(),
    connection(conn) {
      const found = open.get(conn);
      if (!found || !found.isOpen())
        throw new EngineError('UNKNOWN_CONNECTION', `no open connection #${conn}: /clients lists them`);
      return found;
    },
    behaviour: () => behaviour,
    setBehaviour(next) {
      const previous = behaviour;
      behaviour = next;
      if (previous !== next) previous.dispose?.();
    },
    broadcast: (room, message) => serverHost.broadcast(room, null, (target) => target.send(message)),
    closeAll(request) {
      for (const c of open.values()) c.close(request);
    },
    report: (fields) => void ctx.hub.emit<ReloadEvent | LogEvent>(0, fields),
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        if (all.size > 0) {
          const gone = new Promise<void>((resolve) => (drained = resolve));
          for (const c of all.values()) {
            const port = c.openConnection;
            if (port?.isOpen()) port.close({ code: 1001, reason: 'server stopping' });
            else c.destroy();
          }
          const timer = setTimeout(() => [...all.values()].forEach((c) => c.destroy()), 2000);
          await gone;
          clearTimeout(timer);
        }
        await closed;
        behaviour.dispose?.();
        ctx.hub.emit<ServerStoppedEvent>(0, { type: 'server-stopped', url, connections: accepted });
      })();
      return stopping;
    },
  };
}

function listen(server: NetServer, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const why =
        error.code === 'EADDRINUSE'
          ? 'the port is in use (choose another, or 0 for a free one)'
          : error.code === 'EACCES'
            ? 'no permission (ports below 1024 need root)'
            : error.message;
      reject(new EngineError('LISTEN_FAILED', `cannot listen on ${host}:${port}: ${why}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === '::ffff:127.0.0.1';
}
