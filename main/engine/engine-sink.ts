import type { Direction, MessageEvent, SessionEvent } from '../../shared/model/events.js';
import type { Frame } from '../../shared/protocol/frame.js';
import type { WireStreamSetup } from '../../shared/record/types.js';
import type { MessageRef, WireChunk, WireSink } from './tap/sinks.js';

/** The frame store, as the engine feeds it. */
export interface FrameSink {
  appendWire(conn: number, dir: Direction, streamOffset: number, bytes: Uint8Array): void;
  /** Returns the frame's id, or -1 when the store is full (it counts the drop). */
  add(conn: number, seq: number, dir: Direction, t: number, frame: Frame): number;
}

/** A recording, as the engine feeds it. */
export interface RecordingSink {
  setup(setup: WireStreamSetup): void;
  wire(chunk: WireChunk): void;
  /** Every event; a recording skips `frame` events (wire chunks stand for them). */
  event(event: SessionEvent): void;
  /** A reference to a message the wire records hold whole, for which no event was built. */
  messageRef(ref: MessageRef): void;
  /** Null while it keeps up; else resolves when it can take more (a file behind its disk). */
  backlog?(): Promise<void> | null;
}

/**
 * Fans the tap's output out to the frame store and the current recording, and numbers frames
 * engine-wide. Ids are the engine's: the store numbers frames in the same order and only drops
 * at its cap, so a stored frame's id is the store's id.
 */
export class EngineSink implements WireSink {
  private nextId = 0;
  private recording: RecordingSink | null = null;
  /** Setups of streams still open, so a recording started mid-session can decode them. */
  private readonly setups = new Map<string, WireStreamSetup>();
  /** Streams a recording joined mid-way: recorded from the next chunk that starts between frames. */
  private readonly joining = new Set<string>();

  constructor(private readonly frames: FrameSink | null) {}

  /** Starts (or, with null, stops) feeding a recording. */
  record(recording: RecordingSink | null): void {
    this.recording = recording;
    this.joining.clear();
    if (recording) for (const key of this.setups.keys()) this.joining.add(key);
  }

  setup(setup: WireStreamSetup): void {
    this.setups.set(`${setup.conn}:${setup.dir}`, setup);
    this.recording?.setup(setup);
  }

  bytes(conn: number, dir: Direction, offset: number, bytes: Uint8Array): void {
    this.frames?.appendWire(conn, dir, offset, bytes);
  }

  frame(conn: number, seq: number, dir: Direction, t: number, frame: Frame): number {
    this.frames?.add(conn, seq, dir, t, frame);
    return this.nextId++;
  }

  get wantsChunks(): boolean {
    return this.recording !== null;
  }

  chunk(chunk: WireChunk): void {
    const recording = this.recording;
    if (!recording) return;
    const key = `${chunk.conn}:${chunk.dir}`;
    if (this.joining.has(key)) {
      const setup = this.setups.get(key);
      // Mid-frame or mid-message: a decoder starting here would misread; wait for a clean start.
      if (!setup || chunk.resume === null) return;
      this.joining.delete(key);
      recording.setup({ ...setup, t: chunk.t, wall: chunk.wall, resume: chunk.resume });
    }
    recording.wire(chunk);
  }

  message(event: MessageEvent): void {
    this.recording?.event(event);
  }

  messageRef(ref: MessageRef): void {
    this.recording?.messageRef(ref);
  }

  backlog(): Promise<void> | null {
    return this.recording?.backlog?.() ?? null;
  }

  /**
   * Every published event but frames and messages: the recording gets those from the tap (wire
   * chunks, `message`, `messageRef`), also when no listener wants them as events.
   */
  event(event: SessionEvent): void {
    if (event.type === 'closed') {
      this.setups.delete(`${event.conn}:in`);
      this.setups.delete(`${event.conn}:out`);
    }
    if (event.type !== 'frame' && event.type !== 'message') this.recording?.event(event);
  }
}
