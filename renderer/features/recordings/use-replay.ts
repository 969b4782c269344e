/**
 * A replay's progress as main pushes it in the event batches (`replays`: coalesced to the latest
 * per batch), and its report fetched once when it ends. No polling.
 */
import { useEffect, useState } from 'react';
import type { ReplayProgress, ReplayTick } from '../../../shared/ipc/recording-commands.js';
import { command } from '../../bridge/commands.js';
import type { ConsoleModel } from '../../store/console-store.js';

/** The progress after a tick of this replay (null: the tick is another replay's). */
export function applyTick(progress: ReplayProgress, tick: ReplayTick): ReplayProgress | null {
  if (tick.replay !== progress.replay || progress.finished) return null;
  // The report comes with `recording.replayStatus`: a finished tick alone does not finish the view.
  return { ...progress, done: tick.done, total: tick.total };
}

/** A fetched status, unless it is older than what ticks already showed. */
export function newer(shown: ReplayProgress | null, fetched: ReplayProgress): ReplayProgress {
  if (shown === null || fetched.finished || shown.replay !== fetched.replay) return fetched;
  return fetched.done >= shown.done ? fetched : { ...fetched, done: shown.done, total: shown.total };
}

/** The latest progress of `start` (null until a replay is started), following the pushed ticks. */
export function useReplayProgress(model: ConsoleModel, start: ReplayProgress | null): ReplayProgress | null {
  const [progress, setProgress] = useState<ReplayProgress | null>(start);
  useEffect(() => {
    setProgress(start);
    if (start === null || start.finished) return;
    let stopped = false;
    let fetching = false;
    let again = false;
    // One request at a time; a finished tick during one asks again after it (its answer may predate the end).
    const fetchStatus = async (): Promise<void> => {
      if (fetching) {
        again = true;
        return;
      }
      fetching = true;
      do {
        again = false;
        const status = await command(model, 'recording.replayStatus', { replay: start.replay });
        if (!stopped && status !== null) setProgress((p) => newer(p, status));
      } while (again && !stopped);
      fetching = false;
    };
    const off = model.bridge.onBatch((batch) => {
      const tick = batch.replays?.find((t) => t.replay === start.replay);
      if (tick === undefined || stopped) return;
      if (tick.finished) void fetchStatus();
      else setProgress((p) => (p === null ? p : (applyTick(p, tick) ?? p)));
    });
    // A replay that ended before this listener existed: ask once.
    void fetchStatus();
    return () => {
      stopped = true;
      off();
    };
  }, [model, start]);
  return progress;
}

/** The progress bar's share, 0..1 (1 once finished, whatever the counts). */
export function progressShare(progress: Pick<ReplayProgress, 'done' | 'total' | 'finished'>): number {
  if (progress.finished) return 1;
  if (progress.total <= 0) return 0;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}
