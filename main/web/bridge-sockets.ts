/**
 * The open bridge sockets of browser mode: each request goes through dispatch (which checks the
 * channel and input, and never throws) and is answered by id; every batch goes to every socket.
 * A socket that reads too slowly is not buffered for without bound: while its send buffer is past
 * the bound its batches are skipped and counted, and once it catches up it is told what it missed.
 */
import type { RawData, WebSocket } from 'ws';
import type { CommandHandlers, EventBatch } from '../../shared/ipc/contract.js';
import { fail, type Result } from '../../shared/ipc/result.js';
import { parseWebRequest, type Lag, type WebServerMessage } from '../../shared/ipc/web-protocol.js';
import { dispatch } from '../engine/console/dispatch.js';

/** Bytes a socket may have waiting before its batches are skipped. */
export const DEFAULT_LAG_BYTES = 16 << 20;

/** How often a lagging socket is checked for having caught up (ms). */
const LAG_CHECK_MS = 100;

/** What one socket missed so far, and the timer that tells it once it caught up. */
interface LagState {
  batches: number;
  rows: number;
  events: number;
  timer: NodeJS.Timeout | null;
}

/** Options of the socket set. */
export interface BridgeSocketsOptions {
  readonly handlers: CommandHandlers;
  readonly log: (line: string) => void;
  readonly lagBytes?: number;
}

/** Every open bridge socket of one web host. */
export class BridgeSockets {
  private readonly sockets = new Map<WebSocket, LagState>();
  private readonly lagBytes: number;

  constructor(private readonly options: BridgeSocketsOptions) {
    this.lagBytes = options.lagBytes ?? DEFAULT_LAG_BYTES;
  }

  /** How many sockets are open. */
  get size(): number {
    return this.sockets.size;
  }

  /** Serves a socket that passed the upgrade checks until it closes. */
  add(socket: WebSocket): void {
    const lag: LagState = { batches: 0, rows: 0, events: 0, timer: null };
    this.sockets.set(socket, lag);
    socket.on('message', (data, isBinary) => this.socketOnMessage(socket, data, isBinary));
    socket.on('error', (error) => this.options.log(`bridge socket error: ${error.message}`));
    socket.on('close', () => {
      if (lag.timer) clearInterval(lag.timer);
      this.sockets.delete(socket);
    });
  }

  /** Sends a batch to every socket that keeps up; serialized once for all. */
  push(batch: EventBatch): void {
    let text: string | null = null;
    for (const [socket, lag] of this.sockets) {
      if (socket.readyState !== socket.OPEN) continue;
      if (socket.bufferedAmount > this.lagBytes) {
        lag.batches++;
        lag.rows += batch.rows.id.length;
        lag.events += batch.events.length;
        lag.timer ??= setInterval(() => this.tellLag(socket, lag), LAG_CHECK_MS).unref();
        continue;
      }
      this.tellLag(socket, lag);
      text ??= JSON.stringify({ batch } satisfies WebServerMessage);
      socket.send(text);
    }
  }

  /** Closes every socket (1001: going away); resolves when all are closed or after `graceMs`. */
  async closeAll(graceMs = 1000): Promise<void> {
    const open = [...this.sockets.keys()];
    const closed = open.map(
      (socket) =>
        new Promise<void>((resolve) =>
          socket.readyState === socket.CLOSED ? resolve() : socket.once('close', () => resolve()),
        ),
    );
    for (const socket of open) socket.close(1001, 'wstap is stopping');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(closed), grace]);
    clearTimeout(timer);
    for (const socket of open) if (socket.readyState !== socket.CLOSED) socket.terminate();
  }

  /** Once the socket caught up: one `lagged` message with what it missed. */
  private tellLag(socket: WebSocket, lag: LagState): void {
    if (lag.batches === 0 || socket.readyState !== socket.OPEN || socket.bufferedAmount > this.lagBytes)
      return;
    const lagged: Lag = { batches: lag.batches, rows: lag.rows, events: lag.events };
    this.options.log(
      `a console page read too slowly: ${lagged.batches} batches (${lagged.rows} rows) skipped`,
    );
    lag.batches = lag.rows = lag.events = 0;
    if (lag.timer) clearInterval(lag.timer);
    lag.timer = null;
    socket.send(JSON.stringify({ lagged } satisfies WebServerMessage));
  }

  private socketOnMessage(socket: WebSocket, data: RawData, isBinary: boolean): void {
    if (isBinary)
      return this.reply(socket, null, fail('BAD_INPUT', 'requests are JSON text frames, not binary'));
    const parsed = parseWebRequest(rawText(data));
    if (!parsed.ok) return this.reply(socket, parsed.id, fail('BAD_INPUT', parsed.error));
    const { id, channel, input } = parsed.request;
    dispatch(this.options.handlers, channel, input).then(
      (result) => this.reply(socket, id, result),
      (error: unknown) => this.reply(socket, id, internal(error)),
    );
  }

  private reply(socket: WebSocket, id: number | null, result: Result<unknown>): void {
    if (socket.readyState !== socket.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify({ id, result } satisfies WebServerMessage);
    } catch (error) {
      text = JSON.stringify({ id, result: internal(error) } satisfies WebServerMessage);
    }
    socket.send(text);
  }
}

function internal(error: unknown): Result<never> {
  return fail('INTERNAL', `the command failed unexpectedly: ${(error as Error)?.message ?? String(error)}`);
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
