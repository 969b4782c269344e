import type { Direction, SessionEvent } from '../../shared/model/events.js';
import type { MessageRefRecord, WireStreamSetup } from '../../shared/record/types.js';
import type { RecordingSink } from './engine-sink.js';
import type { Engine } from './engine.js';
import type { MessageRefs, WireChunk } from './tap/sinks.js';

type Of<T extends SessionEvent['type']> = Extract<SessionEvent, { type: T }>;

/** Every event an engine publishes, with event-driven waits. */
export class EventLog {
  readonly events: SessionEvent[] = [];
  private waiters: { test: (e: SessionEvent) => boolean; resolve: (e: SessionEvent) => void }[] = [];

  constructor(engine: Engine) {
    engine.subscribe((event) => {
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(event)) return true;
        w.resolve(event);
        return false;
      });
    });
  }

  /** Events of one type (optionally of one connection). */
  of<T extends SessionEvent['type']>(type: T, conn?: number): Of<T>[] {
    return this.events.filter((e): e is Of<T> => e.type === type && (conn === undefined || e.conn === conn));
  }

  /** The first event (past or future) of `type` that passes `test`; rejects after `timeoutMs`. */
  waitFor<T extends SessionEvent['type']>(
    type: T,
    test: (e: Of<T>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Of<T>> {
    const match = (e: SessionEvent): e is Of<T> => e.type === type && test(e as Of<T>);
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no ${type} event within ${timeoutMs} ms; saw: ${this.events.map((e) => e.type).join(', ')}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        test: match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Of<T>);
        },
      });
    });
  }

  /** Types in order, for timeline assertions. */
  types(conn?: number): string[] {
    return this.events.filter((e) => conn === undefined || e.conn === conn).map((e) => e.type);
  }
}

/** A recording sink that keeps everything in memory: the wire bytes per direction, setups, events. */
export class MemoryRecording implements RecordingSink {
  readonly setups: WireStreamSetup[] = [];
  readonly chunks: (Omit<WireChunk, 'bytes'> & { bytes: Uint8Array })[] = [];
  readonly events: SessionEvent[] = [];
  /** Messages recorded as references, with no event built (no listener wanted one). */
  readonly refs: Omit<MessageRefRecord, 'type'>[] = [];

  setup(setup: WireStreamSetup): void {
    this.setups.push(setup);
  }
  wire(chunk: WireChunk): void {
    this.chunks.push({ ...chunk, bytes: chunk.bytes.slice() });
  }
  event(event: SessionEvent): void {
    this.events.push(event);
  }
  messageRefs({ seqs, indexes, ...stamp }: MessageRefs): void {
    seqs.forEach((seq, i) => this.refs.push({ ...stamp, seq, index: indexes[i] as number }));
  }

  /** Every byte one direction of a connection carried after the HTTP head. */
  stream(conn: number, dir: Direction): Buffer {
    return Buffer.concat(this.chunks.filter((c) => c.conn === conn && c.dir === dir).map((c) => c.bytes));
  }
}
