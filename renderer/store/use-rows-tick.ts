/**
 * Counters people read ("N of M rows", "12 new", frames kept) need not follow every batch: applied
 * once per animation frame, they re-rendered their components, re-laid out the toolbar and the
 * status bar and repainted them 60 times a second. Transient updates (zustand `subscribe`) feed
 * them at a pace people can read instead; the last value always shows.
 */
import { useEffect, useState } from 'react';
import type { ConsoleStore } from './console-store.js';
import { useModel } from './use-console.js';

/** How often live counters refresh while rows arrive (ms). */
export const METER_MS = 200;

/**
 * Calls `show` with the store's rows version when it changes, at most once per `everyMs`: at once
 * when the last call is that old, else when it will be (so the last version is always shown).
 * Returns the function that stops it.
 */
export function meterRowsVersion(
  store: ConsoleStore,
  everyMs: number,
  show: (version: number) => void,
): () => void {
  let shownAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    timer = null;
    shownAt = Date.now();
    show(store.getState().rowsVersion);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.rowsVersion === previous.rowsVersion || timer !== null) return;
    const wait = shownAt + everyMs - Date.now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}

/**
 * The rows version, changing at most every `everyMs`: a component that calls this re-renders at
 * that pace and reads its counters from `store.getState()`.
 */
export function useRowsTick(everyMs = METER_MS): number {
  const { store } = useModel();
  const [version, setVersion] = useState(() => store.getState().rowsVersion);
  useEffect(() => {
    // A batch may have landed between the first render and this effect.
    setVersion(store.getState().rowsVersion);
    return meterRowsVersion(store, everyMs, setVersion);
  }, [store, everyMs]);
  return version;
}
