/**
 * Browser mode's server (`wstap ui`): the renderer build over HTTP and the bridge contract over a
 * WebSocket at /bridge, on loopback by default. Every request must name this server in its Host
 * header; the page and the bridge need the per-run token; the bridge also needs this server's
 * Origin. Refusals are logged and answered, never thrown.
 */
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { CommandHandlers, EventBatch } from '../../shared/ipc/contract.js';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../shared/ipc/web-protocol.js';
import { BridgeSockets } from './bridge-sockets.js';
import { requestPath, resolveStatic } from './static-files.js';
import {
  allowedHosts,
  contentSecurityPolicy,
  hostAllowed,
  isWildcard,
  newToken,
  originAllowed,
  securityHeaders,
  tokenMatches,
  urlHost,
} from './web-guard.js';

/** Largest request frame: inputs allow 140 MiB of base64 (shared/ipc/inputs.ts) plus the JSON around it. */
const MAX_PAYLOAD = 150 << 20;

/** What the web host needs of the console service (main/engine/console). */
export interface WebHostService {
  readonly handlers: CommandHandlers;
  onBatch(listener: (batch: EventBatch) => void): () => void;
}

/** Options of startWebHost. */
export interface WebHostOptions {
  readonly service: WebHostService;
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: a free one). */
  readonly port?: number;
  /** The renderer build (out/renderer), with index.html at its top. */
  readonly rendererDir: string;
  /** The token (default: 32 fresh random bytes). */
  readonly token?: string;
  /** Where refusals and socket trouble are reported (default: nowhere). */
  readonly log?: (line: string) => void;
  /** Send-buffer bytes past which a slow page's batches are skipped (bridge-sockets.ts). */
  readonly lagBytes?: number;
}

/** A running web host. */
export interface WebHost {
  /** The console's page, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Closes every bridge socket and the server. */
  stop(): Promise<void>;
}

/** Starts browser mode's server; rejects when it cannot listen (EADDRINUSE, EACCES, ...) or the build is missing. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const log = options.log ?? ((): void => undefined);
  const root = await realpath(options.rendererDir);
  // The page's real path: whatever name reaches it (a symlink too) needs the token.
  const index = await realpath(join(root, 'index.html')).catch(() => join(root, 'index.html'));
  const sockets = new BridgeSockets({ handlers: options.service.handlers, log, lagBytes: options.lagBytes });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, perMessageDeflate: false });
  // Known once listening (port 0 picks one); no request is served before that.
  let allowed: readonly string[] = [];
  let headers: Readonly<Record<string, string>> = {};

  /** Answers with an error status; `why` (null for a plain 404) goes to the log. */
  const refuse = (res: ServerResponse, status: number, message: string, why: string | null): void => {
    if (why !== null) log(`refused ${why}`);
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`${message}\n`);
  };

  const serveRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = requestPath(req.url);
    const what = `${req.method ?? '?'} ${path}`;
    if (!hostAllowed(allowed, req.headers.host)) {
      return refuse(
        res,
        421,
        'wrong Host: open the URL wstap ui printed',
        `${what}: Host ${JSON.stringify(req.headers.host ?? null)}`,
      );
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'only GET and HEAD', what);
    }
    if (path === BRIDGE_PATH) return refuse(res, 426, 'the bridge is a WebSocket', what);
    const file = await resolveStatic(root, path);
    if (file === 'bad') return refuse(res, 400, 'bad path', `${what}: outside the renderer build`);
    if (file === 'missing') return refuse(res, 404, 'not found', null);
    // The page reaches the bridge, so it needs the token; scripts and styles hold no data.
    if (file.path === index && !tokenMatches(token, queryToken(req.url))) {
      return refuse(
        res,
        403,
        'this page needs its token: open the URL wstap ui printed',
        `${what}: wrong or missing token`,
      );
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': file.type,
      'Content-Length': String(file.size),
      'Cache-Control': file.path === index ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file.path)
      .on('error', (error) => (log(`cannot read ${file.path}: ${error.message}`), res.destroy()))
      .pipe(res);
  };

  const server = createServer((req, res) => {
    serveRequest(req, res).catch((error: Error) => {
      log(`request failed: ${error.message}`);
      if (!res.headersSent) res.writeHead(500, headers);
      res.end();
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log(`upgrade socket error: ${error.message}`));
    const what = `upgrade ${requestPath(req.url)}`;
    const refusal = !hostAllowed(allowed, req.headers.host)
      ? { status: 421, why: `Host ${JSON.stringify(req.headers.host ?? null)}` }
      : requestPath(req.url) !== BRIDGE_PATH
        ? { status: 404, why: 'not the bridge' }
        : !originAllowed(allowed, req.headers.origin)
          ? { status: 403, why: `Origin ${JSON.stringify(req.headers.origin ?? null)}` }
          : !tokenMatches(token, queryToken(req.url))
            ? { status: 403, why: 'wrong or missing token' }
            : null;
    if (refusal) {
      log(`refused ${what}: ${refusal.why}`);
      const body = `${STATUS_CODES[refusal.status] ?? 'Refused'}\n`;
      socket.end(
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Refused'}\r\nConnection: close\r\n` +
          `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => sockets.add(ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log(`server error: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(host, port);
  headers = securityHeaders(contentSecurityPolicy(allowed));
  const unsubscribe = options.service.onBatch((batch) => sockets.push(batch));
  const shown = isWildcard(host) ? '127.0.0.1' : urlHost(host);

  let stopping: Promise<void> | null = null;
  return {
    url: `http://${shown}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    stop() {
      stopping ??= (async () => {
        unsubscribe();
        await sockets.closeAll();
        wss.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return stopping;
    },
  };
}

/** The token query parameter of a request target, or null. */
function queryToken(url: string | undefined): string | null {
  const start = url?.indexOf('?') ?? -1;
  if (url === undefined || start === -1) return null;
  return new URLSearchParams(url.slice(start + 1).split('#')[0]).get(TOKEN_PARAM);
}
