import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { ClientOptions as WsClientOptions } from 'ws';
import { isCloseCodeAllowedOnWire } from '../../../shared/protocol/close-codes.js';
import { explainClose } from '../../../shared/model/close-explanation.js';
import type {
  ClosedEvent,
  ConnectingEvent,
  OpenEvent,
  UpgradeRequestEvent,
} from '../../../shared/model/events.js';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';
import { DEFAULT_LIMITS } from '../../../shared/protocol/frame.js';
import type { HttpHead } from '../../../shared/protocol/http-message.js';
import { EngineError } from '../errors.js';
import type { EventHub } from '../event-hub.js';
import { ConnectionTap, wireCounts } from '../tap/connection-tap.js';
import type { WireSink } from '../tap/sinks.js';
import { tapSocket } from '../tap/socket-tap.js';
import type { ClientOptions, Outgoing } from './client-options.js';
import { CloseTracker, emitRoundTrips, tcpEndedBy } from './close-tracker.js';
import { createConnector } from './connect-socket.js';
import { HandshakeReporter } from './handshake-reporter.js';
import { Heartbeat } from './heartbeat.js';
import {
  closePayload,
  controlPayload,
  forceClose,
  sendMessage,
  sendRawBytes,
  sendRawFrames,
  setAutoPong,
  type CloseRequest,
  type SendOptions,
} from './send.js';
import { tcpEvent, tlsEvent, wsErrorCode } from './timeline.js';
import { WebSocket } from './ws-library.js';

/** What a connection needs from the engine. */
export interface ConnectionContext {
  readonly hub: EventHub;
  readonly sink: WireSink;
  readonly conn: number;
  readonly session: number;
  readonly attempt: number;
  readonly url: URL;
  readonly options: ClientOptions;
  /** ws options with TLS material already read. */
  readonly wsOptions: WsClientOptions;
}

/**
 * One attempt of a client session: a `ws` WebSocket whose socket is tapped, with the timeline
 * (DNS, TCP, TLS, upgrade, open, round trips, close) published as events and a verdict at the end.
 */
export class ClientConnection {
  /** Resolves with the `closed` event once the connection is over and every event is out. */
  readonly ended: Promise<ClosedEvent>;
  /** Resolves true when the connection opened, false when it ended before. */
  readonly opened: Promise<boolean>;
  private readonly ws: WebSocket;
  private readonly tracker = new CloseTracker('client');
  private readonly handshake: HandshakeReporter;
  private readonly taps: ConnectionTap[] = [];
  private readonly startT: number;
  private socket: Duplex | null = null;
  private heartbeat: Heartbeat | null = null;
  private peerFinT: number | null = null;
  private ourFinT: number | null = null;
  private socketError: string | null = null;
  private resolveOpened!: (open: boolean) => void;
  /** The socket is connected (and TLS done): bytes written now go on the wire. */
  private ready = false;
  /** The upgrade request, written before the socket was ready: reported when it really leaves. */
  private requestPending: (() => void) | null = null;
  /** Writes are held until the end of this tick (batchWrites). */
  private corked = false;

  constructor(private readonly ctx: ConnectionContext) {
    const { hub, conn, url } = ctx;
    this.startT = hub.clock.now();
    hub.emit<ConnectingEvent>(
      conn,
      {
        type: 'connecting',
        role: 'client',
        url: url.href,
        attempt: ctx.attempt,
        session: ctx.session,
        ...(ctx.options.script === undefined ? {} : { script: ctx.options.script }),
      },
      this.startT,
    );
    this.handshake = new HandshakeReporter(hub, conn, ctx.options.maxErrorBody, this.tracker);
    this.opened = new Promise((resolve) => (this.resolveOpened = resolve));
    const proxy = ctx.options.proxy ? new URL(ctx.options.proxy) : null;
    const createConnection = createConnector(proxy, {
      onLookup: (host, address, family) =>
        hub.emit(conn, { type: 'dns', host, address, family, ms: round(this.since()) }),
      onTcp: (socket) => {
        hub.emit(conn, tcpEvent(socket, this.since()));
        if (!(socket instanceof TLSSocket)) this.wireReady();
      },
      onTls: (socket) => {
        hub.emit(conn, tlsEvent(socket, this.since()));
        this.wireReady();
      },
      onSocket: (socket) => this.attach(socket),
      onProxyError: (message) => (this.tracker.connectError = { code: 'PROXY_FAILED', message, tls: false }),
    });
    this.ws = new WebSocket(url, [...(ctx.options.subprotocols ?? [])], {
      ...ctx.wsOptions,
      createConnection,
    } as unknown as WsClientOptions);
    this.ended = new Promise((resolve) => this.ws.once('close', () => void this.finish().then(resolve)));
    this.ws.on('unexpected-response', (request, response) => this.onRefused(request, response));
    this.ws.on('open', () => this.onOpen());
    this.ws.on('error', (error) => this.onError(error));
  }

  /** The connection is open (messages can be sent). */
  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a message the compliant way (ws masks and compresses). */
  send(message: Outgoing, options?: SendOptions): Promise<void> {
    this.requireOpen();
    this.batchWrites();
    return sendMessage(this.ws, message, options);
  }

  /** Sends a ping; its pong shows as an `rtt` event. */
  ping(data?: string | Uint8Array): void {
    const payload = controlPayload(data);
    this.requireOpen();
    this.ws.ping(payload);
  }

  /** Sends an unsolicited pong (RFC 6455 §5.5.3 allows it as a unidirectional heartbeat). */
  pong(data?: string | Uint8Array): void {
    const payload = controlPayload(data);
    this.requireOpen();
    this.ws.pong(payload);
  }

  /** Starts the close handshake; `force` sends codes RFC 6455 forbids. */
  close(request: CloseRequest = {}): void {
    const payload = closePayload(request);
    if (this.ws.readyState === WebSocket.CONNECTING) return this.terminate();
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const forbidden =
      request.code !== undefined &&
      payload !== null &&
      (!isCloseCodeAllowedOnWire(request.code) || payload.length > 125);
    if (forbidden && this.socket) {
      forceClose(this.ws, this.socket, payload, true);
      setTimeout(() => this.terminate(), 30_000).unref();
      return;
    }
    this.ws.close(request.code, request.reason);
  }

  /** Writes raw frames to the socket (fault injection). */
  sendRaw(specs: readonly FrameSpec[]): Promise<void> {
    this.requireOpen();
    if (!this.socket) throw new EngineError('NOT_OPEN', 'no socket');
    return sendRawFrames(this.socket, specs);
  }

  /** Writes bytes to the socket as they are: a hand-made frame (fault injection). */
  sendBytes(bytes: Uint8Array): Promise<void> {
    this.requireOpen();
    if (!this.socket) throw new EngineError('NOT_OPEN', 'no socket');
    return sendRawBytes(this.socket, bytes);
  }

  /** Answers pings automatically, or stops doing so (to test a peer's liveness timeout). */
  setAutoPong(on: boolean): void {
    setAutoPong(this.ws, on);
  }

  /** Drops TCP without a close handshake. */
  terminate(): void {
    this.tracker.terminated = this.tracker.sent === null;
    this.ws.terminate();
  }

  /**
   * Messages sent in one tick leave in one write (writev) instead of a syscall each, as the
   * server's do: a fast replay spent 28% of its time in those. The tap still sees every write.
   */
  private batchWrites(): void {
    const socket = this.socket;
    if (this.corked || socket === null) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  private since(): number {
    return this.ctx.hub.clock.now() - this.startT;
  }

  private requireOpen(): void {
    if (this.ws.readyState !== WebSocket.OPEN) {
      throw new EngineError(
        'NOT_OPEN',
        `connection ${this.ctx.conn} is ${['connecting', 'open', 'closing', 'closed'][this.ws.readyState]}: nothing can be sent`,
      );
    }
  }

  /** Taps a socket the moment it exists (redirects make several). */
  private attach(socket: Duplex): void {
    const { hub, conn, sink, options } = this.ctx;
    this.socket = socket;
    // A socket from a proxy tunnel is already connected (TLS, when used, is still to come).
    this.ready = socket instanceof Socket && !(socket instanceof TLSSocket) && !socket.connecting;
    const limits = {
      ...DEFAULT_LIMITS,
      maxPayload: options.maxPayload ?? DEFAULT_LIMITS.maxPayload,
      maxMessageSize: options.maxPayload ?? DEFAULT_LIMITS.maxMessageSize,
    };
    const tap = new ConnectionTap({
      conn,
      role: 'client',
      hub,
      sink,
      limits,
      outWritten: true,
      handlers: {
        onRequestHead: (head, t) => this.onRequestHead(head, t),
        onResponseHead: (head, t) =>
          this.handshake.onResponseHead(head, t, this.since(), options.followRedirects === true),
        onFrames: (facts) => {
          emitRoundTrips(hub, conn, this.tracker.onFrames(facts));
          if (facts.some((f) => f.dir === 'in' && f.opcode === 0xa)) this.heartbeat?.onPong();
        },
      },
    });
    this.taps.push(tap);
    const clock = hub.clock;
    tapSocket(socket, {
      onRead: (bytes) => tap.push('in', bytes, clock.now()),
      onWrite: (bytes) => tap.push('out', bytes, clock.now()),
      onEnd: () => (this.ourFinT ??= clock.now()),
    });
    socket.once('end', () => (this.peerFinT ??= clock.now()));
    socket.once(
      'error',
      (error: NodeJS.ErrnoException) => (this.socketError ??= error.code ?? error.message),
    );
    socket.once('close', () => {
      const t = clock.now();
      if (this.taps.at(-1) === tap)
        this.tracker.onTcpEnd(t, tcpEndedBy(this.peerFinT, this.ourFinT, this.socketError), this.socketError);
      tap.end(t);
    });
  }

  private onRequestHead(head: HttpHead, t: number): void {
    this.handshake.request = head;
    const start = head.start;
    const requestLine = start.kind === 'request' ? `${start.method} ${start.target} ${start.version}` : '';
    // Node queues the request while the socket connects; the timeline shows when it really left.
    const emit = (at?: number): void => {
      this.tracker.reached = 'handshake';
      this.ctx.hub.emit<UpgradeRequestEvent>(
        this.ctx.conn,
        { type: 'upgrade-request', requestLine, headers: head.headers },
        at,
      );
    };
    if (this.ready) emit(t);
    else this.requestPending = () => emit();
  }

  private wireReady(): void {
    this.ready = true;
    this.requestPending?.();
    this.requestPending = null;
  }

  private onRefused(request: ClientRequest, response: IncomingMessage): void {
    void this.handshake.onRefused(response).then(() => {
      request.destroy();
      this.ws.terminate();
    });
  }

  private onOpen(): void {
    const { hub, conn, options } = this.ctx;
    this.tracker.reached = 'open';
    hub.emit<OpenEvent>(conn, {
      type: 'open',
      subprotocol: this.ws.protocol || null,
      extensions: this.ws.extensions || null,
      ms: round(this.since()),
    });
    if (options.heartbeat) {
      this.heartbeat = new Heartbeat(options.heartbeat, {
        now: () => hub.clock.now(),
        ping: (payload) => this.ws.readyState === WebSocket.OPEN && this.ws.ping(payload),
        fail: (missed, silentMs) => {
          this.tracker.heartbeat = { missed, silentMs };
          hub.emit(conn, { type: 'heartbeat-timeout', missed, silentMs: Math.round(silentMs) });
          this.ws.terminate();
        },
      });
      this.heartbeat.start();
    }
    this.resolveOpened(true);
    this.taps.at(-1)?.release(hub.clock.now());
  }

  private onError(error: Error & { code?: string }): void {
    const { hub, conn } = this.ctx;
    const reached = this.tracker.reached;
    // The refusal was reported with its body; ws's own "closed before established" adds nothing.
    if (this.tracker.refused || this.tracker.terminated || this.tracker.heartbeat) return;
    const code = wsErrorCode(error, reached, this.tracker.connectError !== null);
    if (code === 'HANDSHAKE_TIMEOUT')
      this.tracker.handshakeTimeout = this.ctx.options.handshakeTimeout ?? null;
    else if (code === 'HANDSHAKE_INVALID') this.tracker.handshakeError = error.message;
    else if ((code === 'CONNECT_FAILED' || code === 'TLS_FAILED') && !this.tracker.connectError) {
      this.tracker.connectError = {
        code: error.code ?? code,
        message: error.message,
        tls: code === 'TLS_FAILED',
      };
    }
    hub.emit(conn, { type: 'error', code, message: error.message });
  }

  private async finish(): Promise<ClosedEvent> {
    this.heartbeat?.stop();
    this.resolveOpened(false);
    await Promise.all(this.taps.map((tap) => tap.drained()));
    const { hub, conn } = this.ctx;
    const verdict = explainClose(this.tracker.facts());
    const event = hub.emit<ClosedEvent>(conn, {
      type: 'closed',
      ...verdict,
      sent: this.tracker.sent,
      received: this.tracker.received,
      tcpClean: this.tracker.tcpEnd !== null && this.tracker.tcpEnd.error === null && this.peerFinT !== null,
      duration: Math.round(this.since() * 1000) / 1000,
      ...wireCounts(this.taps),
    });
    return event;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
