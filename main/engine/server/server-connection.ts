import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { WebSocketServer } from '../client/ws-library.js';
import { explainClose } from '../../../shared/model/close-explanation.js';
import type {
  ClosedEvent,
  Header,
  OpenEvent,
  UpgradeRequestEvent,
  UpgradeResponseEvent,
} from '../../../shared/model/events.js';
import type { DecoderLimits } from '../../../shared/protocol/frame.js';
import { checkUpgradeRequest } from '../../../shared/protocol/handshake.js';
import { HttpHeadParser, type HttpHead } from '../../../shared/protocol/http-message.js';
import { CloseTracker, emitRoundTrips, tcpEndedBy } from '../client/close-tracker.js';
import { tcpEvent, tlsEvent } from '../client/timeline.js';
import type { WebSocket } from '../client/ws-library.js';
import type { EventHub } from '../event-hub.js';
import { ConnectionTap, wireCounts } from '../tap/connection-tap.js';
import type { WireSink } from '../tap/sinks.js';
import { tapSocket } from '../tap/socket-tap.js';
import type { Behaviour, HandshakeDecision, UpgradeInfo } from './behaviour.js';
import { OpenConnection } from './open-connection.js';
import type { Rooms } from './rooms.js';
import { refusalResponse, requestKind, upgradeInfo, wsRequest } from './upgrade-request.js';

/** What a server connection needs from its server. */
export interface ServerHost {
  readonly hub: EventHub;
  readonly sink: WireSink;
  /** The server's base URL, e.g. ws://127.0.0.1:8080. */
  readonly baseUrl: string;
  readonly wss: WebSocketServer;
  readonly limits: DecoderLimits;
  /** Data frames one message may have; more fails the connection with 1009. */
  readonly maxFragments: number;
  /** A request head must be complete within this many ms (slow-loris guard). */
  readonly headTimeoutMs: number;
  readonly rooms: Rooms;
  readonly shared: Map<string, unknown>;
  /** The behaviour answering now (hot reload swaps it). */
  behaviour(): Behaviour;
  /** Sends to the open connections of `room` (all when null), skipping `except`; returns how many. */
  broadcast(
    room: string | null,
    except: number | null,
    send: (target: OpenConnection) => Promise<void>,
  ): Promise<number>;
  opened(connection: OpenConnection): void;
  gone(conn: number): void;
}

/** The options ws's handleUpgrade sees on the request: what the behaviour decided. */
export interface Decided {
  readonly subprotocol: string | null;
  readonly headers: readonly Header[];
}

/**
 * One accepted TCP (or TLS) connection of wstap's server, from its first byte: the tap sees every
 * byte both ways; the request head is parsed here (not by Node's HTTP server, whose native parser
 * would read the head where no tap sees it); the behaviour decides the answer; after a 101 `ws`
 * runs the WebSocket and an OpenConnection serves it. The `closed` event ends its timeline.
 */
export class ServerConnection {
  readonly startT: number;
  private readonly tracker = new CloseTracker('server');
  private readonly tap: ConnectionTap;
  private readonly parser = new HttpHeadParser({ expect: 'request' });
  private request: HttpHead | null = null;
  private requestT = 0;
  private refusalBody: string | null = null;
  private open: OpenConnection | null = null;
  private headTimer: NodeJS.Timeout | null = null;
  private peerFinT: number | null = null;
  private ourFinT: number | null = null;
  private socketError: string | null = null;
  private finished = false;

  constructor(
    private readonly host: ServerHost,
    readonly conn: number,
    private readonly socket: Socket,
  ) {
    const { hub } = host;
    this.startT = hub.clock.now();
    hub.emit(
      conn,
      { type: 'connecting', role: 'server', url: host.baseUrl, attempt: 1, session: 0 },
      this.startT,
    );
    hub.emit(conn, tcpEvent(socket, 0));
    if (socket instanceof TLSSocket) hub.emit(conn, tlsEvent(socket, 0));
    this.tap = new ConnectionTap({
      conn,
      role: 'server',
      hub,
      sink: host.sink,
      limits: host.limits,
      outWritten: true,
      handlers: {
        onRequestHead: (head, t) => this.onRequestHead(head, t),
        onResponseHead: (head, t) => this.onResponseHead(head, t),
        onFrames: (facts) => {
          emitRoundTrips(hub, conn, this.tracker.onFrames(facts));
          this.open?.onFrames(facts);
        },
      },
    });
    const clock = hub.clock;
    tapSocket(socket, {
      onRead: (bytes) => this.tap.push('in', bytes, clock.now()),
      onWrite: (bytes) => this.tap.push('out', bytes, clock.now()),
      onEnd: () => (this.ourFinT ??= clock.now()),
    });
    socket.once('end', () => (this.peerFinT ??= clock.now()));
    socket.on('error', (error: NodeJS.ErrnoException) => (this.socketError ??= error.code ?? error.message));
    socket.once('close', () => this.onSocketClose());
    this.headTimer = setTimeout(
      () =>
        this.refuse(
          408,
          [],
          `no complete upgrade request within ${host.headTimeoutMs} ms\n`,
          'request head timeout',
        ),
      host.headTimeoutMs,
    );
    this.headTimer.unref();
    socket.on('data', this.onData);
  }

  /** The OpenConnection once the WebSocket is open. */
  get openConnection(): OpenConnection | null {
    return this.open;
  }

  /** Ends the connection without a close handshake (server shutdown, drop). */
  destroy(): void {
    if (this.open) this.open.drop();
    else this.socket.destroy();
  }

  private readonly onData = (bytes: Buffer): void => {
    const result = this.parser.push(bytes);
    if (result.state === 'partial') return;
    this.socket.removeListener('data', this.onData);
    this.socket.pause();
    this.clearHeadTimer();
    if (result.state === 'error') {
      const tooBig = /limit|too (long|many|large)/i.test(result.error.message);
      this.refuse(tooBig ? 431 : 400, [], `${result.error.message}\n`, 'malformed request head');
      return;
    }
    void this.decide(result.head, Buffer.from(result.rest));
  };

  private async decide(head: HttpHead, rest: Buffer): Promise<void> {
    if (requestKind(head).kind === 'plain') {
      const hint = `This is a WebSocket server (wstap serve). Connect with a WebSocket client to ${this.host.baseUrl}${head.start.kind === 'request' ? head.start.target : '/'}\n`;
      this.refuse(426, [['Upgrade', 'websocket']], hint, 'a plain HTTP request');
      return;
    }
    const info = upgradeInfo(head, this.socket.remoteAddress ?? '', this.socket.remotePort ?? 0);
    let decision: HandshakeDecision;
    try {
      decision = await this.host.behaviour().handshake(info);
    } catch (error) {
      this.host.hub.emit(this.conn, {
        type: 'error',
        code: 'HANDLER_FAILED',
        message: `handshake: ${(error as Error).message}`,
      });
      decision = { accept: false, status: 500, body: `${(error as Error).message}\n` };
    }
    if (decision.delayMs !== undefined && decision.delayMs > 0) await delay(decision.delayMs);
    if (this.socket.destroyed) return;
    if (!decision.accept) {
      this.refuse(decision.status, decision.headers ?? [], decision.body ?? '', decision.note ?? null);
      return;
    }
    this.accept(head, rest, info, decision);
  }

  private accept(
    head: HttpHead,
    rest: Buffer,
    info: UpgradeInfo,
    decision: HandshakeDecision & { accept: true },
  ): void {
    const { hub, wss } = this.host;
    let subprotocol = decision.subprotocol ?? null;
    if (subprotocol !== null && !info.subprotocols.includes(subprotocol)) {
      hub.emit(this.conn, {
        type: 'log',
        level: 'warn',
        message: `subprotocol ${JSON.stringify(subprotocol)} was not offered by the client: none selected`,
      });
      subprotocol = null;
    }
    const request = Object.assign(wsRequest(head, this.socket), {
      wstap: { subprotocol, headers: decision.headers ?? [] } satisfies Decided,
    });
    if (decision.note) hub.emit(this.conn, { type: 'log', level: 'info', message: decision.note });
    this.tracker.reached = 'handshake';
    wss.handleUpgrade(request as never, this.socket, rest, (ws) =>
      this.onOpen(ws as unknown as WebSocket, info, subprotocol),
    );
    this.socket.resume();
  }

  private refuse(status: number, headers: readonly Header[], body: string, why: string | null): void {
    this.clearHeadTimer();
    if (this.socket.destroyed || this.refusalBody !== null) return;
    this.refusalBody = body;
    if (why)
      this.host.hub.emit(this.conn, {
        type: 'log',
        level: status >= 500 ? 'error' : 'info',
        message: `refused with ${status}: ${why}`,
      });
    this.socket.end(refusalResponse(status, headers, body));
    // A client that never reads the answer must not hold the socket open.
    setTimeout(() => this.socket.destroy(), 5000).unref();
  }

  private onOpen(ws: WebSocket, info: UpgradeInfo, subprotocol: string | null): void {
    const { hub } = this.host;
    this.tracker.reached = 'open';
    hub.emit<OpenEvent>(this.conn, {
      type: 'open',
      subprotocol: ws.protocol || null,
      extensions: ws.extensions || null,
      ms: round(hub.clock.now() - this.startT),
    });
    this.open = new OpenConnection(this.host, this.conn, ws, this.socket, info, subprotocol, this.tracker);
    this.host.opened(this.open);
    this.open.start();
  }

  private onRequestHead(head: HttpHead, t: number): void {
    this.request = head;
    this.requestT = t;
    const start = head.start;
    const requestLine = start.kind === 'request' ? `${start.method} ${start.target} ${start.version}` : '';
    this.host.hub.emit<UpgradeRequestEvent>(
      this.conn,
      { type: 'upgrade-request', requestLine, headers: head.headers },
      t,
    );
  }

  private onResponseHead(head: HttpHead, t: number): void {
    const start = head.start;
    const status = start.kind === 'response' ? start.status : 0;
    const body = status === 101 || this.refusalBody === null ? null : bodyJson(this.refusalBody);
    if (status !== 101)
      this.tracker.refused = { status, statusText: start.kind === 'response' ? start.reason : '' };
    this.host.hub.emit<UpgradeResponseEvent>(
      this.conn,
      {
        type: 'upgrade-response',
        statusLine: start.kind === 'response' ? `${start.version} ${start.status} ${start.reason}` : '',
        status,
        headers: head.headers,
        body,
        ms: round(t - this.requestT),
        // Server side: what a strict server finds wrong with the client's request.
        violations:
          this.request && requestKind(this.request).kind === 'upgrade'
            ? checkUpgradeRequest(this.request)
            : [],
      },
      t,
    );
  }

  private onSocketClose(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearHeadTimer();
    const clock = this.host.hub.clock;
    const t = clock.now();
    this.tracker.onTcpEnd(t, tcpEndedBy(this.peerFinT, this.ourFinT, this.socketError), this.socketError);
    this.tap.end(t);
    void this.finish();
  }

  private async finish(): Promise<void> {
    await this.tap.drained();
    const { hub } = this.host;
    const open = this.open;
    if (open) this.tracker.terminated = open.dropped && this.tracker.sent === null;
    const verdict = explainClose(this.tracker.facts());
    hub.emit<ClosedEvent>(this.conn, {
      type: 'closed',
      ...verdict,
      sent: this.tracker.sent,
      received: this.tracker.received,
      tcpClean: this.tracker.tcpEnd !== null && this.tracker.tcpEnd.error === null && this.peerFinT !== null,
      duration: round(hub.clock.now() - this.startT),
      ...wireCounts([this.tap]),
    });
    if (open) await open.finish(verdict.code, this.tracker.received?.reason ?? '');
    this.host.gone(this.conn);
  }

  private clearHeadTimer(): void {
    if (this.headTimer) clearTimeout(this.headTimer);
    this.headTimer = null;
  }
}

function bodyJson(body: string): UpgradeResponseEvent['body'] {
  const length = Buffer.byteLength(body);
  return { text: body, length, truncated: false };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
