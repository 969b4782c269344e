import type { Violation } from './violations.js';

/** Who wrote the bytes being decoded: clients must mask, servers must not (RFC 6455 §5.1). */
export type Sender = 'client' | 'server';

/** How the payload length was written on the wire (RFC 6455 §5.2). */
export type LengthBits = 7 | 16 | 64;

/** A Close frame's body, parsed (RFC 6455 §5.5.1). `code` is null for an empty Close. */
export interface CloseBody {
  readonly code: number | null;
  /** The reason as text; invalid UTF-8 is shown with U+FFFD and reported as a violation. */
  readonly reason: string;
}

/** One frame exactly as it crossed the wire. */
export interface Frame {
  /** 0-based position of the frame in its stream. */
  readonly index: number;
  /** Byte offset of the frame's first header byte in the stream. */
  readonly offset: number;
  readonly headerLength: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  /** The 4 masking-key bytes as a big-endian unsigned 32-bit number, or null when unmasked. */
  readonly maskKey: number | null;
  readonly payloadLength: number;
  readonly lengthBits: LengthBits;
  /** False when a shorter length encoding would have fit (a warning, not a violation). */
  readonly lengthMinimal: boolean;
  /**
   * The unmasked payload, or null when it was not kept: headers-only mode (data frames), or a
   * payload over the configured limit. May be a view of an input chunk (unless `inputReused`) or
   * of a pooled buffer: treat as read-only. The decoder never writes to it again (a full pool is
   * replaced, not recycled), so it may be kept — lazy event fields read it later — for as long as
   * the input chunk is not changed by its owner; keeping it keeps its chunk or pool alive.
   */
  readonly payload: Uint8Array | null;
  /** Index of the message this data frame belongs to; null for control frames and orphans. */
  readonly message: number | null;
  /** Opcode of that message (1 text, 2 binary); 0 when the frame belongs to none. */
  readonly messageOpcode: number;
  /** The frame is part of a permessage-deflate compressed message (RFC 7692). */
  readonly compressed: boolean;
  readonly close: CloseBody | null;
  readonly violations: readonly Violation[];
}

/** A data message reassembled from one or more frames (RFC 6455 §5.4). */
export interface Message {
  readonly index: number;
  /** 1 text, 2 binary. */
  readonly opcode: number;
  readonly firstFrame: number;
  readonly frameCount: number;
  /** Stream offset of the first frame's header. */
  readonly offset: number;
  /** Sum of the frames' payload lengths (compressed size when compressed). */
  readonly wireLength: number;
  /** Reassembled payload (still compressed when `compressed`), or null when not kept. */
  readonly payload: Uint8Array | null;
  readonly compressed: boolean;
  /** Violations that belong to the message (UTF-8, size and fragment limits). */
  readonly violations: readonly Violation[];
}

/** What is left when a stream ends: a frame cut short, an unfinished fragmented message. */
export interface StreamEnd {
  readonly bytes: number;
  readonly frames: number;
  readonly messages: number;
  /** Set when the decoder gave up because the bytes no longer frame (e.g. a 2^63 length). */
  readonly stoppedAt: { readonly offset: number; readonly reason: string } | null;
  /** Header fields of a frame the stream ended inside, when its header was complete. */
  readonly partialFrame:
    | (Pick<Frame, 'index' | 'offset' | 'opcode' | 'fin' | 'masked' | 'payloadLength' | 'lengthBits'> & {
        readonly received: number;
      })
    | null;
  readonly violations: readonly Violation[];
}

/** Limits a strict receiver enforces; the defaults match `ws` (100 MiB). */
export interface DecoderLimits {
  /** Largest frame payload kept, in bytes. Larger frames are reported (1009) and skipped. */
  readonly maxPayload: number;
  /** Largest reassembled message, in bytes (1009). */
  readonly maxMessageSize: number;
  /** Most frames in one message (1008). */
  readonly maxFragments: number;
}

/**
 * Where a decoder stands between two frames with no message in progress: enough to start another
 * decoder there (a recording begun mid-session) that numbers frames and messages the same way.
 */
export interface DecoderPosition {
  /** Stream bytes consumed. */
  readonly bytes: number;
  readonly frames: number;
  readonly messages: number;
  /** Index of the first Close frame seen, or -1. */
  readonly closeFrame: number;
}

/** Options of a FrameDecoder. */
export interface DecoderOptions extends Partial<DecoderLimits> {
  readonly sender: Sender;
  /** permessage-deflate was negotiated: RSV1 on a message's first frame means compressed. */
  readonly perMessageDeflate?: boolean;
  /**
   * Report header fields only: data payloads are neither copied, unmasked nor validated (control
   * payloads, at most 125 bytes when legal, still are, so close codes show). For relays that keep
   * raw bytes and unmask lazily with `unmask()`.
   */
  readonly headersOnly?: boolean;
  /**
   * The caller reuses or changes input chunks after `push` returns (e.g. buffers it wrote to a
   * socket): unmasked payloads are copied too, never views of a chunk (default false).
   */
  readonly inputReused?: boolean;
  /** Validate UTF-8 of text messages and close reasons (default true). */
  readonly validateUtf8?: boolean;
  /** A fast whole-buffer validator the host may provide (Node: `buffer.isUtf8`). */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
  /** Start at this position instead of the stream's beginning (see FrameDecoder.position()). */
  readonly resume?: DecoderPosition;
  readonly onFrame: (frame: Frame) => void;
  readonly onMessage?: (message: Message) => void;
}

export const DEFAULT_LIMITS: DecoderLimits = {
  maxPayload: 100 * 1024 * 1024,
  maxMessageSize: 100 * 1024 * 1024,
  maxFragments: 100_000,
};

/** The 4 key bytes of a mask key number, as 8 lowercase hex digits (`3f9a12c0`). */
export function maskKeyHex(key: number | null): string | null {
  if (key === null) return null;
  // Four table lookups: toString(16) + padStart showed in profiles at a frame per message.
  return (
    HEX_BYTES[(key >>> 24) & 0xff]! +
    HEX_BYTES[(key >>> 16) & 0xff]! +
    HEX_BYTES[(key >>> 8) & 0xff]! +
    HEX_BYTES[key & 0xff]!
  );
}

const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
