import { describe, expect, it } from 'vitest';
import type { Channel, FrameDetail, Input, WstapBridge } from '../../../shared/ipc/contract.js';
import { fail, ok } from '../../../shared/ipc/result.js';
import { detailCacheOf, detailKey, loadDetail, Lru } from './detail-cache.js';

describe('Lru', () => {
  it('lets the least recently used entry go past its capacity', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });
});

/** A bridge that answers frames.detail for id 7 and fails everything else. */
function fakeBridge(calls: string[]): WstapBridge {
  const frame = { id: 7 } as unknown as FrameDetail;
  return {
    async call<C extends Channel>(channel: C, input: Input<C>) {
      calls.push(`${channel} ${JSON.stringify(input)}`);
      if (channel === 'frames.detail' && (input as { id: number }).id === 7) return ok(frame) as never;
      return fail('UNKNOWN_MESSAGE', 'no stored message has that id') as never;
    },
    onBatch: () => () => undefined,
  };
}

describe('loadDetail', () => {
  it('asks the channel of the row kind and keeps the error', async () => {
    const calls: string[] = [];
    const bridge = fakeBridge(calls);
    const frame = await loadDetail(bridge, 'frame', 7);
    expect(frame).toEqual({ ok: true, value: { kind: 'frame', detail: { id: 7 } } });
    const message = await loadDetail(bridge, 'message', 3);
    expect(message).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_MESSAGE', message: 'no stored message has that id' },
    });
    expect(calls).toEqual(['frames.detail {"id":7}', 'messages.detail {"id":3}']);
  });

  it('keeps one cache per bridge, frame and message ids apart', () => {
    const bridge = fakeBridge([]);
    expect(detailCacheOf(bridge)).toBe(detailCacheOf(bridge));
    expect(detailCacheOf(fakeBridge([]))).not.toBe(detailCacheOf(bridge));
    expect(detailKey('frame', 1)).not.toBe(detailKey('message', 1));
  });
});

describe('loadDetail on a failing transport', () => {
  it('turns a rejection into an error Result', async () => {
    const bridge: WstapBridge = {
      call: () => Promise.reject(new Error('socket closed')),
      onBatch: () => () => undefined,
    };
    expect(await loadDetail(bridge, 'frame', 1)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'socket closed' },
    });
  });
});
