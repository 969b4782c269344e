import type { Direction, MessageEvent } from '../../../shared/model/events.js';
import type { DecoderPosition, Frame } from '../../../shared/protocol/frame.js';
import type { MessageRefRecord, WireRecord, WireStreamSetup } from '../../../shared/record/types.js';

/** One chunk of a direction's stream, as the tap hands it to the recorder: a wire record with its bytes. */
export interface WireChunk extends Omit<WireRecord, 'type' | 'base64'> {
  /** Where the decoder stood before these bytes, when a recording could start there (else null). */
  readonly resume: DecoderPosition | null;
  /** Valid only during the call: copy what you keep. */
  readonly bytes: Uint8Array;
}

/** A message named by its connection, direction and index, with its event's stamp: a `message-ref` line's fields. */
export type MessageRef = Omit<MessageRefRecord, 'type'>;

/** Where tapped bytes go besides the event stream: the recorder and the frame store. */
export interface WireSink {
  setup(setup: WireStreamSetup): void;
  /** Bytes before they are decoded (the frame store needs them to serve payloads later). */
  bytes(conn: number, dir: Direction, offset: number, bytes: Uint8Array): void;
  /** A frame as decoded; returns its engine-wide id. The Frame is valid only during the call. */
  frame(conn: number, seq: number, dir: Direction, t: number, frame: Frame): number;
  /** Whether `chunk` wants to be called (a recording is on): the tap builds chunks only then. */
  readonly wantsChunks: boolean;
  /** The chunk after decoding, with the seq/id range its frames took. */
  chunk(chunk: WireChunk): void;
  /**
   * A message event, for the recording (called only while `wantsChunks`), before listeners get
   * it: message events reach the recording this way, not through the listeners.
   */
  message(event: MessageEvent): void;
  /**
   * A message the wire records hold whole (uncompressed, no violations seen) that no listener wants as
   * an event: the recording stores its reference without the event being built.
   */
  messageRef(ref: MessageRef): void;
  /**
   * Null while the sinks keep up; else resolves when they can take more (a recording whose disk
   * fell behind). Whoever controls the reading (the proxy) waits for it rather than let the
   * recording end at its memory bound.
   */
  backlog(): Promise<void> | null;
}
