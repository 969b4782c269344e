import { createServer, isIPv6, type AddressInfo, type Server, type Socket } from 'node:net';
import { EngineError } from '../errors.js';
import type { EventHub } from '../event-hub.js';
import type { WireSink } from '../tap/sinks.js';
import type { HeaderEdits } from './forward-head.js';
import type { LiveRules } from './live-rules.js';
import type { MessageRules } from './message-rules.js';
import { ProxyConnection } from './proxy-connection.js';

/** Options of `wstap proxy`. */
export interface ProxyOptions {
  /** ws:// or wss:// (http/https taken as the same). */
  readonly target: string;
  /** Address to bind: 127.0.0.1 unless told otherwise. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly edits?: HeaderEdits;
  /** TLS toward a wss target. */
  readonly tls?: { readonly ca?: string; readonly insecure?: boolean };
  readonly headTimeoutMs?: number;
  /** Bytes a held direction keeps before its source is paused (default 16 MiB). */
  readonly maxHeld?: number;
  /** Latency, jitter and drops for messages (drops strip permessage-deflate from the handshake). */
  readonly rules?: MessageRules | null;
  /** Rules that can be added and removed while it runs (the console's); `rules` is then ignored. */
  readonly live?: LiveRules | null;
}

/** A listening proxy. */
export interface RunningProxy {
  /** Where apps connect: ws://127.0.0.1:PORT. */
  readonly url: string;
  readonly target: string;
  readonly port: number;
  /** Ids of the connections in progress. */
  connections(): number[];
  /** A connection in progress, for interventions; throws UNKNOWN_CONNECTION. */
  connection(conn: number): ProxyConnection;
  /** Stops listening and cuts every connection; resolves when all are over. */
  stop(): Promise<void>;
}

/** What a proxy needs from the engine. */
export interface ProxyEngineContext {
  readonly hub: EventHub;
  readonly sink: WireSink;
  readonly nextConn: () => number;
}

/** Parses a proxy target; throws EngineError INVALID_URL with what to write. */
export function proxyTarget(text: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `ws://${text}`);
  } catch {
    throw new EngineError(
      'INVALID_URL',
      `--target ${text} is not a URL: write ws://host:port or wss://host:port`,
    );
  }
  const scheme = { 'ws:': 'ws:', 'http:': 'ws:', 'wss:': 'wss:', 'https:': 'wss:' }[url.protocol];
  if (scheme === undefined)
    throw new EngineError('INVALID_URL', `--target ${text}: the scheme must be ws:// or wss://`);
  if (url.search || url.hash)
    throw new EngineError('INVALID_URL', `--target ${text}: no query or fragment (the app's own are kept)`);
  return new URL(`${scheme}//${url.host}${url.pathname}`);
}

/** Starts a reverse proxy; resolves once it listens. Throws EngineError (INVALID_URL, LISTEN_FAILED). */
export async function startProxy(options: ProxyOptions, ctx: ProxyEngineContext): Promise<RunningProxy> {
  const target = proxyTarget(options.target);
  const live = new Map<number, ProxyConnection>();
  let accepted = 0;
  let drained: (() => void) | null = null;
  const host = {
    hub: ctx.hub,
    sink: ctx.sink,
    target,
    edits: options.edits ?? { set: [], remove: [] },
    tls: options.tls ?? {},
    headTimeoutMs: options.headTimeoutMs ?? 10_000,
    maxHeld: options.maxHeld ?? 16 * 1024 * 1024,
    rules: options.rules ?? null,
    live: options.live ?? null,
    gone: (conn: number) => {
      live.delete(conn);
      if (live.size === 0) drained?.();
    },
  };
  const server: Server = createServer((socket: Socket) => {
    const conn = ctx.nextConn();
    accepted++;
    live.set(conn, new ProxyConnection(host, conn, socket));
  });
  const bind = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new EngineError(
          'LISTEN_FAILED',
          `cannot listen on ${bind}:${options.port ?? 0}: ${error.code === 'EADDRINUSE' ? 'the port is in use (choose another, or 0 for a free one)' : error.message}`,
        ),
      ),
    );
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `ws://${isIPv6(address.address) ? `[${address.address}]` : address.address}:${address.port}`;
  ctx.hub.emit(0, {
    type: 'listening',
    url,
    host: address.address,
    port: address.port,
    tls: false,
    behaviour: `proxy to ${target.href}`,
  });
  let stopping: Promise<void> | null = null;
  return {
    url,
    target: target.href,
    port: address.port,
    connections: () => [...live.keys()],
    connection(conn) {
      const found = live.get(conn);
      if (!found) throw new EngineError('UNKNOWN_CONNECTION', `no connection #${conn} through the proxy`);
      return found;
    },
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        if (live.size > 0) {
          const gone = new Promise<void>((resolve) => (drained = resolve));
          for (const c of live.values()) c.destroy();
          await gone;
        }
        await closed;
        ctx.hub.emit(0, { type: 'server-stopped', url, connections: accepted });
      })();
      return stopping;
    },
  };
}
