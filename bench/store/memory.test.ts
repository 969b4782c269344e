import { describe, expect, it } from 'vitest';
import { fill, framePool, MEMORY_CONTESTANTS, objectsBaseline, referee, type Keeper } from './memory.js';

// The memory bench's inputs and referee, checked without measuring anything.
const pool = framePool(256, 7);

describe('bench/store/memory', () => {
  it('decodes a pool of distinct frames', () => {
    expect(pool).toHaveLength(256);
    expect(new Set(pool.map((f) => f.payloadLength)).size).toBeGreaterThan(50);
  });

  for (const contestant of MEMORY_CONTESTANTS) {
    it(`${contestant.id} gives back every sampled summary`, async () => {
      const keeper = contestant.create();
      fill(keeper, pool, 5_000);
      expect(referee(keeper, pool, 5_000)).toEqual([]);
      await keeper.close();
    });
  }

  it('the referee catches a keeper that gets a field wrong', () => {
    const honest = objectsBaseline.create();
    const liar: Keeper = {
      ...honest,
      get: (id) => (id === 4_999 ? { ...honest.get(id)!, seq: -1 } : honest.get(id)),
    };
    fill(liar, pool, 5_000);
    expect(referee(liar, pool, 5_000)).toEqual([4_999]);
  });
});
