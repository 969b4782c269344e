import { describe, expect, it } from 'vitest';
import { ChunkPool } from './chunk-pool.js';

describe('ChunkPool', () => {
  it('reuses only chunks older than the first unwritten byte, and only of the usual size', () => {
    const pool = new ChunkPool(1024, 2);
    const a = pool.allocate(1024);
    const big = pool.allocate(4096);
    const b = pool.allocate(1024);
    const c = pool.allocate(1024);
    // b's tail is the first unwritten byte: a and big are on disk, b and c are not.
    pool.written(b.subarray(512));
    const d = pool.allocate(1024);
    expect(d.buffer).toBe(a.buffer);
    const e = pool.allocate(1024);
    for (const live of [b, c, d]) expect(e.buffer).not.toBe(live.buffer);
    expect(e.buffer).not.toBe(big.buffer);
    // Everything before e: b, c and d are free; at most two are kept.
    pool.written(e);
    const reused = [pool.allocate(1024), pool.allocate(1024), pool.allocate(1024)].map((x) => x.buffer);
    expect(reused.filter((x) => [b.buffer, c.buffer, d.buffer].includes(x))).toHaveLength(2);
    expect(pool.allocate(100).length).toBe(100);
  });
});
