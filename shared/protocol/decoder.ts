import { parseCloseBody } from './close-body.js';
import {
  DEFAULT_LIMITS,
  type CloseBody,
  type DecoderLimits,
  type DecoderPosition,
  type DecoderOptions,
  type Frame,
  type LengthBits,
  type StreamEnd,
} from './frame.js';
import { headerSize, isMinimal, readU32, unframeableLength } from './header-bytes.js';
import { maskIntoWords } from './mask.js';
import { MessageAssembler } from './message-assembler.js';
import { PayloadMemory } from './payload-memory.js';
import { streamEnd } from './stream-end.js';
import { isControlOpcode, isKnownOpcode, OPCODE } from './opcodes.js';
import { NO_VIOLATIONS, violation, type Violation } from './violations.js';

// Receiver states, as in ws's lib/receiver.js: the decoder is driven by bytes alone.
const GET_HEADER = 0;
const GET_PAYLOAD = 1;
const STOPPED = 2;

const EMPTY = new Uint8Array(0);
const TWO_POW_32 = 0x1_0000_0000;

/**
 * An incremental RFC 6455 frame decoder: feed it one direction's bytes in any chunking (1 byte or
 * 1 MiB at a time gives identical output) and it reports every frame with its wire-level fields,
 * every reassembled message, and every rule broken. It never mutates its input.
 */
export class FrameDecoder {
  private readonly sender: DecoderOptions['sender'];
  private readonly limits: DecoderLimits;
  private readonly perMessageDeflate: boolean;
  /** DecoderOptions.headersOnly; may change between pushes: it applies from the next message on. */
  headersOnly: boolean;
  /** Whether the data frames of the message under way keep their payloads. */
  private keepData = true;
  private readonly validateUtf8: boolean;
  private readonly inputReused: boolean;
  private readonly onFrame: DecoderOptions['onFrame'];
  private readonly onMessage: DecoderOptions['onMessage'];
  private readonly assembler: MessageAssembler;

  private state = GET_HEADER;
  private consumed = 0;
  private frameCount = 0;
  private closeFrame = -1;
  private stoppedAt: StreamEnd['stoppedAt'] = null;
  private readonly header = new Uint8Array(14);
  private headerFill = 0;

  // The frame being read.
  private offset = 0;
  private headerLength = 0;
  private b0 = 0;
  private masked = false;
  private maskKey = 0;
  private length = 0;
  private lengthBits: LengthBits = 7;
  private keep = false;
  private fill = 0;
  private dest: Uint8Array | null = null;
  /** OR of the unmasked bytes so far: bit 7 clear means the payload is pure ASCII. */
  private highBits = 0;
  /** The frame belongs to the assembler's current message. */
  private inMessage = false;
  private pending: Violation[] = [];
  /** `halt` was called: `push` stops after the current frame. */
  private halted = false;

  private readonly memory = new PayloadMemory();
  /** A view of the chunk being pushed, for unmasking in words; dropped when `push` returns. */
  private chunkView: DataView | null = null;

  constructor(options: DecoderOptions) {
    this.sender = options.sender;
    this.limits = {
      maxPayload: options.maxPayload ?? DEFAULT_LIMITS.maxPayload,
      maxMessageSize: options.maxMessageSize ?? DEFAULT_LIMITS.maxMessageSize,
      maxFragments: options.maxFragments ?? DEFAULT_LIMITS.maxFragments,
    };
    this.perMessageDeflate = options.perMessageDeflate ?? false;
    this.headersOnly = options.headersOnly ?? false;
    this.keepData = !this.headersOnly;
    // Headers-only mode keeps no data payloads, so only close reasons are validated.
    this.validateUtf8 = options.validateUtf8 ?? true;
    this.inputReused = options.inputReused ?? false;
    this.onFrame = options.onFrame;
    this.onMessage = options.onMessage;
    if (options.resume) {
      this.consumed = options.resume.bytes;
      this.frameCount = options.resume.frames;
      this.closeFrame = options.resume.closeFrame;
    }
    this.assembler = new MessageAssembler({
      firstIndex: options.resume?.messages,
      limits: this.limits,
      perMessageDeflate: this.perMessageDeflate,
      validateUtf8: this.validateUtf8,
      isUtf8: options.isUtf8,
    });
  }

  /**
   * Where the decoder stands, when it stands between frames with no fragmented message open (so
   * a decoder started with `resume` there decodes what follows the same way); else null.
   */
  position(): DecoderPosition | null {
    if (this.state !== GET_HEADER || this.headerFill !== 0 || this.assembler.unfinished !== null) return null;
    return {
      bytes: this.consumed,
      frames: this.frameCount,
      messages: this.assembler.completed,
      closeFrame: this.closeFrame,
    };
  }

  /** Bytes consumed so far. */
  get bytes(): number {
    return this.consumed;
  }

  /**
   * Feeds the next bytes of the stream (never modified). Returns how many it took: all of them,
   * unless an `onFrame` or `onMessage` callback called `halt`; the caller pushes the rest later.
   */
  push(chunk: Uint8Array): number {
    this.chunkView = null;
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      if (this.state === GET_HEADER) {
        pos = this.readHeader(chunk, pos, end);
      } else if (this.state === GET_PAYLOAD) {
        pos = this.readPayload(chunk, pos, end);
      } else {
        pos = end;
      }
      if (this.halted) {
        this.halted = false;
        break;
      }
    }
    this.chunkView = null; // else it holds the socket's read buffer until the next chunk comes
    this.consumed += pos;
    return pos;
  }

  /**
   * Called from `onFrame` or `onMessage`: `push` returns right after the frame being reported, so
   * the caller can act on what it completed before the decoder reads the frames behind it.
   */
  halt(): void {
    this.halted = true;
  }

  /**
   * Gives back a payload this decoder handed out that nobody will read (no event holds it): its
   * memory is reused (PayloadMemory.recycle). Without this, payloads are never rewritten.
   */
  recycle(payload: Uint8Array): void {
    this.memory.recycle(payload);
  }

  /** Ends the stream and reports what was cut short. */
  end(): StreamEnd {
    const inFrame = this.state === GET_PAYLOAD;
    const headerFill = this.state === GET_HEADER ? this.headerFill : 0;
    return streamEnd(
      {
        frame: inFrame
          ? {
              index: this.frameCount,
              offset: this.offset,
              b0: this.b0,
              masked: this.masked,
              length: this.length,
              lengthBits: this.lengthBits,
              received: this.fill,
            }
          : null,
        headerFill,
        atFrameBoundary: this.state === GET_HEADER && headerFill === 0,
        frameCount: this.frameCount,
        unfinished: this.assembler.unfinished,
      },
      {
        bytes: this.consumed,
        frames: this.frameCount,
        messages: this.assembler.completed,
        stoppedAt: this.stoppedAt,
      },
    );
  }

  private readHeader(chunk: Uint8Array, pos: number, end: number): number {
    if (this.headerFill === 0) {
      this.offset = this.consumed + pos;
      if (end - pos >= 2) {
        const size = headerSize(chunk[pos + 1] as number);
        if (end - pos >= size) {
          this.beginFrame(chunk, pos, pos + size);
          return pos + size;
        }
      }
    }
    // The header straddles chunks: gather it in a 14-byte scratch buffer.
    const scratch = this.header;
    while (pos < end && (this.headerFill < 2 || this.headerFill < headerSize(scratch[1] as number))) {
      scratch[this.headerFill++] = chunk[pos++] as number;
    }
    if (this.headerFill >= 2 && this.headerFill === headerSize(scratch[1] as number))
      this.beginFrame(scratch, 0, pos);
    return pos;
  }

  private beginFrame(src: Uint8Array, at: number, next: number): void {
    const b0 = src[at] as number;
    const b1 = src[at + 1] as number;
    this.headerLength = headerSize(b1);
    this.headerFill = 0;
    this.b0 = b0;
    this.masked = (b1 & 0x80) !== 0;
    const len7 = b1 & 0x7f;
    let q = at + 2;
    let length = len7;
    this.lengthBits = 7;
    const out = this.pending;
    if (len7 === 126) {
      length = ((src[q] as number) << 8) | (src[q + 1] as number);
      this.lengthBits = 16;
      q += 2;
      if (length < 126)
        out.push(violation('NON_MINIMAL_LENGTH', `${length} bytes written with a 16-bit length`));
    } else if (len7 === 127) {
      const hi = readU32(src, q);
      const lo = readU32(src, q + 4);
      length = hi * TWO_POW_32 + lo;
      this.lengthBits = 64;
      q += 8;
      if (hi > 0x1f_ffff) return this.stop(hi, lo, src, q, next);
      if (length <= 0xffff)
        out.push(violation('NON_MINIMAL_LENGTH', `${length} bytes written with a 64-bit length`));
    }
    this.length = length;
    this.maskKey = this.masked ? readU32(src, q) : 0;
    this.checkHeader(b0, length, out);
    this.fill = 0;
    this.dest = null;
    this.highBits = 0;
    if (length === 0) {
      this.finishFrame(EMPTY);
    } else {
      this.state = GET_PAYLOAD;
    }
  }

  private checkHeader(b0: number, length: number, out: Violation[]): void {
    const opcode = b0 & 0x0f;
    const rsv1 = (b0 & 0x40) !== 0;
    const control = isControlOpcode(opcode);
    if (rsv1) {
      if (!this.perMessageDeflate)
        out.push(violation('RSV_NOT_NEGOTIATED', 'RSV1 (no permessage-deflate negotiated)'));
      else if (control) out.push(violation('RSV1_ON_CONTROL_FRAME', `opcode ${opcode}`));
      else if (opcode === OPCODE.CONTINUATION)
        out.push(violation('RSV1_ON_CONTINUATION', `frame #${this.frameCount}`));
    }
    if (b0 & 0x20) out.push(violation('RSV_NOT_NEGOTIATED', 'RSV2'));
    if (b0 & 0x10) out.push(violation('RSV_NOT_NEGOTIATED', 'RSV3'));
    if (!isKnownOpcode(opcode))
      out.push(violation('RESERVED_OPCODE', `opcode ${opcode} (0x${opcode.toString(16)})`));
    if (this.sender === 'client' && !this.masked) out.push(violation('UNMASKED_CLIENT_FRAME'));
    if (this.sender === 'server' && this.masked) out.push(violation('MASKED_SERVER_FRAME'));
    if (control && length > 125) out.push(violation('CONTROL_PAYLOAD_TOO_LONG', `${length} bytes`));
    if (control && (b0 & 0x80) === 0) out.push(violation('FRAGMENTED_CONTROL_FRAME', `opcode ${opcode}`));
    if (this.closeFrame >= 0)
      out.push(violation('DATA_AFTER_CLOSE', `the Close was frame #${this.closeFrame}`));
    if (opcode === OPCODE.TEXT || opcode === OPCODE.BINARY) this.keepData = !this.headersOnly;
    this.keep = control || this.keepData;
    if (length > this.limits.maxPayload) {
      out.push(violation('PAYLOAD_TOO_BIG', `${length} bytes, limit ${this.limits.maxPayload}`));
      this.keep = false;
    }
    this.inMessage =
      opcode <= OPCODE.BINARY &&
      this.assembler.begin(opcode, rsv1, this.frameCount, this.offset, length, this.keep, out);
  }

  private readPayload(chunk: Uint8Array, pos: number, end: number): number {
    const remaining = this.length - this.fill;
    const take = remaining < end - pos ? remaining : end - pos;
    if (this.keep) {
      if (this.dest === null) {
        if (!this.masked && take === this.length && !this.inputReused) {
          // The whole unmasked payload is in this chunk: a view, no copy (the chunk stays as it is).
          this.highBits = 0x80; // not inspected
          this.finishFrame(chunk.subarray(pos, pos + take));
          return pos + take;
        }
        this.dest = this.memory.allocate(this.length);
      }
      if (this.masked) {
        const view = (this.chunkView ??= new DataView(chunk.buffer, chunk.byteOffset, chunk.length));
        const fill = this.fill;
        const { dest32, destAt } = this.memory;
        this.highBits |= maskIntoWords(
          view,
          chunk,
          pos,
          take,
          this.dest,
          dest32,
          destAt + fill,
          fill,
          this.maskKey,
          fill,
        );
      } else {
        this.dest.set(chunk.subarray(pos, pos + take), this.fill);
        this.highBits = 0x80; // not inspected
      }
    }
    this.fill += take;
    if (this.fill === this.length) this.finishFrame(this.keep ? this.dest : null);
    return pos + take;
  }

  private finishFrame(payload: Uint8Array | null): void {
    const b0 = this.b0;
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    const out = this.pending;
    const kept = this.keep ? payload : null;
    let close: CloseBody | null = null;
    if (opcode === OPCODE.CLOSE && kept !== null) close = parseCloseBody(kept, this.validateUtf8, out);
    const inMessage = this.inMessage;
    const assembler = this.assembler;
    const message = inMessage ? assembler.finish(kept, fin, (this.highBits & 0x80) === 0, out) : null;
    const frame: Frame = {
      index: this.frameCount,
      offset: this.offset,
      headerLength: this.headerLength,
      fin,
      rsv1: (b0 & 0x40) !== 0,
      rsv2: (b0 & 0x20) !== 0,
      rsv3: (b0 & 0x10) !== 0,
      opcode,
      masked: this.masked,
      maskKey: this.masked ? this.maskKey : null,
      payloadLength: this.length,
      lengthBits: this.lengthBits,
      lengthMinimal: isMinimal(this.length, this.lengthBits),
      payload: kept,
      message: inMessage ? assembler.index : null,
      messageOpcode: inMessage ? assembler.opcode : 0,
      compressed: inMessage && assembler.compressed,
      close,
      violations: out.length === 0 ? NO_VIOLATIONS : out,
    };
    if (out.length > 0) this.pending = [];
    if (opcode === OPCODE.CLOSE && this.closeFrame < 0) this.closeFrame = this.frameCount;
    this.frameCount++;
    this.state = GET_HEADER;
    this.inMessage = false;
    this.dest = null;
    this.onFrame(frame);
    if (message !== null) this.onMessage?.(message);
  }

  /** A length no one can frame (RFC 6455 §5.2: the MSB must be 0; beyond 2^53 JS cannot count). */
  private stop(hi: number, lo: number, src: Uint8Array, keyAt: number, next: number): void {
    const { reason, broken } = unframeableLength(hi, lo);
    this.pending.push(broken);
    this.length = hi * TWO_POW_32 + lo;
    this.maskKey = this.masked ? readU32(src, keyAt) : 0;
    this.keep = false;
    this.inMessage = false;
    this.finishFrame(null);
    this.state = STOPPED;
    this.stoppedAt = {
      offset: this.consumed + next,
      reason: `${reason}; the following bytes cannot be framed`,
    };
  }
}
