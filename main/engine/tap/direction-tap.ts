import { isUtf8 } from 'node:buffer';
import type { Direction, MessageEvent, StreamEndEvent } from '../../../shared/model/events.js';
import { toFrameEvent } from '../../../shared/model/frame-event.js';
import type { PerMessageDeflateParams } from '../../../shared/protocol/extensions.js';
import { FrameDecoder } from '../../../shared/protocol/decoder.js';
import { writeMessageJson } from '../../../shared/protocol/frame-json.js';
import type {
  DecoderLimits,
  DecoderPosition,
  Frame,
  Message,
  Sender,
} from '../../../shared/protocol/frame.js';
import { isControlOpcode } from '../../../shared/protocol/opcodes.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import { roundMs } from '../clock.js';
import type { EventHub } from '../event-hub.js';
import { useNativeCodecs } from '../native-codecs.js';
import { Inflater, type InflateResult } from '../permessage-deflate.js';
import { frameFact, type FrameFact } from './frame-fact.js';
import { MessageRefBuffer } from './message-refs.js';
import type { WireSink } from './sinks.js';

const EMPTY = new Uint8Array(0);

// Frame and message events decode payloads to text or base64: with Node's native codecs.
useNativeCodecs();

/** Options of a DirectionTap. */
export interface DirectionTapOptions {
  readonly conn: number;
  readonly dir: Direction;
  /** Who wrote these bytes. */
  readonly sender: Sender;
  readonly hub: EventHub;
  readonly sink: WireSink;
  readonly deflate: PerMessageDeflateParams | null;
  readonly limits: DecoderLimits;
  /**
   * The bytes are buffers handed to `socket.write`, which their owner may reuse once written (not
   * socket reads): payloads are copied, since lazy event fields read them later.
   */
  readonly inputReused: boolean;
  /** Called after each chunk (or part of one) with the frames it completed, once their events are out. */
  readonly onFrames: (facts: readonly FrameFact[]) => void;
}

/** Bytes (or, with null, the end of the stream) that came while an earlier message was inflating. */
interface Waiting {
  readonly bytes: Uint8Array | null;
  readonly t: number;
  /** The rest of a chunk cut in two: the sink has its bytes already. */
  readonly stored: boolean;
}

/**
 * Decodes one direction of an open connection from the bytes that really crossed the socket, and
 * publishes its events in wire order. Frames completed by one chunk take consecutive sequence
 * numbers (the recording stores the chunk once and a reader derives them again); the messages they
 * complete and everything the frames cause come after them. Where that would put a message after
 * a frame that followed it on the wire, the chunk is taken in two (two wire records): after a
 * compressed message, and after a message a control frame follows (a Close must not show before
 * the message the peer sent ahead of it). Inflation is asynchronous: while a message inflates,
 * everything after it in this direction (bytes, the end) waits, and goes on in order once its
 * event is out.
 */
export class DirectionTap {
  private readonly decoder: FrameDecoder;
  private readonly inflater: Inflater | null;
  private offset = 0;
  private chunkT = 0;
  private chunkWall = 0;
  private firstSeq = -1;
  private firstId = -1;
  private count = 0;
  /** The bytes being decoded (part of a chunk after a split), to look at the frame after a message. */
  private segment: Uint8Array = EMPTY;
  /** Stream offset just past the last frame decoded. */
  private frameEnd = 0;
  private facts: FrameFact[] = [];
  private messages: Message[] = [];
  private readonly refs: MessageRefBuffer;
  /** Whether this chunk's frames become events: only when a listener wants them (EventHub.wantsFrames). */
  private frameEvents = true;
  /** A message is inflating: later bytes and the end wait in `waiting`. */
  private inflating = false;
  /** Events are being published: bytes pushed meanwhile (by a listener) wait in `waiting` too. */
  private taking = false;
  private readonly waiting: Waiting[] = [];
  /** The first entry of `waiting` not yet taken. */
  private waitingFrom = 0;
  /** Resolves `drained()` callers once nothing waits. */
  private idle: { promise: Promise<void>; resolve: () => void } | null = null;
  frames = 0;
  bytes = 0;

  constructor(private readonly options: DirectionTapOptions) {
    const { sender, deflate, limits, hub, sink } = options;
    this.refs = new MessageRefBuffer(options.conn, options.dir, sink);
    this.inflater = deflate
      ? new Inflater({ params: deflate, sender, maxInflatedSize: limits.maxMessageSize })
      : null;
    sink.setup({
      type: 'wire-setup',
      conn: options.conn,
      dir: options.dir,
      ...hub.stampTime(),
      sender,
      perMessageDeflate: deflate !== null,
      ...limits,
    });
    this.decoder = new FrameDecoder({
      sender,
      perMessageDeflate: deflate !== null,
      ...limits,
      isUtf8,
      inputReused: options.inputReused,
      onFrame: (frame) => this.onFrame(frame),
      onMessage: (message) => this.onMessage(message),
    });
  }

  /** Decodes the next bytes of the stream (never modified). */
  push(bytes: Uint8Array, t: number): void {
    if (this.inflating || this.taking || this.waitingFrom < this.waiting.length) {
      // A written buffer may be reused once written: what waits is a copy.
      this.waiting.push({ bytes: this.options.inputReused ? bytes.slice() : bytes, t, stored: false });
      if (!this.inflating && !this.taking) this.resume();
      return;
    }
    this.take(bytes, t);
    if (this.waitingFrom < this.waiting.length) this.resume();
  }

  /** The stream ended: reports a frame or message cut short, and frees zlib. */
  end(t: number): void {
    if (this.inflating || this.taking || this.waitingFrom < this.waiting.length) {
      this.waiting.push({ bytes: null, t, stored: false });
      if (!this.inflating && !this.taking) this.resume();
    } else this.finish(t);
  }

  /** Resolves when every event of the bytes pushed so far (and of the end) has been published. */
  drained(): Promise<void> {
    if (!this.inflating && this.waitingFrom === this.waiting.length) return Promise.resolve();
    if (this.idle === null) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.idle = { promise, resolve };
    }
    return this.idle.promise;
  }

  /**
   * Decodes `bytes` and publishes their events, up to a compressed message (then the rest waits).
   * A listener that writes to this socket meanwhile (a send on an `out` message) pushes into
   * `waiting`: its bytes come after these on the wire, so their events come after these events.
   */
  private take(bytes: Uint8Array, t: number, stored = false): void {
    const { conn, dir, hub, sink } = this.options;
    // The frame store keeps the bytes before the decoder reads them, once (a cut chunk's rest too).
    if (!stored) sink.bytes(conn, dir, this.offset, bytes);
    // As hub.stampTime(t) rounds them, without an object per chunk.
    this.chunkT = roundMs(t);
    this.chunkWall = roundMs(hub.clock.anchor + this.chunkT);
    this.frameEvents = hub.wantsFrames;
    // Payloads unmasked and validated only for someone: with no frame or message listener
    // (`proxy -q --record`), readers of the recording do it when they derive the messages.
    this.decoder.headersOnly = this.inflater === null && !this.frameEvents && !hub.wantsMessages;
    this.taking = true;
    try {
      let rest = bytes;
      for (;;) {
        const used = this.decode(rest);
        const messages = this.messages;
        const facts = this.facts;
        this.messages = [];
        this.facts = [];
        if (!this.publish(messages, 0, facts)) {
          if (used < rest.length) this.wait(rest.subarray(used), t);
          return;
        }
        if (used === rest.length) return;
        rest = rest.subarray(used);
      }
    } finally {
      this.taking = false;
    }
  }

  /** Puts the rest of the bytes being taken first in line: ahead of everything that came after them. */
  private wait(rest: Uint8Array, t: number): void {
    // A written buffer may be reused once `push` returns: what waits is a copy.
    const item = { bytes: this.options.inputReused ? rest.slice() : rest, t, stored: true };
    if (this.waitingFrom > 0) this.waiting[--this.waitingFrom] = item;
    else this.waiting.unshift(item);
  }

  /** Runs the decoder over `bytes` until they end or a message asks for a split; returns the bytes taken. */
  private decode(bytes: Uint8Array): number {
    const { sink } = this.options;
    this.firstSeq = -1;
    // A chunk that completes no frame has no first frame: its record says id -1.
    this.firstId = -1;
    this.count = 0;
    // Only a recording reads chunks (and a decoder position, when it joins mid-stream).
    const recorded = sink.wantsChunks;
    const resume = recorded ? this.decoder.position() : null;
    this.segment = bytes;
    const used = this.decoder.push(bytes);
    this.segment = EMPTY;
    if (recorded) this.record(bytes, used, resume);
    this.offset += used;
    this.bytes += used;
    return used;
  }

  /** Hands the bytes the decoder took to the recording, with the frames they completed. */
  private record(bytes: Uint8Array, used: number, resume: DecoderPosition | null): void {
    const { conn, dir, hub, sink } = this.options;
    const seq = this.firstSeq >= 0 ? this.firstSeq : hub.peekSeq(conn);
    sink.chunk({
      conn,
      dir,
      seq,
      id: this.firstId,
      t: this.chunkT,
      wall: this.chunkWall,
      offset: this.offset,
      frames: this.count,
      resume,
      bytes: used === bytes.length ? bytes : bytes.subarray(0, used),
    });
  }

  /**
   * Publishes `messages` from `from` on, then hands `facts` over. Stops at a compressed message:
   * its inflation carries on from there. Returns false when it stopped.
   */
  private publish(messages: readonly Message[], from: number, facts: readonly FrameFact[]): boolean {
    for (let i = from; i < messages.length; i++) {
      const message = messages[i] as Message;
      if (message.compressed && this.inflater !== null && message.payload !== null) {
        this.refs.flush();
        this.inflating = true;
        // The payload stays valid (FrameDecoder never rewrites one) and inflate copies it at once.
        void this.inflater
          .inflate(message.payload)
          .then((result) => this.inflated(message, result, messages, i + 1, facts));
        return false;
      }
      this.emitMessage(message, message.payload, []);
    }
    this.refs.flush();
    if (facts.length > 0) this.options.onFrames(facts);
    return true;
  }

  /** A message inflated: publishes it and what waited behind it, in order. */
  private inflated(
    message: Message,
    result: InflateResult,
    messages: readonly Message[],
    next: number,
    facts: readonly FrameFact[],
  ): void {
    this.inflating = false;
    this.taking = true;
    this.guard(() => {
      if (result.ok) this.emitMessage(message, result.data, []);
      else this.emitMessage(message, null, [result.violation]);
      // Starts the next inflation (and returns) when the chunk held another compressed message.
      this.publish(messages, next, facts);
    });
    this.taking = false;
    this.resume();
  }

  /** Takes what waited, in order, until it is all out or a message inflates again. */
  private resume(): void {
    while (!this.inflating && this.waitingFrom < this.waiting.length) {
      const { bytes, t, stored } = this.waiting[this.waitingFrom++] as Waiting;
      this.guard(() => (bytes === null ? this.finish(t) : this.take(bytes, t, stored)));
    }
    if (this.inflating) return;
    this.waiting.length = 0;
    this.waitingFrom = 0;
    this.idle?.resolve();
    this.idle = null;
  }

  /** Runs one step of the deferred path; a failure is reported and what waits still goes on. */
  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.options.hub.emit(this.options.conn, {
        type: 'error',
        code: 'TAP_FAILED',
        message: `message ${String((error as Error).message)}`,
      });
    }
  }

  private finish(t: number): void {
    const end = this.decoder.end();
    if (end.violations.length > 0) {
      this.options.hub.emit<StreamEndEvent>(
        this.options.conn,
        { type: 'stream-end', dir: this.options.dir, bytes: end.bytes, violations: end.violations },
        t,
      );
    }
    this.inflater?.close();
  }

  private onFrame(frame: Frame): void {
    const { conn, dir, hub, sink } = this.options;
    // Frames of one chunk take consecutive numbers: nothing else is emitted while the decoder runs.
    const seq = hub.reserveSeq(conn);
    const id = sink.frame(conn, seq, dir, this.chunkT, frame);
    if (this.count === 0) {
      this.firstSeq = seq;
      this.firstId = id;
    }
    this.count++;
    this.frames++;
    this.frameEnd = frame.offset + frame.headerLength + frame.payloadLength;
    // Nobody to read it (`proxy -q --record`: the recording derives frames from the wire records).
    if (this.frameEvents)
      hub.publish(toFrameEvent({ conn, seq, t: this.chunkT, wall: this.chunkWall, dir, id }, frame));
    this.facts.push(frameFact(frame, dir, this.chunkT));
  }

  /**
   * A message is complete. The frames behind it in this chunk wait for its event when it is
   * compressed (inflation is asynchronous) or when the next one is a control frame (RFC 6455
   * §5.5: a Close, Ping or Pong may follow any message; showing it first misplaces it).
   */
  private onMessage(message: Message): void {
    this.messages.push(message);
    const next = this.frameEnd - this.offset;
    const segment = this.segment;
    if (next >= segment.length) return;
    if (message.compressed || isControlOpcode((segment[next] as number) & 0x0f)) this.decoder.halt();
  }

  /**
   * Stamps and publishes a message event, its fields written into the stamped object in
   * MessageEvent order. Not through EventHub.emit: its Object.assign would read the lazy payload
   * field, which is the work this path avoids when nobody reads it.
   */
  private emitMessage(message: Message, payload: Uint8Array | null, extra: readonly Violation[]): void {
    const { hub, conn, dir, sink } = this.options;
    const seq = hub.reserveSeq(conn);
    const wanted = hub.wantsMessages;
    const recorded = sink.wantsChunks;
    if (!wanted) {
      // Nobody reads the event (`proxy -q --record`): a recording references the message in its
      // wire records, unless it must store it whole (compressed, violations); its number is taken.
      const whole = message.compressed || message.violations.length > 0 || extra.length > 0;
      if (!recorded || !whole) {
        if (recorded) this.refs.add(seq, message.index, this.chunkT, this.chunkWall);
        // No event holds the payload (nor a frame event, none built for this chunk): the decoder
        // may reuse its memory (a 64 KiB message's, bench/proxy).
        if (!this.frameEvents && message.payload !== null) this.decoder.recycle(message.payload);
        return;
      }
    }
    // Stamped with the time of the bytes that completed it (also when inflation finished later),
    // as its frames are: the stamp's fields, in its order.
    const event: Record<string, unknown> = { conn, seq, t: this.chunkT, wall: this.chunkWall };
    event.type = 'message';
    event.dir = dir;
    writeMessageJson(message, payload, event);
    if (extra.length > 0) event.violations = [...message.violations, ...extra];
    event.size = payload ? payload.length : message.wireLength;
    // The recording first, as when it was the first listener: what listeners cause comes after.
    this.refs.flush();
    if (recorded) sink.message(event as unknown as MessageEvent);
    if (wanted) hub.publish(event as unknown as MessageEvent);
  }
}
