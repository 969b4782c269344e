import type { Socket } from 'node:net';
import { isCloseCodeAllowedOnWire } from '../../../shared/protocol/close-codes.js';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import type { Outgoing } from '../client/client-options.js';
import type { CloseTracker } from '../client/close-tracker.js';
import { Heartbeat } from '../client/heartbeat.js';
import {
  closePayload,
  controlPayload,
  forceClose,
  sendMessage,
  sendRawFrames,
  setAutoPong,
  type CloseRequest,
  type SendOptions,
} from '../client/send.js';
import { WebSocket } from '../client/ws-library.js';
import type { FrameFact } from '../tap/frame-fact.js';
import type { Behaviour, IncomingMessage, RuleNote, ServerPort, UpgradeInfo } from './behaviour.js';
import type { ServerHost } from './server-connection.js';

/**
 * An open WebSocket connection of wstap's server and the ServerPort its behaviour drives: sends
 * through ws (compliant framing and compression), raw frames and drops for fault injection, rooms,
 * timers that die with the connection, a heartbeat, and the fragment limit.
 */
export class OpenConnection implements ServerPort {
  readonly state = new Map<string, unknown>();
  readonly counters = { in: 0, out: 0 };
  /** Dropped by us without a Close (drop(), heartbeat, shutdown). */
  dropped = false;
  private readonly openedAt: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private heartbeatLoop: Heartbeat | null = null;
  private fragments = 0;
  private closedDown = false;
  private corked = false;

  constructor(
    private readonly host: ServerHost,
    readonly id: number,
    private readonly ws: WebSocket,
    private readonly socket: Socket,
    readonly upgrade: UpgradeInfo,
    readonly subprotocol: string | null,
    private readonly tracker: CloseTracker,
  ) {
    this.openedAt = host.hub.clock.now();
  }

  get shared(): Map<string, unknown> {
    return this.host.shared;
  }

  get rooms(): ReadonlySet<string> {
    return this.host.rooms.roomsOf(this.id);
  }

  readonly age = (): number => this.host.hub.clock.now() - this.openedAt;
  readonly isOpen = (): boolean => !this.closedDown && this.ws.readyState === WebSocket.OPEN;

  /** Wires ws's messages to the behaviour and tells it the connection is open. */
  start(): void {
    this.ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(data);
      this.counters.in++;
      const message = incomingMessage(isBinary, bytes, this.counters.in);
      this.run('message', (b) => b.message(this, message));
    });
    // ws fails the connection itself on protocol errors (1002, 1007) and oversized messages (1009).
    this.ws.on('error', (error: Error & { code?: string }) => {
      const tooBig = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      this.error(
        tooBig ? 'MESSAGE_TOO_BIG' : 'PROTOCOL_ERROR',
        tooBig ? `${error.message} (--max-payload): closed with 1009` : error.message,
      );
    });
    this.run('open', (b) => b.open(this));
  }

  /** Frames decoded by the tap: pongs feed the heartbeat; too many fragments fail the connection. */
  onFrames(facts: readonly FrameFact[]): void {
    for (const fact of facts) {
      if (fact.dir !== 'in') continue;
      if (fact.opcode === OPCODE.PONG) this.heartbeatLoop?.onPong();
      if (
        fact.opcode === OPCODE.TEXT ||
        fact.opcode === OPCODE.BINARY ||
        fact.opcode === OPCODE.CONTINUATION
      ) {
        this.fragments = fact.fin ? 0 : this.fragments + 1;
        if (this.fragments >= this.host.maxFragments && this.isOpen()) {
          this.error(
            'MESSAGE_TOO_BIG',
            `a message had more than ${this.host.maxFragments} fragments (--max-fragments): closing with 1009`,
          );
          this.close({ code: 1009, reason: 'too many fragments' });
        }
      }
    }
  }

  /** The connection ended: rooms, timers and heartbeat go; the behaviour hears of it. */
  async finish(code: number, reason: string): Promise<void> {
    this.closedDown = true;
    this.heartbeatLoop?.stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const room of [...this.rooms]) this.leave(room);
    await this.runAsync('close', (b) => b.closed(this, code, reason));
  }

  async send(message: Outgoing, options?: SendOptions): Promise<void> {
    if (!this.isOpen()) return;
    this.counters.out++;
    this.batchWrites();
    await sendMessage(this.ws, message, options);
  }

  ping(data?: string | Uint8Array): void {
    if (this.isOpen()) this.ws.ping(controlPayload(data));
  }

  async sendRaw(frames: readonly FrameSpec[]): Promise<void> {
    if (this.isOpen()) await sendRawFrames(this.socket, frames);
  }

  close(request: CloseRequest = {}): void {
    if (!this.isOpen()) return;
    const payload = closePayload(request);
    const forbidden =
      request.code !== undefined &&
      payload !== null &&
      (!isCloseCodeAllowedOnWire(request.code) || payload.length > 125);
    if (forbidden) {
      forceClose(this.ws, this.socket, payload, false);
      setTimeout(() => this.drop(), 30_000).unref();
      return;
    }
    this.ws.close(request.code, request.reason);
  }

  drop(): void {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.dropped = true;
    this.ws.terminate();
  }

  setAutoPong(on: boolean): void {
    setAutoPong(this.ws, on);
  }

  heartbeat(options: {
    readonly interval: number;
    readonly timeout: number;
    readonly misses?: number;
  }): void {
    this.heartbeatLoop?.stop();
    const { hub } = this.host;
    this.heartbeatLoop = new Heartbeat(
      { interval: options.interval, timeout: options.timeout, misses: options.misses ?? 1 },
      {
        now: () => hub.clock.now(),
        ping: (payload) => this.ping(payload),
        fail: (missed, silentMs) => {
          this.tracker.heartbeat = { missed, silentMs };
          hub.emit(this.id, { type: 'heartbeat-timeout', missed, silentMs: Math.round(silentMs) });
          this.drop();
        },
      },
    );
    if (this.isOpen()) this.heartbeatLoop.start();
  }

  join(room: string): void {
    const members = this.host.rooms.join(this.id, room);
    if (members !== null) this.host.hub.emit(this.id, { type: 'room', action: 'join', room, members });
  }

  leave(room: string): void {
    const members = this.host.rooms.leave(this.id, room);
    if (members !== null) this.host.hub.emit(this.id, { type: 'room', action: 'leave', room, members });
  }

  broadcast(
    room: string | null,
    message: Outgoing,
    options: { readonly exceptSelf?: boolean } & SendOptions = {},
  ): Promise<number> {
    const { exceptSelf, ...sendOptions } = options;
    return this.host.broadcast(room, exceptSelf ? this.id : null, (target) =>
      target.send(message, sendOptions),
    );
  }

  setTimeout(fn: () => void, ms: number): () => void {
    if (this.closedDown) return () => undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closedDown) this.guard('timer', fn);
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  setInterval(fn: () => void, ms: number): () => void {
    if (this.closedDown) return () => undefined;
    const timer = setInterval(
      () => (this.closedDown ? clearInterval(timer) : this.guard('interval', fn)),
      ms,
    );
    this.timers.add(timer);
    return () => {
      clearInterval(timer);
      this.timers.delete(timer);
    };
  }

  matched(note: RuleNote): void {
    this.host.hub.emit(this.id, {
      type: 'rule',
      route: note.route,
      rule: note.rule,
      index: note.index,
      actions: note.actions,
    });
  }

  log(message: string, level: 'info' | 'warn' | 'error' = 'info'): void {
    this.host.hub.emit(this.id, { type: 'log', level, message });
  }

  error(code: string, message: string): void {
    this.host.hub.emit(this.id, { type: 'error', code, message });
  }

  /**
   * Everything sent in this turn of the event loop leaves in one write: ws reads a whole socket
   * chunk and emits its messages at once, so an echo of 32 messages is one writev, not 32 (the
   * cork nests with ws's own cork/uncork per frame).
   */
  private batchWrites(): void {
    if (this.corked) return;
    this.corked = true;
    this.socket.cork();
    process.nextTick(() => {
      this.corked = false;
      this.socket.uncork();
    });
  }

  /** Calls the behaviour; a throw or rejection becomes an `error` event, never a crash. */
  private run(what: string, call: (behaviour: Behaviour) => void | Promise<void>): void {
    void this.runAsync(what, call);
  }

  private async runAsync(what: string, call: (behaviour: Behaviour) => void | Promise<void>): Promise<void> {
    try {
      await call(this.host.behaviour());
    } catch (error) {
      this.error('HANDLER_FAILED', `${what}: ${(error as Error).message}`);
    }
  }

  private guard(what: string, fn: () => void): void {
    try {
      const result = fn() as unknown;
      if (result instanceof Promise)
        result.catch((error: Error) => this.error('HANDLER_FAILED', `${what}: ${error.message}`));
    } catch (error) {
      this.error('HANDLER_FAILED', `${what}: ${(error as Error).message}`);
    }
  }
}

/** A message for the behaviour; its text is decoded on first use (an echo never needs it). */
class LazyMessage implements IncomingMessage {
  private decoded: string | null | undefined;

  constructor(
    readonly type: 'text' | 'binary',
    readonly bytes: Buffer,
    readonly index: number,
  ) {
    this.decoded = type === 'binary' ? null : undefined;
  }

  get text(): string | null {
    return (this.decoded ??= this.bytes.toString('utf8'));
  }
}

function incomingMessage(isBinary: boolean, bytes: Buffer, index: number): IncomingMessage {
  return new LazyMessage(isBinary ? 'binary' : 'text', bytes, index);
}
