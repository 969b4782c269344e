import { invalidUtf8Detail } from './close-body.js';
import type { DecoderLimits, Message } from './frame.js';
import { OPCODE } from './opcodes.js';
import { NATIVE_UTF8_MIN, Utf8Validator } from './utf8.js';
import { NO_VIOLATIONS, violation, type Violation } from './violations.js';

/** Options the assembler shares with the decoder. */
export interface AssemblerOptions {
  readonly limits: DecoderLimits;
  readonly perMessageDeflate: boolean;
  readonly validateUtf8: boolean;
  readonly isUtf8: ((bytes: Uint8Array) => boolean) | undefined;
  /** Index of the first message (a decoder resumed mid-stream). */
  readonly firstIndex?: number;
}

/**
 * Reassembles data messages from frames (RFC 6455 §5.4): sequencing checks at each header,
 * UTF-8 validation across fragments, size and fragment-count limits, one Message per FIN.
 */
export class MessageAssembler {
  private active = false;
  /** Opcode, compression and index of the current message (valid after `begin` returned true). */
  opcode = 0;
  compressed = false;
  index = -1;
  private nextIndex = 0;
  private firstFrame = 0;
  private offset = 0;
  private frameCount = 0;
  private wireLength = 0;
  private textOffset = 0;
  // The first part on its own, so single-frame messages allocate no array.
  private first: Uint8Array | null = null;
  private parts: Uint8Array[] | null = null;
  private keepParts = true;
  private tooBig = false;
  private tooManyReported = false;
  private violations: Violation[] | null = null;
  private readonly utf8 = new Utf8Validator();

  constructor(private readonly options: AssemblerOptions) {
    this.nextIndex = options.firstIndex ?? 0;
  }

  /** Messages completed so far. */
  get completed(): number {
    return this.nextIndex - (this.active ? 1 : 0);
  }

  /** A fragmented message is waiting for its final frame. */
  get unfinished(): { readonly index: number; readonly firstFrame: number; readonly frames: number } | null {
    return this.active ? { index: this.index, firstFrame: this.firstFrame, frames: this.frameCount } : null;
  }

  /**
   * Called when a data frame's header is complete; appends sequencing and limit problems to `out`.
   * Returns false for a continuation with nothing to continue (the frame belongs to no message).
   */
  begin(
    opcode: number,
    rsv1: boolean,
    frameIndex: number,
    offset: number,
    length: number,
    keep: boolean,
    out: Violation[],
  ): boolean {
    if (opcode === OPCODE.CONTINUATION) {
      if (!this.active) {
        out.push(violation('UNEXPECTED_CONTINUATION', `frame #${frameIndex}`));
        return false;
      }
    } else {
      if (this.active) {
        out.push(
          violation(
            'EXPECTED_CONTINUATION',
            `message #${this.index} (from frame #${this.firstFrame}) never got its final frame`,
          ),
        );
      }
      this.start(opcode, rsv1 && this.options.perMessageDeflate, frameIndex, offset);
    }
    this.frameCount++;
    this.wireLength += length;
    const { maxFragments, maxMessageSize } = this.options.limits;
    if (this.frameCount > maxFragments && !this.tooManyReported) {
      this.tooManyReported = true;
      this.flag(out, violation('TOO_MANY_FRAGMENTS', `more than ${maxFragments} frames`));
    }
    if (this.wireLength > maxMessageSize && !this.tooBig) {
      this.tooBig = true;
      this.flag(out, violation('MESSAGE_TOO_BIG', `${this.wireLength} bytes so far, limit ${maxMessageSize}`));
    }
    if (!keep || this.tooBig) this.dropParts();
    return true;
  }

  /**
   * Called when that frame's payload is complete; returns the Message when `fin` ends it.
   * `ascii`: the decoder saw while unmasking that every byte is below 0x80.
   */
  finish(payload: Uint8Array | null, fin: boolean, ascii: boolean, out: Violation[]): Message | null {
    if (payload !== null && this.keepParts) {
      if (this.first === null) this.first = payload;
      else (this.parts ??= [this.first]).push(payload);
    } else {
      this.dropParts();
    }
    if (this.opcode === OPCODE.TEXT && !this.compressed && payload !== null && this.options.validateUtf8) {
      this.checkUtf8(payload, fin, ascii, out);
    }
    if (!fin) return null;
    const message: Message = {
      index: this.index,
      opcode: this.opcode,
      firstFrame: this.firstFrame,
      frameCount: this.frameCount,
      offset: this.offset,
      wireLength: this.wireLength,
      payload: !this.keepParts ? null : this.parts === null ? this.first : join(this.parts, this.wireLength),
      compressed: this.compressed,
      violations: this.violations ?? NO_VIOLATIONS,
    };
    this.active = false;
    this.first = null;
    this.parts = null;
    return message;
  }

  private start(opcode: number, compressed: boolean, frameIndex: number, offset: number): void {
    this.active = true;
    this.opcode = opcode;
    this.compressed = compressed;
    this.index = this.nextIndex++;
    this.firstFrame = frameIndex;
    this.offset = offset;
    this.frameCount = 0;
    this.wireLength = 0;
    this.textOffset = 0;
    this.first = null;
    this.parts = null;
    this.keepParts = true;
    this.tooBig = false;
    this.tooManyReported = false;
    this.violations = null;
    this.utf8.reset();
  }

  private checkUtf8(payload: Uint8Array, fin: boolean, ascii: boolean, out: Violation[]): void {
    if (this.utf8.failed) return;
    const base = this.textOffset;
    this.textOffset += payload.length;
    // ASCII on a code point boundary stays on one: valid, nothing to scan.
    if (ascii && this.utf8.complete) return;
    // A whole, large message in one frame: let the host's native validator vouch for it first
    // (for small ones the call costs more than the JS fast path).
    const isUtf8 = this.options.isUtf8;
    if (fin && base === 0 && payload.length > NATIVE_UTF8_MIN && isUtf8 !== undefined && isUtf8(payload)) return;
    const bad = this.utf8.push(payload);
    if (bad >= 0) {
      this.flag(out, violation('INVALID_UTF8', invalidUtf8Detail(payload, bad, 'frame') + ` (message offset ${base + bad})`));
    } else if (fin && !this.utf8.complete) {
      this.flag(out, violation('INVALID_UTF8', 'the message ends inside a multi-byte sequence'));
    }
  }

  private flag(out: Violation[], v: Violation): void {
    out.push(v);
    (this.violations ??= []).push(v);
  }

  private dropParts(): void {
    this.keepParts = false;
    this.first = null;
    this.parts = null;
  }
}

function join(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
