/**
 * The frame index of a console model: created on first use, then kept current by a store
 * subscription (one incremental update per batch, whether or not the timeline is on screen).
 */
import { useEffect, useState } from 'react';
import type { ConsoleModel } from '../../store/console-store.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { FrameIndex } from './frame-index.js';

const indexes = new WeakMap<ConsoleModel, FrameIndex>();

/** The model's index, counting every row still retained when first asked for. */
export function frameIndexOf(model: ConsoleModel): FrameIndex {
  let index = indexes.get(model);
  if (index === undefined) {
    const created = new FrameIndex();
    created.update(model.rows);
    model.store.subscribe((state, previous) => {
      if (state.rowsVersion !== previous.rowsVersion) created.update(model.rows);
    });
    indexes.set(model, created);
    index = created;
  }
  return index;
}

/** The index and the rows version it reflects (re-renders once per batch). */
export function useFrameIndex(): { readonly index: FrameIndex; readonly version: number } {
  const model = useModel();
  const version = useConsole((s) => s.rowsVersion);
  const index = frameIndexOf(model);
  // Idempotent: catches up if this render runs before the subscription saw the batch.
  index.update(model.rows);
  return { index, version };
}

/** Date.now(), refreshed every `everyMs` while `live` (lanes of open connections grow with it). */
export function useWallNow(live: boolean, everyMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [live, everyMs]);
  return now;
}
