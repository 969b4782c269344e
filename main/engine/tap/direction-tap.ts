import { isUtf8 } from 'node:buffer';
import { useNativeUtf8Validator } from '../../../shared/protocol/utf8.js';
import type { Direction, MessageEvent, StreamEndEvent } from '../../../shared/model/events.js';
import { toFrameEvent } from '../../../shared/model/frame-event.js';
import type { PerMessageDeflateParams } from '../../../shared/protocol/extensions.js';
import { FrameDecoder } from '../../../shared/protocol/decoder.js';
import { writeMessageJson } from '../../../shared/protocol/frame-json.js';
import type { CloseBody, DecoderLimits, Frame, Message, Sender } from '../../../shared/protocol/frame.js';
import { isControlOpcode } from '../../../shared/protocol/opcodes.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import type { EventHub } from '../event-hub.js';
import { Inflater } from '../permessage-deflate.js';
import type { WireSink } from './sinks.js';

// Frame and message events decode payloads to text: validate with Node's native isUtf8.
useNativeUtf8Validator(isUtf8);

/** What the connection logic needs to know about a frame (heartbeats, close tracking, verdicts). */
export interface FrameFact {
  readonly dir: Direction;
  readonly t: number;
  readonly opcode: number;
  readonly fin: boolean;
  readonly rsv: readonly [boolean, boolean, boolean];
  readonly masked: boolean;
  readonly payloadLength: number;
  /** A copy of a control frame's payload (≤ 125 bytes when legal); null for data frames. */
  readonly control: Uint8Array | null;
  readonly close: CloseBody | null;
  readonly violations: readonly Violation[];
}

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
  /** Called after each chunk with the frames it completed, once their events are out. */
  readonly onFrames: (facts: readonly FrameFact[]) => void;
}

/**
 * Decodes one direction of an open connection from the bytes that really crossed the socket, and
 * publishes frame and message events. Frames completed by one chunk take consecutive sequence
 * numbers (the recording stores the chunk once and a reader derives them again); messages and
 * everything the frames cause come after them.
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
  private facts: FrameFact[] = [];
  private messages: { message: Message; copy: Uint8Array | null }[] = [];
  /** Whether this chunk's frames become events: only when a listener wants them (EventHub.wantsFrames). */
  private frameEvents = true;
  /** Messages wait here while an earlier one inflates, so they come out in order; null when none waits. */
  private queue: Promise<void> | null = null;
  frames = 0;
  bytes = 0;

  constructor(private readonly options: DirectionTapOptions) {
    const { sender, deflate, limits, hub, sink } = options;
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
      onMessage: (message) =>
        this.messages.push({
          message,
          copy: message.payload && message.compressed ? message.payload.slice() : null,
        }),
    });
  }

  /** Decodes the next bytes of the stream (never modified). */
  push(bytes: Uint8Array, t: number): void {
    const { conn, dir, hub, sink } = this.options;
    sink.bytes(conn, dir, this.offset, bytes);
    ({ t: this.chunkT, wall: this.chunkWall } = hub.stampTime(t));
    this.firstSeq = -1;
    // A chunk that completes no frame has no first frame: its record says id -1.
    this.firstId = -1;
    this.count = 0;
    const resume = this.decoder.position();
    this.frameEvents = hub.wantsFrames;
    this.decoder.push(bytes);
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
      bytes,
    });
    this.offset += bytes.length;
    this.bytes += bytes.length;
    const facts = this.facts;
    const messages = this.messages;
    this.facts = [];
    this.messages = [];
    for (const item of messages) this.deliver(item.message, item.copy);
    if (facts.length > 0) this.options.onFrames(facts);
  }

  /** The stream ended: reports a frame or message cut short, and frees zlib. */
  end(t: number): void {
    const end = this.decoder.end();
    if (end.violations.length > 0) {
      this.options.hub.emit<StreamEndEvent>(
        this.options.conn,
        { type: 'stream-end', dir: this.options.dir, bytes: end.bytes, violations: end.violations },
        t,
      );
    }
    const close = (): void => this.inflater?.close();
    if (this.queue) void this.queue.then(close);
    else close();
  }

  /** Resolves when every message decoded so far has been published. */
  async drained(): Promise<void> {
    while (this.queue) await this.queue;
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
    // Nobody to read it (`proxy -q --record`: the recording derives frames from the wire records).
    if (this.frameEvents)
      hub.publish(toFrameEvent({ conn, seq, t: this.chunkT, wall: this.chunkWall, dir, id }, frame));
    const control = isControlOpcode(frame.opcode);
    this.facts.push({
      dir,
      t: this.chunkT,
      opcode: frame.opcode,
      fin: frame.fin,
      rsv: [frame.rsv1, frame.rsv2, frame.rsv3],
      masked: frame.masked,
      payloadLength: frame.payloadLength,
      control: control && frame.payload ? frame.payload.slice() : null,
      close: frame.close,
      violations: frame.violations,
    });
  }

  private deliver(message: Message, copy: Uint8Array | null): void {
    if (message.compressed && this.inflater && copy) {
      const inflated = this.inflater.inflate(copy);
      this.enqueue(async () => {
        const result = await inflated;
        if (result.ok) this.emitMessage(message, result.data, []);
        else this.emitMessage(message, null, [result.violation]);
      });
      return;
    }
    // Payloads stay valid (FrameDecoder never rewrites them), so a message waiting behind an
    // inflation is built when its turn comes.
    if (this.queue === null) this.emitMessage(message, message.payload, []);
    else this.enqueue(async () => this.emitMessage(message, message.payload, []));
  }

  private enqueue(job: () => Promise<void> | void): void {
    const next = (this.queue ?? Promise.resolve()).then(job).catch((error: unknown) => {
      this.options.hub.emit(this.options.conn, {
        type: 'error',
        code: 'TAP_FAILED',
        message: `message ${String((error as Error).message)}`,
      });
    });
    const queued = next.finally(() => {
      // Only the last job queued clears the queue: a later one chains on this and replaces it.
      if (this.queue === queued) this.queue = null;
    });
    this.queue = queued;
  }

  /**
   * Stamps and publishes a message event, its fields written into the stamped object in
   * MessageEvent order. Not through EventHub.emit: its Object.assign would read the lazy payload
   * field, which is the work this path avoids when nobody reads it.
   */
  private emitMessage(message: Message, payload: Uint8Array | null, extra: readonly Violation[]): void {
    const { hub, conn, dir } = this.options;
    const event = hub.stamp(conn) as unknown as Record<string, unknown>;
    event.type = 'message';
    event.dir = dir;
    writeMessageJson(message, payload, event);
    if (extra.length > 0) event.violations = [...message.violations, ...extra];
    event.size = payload ? payload.length : message.wireLength;
    hub.publish(event as unknown as MessageEvent);
  }
}
