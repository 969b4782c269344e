/**
 * Details (header fields + payload) are fetched from main only when a row is opened, and the last
 * few are kept so stepping back and forth through rows does not ask again.
 */
import type { FrameDetail, MessageDetail, WstapBridge } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';

/** Details the pane keeps. */
export const DETAIL_CACHE_SIZE = 50;

/** A fetched detail, tagged with its kind. */
export type LoadedDetail =
  | { readonly kind: 'frame'; readonly detail: FrameDetail }
  | { readonly kind: 'message'; readonly detail: MessageDetail };

/** A small least-recently-used map (a Map keeps insertion order: re-inserting marks use). */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value, marked as just used. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /** Stores a value, letting the least recently used go past the capacity. */
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done === true) break;
      this.map.delete(oldest.value);
    }
  }

  get size(): number {
    return this.map.size;
  }
}

/** Cache key of a row's detail: frame and message ids are separate spaces. */
export const detailKey = (kind: 'frame' | 'message', id: number): string => `${kind}:${id}`;

const caches = new WeakMap<WstapBridge, Lru<string, LoadedDetail>>();

/** The detail cache of one bridge (one per window). */
export function detailCacheOf(bridge: WstapBridge): Lru<string, LoadedDetail> {
  let cache = caches.get(bridge);
  if (cache === undefined) {
    cache = new Lru(DETAIL_CACHE_SIZE);
    caches.set(bridge, cache);
  }
  return cache;
}

/**
 * Asks main for a frame's or message's detail. The Result is kept (not only sent to the status bar
 * as `command()` does) because the pane shows the error where the payload would be.
 */
export async function loadDetail(
  bridge: WstapBridge,
  kind: 'frame' | 'message',
  id: number,
): Promise<Result<LoadedDetail>> {
  try {
    if (kind === 'frame') {
      const result = await bridge.call('frames.detail', { id });
      return result.ok ? { ok: true, value: { kind, detail: result.value } } : result;
    }
    const result = await bridge.call('messages.detail', { id });
    return result.ok ? { ok: true, value: { kind, detail: result.value } } : result;
  } catch (error) {
    // The contract never rejects; a transport that does anyway still gets a message, not a stack.
    return {
      ok: false,
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    };
  }
}
