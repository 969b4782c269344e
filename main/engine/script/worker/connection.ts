/**
 * A connection as a script sees it (types/script.d.ts `Connection`). The engine owns the socket;
 * this object follows the session's events (routed by the worker) and turns the script's calls
 * into engine requests. Failures carry the stack of the script's call (see failures.ts).
 */
import type { ClosedEvent, SessionEvent } from '../../../../shared/model/events.js';
import type {
  CloseInfo,
  Connection,
  ConnectionEvents,
  ExpectOptions,
  Matcher,
  Message,
  RawFrame,
  SendOptions,
} from '../../../../types/script.js';
import type { Outgoing } from '../../client/client-options.js';
import { closeInfo, codeText, outgoing } from './connection-values.js';
import { callSite, ConnectFailure, preview, ScriptFailure } from './failures.js';
import { withDeadline } from './deadline.js';
import { compileMatcher } from './matchers.js';
import { MessageQueue } from './message-queue.js';
import { messageFrom } from './message.js';
import { frameSpec } from './raw-frames.js';
import type { ScriptRpc } from './rpc.js';

/** What a connection needs from the script run around it. */
export interface ConnectionHost {
  readonly rpc: ScriptRpc;
  /** Engine time the script started at. */
  readonly t0: number;
  /** Counts an expectation that passed. */
  passed(): void;
  /** A listener threw: the script fails with it. */
  fail(error: unknown): void;
}

type Listeners = { [K in keyof ConnectionEvents]: Set<ConnectionEvents[K]> };

let pings = 0;

export class ScriptConnection implements Connection {
  id = 0;
  subprotocol: string | null = null;
  state: 'open' | 'reconnecting' | 'closed' = 'reconnecting';
  readonly closed: Promise<CloseInfo>;
  private readonly queue = new MessageQueue();
  private readonly listeners: Listeners = {
    message: new Set(),
    open: new Set(),
    close: new Set(),
    pong: new Set(),
    ping: new Set(),
    reconnect: new Set(),
    error: new Set(),
  };
  private lastRtt: number | null = null;
  private final: CloseInfo | null = null;
  private lastClose: ClosedEvent | null = null;
  /** The script closed (or terminated) this connection: its end is no surprise. */
  private closing = false;
  /** The server's answer when it refused the upgrade of the current attempt. */
  private refusal: { readonly status: number; readonly body: string | null; readonly text: string } | null =
    null;
  /** Sends waiting for a reconnecting session to open again. */
  private reopenWaiters: (() => void)[] = [];
  private attempts = 0;
  private readonly pongWaiters = new Map<string, () => void>();
  private resolveClosed!: (info: CloseInfo) => void;
  private openWaiter: { resolve: () => void; reject: (error: Error) => void } | null = null;

  constructor(
    readonly session: number,
    readonly url: string,
    private readonly reconnects: boolean,
    private readonly expectTimeout: number,
    private readonly host: ConnectionHost,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  get messages(): readonly Message[] {
    return this.queue.messages;
  }

  /** Resolves once open; fails with connect-failed when the session ends first. */
  ready(stack: string | undefined): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.openWaiter = {
        resolve,
        reject: (error) =>
          reject(
            new ConnectFailure(
              error.message,
              stack,
              this.refusal?.status ?? null,
              this.refusal?.body ?? null,
            ),
          ),
      };
    });
  }

  onEvent(event: SessionEvent): void {
    switch (event.type) {
      case 'connecting':
        this.id = event.conn;
        this.attempts = event.attempt;
        this.refusal = null;
        return;
      case 'upgrade-response':
        if (event.status !== 101) {
          const body = event.body?.text?.trim();
          this.refusal = {
            status: event.status,
            body: event.body?.text ?? null,
            text: `the server answered ${event.statusLine}${body ? `: ${preview(body, 120)}` : ''}`,
          };
        }
        return;
      case 'open':
        this.state = 'open';
        this.subprotocol = event.subprotocol;
        this.openWaiter?.resolve();
        this.openWaiter = null;
        for (const wake of this.reopenWaiters.splice(0)) wake();
        return this.emit('open', { subprotocol: event.subprotocol, attempt: this.attempts });
      case 'message':
        if (event.dir !== 'in') return;
        return this.received(messageFrom(event, this.host.t0));
      case 'frame':
        if (event.opcode === 0x9 && event.dir === 'in')
          this.emit('ping', { payload: event.text ?? event.base64 ?? '' });
        return;
      case 'rtt':
        this.lastRtt = event.rtt;
        this.pongWaiters.get(event.payload)?.();
        return this.emit('pong', { rtt: event.rtt, payload: event.payload });
      case 'error':
        return this.emit('error', { code: event.code, message: event.message });
      case 'closed':
        this.lastClose = event;
        this.emit('close', closeInfo(event));
        if (!this.reconnects) this.end(event);
        else this.state = 'reconnecting';
        return;
      case 'reconnect':
        return this.emit('reconnect', {
          attempt: event.attempt,
          delayMs: event.delayMs,
          reason: event.reason,
        });
      case 'session-end':
        if (this.lastClose !== null) this.end(this.lastClose);
        return;
      default:
        return;
    }
  }

  send(data: string | Uint8Array | ArrayBuffer | object, options?: SendOptions): Promise<void> {
    return this.deliver(outgoing(data, false), options, callSite());
  }

  sendBinary(data: Uint8Array | ArrayBuffer | string, options?: SendOptions): Promise<void> {
    return this.deliver(outgoing(data, true), options, callSite());
  }

  async ping(payload?: string | Uint8Array, options?: ExpectOptions): Promise<number> {
    const stack = callSite();
    const text = payload === undefined ? `wstap-script-ping-${++pings}` : payload;
    const key = typeof text === 'string' ? text : Buffer.from(text).toString('base64');
    const timeout = options?.timeout ?? this.expectTimeout;
    const pong = new Promise<number>((resolve) =>
      this.pongWaiters.set(key, () => resolve(this.lastRtt ?? 0)),
    );
    const answered = withDeadline(
      pong,
      timeout,
      () =>
        new ScriptFailure(
          'expectation',
          `#${this.id}: no pong for ping ${preview(key)} within ${timeout} ms`,
          stack,
        ),
    ).finally(() => this.pongWaiters.delete(key));
    await this.request({ op: 'ping', session: this.session, payload: text }, stack);
    return answered;
  }

  pong(payload?: string | Uint8Array): Promise<void> {
    return this.request({ op: 'pong', session: this.session, payload }, callSite());
  }

  sendFrames(frames: readonly RawFrame[]): Promise<void> {
    const stack = callSite();
    return this.request(
      { op: 'raw', session: this.session, frames: frames.map((f) => frameSpec(f, stack)) },
      stack,
    );
  }

  sendBytes(bytes: Uint8Array): Promise<void> {
    return this.request({ op: 'bytes', session: this.session, bytes }, callSite());
  }

  expect(matcher: Matcher, options?: ExpectOptions): Promise<Message> {
    const stack = callSite();
    const compiled = compileMatcher(matcher);
    if ('error' in compiled) return Promise.reject(new ScriptFailure('error', compiled.error, stack));
    return this.waitFor(compiled, compiled.describe, options, stack);
  }

  next(options?: ExpectOptions): Promise<Message> {
    return this.waitFor(null, 'a message', options, callSite());
  }

  async expectClose(code?: number, options?: ExpectOptions): Promise<CloseInfo> {
    const stack = callSite();
    const timeout = options?.timeout ?? this.expectTimeout;
    const wanted = code === undefined ? 'a close' : `a close with ${codeText(code)}`;
    const info = await withDeadline(
      this.closed,
      timeout,
      () =>
        new ScriptFailure(
          'expectation',
          `#${this.id}: expected ${wanted} within ${timeout} ms; the connection is still ${this.state}`,
          stack,
        ),
    );
    if (code !== undefined && info.code !== code) {
      throw new ScriptFailure(
        'expectation',
        `#${this.id}: expected ${wanted}, got ${codeText(info.code)} (${info.explanation})`,
        stack,
      );
    }
    this.host.passed();
    return info;
  }

  async close(code = 1000, reason = ''): Promise<CloseInfo> {
    const stack = callSite();
    if (this.final !== null) return this.final;
    this.closing = true;
    await this.request({ op: 'close', session: this.session, request: { code, reason } }, stack);
    return this.closed;
  }

  async terminate(): Promise<CloseInfo> {
    const stack = callSite();
    if (this.final !== null) return this.final;
    this.closing = true;
    await this.request({ op: 'terminate', session: this.session }, stack);
    return this.closed;
  }

  rtt(): number | null {
    return this.lastRtt;
  }

  on<K extends keyof ConnectionEvents>(event: K, listener: ConnectionEvents[K]): () => void {
    const set = this.listeners[event] as Set<ConnectionEvents[K]> | undefined;
    if (set === undefined)
      throw new ScriptFailure(
        'error',
        `on('${String(event)}'): no such event (message, open, close, ping, pong, reconnect, error)`,
        callSite(),
      );
    set.add(listener);
    return () => set.delete(listener);
  }

  private received(message: Message): void {
    this.queue.add(message);
    this.emit('message', message);
  }

  private waitFor(
    matcher: ReturnType<typeof compileMatcher> | null,
    what: string,
    options: ExpectOptions | undefined,
    stack: string | undefined,
  ): Promise<Message> {
    const timeout = options?.timeout ?? this.expectTimeout;
    const wanted = matcher !== null && 'test' in matcher ? matcher : null;
    return this.queue
      .wait(wanted, timeout, this.final !== null, (reason) => {
        if (reason === 'timeout')
          throw new ScriptFailure(
            'expectation',
            `#${this.id}: expected ${what} within ${timeout} ms; ${this.queue.untakenPreview(wanted)}`,
            stack,
          );
        throw this.closedFailure(`while waiting for ${what}`, stack);
      })
      .then((message) => {
        this.host.passed();
        return message;
      });
  }

  private async deliver(
    message: Outgoing,
    options: SendOptions | undefined,
    stack: string | undefined,
  ): Promise<void> {
    if (this.state === 'reconnecting' && this.final === null) await this.reopened(stack);
    if (this.final !== null) throw this.closedFailure('cannot send', stack);
    await this.request({ op: 'send', session: this.session, message, options }, stack);
  }

  private async request(call: Parameters<ScriptRpc['call']>[0], stack: string | undefined): Promise<void> {
    try {
      await this.host.rpc.call(call);
    } catch (error) {
      if (this.final !== null || this.state !== 'open') throw this.closedFailure(`${call.op} failed`, stack);
      throw new ScriptFailure('error', `#${this.id}: ${call.op}: ${(error as Error).message}`, stack);
    }
  }

  /** Waits (at most the expect timeout) for a reconnecting session to be open again, or over. */
  private reopened(stack: string | undefined): Promise<void> {
    let wake: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => this.reopenWaiters.push((wake = resolve)));
    return withDeadline(
      woken,
      this.expectTimeout,
      () =>
        new ScriptFailure(
          'expectation',
          `#${this.id}: still reconnecting after ${this.expectTimeout} ms: nothing could be sent`,
          stack,
        ),
    ).finally(() => (this.reopenWaiters = this.reopenWaiters.filter((w) => w !== wake)));
  }

  private closedFailure(doing: string, stack: string | undefined): ScriptFailure {
    const how = this.lastClose === null ? `is ${this.state}` : `was closed: ${this.lastClose.explanation}`;
    const kind = this.closing ? 'error' : 'unexpected-close';
    return new ScriptFailure(kind, `#${this.id} ${doing}: the connection ${how}`, stack);
  }

  private end(event: ClosedEvent): void {
    if (this.final !== null) return;
    this.state = 'closed';
    this.final = closeInfo(event);
    this.openWaiter?.reject(new Error(`${this.url}: ${this.refusal?.text ?? event.explanation}`));
    this.openWaiter = null;
    this.resolveClosed(this.final);
    for (const wake of this.reopenWaiters.splice(0)) wake();
    // Waiting expectations learn that nothing more will come (an expectClose is not one of them).
    this.queue.end();
  }

  private emit<K extends keyof ConnectionEvents>(event: K, value: Parameters<ConnectionEvents[K]>[0]): void {
    for (const listener of this.listeners[event]) {
      try {
        (listener as (v: typeof value) => void)(value);
      } catch (error) {
        this.host.fail(error);
      }
    }
  }
}
