import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import type { Outgoing } from '../../engine/client/client-options.js';
import type { Engine } from '../../engine/engine.js';
import { EngineError } from '../../engine/errors.js';
import type { InputCommand } from './slash-commands.js';

/** What the queue needs from the run. */
export interface QueueHost {
  readonly engine: Engine;
  readonly session: number;
  /** A command failed (bad file, forbidden close code, ...): say so and go on. */
  report(message: string): void;
  /** A /close went out: the session is ending. */
  closing(): void;
}

/** Commands queued at most before the producer (piped input) is made to wait. */
const HIGH_WATER = 256;

/**
 * Sends what the user typed or piped, in order, once the connection is open: lines that arrive
 * while connecting (or reconnecting) wait here, never dropped (wscat#4). When the session ends
 * for good, what is left is dropped.
 */
export class CommandQueue {
  /** Resolves once `end()` was called and every command was sent or dropped. */
  readonly drained: Promise<void>;
  private readonly queue: InputCommand[] = [];
  private pumping = false;
  private ended = false;
  private resolveDrained!: () => void;
  private roomWaiters: (() => void)[] = [];

  constructor(private readonly host: QueueHost) {
    this.drained = new Promise((resolve) => (this.resolveDrained = resolve));
  }

  /** Queues a command; resolves when there is room for more (backpressure for piped input). */
  submit(command: InputCommand): Promise<void> {
    this.queue.push(command);
    void this.pump();
    if (this.queue.length < HIGH_WATER) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** No more commands will come. */
  end(): void {
    this.ended = true;
    void this.pump();
  }

  /** Drops everything queued (the session is over). */
  clear(): void {
    this.queue.length = 0;
    this.wake();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        if (!(await this.host.engine.opened(this.host.session))) {
          this.clear();
          break;
        }
        const command = this.queue[0] as InputCommand;
        try {
          await this.execute(command);
        } catch (error) {
          // The connection went away under us: wait for the next open (a reconnect) or the end.
          if (error instanceof EngineError && error.code === 'NOT_OPEN') continue;
          this.host.report(error instanceof EngineError ? `${error.code}: ${error.message}` : (error as Error).message);
        }
        this.queue.shift();
        this.wake();
      }
    } finally {
      this.pumping = false;
    }
    if (this.ended && this.queue.length === 0) this.resolveDrained();
  }

  private wake(): void {
    if (this.queue.length >= HIGH_WATER) return;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async execute(command: InputCommand): Promise<void> {
    const { engine, session } = this.host;
    switch (command.kind) {
      case 'send':
        return engine.send(session, command.message, command.fragments === undefined ? undefined : { fragments: command.fragments });
      case 'file':
        return engine.send(session, await fileMessage(command.path));
      case 'ping':
        return engine.ping(session, command.data === '' ? undefined : command.data);
      case 'pong':
        return engine.pong(session, command.data === '' ? undefined : command.data);
      case 'close':
        engine.close(session, { ...(command.code !== undefined && { code: command.code }), ...(command.reason !== undefined && { reason: command.reason }) });
        this.host.closing();
        return;
      case 'raw':
        return engine.sendBytes(session, command.bytes);
      case 'pongs':
        return engine.setAutoPong(session, command.on);
      case 'info':
      case 'quit':
      case 'help':
      case 'nothing':
        // Answered at the prompt at once; they never reach the queue.
        return;
    }
  }
}

/** A file's contents as a message: text when it is valid UTF-8, binary otherwise. */
async function fileMessage(path: string): Promise<Outgoing> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`/file: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  return isUtf8(bytes) ? { kind: 'text', text: bytes.toString('utf8') } : { kind: 'binary', bytes: new Uint8Array(bytes) };
}
