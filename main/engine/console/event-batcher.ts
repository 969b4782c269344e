import type { EventBatch, StoreStats } from '../../../shared/ipc/contract.js';
import type { ActiveRecordingInfo, ReplayTick } from '../../../shared/ipc/recording-commands.js';
import { emptyRowBatch } from '../../../shared/ipc/rows.js';
import type { SessionEvent } from '../../../shared/model/events.js';

/** When an EventBatcher pushes. */
export interface EventBatcherOptions {
  /** Longest time the first item of a batch waits (default 16 ms). */
  readonly batchMs?: number;
  /** Rows plus events that make a batch full: it is pushed at once (default 1000). */
  readonly batchRows?: number;
  /** The counters each batch carries, read when it is pushed. */
  readonly stats: () => StoreStats;
}

/** Receives pushed batches. */
export type BatchListener = (batch: EventBatch) => void;

/**
 * Coalesces rows and events into one batch per ≤ batchMs or ≤ batchRows items (house-style rule
 * 11, hyper's 16 ms): never one push per frame. The timer runs only while a batch is waiting, so
 * an idle console costs nothing.
 */
export class EventBatcher {
  private readonly batchMs: number;
  private readonly batchRows: number;
  private rows = emptyRowBatch();
  private events: SessionEvent[] = [];
  private recordings: readonly ActiveRecordingInfo[] | undefined = undefined;
  /** The latest tick of each replay since the last push (a replay ticks per message: coalesced here). */
  private readonly replays = new Map<number, ReplayTick>();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<BatchListener>();
  private closed = false;

  constructor(private readonly options: EventBatcherOptions) {
    this.batchMs = options.batchMs ?? 16;
    this.batchRows = Math.max(1, options.batchRows ?? 1000);
  }

  /** Adds a listener; returns the function that removes it. */
  onBatch(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Adds one inspector row (columns per shared/ipc/rows.ts). */
  row(
    id: number,
    conn: number,
    t: number,
    flags: number,
    length: number,
    extra: number,
    preview: string,
  ): void {
    if (this.closed) return;
    const rows = this.rows;
    rows.id.push(id);
    rows.conn.push(conn);
    rows.t.push(t);
    rows.flags.push(flags);
    rows.length.push(length);
    rows.extra.push(extra);
    rows.preview.push(preview);
    this.added();
  }

  /** Adds one non-row event. */
  event(event: SessionEvent): void {
    if (this.closed) return;
    this.events.push(event);
    this.added();
  }

  /** The recordings under way changed: the next batch carries the list. */
  recordingsChanged(recordings: readonly ActiveRecordingInfo[]): void {
    if (this.closed) return;
    this.recordings = recordings;
    this.added();
  }

  /** A replay moved on or ended: the next batch carries its latest tick. */
  replayTick(tick: ReplayTick): void {
    if (this.closed) return;
    const waiting = this.replays.size > 0;
    this.replays.set(tick.replay, tick);
    if (tick.finished) this.flush();
    else if (!waiting) this.added();
  }

  /** Pushes what is waiting now (nothing when empty). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (
      this.rows.id.length === 0 &&
      this.events.length === 0 &&
      this.recordings === undefined &&
      this.replays.size === 0
    )
      return;
    const batch: EventBatch = {
      rows: this.rows,
      events: this.events,
      stats: this.options.stats(),
      ...(this.recordings !== undefined && { recordings: this.recordings }),
      ...(this.replays.size > 0 && { replays: [...this.replays.values()] }),
    };
    this.replays.clear();
    this.rows = emptyRowBatch();
    this.events = [];
    this.recordings = undefined;
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        process.stderr.write(`wstap: a batch listener failed: ${(error as Error).message}\n`);
      }
    }
  }

  /** Pushes what is waiting and takes nothing more. */
  close(): void {
    this.flush();
    this.closed = true;
    this.listeners.clear();
  }

  private added(): void {
    if (this.rows.id.length + this.events.length >= this.batchRows) this.flush();
    else if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.batchMs);
  }
}
