/**
 * Applies the bridge's batches at most once per animation frame (house-style rule 11: batch at
 * every boundary a stream crosses). Main pushes a batch per ≤ 16 ms, but its timer does not beat
 * with the display: two batches could land in one frame, and each would cost a store update, a
 * React commit and a layout. Queued batches are applied together just before the next paint.
 */

/** When the next flush runs: an animation frame, or a timer where there is none. */
export interface FrameScheduler {
  /** Schedules `run`; returns a function that cancels it. */
  (run: () => void): () => void;
}

/** A hidden window gets no animation frames: a timer then flushes at least this often (ms). */
export const HIDDEN_FLUSH_MS = 250;

/** requestAnimationFrame, with a timer for when no frame comes (hidden or minimized window). */
export const animationFrames: FrameScheduler = (run) => {
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    run();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, HIDDEN_FLUSH_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

/** Queues items and hands them over in one call per scheduled flush. */
export class FramePump<T> {
  private queue: T[] = [];
  private cancel: (() => void) | null = null;

  constructor(
    private readonly apply: (items: readonly T[]) => void,
    private readonly schedule: FrameScheduler = animationFrames,
  ) {}

  /** Queues an item for the next flush. */
  push(item: T): void {
    this.queue.push(item);
    this.cancel ??= this.schedule(() => this.flush());
  }

  /** Applies what is queued now (nothing when empty). */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.queue.length === 0) return;
    const items = this.queue;
    this.queue = [];
    this.apply(items);
  }
}
