/** The detail of an opened row: from the cache, else fetched from main (only now, never ahead). */
import { useEffect, useState } from 'react';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import type { BridgeError, Result } from '../../../shared/ipc/result.js';
import { useModel } from '../../store/use-console.js';
import { detailCacheOf, detailKey, loadDetail, type LoadedDetail } from './detail-cache.js';

/** Delay before a fetch (ms): rows stepped past quickly are never fetched. */
const FETCH_DELAY_MS = 60;

/** Where the fetch of a detail is. */
export type DetailState =
  | { readonly status: 'loading' }
  | { readonly status: 'gone' }
  | { readonly status: 'error'; readonly error: BridgeError }
  | { readonly status: 'ok'; readonly loaded: LoadedDetail };

/** The detail of absolute row `row`, and a retry for a failed fetch. */
export function useRowDetail(row: number): {
  readonly state: DetailState;
  /** Cache key (`frame:12`), null when the row is gone. */
  readonly key: string | null;
  retry(): void;
} {
  const model = useModel();
  const rows = model.rows;
  const kind: 'frame' | 'message' | null = !rows.has(row)
    ? null
    : (rows.flags(row) & ROW_FLAG.MESSAGE) !== 0
      ? 'message'
      : 'frame';
  const id = kind === null ? -1 : rows.id(row);
  const key = kind === null ? null : detailKey(kind, id);
  const cache = detailCacheOf(model.bridge);
  const cached = key === null ? undefined : cache.get(key);
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{
    readonly key: string;
    readonly attempt: number;
    readonly result: Result<LoadedDetail>;
  } | null>(null);

  useEffect(() => {
    if (kind === null || key === null || cache.get(key) !== undefined) return;
    let live = true;
    // A short wait, so holding ↓ with the pane open asks main only for the row it stops on.
    const timer = setTimeout(() => {
      void loadDetail(model.bridge, kind, id).then((result) => {
        if (result.ok) cache.set(key, result.value);
        if (live) setAnswer({ key, attempt, result });
      });
    }, FETCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [model, cache, kind, id, key, attempt]);

  let state: DetailState;
  if (key === null) state = { status: 'gone' };
  else if (cached !== undefined) state = { status: 'ok', loaded: cached };
  else if (answer !== null && answer.key === key && answer.attempt === attempt)
    state = answer.result.ok
      ? { status: 'ok', loaded: answer.result.value }
      : { status: 'error', error: answer.result.error };
  else state = { status: 'loading' };
  return { state, key, retry: () => setAttempt((n) => n + 1) };
}
