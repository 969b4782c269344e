import type { Direction, MessageEvent, SessionEvent } from '../../shared/model/events.js';
import type { Frame } from '../../shared/protocol/frame.js';
import type { WireStreamSetup } from '../../shared/record/types.js';
import type { RecordingScope } from './recording-scope.js';
import type { MessageRefs, WireChunk, WireSink } from './tap/sinks.js';

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
  messageRefs(refs: MessageRefs): void;
  /** Null while it keeps up; else resolves when it can take more (a file behind its disk). */
  backlog?(): Promise<void> | null;
}

/** A recording fed by the sink, with what it keeps and the streams it joined mid-way. */
interface Attached {
  readonly sink: RecordingSink;
  /** Null: every connection. */
  readonly scope: RecordingScope | null;
  /** Streams it joined mid-way: recorded from the next chunk that starts between frames. */
  readonly joining: Set<string>;
}

/**
 * Fans the tap's output out to the frame store and the recordings under way (several at once,
 * each of every connection or of a scope), and numbers frames engine-wide. Ids are the engine's:
 * the store numbers frames in the same order and only drops at its cap, so a stored frame's id is
 * the store's id.
 */
export class EngineSink implements WireSink {
  private nextId = 0;
  private recordings: readonly Attached[] = [];
  /** The one `record()` sets. */
  private primary: Attached | null = null;
  /** Setups of streams still open, so a recording started mid-session can decode them. */
  private readonly setups = new Map<string, WireStreamSetup>();

  constructor(private readonly frames: FrameSink | null) {}

  /** Starts (or, with null, stops) feeding the engine-wide recording `record` manages. */
  record(recording: RecordingSink | null): void {
    if (this.primary !== null) this.detach(this.primary);
    this.primary = recording === null ? null : this.add(recording, null);
  }

  /** Feeds a recording, of everything or of a scope, besides any other; returns its detacher. */
  attach(recording: RecordingSink, scope: RecordingScope | null): () => void {
    const attached = this.add(recording, scope);
    return () => this.detach(attached);
  }

  setup(setup: WireStreamSetup): void {
    this.setups.set(`${setup.conn}:${setup.dir}`, setup);
    for (const r of this.recordings) if (r.scope === null || r.scope.has(setup.conn)) r.sink.setup(setup);
  }

  bytes(conn: number, dir: Direction, offset: number, bytes: Uint8Array): void {
    this.frames?.appendWire(conn, dir, offset, bytes);
  }

  frame(conn: number, seq: number, dir: Direction, t: number, frame: Frame): number {
    this.frames?.add(conn, seq, dir, t, frame);
    return this.nextId++;
  }

  get wantsChunks(): boolean {
    return this.recordings.length > 0;
  }

  chunk(chunk: WireChunk): void {
    for (const r of this.recordings) {
      if (r.scope !== null && !r.scope.has(chunk.conn)) continue;
      if (r.joining.size > 0) {
        const key = `${chunk.conn}:${chunk.dir}`;
        if (r.joining.has(key)) {
          const setup = this.setups.get(key);
          // Mid-frame or mid-message: a decoder starting here would misread; wait for a clean start.
          if (!setup || chunk.resume === null) continue;
          r.joining.delete(key);
          r.sink.setup({ ...setup, t: chunk.t, wall: chunk.wall, resume: chunk.resume });
        }
      }
      r.sink.wire(chunk);
    }
  }

  message(event: MessageEvent): void {
    for (const r of this.recordings) if (r.scope === null || r.scope.has(event.conn)) r.sink.event(event);
  }

  messageRefs(refs: MessageRefs): void {
    for (const r of this.recordings) if (r.scope === null || r.scope.has(refs.conn)) r.sink.messageRefs(refs);
  }

  backlog(): Promise<void> | null {
    const recordings = this.recordings;
    if (recordings.length === 0) return null;
    if (recordings.length === 1) return recordings[0]!.sink.backlog?.() ?? null;
    const waits = recordings.map((r) => r.sink.backlog?.() ?? null).filter((w) => w !== null);
    return waits.length === 0 ? null : Promise.all(waits).then(() => undefined);
  }

  /**
   * Every published event but frames and messages: the recording gets those from the tap (wire
   * chunks, `message`, `messageRefs`), also when no listener wants them as events.
   */
  event(event: SessionEvent): void {
    if (event.type === 'closed') {
      this.setups.delete(`${event.conn}:in`);
      this.setups.delete(`${event.conn}:out`);
    }
    for (const r of this.recordings) {
      if (r.scope !== null) {
        r.scope.observe(event);
        if (!r.scope.has(event.conn)) continue;
      }
      if (event.type !== 'frame' && event.type !== 'message') r.sink.event(event);
    }
  }

  private add(sink: RecordingSink, scope: RecordingScope | null): Attached {
    const joining = new Set<string>();
    for (const key of this.setups.keys())
      if (scope === null || scope.has(Number(key.slice(0, key.indexOf(':'))))) joining.add(key);
    const attached: Attached = { sink, scope, joining };
    this.recordings = [...this.recordings, attached];
    return attached;
  }

  private detach(attached: Attached): void {
    this.recordings = this.recordings.filter((r) => r !== attached);
    if (this.primary === attached) this.primary = null;
  }
}
