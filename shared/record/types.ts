/**
 * The session recording format (docs/recording-format.md): JSON Lines, a header line, then one
 * record per line. Frames are not stored as JSON: the exact bytes each direction carried are
 * stored in `wire` records, and a reader derives the frame events from them with the same decoder
 * the live tap used, so a recording is byte-exact and cheap to write.
 */
import type { Direction, Role, SessionEvent } from '../model/events.js';
import type { DecoderPosition } from '../protocol/frame.js';

export const RECORDING_FORMAT = 'wstap-recording';
/**
 * The newest format version, the one readers read (and every older one) and the live writer
 * writes: version 2 lets a `wire` record carry its bytes raw after its line (see
 * docs/recording-format.md, "Raw wire bytes").
 */
export const RECORDING_VERSION = 2;
/** The version of a recording with JSON lines only (no raw wire bytes): what converters write. */
export const RECORDING_TEXT_VERSION = 1;

/** A connection as the header lists it (connections opened later announce themselves with `connecting`). */
export interface RecordedConnection {
  readonly conn: number;
  readonly role: Role;
  readonly url: string;
}

/** The first line of every recording. */
export interface RecordingHeader {
  readonly format: typeof RECORDING_FORMAT;
  readonly version: number;
  /** E.g. `wstap 0.1.0`. */
  readonly tool: string;
  /** Wall clock at the engine's start, ISO 8601. */
  readonly startedAt: string;
  /** The same instant in ms since the Unix epoch: an event's `wall` is `anchor + t`. */
  readonly anchor: number;
  readonly connections: readonly RecordedConnection[];
}

/**
 * Bytes one direction of a connection carried, as one read or write. The frames the live tap
 * decoded while consuming exactly these bytes (those whose last byte is in this chunk) got the
 * consecutive sequence numbers `seq` .. `seq + frames - 1` and ids `id` .. `id + frames - 1`, and
 * the time `t` of the chunk: a reader re-derives them by decoding the stream again.
 */
export interface WireRecord {
  readonly type: 'wire';
  readonly conn: number;
  readonly dir: Direction;
  /** Sequence number of the first frame completed by this chunk (the next free one when frames is 0). */
  readonly seq: number;
  /** Engine-wide id of that frame. */
  readonly id: number;
  readonly t: number;
  readonly wall: number;
  /** Offset of the chunk's first byte in this direction's WebSocket stream (after the HTTP head). */
  readonly offset: number;
  /** How many frames these bytes completed. */
  readonly frames: number;
  /** The bytes, base64. */
  readonly base64: string;
}

/** What the decoder of one direction needs to re-derive frames exactly as the tap saw them. */
export interface WireStreamSetup {
  readonly type: 'wire-setup';
  readonly conn: number;
  readonly dir: Direction;
  readonly t: number;
  readonly wall: number;
  /** Who wrote these bytes: clients mask, servers must not. */
  readonly sender: 'client' | 'server';
  readonly perMessageDeflate: boolean;
  readonly maxPayload: number;
  readonly maxMessageSize: number;
  readonly maxFragments: number;
  /**
   * Absent when the recording has this direction from its first byte. A recording started while
   * the connection was open begins at a frame boundary with no message open: the decoder resumes
   * at this position, so frames keep their live offsets and indexes.
   */
  readonly resume?: DecoderPosition;
}

/**
 * A message the wire records already hold whole — not compressed, no violation the live tap saw —
 * stored as a reference: the reader rebuilds the message event from the frames it decoded (same
 * decoder, same message; an INVALID_UTF8 a headers-only tap never looked for is found there).
 * Compressed messages and messages with violations are stored as full `message` events, their
 * (inflated) text readable in the file.
 */
export interface MessageRefRecord {
  readonly type: 'message-ref';
  readonly conn: number;
  readonly seq: number;
  readonly t: number;
  readonly wall: number;
  readonly dir: Direction;
  /** The message's index in its direction's stream. */
  readonly index: number;
}

/**
 * The message references of one wire chunk, in order: `message-ref` lines that share their
 * connection, direction and stamp (the chunk's), each with its own seq and index.
 */
export interface MessageRefBatch extends Omit<MessageRefRecord, 'type' | 'seq' | 'index'> {
  readonly seqs: readonly number[];
  readonly indexes: readonly number[];
}

/** A line after the header. `frame` events are never stored: `wire` records stand for them. */
export type RecordingLine =
  WireRecord | WireStreamSetup | MessageRefRecord | Exclude<SessionEvent, { type: 'frame' }>;
