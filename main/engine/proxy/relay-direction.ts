import type { Socket } from 'node:net';
import { HttpHeadParser } from '../../../shared/protocol/http-message.js';
import { FrameBoundaries } from './frame-boundaries.js';

/** A frame wstap puts into a relayed stream. */
export interface Injection {
  readonly bytes: Uint8Array;
  /** A control frame may go at any frame boundary; a data frame only between messages. */
  readonly control: boolean;
}

/** What a relay direction tells its connection. */
export interface RelayHooks {
  /** Bytes that go to the destination: the tap sees them here. */
  readonly tap: (bytes: Uint8Array) => void;
  /** The held bytes reached their bound: the source is paused until release. */
  readonly onHeldLimit: (bytes: number) => void;
  /** A rule dropped a message (`what` says which and why). */
  readonly onDropped?: (what: string) => void;
  /** Null while the tap's sinks keep up; else resolves when they can take more (see WireSink.backlog). */
  readonly backlog?: () => Promise<void> | null;
}

/** What happens to one whole message (its frames as they came, control frames between them included). */
export type PolicyDecision =
  | { readonly drop: false; readonly delayMs: number }
  | { readonly drop: true; readonly why: string; readonly keep: readonly Uint8Array[] };

/** The message rules of one direction: fixed (`wstap proxy --latency …`) or changing (the console's). */
export interface MessagePolicy {
  /** Whether messages go one by one through `decide` now; when not, bytes pass as they come. */
  active(): boolean;
  decide(unit: Uint8Array): PolicyDecision;
}

/**
 * One direction of a proxied connection: the source socket's bytes to the destination, exactly,
 * with backpressure — plus what interventions need: frames injected at a boundary (`inject`), the
 * direction held and released in order (`hold`/`release`, bounded: at the bound the source is
 * paused, nothing is dropped), and shut (`shut`: nothing more goes to the destination).
 */
export class RelayDirection {
  /** Null until frames flow: for the answer direction, the response head comes first. */
  private frames: FrameBoundaries | null;
  private head: HttpHeadParser | null;
  private readonly pending: Injection[] = [];
  private held: Buffer[] | null = null;
  private heldBytes = 0;
  private heldLimitHit = false;
  private shut = false;
  /** Shut down once the waiting injections are out (a Close wstap sends). */
  private shutAfterPending = false;
  /** With rules: the bytes of the message being gathered, and whole messages waiting for their time. */
  private unit: Uint8Array[] = [];
  private readonly queue: { bytes: Uint8Array; at: number; last: boolean }[] = [];
  private queuedBytes = 0;
  private lastAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private pausedForQueue = false;
  /** Messages go one by one (gathered, decided, queued) rather than as bytes come. */
  private byMessage = false;
  /** The recording fell behind its disk: the source waits until it has caught up. */
  private waitingForSinks = false;

  constructor(
    private readonly source: Socket,
    private readonly dest: Socket,
    private readonly hooks: RelayHooks,
    options: {
      readonly responseHeadFirst: boolean;
      readonly maxHeld: number;
      readonly policy?: MessagePolicy | null;
    },
  ) {
    this.policy = options.policy ?? null;
    this.frames = options.responseHeadFirst ? null : new FrameBoundaries();
    this.head = options.responseHeadFirst ? new HttpHeadParser({ expect: 'response' }) : null;
    source.on('data', (bytes: Buffer) => this.accept(bytes));
    this.maxHeld = options.maxHeld;
    dest.on('drain', () => this.resumeIfFree());
  }

  private readonly maxHeld: number;
  private readonly policy: MessagePolicy | null;

  /** Frames flow (after a 101 in the answer direction): injections are possible. */
  get open(): boolean {
    return this.frames !== null;
  }

  /** Bytes held now. */
  get holding(): number | null {
    return this.held === null ? null : this.heldBytes;
  }

  /** Writes bytes to the destination outside the stream (the forwarded request head). */
  writeRaw(bytes: Uint8Array): void {
    this.write(bytes);
  }

  /** Queues a frame to go in at the next boundary that allows it (at once when at one now). */
  inject(injection: Injection): void {
    // With rules the queue holds whole messages: its end is a message boundary.
    if (this.enterByMessage()) return this.schedule(injection.bytes, false, 0);
    this.pending.push(injection);
    if (this.held === null)
      this.flushPending(this.frames?.atMessageBoundary ?? false, this.frames?.atFrameBoundary ?? false);
  }

  /** Injects a last frame (a Close) and sends nothing more after it. */
  injectLast(injection: Injection): void {
    this.shutAfterPending = true;
    this.held = null;
    this.heldBytes = 0;
    if (this.enterByMessage()) return this.schedule(injection.bytes, true, 0);
    this.inject(injection);
  }

  /** Keeps what the source sends from here on, in order, until release. */
  hold(): void {
    this.held ??= [];
  }

  /** Sends what was held, in order, and relays again. */
  release(): number {
    const held = this.held ?? [];
    const bytes = this.heldBytes;
    this.held = null;
    this.heldBytes = 0;
    for (const chunk of held) this.forward(chunk);
    this.flushPending(this.frames?.atMessageBoundary ?? false, this.frames?.atFrameBoundary ?? false);
    if (this.heldLimitHit) {
      this.heldLimitHit = false;
      this.resumeIfFree();
    }
    return bytes;
  }

  /** Nothing more goes to the destination (held bytes are discarded). */
  shutDown(): void {
    this.shut = true;
    this.held = null;
    this.heldBytes = 0;
  }

  /** Bytes from the source (the relay's own 'data' listener calls this too). */
  accept(bytes: Buffer): void {
    if (this.shut) return;
    if (this.held !== null) {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
      if (this.heldBytes >= this.maxHeld && !this.heldLimitHit) {
        this.heldLimitHit = true;
        this.source.pause();
        this.hooks.onHeldLimit(this.heldBytes);
      }
      return;
    }
    this.forward(bytes);
  }

  private forward(bytes: Buffer): void {
    if (this.frames === null) return this.forwardHead(bytes);
    if (this.enterByMessage()) return this.forwardByMessage(bytes, this.frames.push(bytes), 0);
    if (this.pending.length === 0) {
      // No rules and no injection waiting: only the state at the chunk's end matters (no boundary list).
      if (this.policy === null || !this.policy.active()) {
        this.frames.skip(bytes);
        return this.write(bytes);
      }
      const ends = this.frames.push(bytes);
      // Rules came in the middle of a message: it passes as it is, the next go one by one.
      const first = ends.find((end) => end.message);
      if (first === undefined) return this.write(bytes);
      this.write(bytes.subarray(0, first.offset));
      this.byMessage = true;
      return this.forwardByMessage(bytes, ends, first.offset);
    }
    // Split the chunk at the boundaries where the waiting injections may go.
    let from = 0;
    for (const end of this.frames.push(bytes)) {
      if (this.pending.length === 0) break;
      if (!canGo(this.pending[0] as Injection, end.message)) continue;
      this.write(bytes.subarray(from, end.offset));
      from = end.offset;
      this.flushPending(end.message, true);
    }
    this.write(bytes.subarray(from));
  }

  /** The answer direction before frames: the response head passes; a 101 starts frames. */
  private forwardHead(bytes: Buffer): void {
    const parser = this.head;
    if (parser === null) return this.write(bytes);
    const result = parser.push(bytes);
    if (result.state === 'partial') return this.write(bytes);
    this.head = null;
    if (result.state === 'error' || result.head.start.kind !== 'response' || result.head.start.status !== 101)
      return this.write(bytes);
    const rest = Buffer.from(result.rest);
    this.write(bytes.subarray(0, bytes.length - rest.length));
    this.frames = new FrameBoundaries();
    if (rest.length > 0) this.forward(rest);
    else this.flushPending(true, true);
  }

  private flushPending(messageBoundary: boolean, frameBoundary: boolean): void {
    if (!frameBoundary || this.frames === null) return;
    while (this.pending.length > 0 && canGo(this.pending[0] as Injection, messageBoundary)) {
      this.write((this.pending.shift() as Injection).bytes);
    }
    if (this.shutAfterPending && this.pending.length === 0) this.shut = true;
  }

  /**
   * Whether messages go one by one: from the first message boundary at which the policy is
   * active (with no injection waiting for a boundary) until it is not and nothing is gathered or
   * queued any more (rules can come and go while the proxy runs).
   */
  private enterByMessage(): boolean {
    if (this.frames === null || this.policy === null) return false;
    const active = this.policy.active();
    if (this.byMessage && !active && this.unit.length === 0 && this.queue.length === 0)
      this.byMessage = false;
    else if (!this.byMessage && active && this.frames.atMessageBoundary && this.pending.length === 0)
      this.byMessage = true;
    return this.byMessage;
  }

  /** Gathers whole messages, has the policy decide each, and schedules what goes on. */
  private forwardByMessage(
    bytes: Buffer,
    ends: readonly { offset: number; message: boolean }[],
    from: number,
  ): void {
    const policy = this.policy as MessagePolicy;
    for (const end of ends) {
      if (!end.message || end.offset <= from) continue;
      this.unit.push(bytes.subarray(from, end.offset));
      from = end.offset;
      const whole = Buffer.concat(this.unit);
      this.unit = [];
      const decision = policy.decide(whole);
      if (!decision.drop) this.schedule(whole, false, decision.delayMs);
      else {
        this.hooks.onDropped?.(decision.why);
        for (const control of decision.keep) this.schedule(control, false, 0);
      }
    }
    if (from < bytes.length) this.unit.push(bytes.subarray(from));
  }

  /** Queues bytes to go after `delay` ms (never before what was queued earlier). */
  private schedule(bytes: Uint8Array, last: boolean, delay: number): void {
    const at = Math.max(Date.now() + delay, this.lastAt);
    this.lastAt = at;
    this.queue.push({ bytes, at, last });
    this.queuedBytes += bytes.length;
    // Delayed bytes are bounded like held ones: at the bound the source waits.
    if (this.queuedBytes >= this.maxHeld && !this.pausedForQueue) {
      this.pausedForQueue = true;
      this.source.pause();
    }
    this.arm();
  }

  private arm(): void {
    if (this.timer !== null || this.queue.length === 0) return;
    const first = this.queue[0] as { at: number };
    this.timer = setTimeout(
      () => {
        this.timer = null;
        const now = Date.now();
        while (this.queue.length > 0 && (this.queue[0] as { at: number }).at <= now) {
          const item = this.queue.shift() as { bytes: Uint8Array; last: boolean };
          this.queuedBytes -= item.bytes.length;
          this.write(item.bytes);
          if (item.last) this.shut = true;
        }
        if (this.pausedForQueue && this.queuedBytes < this.maxHeld / 2) {
          this.pausedForQueue = false;
          this.resumeIfFree();
        }
        this.arm();
      },
      Math.max(0, first.at - Date.now()),
    );
  }

  private write(bytes: Uint8Array): void {
    if (bytes.length === 0 || this.dest.destroyed || this.shut) return;
    // Forwarded before the tap decodes them: decoding is not on the relay's round trip, and a frame
    // a listener injects on seeing them goes after them. The bytes are never modified.
    if (!this.dest.write(bytes)) this.source.pause();
    this.hooks.tap(bytes);
    // Like a slow reader, a recording behind its disk pauses the source: a complete recording at
    // the disk's pace, not a fast one that stops at the writer's memory bound (bench/proxy, 64 KiB).
    const backlog = this.waitingForSinks ? null : (this.hooks.backlog?.() ?? null);
    if (backlog !== null) {
      this.waitingForSinks = true;
      this.source.pause();
      void backlog.then(() => {
        this.waitingForSinks = false;
        this.resumeIfFree();
      });
    }
  }

  /** Reads from the source again unless something else still holds it back. */
  private resumeIfFree(): void {
    if (this.heldLimitHit || this.pausedForQueue || this.waitingForSinks || this.dest.writableNeedDrain)
      return;
    this.source.resume();
  }
}

function canGo(injection: Injection, messageBoundary: boolean): boolean {
  return injection.control || messageBoundary;
}
