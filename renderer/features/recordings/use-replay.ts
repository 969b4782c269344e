/** Polls a replay's progress until it finishes (progress bar and report), and stops polling on unmount. */
import { useEffect, useState } from 'react';
import type { ReplayProgress } from '../../../shared/ipc/recording-commands.js';
import { command } from '../../bridge/commands.js';
import type { ConsoleModel } from '../../store/console-store.js';

/** How often a running replay is asked how it goes. */
export const POLL_MS = 150;

/** The latest progress of `start` (null until a replay is started), polled while it runs. */
export function useReplayProgress(model: ConsoleModel, start: ReplayProgress | null): ReplayProgress | null {
  const [progress, setProgress] = useState<ReplayProgress | null>(start);
  useEffect(() => {
    setProgress(start);
    if (start === null || start.finished) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      const next = await command(model, 'recording.replayStatus', { replay: start.replay });
      if (stopped || next === null) return;
      setProgress(next);
      if (!next.finished) timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
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
