import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import type WebSocket from 'ws';
import type { ClosedEvent, ReconnectEvent, SessionEndEvent } from '../../../shared/model/events.js';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';
import { EngineError } from '../errors.js';
import type { EventHub } from '../event-hub.js';
import type { WireSink } from '../tap/sinks.js';
import { ClientConnection } from './client-connection.js';
import {
  backoffDelay,
  DEFAULT_HANDSHAKE_TIMEOUT,
  DEFAULT_MAX_PAYLOAD,
  normalizeUrl,
  type ClientOptions,
  type Outgoing,
} from './client-options.js';
import type { CloseRequest, SendOptions } from './send.js';

/** What a session needs from the engine. */
export interface SessionContext {
  readonly hub: EventHub;
  readonly sink: WireSink;
  readonly nextConn: () => number;
  readonly random?: () => number;
}

/**
 * A client session: one connection, or — with `reconnect` — a series of attempts with exponential
 * backoff and jitter, each a new connection with its own id and timeline, the preamble re-sent
 * after every open. Commands go to the current connection.
 */
export class ClientSession {
  /** Resolves when the session is over: closed for good, gave up, or stopped. */
  readonly done: Promise<void>;
  private current: ClientConnection | null = null;
  private stopped = false;
  private attempt = 0;
  private wakeUp: (() => void) | null = null;
  private finished = false;
  private openWaiters: ((open: boolean) => void)[] = [];
  private readonly url: URL;
  private wsOptions: WebSocket.ClientOptions;

  constructor(
    readonly id: number,
    private readonly options: ClientOptions,
    private readonly ctx: SessionContext,
  ) {
    const url = normalizeUrl(options.url);
    if (!url.ok) throw new EngineError('INVALID_URL', url.message);
    this.url = url.url;
    this.wsOptions = wsOptionsFor(options);
    this.done = this.run();
  }

  /** The connection commands go to, when there is one. */
  get connection(): ClientConnection | null {
    return this.current;
  }

  /** Resolves true once the current (or next) connection opens, false when the session ends first. */
  opened(): Promise<boolean> {
    if (this.current?.isOpen) return Promise.resolve(true);
    if (this.finished) return Promise.resolve(false);
    return new Promise((resolve) => this.openWaiters.push(resolve));
  }

  send(message: Outgoing, options?: SendOptions): Promise<void> {
    return this.require().send(message, options);
  }
  ping(data?: string | Uint8Array): void {
    this.require().ping(data);
  }
  pong(data?: string | Uint8Array): void {
    this.require().pong(data);
  }
  sendRaw(specs: readonly FrameSpec[]): Promise<void> {
    return this.require().sendRaw(specs);
  }
  sendBytes(bytes: Uint8Array): Promise<void> {
    return this.require().sendBytes(bytes);
  }

  /** Turns automatic pongs on or off, for this connection and the ones a reconnect makes. */
  setAutoPong(on: boolean): void {
    this.wsOptions = { ...this.wsOptions, autoPong: on };
    this.current?.setAutoPong(on);
  }

  /** Closes the connection and stops reconnecting. */
  close(request?: CloseRequest): void {
    this.current?.close(request);
    this.stop();
  }

  /** Drops TCP without a close handshake and stops reconnecting. */
  terminate(): void {
    this.current?.terminate();
    this.stop();
  }

  /** No more attempts; the current connection keeps going until it closes. */
  stop(): void {
    this.stopped = true;
    this.wakeUp?.();
  }

  private require(): ClientConnection {
    if (!this.current) throw new EngineError('NOT_OPEN', `session ${this.id} has no connection right now`);
    return this.current;
  }

  private async run(): Promise<void> {
    const reconnect = this.options.reconnect;
    let failures = 0;
    let reason: string;
    let lastConn: number;
    for (;;) {
      this.attempt++;
      const connection = new ClientConnection({
        hub: this.ctx.hub,
        sink: this.ctx.sink,
        conn: this.ctx.nextConn(),
        session: this.id,
        attempt: this.attempt,
        url: this.url,
        options: this.options,
        wsOptions: this.wsOptions,
      });
      this.current = connection;
      void connection.opened.then((open) => {
        if (!open) return;
        this.settleWaiters(true);
        void this.sendPreamble(connection);
      });
      const closed: ClosedEvent = await connection.ended;
      const opened = await connection.opened;
      failures = opened ? 1 : failures + 1;
      reason = closed.explanation;
      lastConn = closed.conn;
      if (!reconnect || this.stopped) break;
      const max = reconnect.maxAttempts ?? Number.POSITIVE_INFINITY;
      if (failures >= max) {
        reason = `gave up after ${failures} attempt${failures === 1 ? '' : 's'} without a connection: ${closed.explanation}`;
        break;
      }
      const delayMs = backoffDelay(failures + 1, reconnect, this.ctx.random);
      this.ctx.hub.emit<ReconnectEvent>(closed.conn, { type: 'reconnect', attempt: this.attempt + 1, delayMs, reason: closed.explanation });
      await this.sleep(delayMs);
      if (this.stopped) break;
    }
    this.finished = true;
    this.settleWaiters(false);
    // A one-shot session's `closed` says it all; a reconnecting one says why it stopped trying.
    if (reconnect) this.ctx.hub.emit<SessionEndEvent>(lastConn, { type: 'session-end', session: this.id, attempts: this.attempt, reason: this.stopped ? `stopped: ${reason}` : reason });
  }

  private settleWaiters(open: boolean): void {
    const waiters = this.openWaiters;
    this.openWaiters = [];
    for (const resolve of waiters) resolve(open);
  }

  private async sendPreamble(connection: ClientConnection): Promise<void> {
    for (const message of this.options.preamble ?? []) {
      if (!connection.isOpen) return;
      await connection.send(message).catch(() => undefined);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}

/** ws's options for ours; TLS files are read once, here, so a missing file is the caller's error. */
function wsOptionsFor(options: ClientOptions): WebSocket.ClientOptions {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of options.headers ?? []) {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  if (options.bearerToken !== undefined) headers.Authorization = `Bearer ${options.bearerToken}`;
  const tls = options.tls ?? {};
  const deflate = options.perMessageDeflate;
  return {
    headers,
    origin: options.origin,
    auth: options.basicAuth,
    followRedirects: options.followRedirects ?? false,
    maxRedirects: options.maxRedirects ?? 10,
    perMessageDeflate: deflate === false ? false : (deflate ?? true),
    maxPayload: options.maxPayload ?? DEFAULT_MAX_PAYLOAD,
    handshakeTimeout: options.handshakeTimeout ?? DEFAULT_HANDSHAKE_TIMEOUT,
    autoPong: options.autoPong ?? true,
    // Node's `ca` replaces the system store; the user's CA is meant to be trusted in addition.
    ca: tls.caFile ? [...rootCertificates, readPem(tls.caFile, 'CA')] : undefined,
    cert: tls.certFile ? readPem(tls.certFile, 'client certificate') : undefined,
    key: tls.keyFile ? readPem(tls.keyFile, 'client key') : undefined,
    passphrase: tls.passphrase,
    rejectUnauthorized: tls.insecure !== true,
    servername: tls.servername,
  } as WebSocket.ClientOptions;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new EngineError('FILE_UNREADABLE', `cannot read the ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
