import type { Direction, MessageEvent } from '../../../shared/model/events.js';
import type { DecoderPosition, Frame } from '../../../shared/protocol/frame.js';
import type { MessageRefBatch, WireRecord, WireStreamSetup } from '../../../shared/record/types.js';

/** One chunk of a direction's stream, as the tap hands it to the recorder: a wire record with its bytes. */
export interface WireChunk extends Omit<WireRecord, 'type' | 'base64'> {
  /** Where the decoder stood before these bytes, when a recording could start there (else null). */
  readonly resume: DecoderPosition | null;
  /** Valid only during the call: copy what you keep. */
  readonly bytes: Uint8Array;
}

/** Messages named by their connection, direction and indexes, with their events' stamp and seqs: `message-ref` lines. */
export type MessageRefs = MessageRefBatch;

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
   * Messages the wire records hold whole (uncompressed, no violations seen) that no listener wants
   * as events, those of one chunk at once: the recording stores their references without the events
   * being built. The arrays are the sink's to keep.
   */
  messageRefs(refs: MessageRefs): void;
  /**
   * Null while the sinks keep up; else resolves when they can take more (a recording whose disk
   * fell behind). Whoever controls the reading (the proxy) waits for it rather than let the
   * recording end at its memory bound.
   */
  backlog(): Promise<void> | null;
}
