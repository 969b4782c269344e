/**
 * One recorded connection replayed live: its engine session, what it sent, what it expects and
 * how it ended. The runner drives it; engine events reach it through `onEvent`.
 */
import type {
  ConversationConnection,
  ConversationMessage,
} from '../../../shared/interchange/conversation.js';
import type { ClosedEvent, SessionEvent } from '../../../shared/model/events.js';
import { ConnectionExpectations, type ExpectationOptions } from '../../../shared/replay/expectations.js';
import type { ConnectionReport } from '../../../shared/replay/replay-report.js';
import type { ClientOptions, Outgoing } from '../client/client-options.js';
import type { Engine } from '../engine.js';

/** A replayed connection's live side. */
export class LiveConnection {
  readonly expectations: ConnectionExpectations;
  session: number | null = null;
  liveConn: number | null = null;
  sent = 0;
  closed: ClosedEvent | null = null;
  /** Why the connection could not be used (connect failed, closed early), once. */
  failure: string | null = null;
  /** Messages that could not be sent because the connection was gone. */
  unsent = 0;
  private readonly url: string;
  private connecting = false;
  private opened = false;
  private readonly ended: Promise<void>;
  private resolveEnded!: () => void;

  constructor(
    readonly recorded: ConversationConnection,
    private readonly engine: Engine,
    private readonly options: ClientOptions,
    expectationOptions: ExpectationOptions,
  ) {
    this.expectations = new ConnectionExpectations(expectationOptions);
    this.url = options.url;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  /** Whether messages can still arrive or be sent. */
  get alive(): boolean {
    return this.session !== null && this.closed === null && this.failure === null;
  }

  /** Opens it; false (with `failure` set) when it did not open. */
  async open(): Promise<boolean> {
    try {
      // The engine announces the connection (`connecting`) inside connect(), before its id is back.
      this.connecting = true;
      this.session = this.engine.connect(this.options);
    } catch (error) {
      this.fail((error as Error).message);
      return false;
    } finally {
      this.connecting = false;
    }
    const opened = await this.engine.opened(this.session);
    this.opened = opened;
    if (!opened && this.failure === null) this.fail(`could not connect to ${this.url}`);
    return opened;
  }

  /** An engine event: keep the ones of this connection. */
  onEvent(event: SessionEvent): void {
    if (event.type === 'connecting') {
      const ours = this.session === null ? this.connecting : event.session === this.session;
      if (ours && event.role === 'client' && this.liveConn === null) this.liveConn = event.conn;
      return;
    }
    if (event.conn !== this.liveConn || this.liveConn === null) return;
    if (event.type === 'message' && event.dir === 'in') {
      const view =
        event.text !== undefined
          ? { opcode: event.opcodeName, text: event.text }
          : { opcode: event.opcodeName, base64: event.base64 ?? '' };
      this.expectations.arrive(view, event.t);
    } else if (event.type === 'error' && this.failure === null && this.closed === null) {
      this.failure = event.message;
    } else if (event.type === 'closed') {
      this.closed = event;
      // Nothing more can come: stop waiting for it.
      this.expectations.giveUp();
      this.resolveEnded();
    }
  }

  /** Sends a recorded client message (its fragmentation kept when it was not compressed). */
  send(message: ConversationMessage): Promise<void> {
    if (!this.alive || this.session === null) {
      this.unsent++;
      return Promise.resolve();
    }
    this.sent++;
    const frames = message.frames;
    const fragments =
      frames !== undefined && frames.length > 1 && message.compressed !== true
        ? frames.map((f) => f.payloadLength)
        : undefined;
    return this.engine
      .send(this.session, outgoing(message), { fragments, compress: message.compressed })
      .catch((error: Error) => {
        this.fail(`sending failed: ${error.message}`);
      });
  }

  /** Closes it with a code and reason (sent as recorded, even codes a client should not send). */
  close(code: number | null, reason: string): void {
    if (this.session === null || this.closed !== null) return;
    try {
      this.engine.close(this.session, code === null ? {} : { code, reason, force: true });
    } catch {
      this.engine.terminate(this.session);
    }
  }

  /** Resolves when it closed, or after `ms`. */
  async closedWithin(ms: number): Promise<void> {
    if (this.closed !== null || this.session === null) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  }

  /** Ends it if still open and waits for the end. */
  async finish(): Promise<void> {
    if (this.session === null) return;
    if (this.closed === null) this.close(1000, 'replay done');
    await this.engine.done(this.session);
  }

  /** What it found. */
  report(): ConnectionReport {
    const findings = this.expectations.report();
    if (this.failure !== null) findings.unshift({ kind: 'failed', message: this.failure });
    if (this.unsent > 0 && this.opened)
      findings.unshift({
        kind: 'failed',
        message: `${this.unsent} messages were not sent: the connection had ended`,
      });
    const e = this.expectations;
    return {
      id: this.recorded.id,
      url: this.url,
      liveConn: this.liveConn,
      sent: this.sent,
      expected: e.expected,
      received: e.received,
      matched: e.matched,
      findings,
    };
  }

  private fail(message: string): void {
    if (this.failure === null) this.failure = message;
    this.expectations.giveUp();
  }
}

function outgoing(message: ConversationMessage): Outgoing {
  if (message.text !== undefined) return { kind: 'text', text: message.text };
  const bytes = Buffer.from(message.base64 ?? '', 'base64');
  return message.opcode === 'text' ? { kind: 'utf8', bytes } : { kind: 'binary', bytes };
}
