import type { Direction, FrameEvent, MessageEvent, SessionEvent } from '../model/events.js';
import { writeMessageJson } from '../protocol/frame-json.js';
import { toFrameEvent } from '../model/frame-event.js';
import { FrameDecoder } from '../protocol/decoder.js';
import type { Frame, Message } from '../protocol/frame.js';
import { decodeWireBase64, RecordingError } from './line-codec.js';
import type { MessageRefRecord, RecordingLine, WireRecord, WireStreamSetup } from './types.js';

/** Host speed-ups for a FrameDeriver; the results are the same without them. */
export interface FrameDeriverOptions {
  /** A fast base64 decoder (Node: Buffer); may be lenient, decodeWireBase64 checks its output. */
  readonly decodeBase64?: (text: string) => Uint8Array;
  /** A fast whole-buffer UTF-8 validator (Node: `buffer.isUtf8`), as the live tap uses. */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
}

const NONE: readonly SessionEvent[] = [];

/** Decoded messages kept for references still to come, per direction. */
const MAX_PENDING = 4096;

/** One direction of one connection: its decoder and the wire record being decoded. */
class DerivedStream {
  readonly decoder: FrameDecoder;
  wire: WireRecord | null = null;
  out: FrameEvent[] = [];
  /**
   * Decoded messages a `message-ref` line may still name (uncompressed; with violations too, when
   * this decoding finds what a headers-only tap did not look for). Their
   * JSON is built only when named; the references follow their wire record at once, so a bound
   * of MAX_PENDING only matters for recordings without them.
   */
  private pending: Message[] = [];
  private head = 0;

  /** The decoded message a reference names, or null; older unreferenced ones are let go. */
  takeMessage(index: number): Message | null {
    const pending = this.pending;
    // References come in message order, right after their wire record: the match is at the head.
    while (this.head < pending.length && (pending[this.head] as Message).index < index) this.head++;
    const found = pending[this.head];
    if (found === undefined || found.index !== index) return null;
    this.head++;
    if (this.head === pending.length) {
      this.pending = [];
      this.head = 0;
    }
    return found;
  }

  constructor(setup: WireStreamSetup, isUtf8: FrameDeriverOptions['isUtf8']) {
    this.decoder = new FrameDecoder({
      sender: setup.sender,
      perMessageDeflate: setup.perMessageDeflate,
      maxPayload: setup.maxPayload,
      maxMessageSize: setup.maxMessageSize,
      maxFragments: setup.maxFragments,
      // A recording begun mid-session: frames keep their live offsets and indexes.
      resume: setup.resume,
      isUtf8,
      onFrame: (frame) => this.onFrame(frame),
      onMessage: (message) => this.onMessage(message),
    });
  }

  private onMessage(message: Message): void {
    // The messages the writer may store as references (recording-writer.ts): not compressed ones.
    // A tap that decoded headers only (nobody listened) references messages whose payload it never
    // read: their UTF-8 is validated here, and an INVALID_UTF8 found here is the event's.
    if (message.compressed) return;
    this.pending.push(message);
    if (this.pending.length - this.head > MAX_PENDING) this.head++;
    if (this.head > MAX_PENDING) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
  }

  private onFrame(frame: Frame): void {
    // The Frame itself is not kept; its payload is (lazily read fields), which the decoder never
    // rewrites and whose wire record bytes are this record's own.
    const wire = this.wire as WireRecord;
    const j = this.out.length;
    const stamp = {
      conn: wire.conn,
      seq: wire.seq + j,
      t: wire.t,
      wall: wire.wall,
      dir: wire.dir,
      id: wire.id + j,
    };
    this.out.push(toFrameEvent(stamp, frame));
  }
}

/**
 * Turns recording lines, in file order, back into the session events they stand for: a `wire`
 * record becomes the frame events the live tap emitted for those bytes (decoded again with the
 * options of its `wire-setup`), a `wire-setup` becomes nothing, and every other line is the event
 * itself. Throws a RecordingError naming the line when the wire records do not add up.
 */
export class FrameDeriver {
  private readonly streams = new Map<number, DerivedStream>();
  private readonly decodeBase64: FrameDeriverOptions['decodeBase64'];
  private readonly isUtf8: FrameDeriverOptions['isUtf8'];

  constructor(options: FrameDeriverOptions = {}) {
    this.decodeBase64 = options.decodeBase64;
    this.isUtf8 = options.isUtf8;
  }

  /** The events line `lineNo` stands for, in order. */
  accept(line: RecordingLine, lineNo: number): readonly SessionEvent[] {
    if (line.type === 'wire') return this.derive(line, lineNo);
    if (line.type === 'message-ref') return [this.message(line, lineNo)];
    if (line.type !== 'wire-setup') return [line];
    const key = streamKey(line.conn, line.dir);
    if (this.streams.has(key)) {
      throw new RecordingError({
        code: 'RECORDING_BAD_LINE',
        line: lineNo,
        message: `a second wire-setup for connection ${line.conn} direction ${line.dir}`,
      });
    }
    this.streams.set(key, new DerivedStream(line, this.isUtf8));
    return NONE;
  }

  /** The message event a reference stands for, as the live tap built it. */
  private message(ref: MessageRefRecord, lineNo: number): MessageEvent {
    const message = this.streams.get(streamKey(ref.conn, ref.dir))?.takeMessage(ref.index) ?? null;
    if (message === null) {
      throw new RecordingError({
        code: 'RECORDING_BAD_LINE',
        line: lineNo,
        message: `message-ref names message ${ref.index} of connection ${ref.conn} direction ${ref.dir}, which the wire records before it do not complete`,
      });
    }
    const { conn, seq, t, wall, dir } = ref;
    // Written field by field in the live tap's order (DirectionTap.emitMessage): a spread would
    // read the lazy payload field.
    const event: Record<string, unknown> = { conn, seq, t, wall, type: 'message', dir };
    writeMessageJson(message, message.payload, event);
    event.size = message.payload ? message.payload.length : message.wireLength;
    return event as unknown as MessageEvent;
  }

  private derive(wire: WireRecord, lineNo: number): readonly FrameEvent[] {
    const where = `connection ${wire.conn} direction ${wire.dir}`;
    const stream = this.streams.get(streamKey(wire.conn, wire.dir));
    if (stream === undefined) {
      throw new RecordingError({
        code: 'RECORDING_BAD_LINE',
        line: lineNo,
        message: `wire record before the wire-setup of ${where}`,
      });
    }
    if (wire.offset !== stream.decoder.bytes) {
      throw new RecordingError({
        code: 'RECORDING_WIRE_GAP',
        line: lineNo,
        message: `wire record of ${where} starts at stream offset ${wire.offset}, but the records before it carried ${stream.decoder.bytes} bytes`,
      });
    }
    const bytes = decodeWireBase64(wire.base64, this.decodeBase64);
    if (bytes === null) {
      throw new RecordingError({
        code: 'RECORDING_BAD_LINE',
        line: lineNo,
        message: `wire record: "base64" is not valid base64`,
      });
    }
    stream.wire = wire;
    stream.out = [];
    stream.decoder.push(bytes);
    const frames = stream.out;
    stream.wire = null;
    stream.out = [];
    if (frames.length !== wire.frames) {
      throw new RecordingError({
        code: 'RECORDING_FRAME_MISMATCH',
        line: lineNo,
        message: `wire record of ${where} says its ${bytes.length} bytes completed ${wire.frames} frames; decoding them completed ${frames.length}`,
      });
    }
    return frames;
  }
}

function streamKey(conn: number, dir: Direction): number {
  return conn * 2 + (dir === 'in' ? 0 : 1);
}
