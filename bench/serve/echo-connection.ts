import type { Socket } from 'node:net';
import { EchoCheck, SendCursor, WrongEcho, type EchoStreams } from './echo-stream.js';
import { closeRawWebSocket, type RawWebSocket } from './raw-client.js';

/**
 * One connection of the throughput load: keeps `window` messages in flight — each echo that comes
 * back sends the next message — until told to stop, then waits for the last echoes. Every byte
 * that comes back goes through the referee first; a wrong one, or the server closing the
 * connection before the end, is reported through `fail` and the connection stops.
 */
export class EchoConnection {
  private readonly socket: Socket;
  private readonly cursor: SendCursor;
  private readonly check: EchoCheck;
  private sending = true;
  private failed = false;
  private closing = false;
  private onDrained: (() => void) | null = null;

  constructor(
    open: RawWebSocket,
    streams: EchoStreams,
    private readonly window: number,
    private readonly fail: (error: WrongEcho) => void,
  ) {
    this.socket = open.socket;
    this.cursor = new SendCursor(streams);
    this.check = new EchoCheck(streams);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', () => undefined);
    this.socket.once('close', () => {
      if (!this.closing)
        this.stop(
          new WrongEcho(
            `connection ${streams.conn}: the server closed it during the run, ${this.inFlight()} echoes due`,
          ),
        );
    });
    if (open.head.length > 0) this.onData(open.head);
  }

  /** Echoes received so far. */
  get received(): number {
    return this.check.received;
  }

  /** Sends the first `window` messages. */
  start(): void {
    this.send(this.window);
  }

  /** Sends no more; resolves when every message sent has come back (rejects after `timeoutMs`). */
  drain(timeoutMs: number): Promise<void> {
    this.sending = false;
    if (this.inFlight() === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new WrongEcho(`the server did not echo ${this.inFlight()} messages within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.onDrained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** The closing handshake, after drain(). */
  close(): Promise<void> {
    this.closing = true;
    return closeRawWebSocket(this.socket);
  }

  private inFlight(): number {
    return this.cursor.sent - this.check.received;
  }

  private onData(chunk: Buffer): void {
    if (this.failed || this.closing) return;
    let completed: number;
    try {
      completed = this.check.push(chunk);
    } catch (error) {
      if (!(error instanceof WrongEcho)) throw error;
      return this.stop(error);
    }
    if (this.sending) this.send(completed);
    else if (this.inFlight() === 0) this.onDrained?.();
  }

  private send(k: number): void {
    if (k === 0) return;
    const slices = this.cursor.take(k);
    if (slices.length === 1) {
      this.socket.write(slices[0] as Buffer);
      return;
    }
    this.socket.cork();
    for (const slice of slices) this.socket.write(slice);
    this.socket.uncork();
  }

  private stop(error: WrongEcho): void {
    if (this.failed) return;
    this.failed = true;
    this.sending = false;
    this.socket.destroy();
    this.fail(error);
  }
}
