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

  constructor(
    private readonly source: Socket,
    private readonly dest: Socket,
    private readonly hooks: RelayHooks,
    options: { readonly responseHeadFirst: boolean; readonly maxHeld: number },
  ) {
    this.frames = options.responseHeadFirst ? null : new FrameBoundaries();
    this.head = options.responseHeadFirst ? new HttpHeadParser({ expect: 'response' }) : null;
    source.on('data', (bytes: Buffer) => this.accept(bytes));
    this.maxHeld = options.maxHeld;
    dest.on('drain', () => {
      if (!this.heldLimitHit) source.resume();
    });
  }

  private readonly maxHeld: number;

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
    this.pending.push(injection);
    if (this.held === null)
      this.flushPending(this.frames?.atMessageBoundary ?? false, this.frames?.atFrameBoundary ?? false);
  }

  /** Injects a last frame (a Close) and sends nothing more after it. */
  injectLast(injection: Injection): void {
    this.shutAfterPending = true;
    this.held = null;
    this.heldBytes = 0;
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
      this.source.resume();
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
    if (this.pending.length === 0) {
      this.frames.push(bytes);
      this.write(bytes);
      return;
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

  private write(bytes: Uint8Array): void {
    if (bytes.length === 0 || this.dest.destroyed || this.shut) return;
    this.hooks.tap(bytes);
    if (!this.dest.write(bytes)) this.source.pause();
  }
}

function canGo(injection: Injection, messageBoundary: boolean): boolean {
  return injection.control || messageBoundary;
}
