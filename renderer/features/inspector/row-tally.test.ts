import { describe, expect, it } from 'vitest';
import { emptyRowBatch, ROW_FLAG } from '../../../shared/ipc/rows.js';
import { RowStore } from '../../store/row-store.js';
import { RowTally, tallyOf } from './row-tally.js';

/** A batch of `n` rows, every `every`-th a message row, times from `t0`. */
function batch(n: number, every: number, t0 = 0) {
  const b = emptyRowBatch();
  for (let i = 0; i < n; i++) {
    b.id.push(i);
    b.conn.push(1);
    b.t.push(t0 + i);
    b.flags.push(i % every === 0 ? 0x1 | ROW_FLAG.MESSAGE : 0x1);
    b.length.push(1);
    b.extra.push(0);
    b.preview.push('');
  }
  return b;
}

describe('RowTally', () => {
  it('counts frame and message rows incrementally and keeps the first row time', () => {
    const rows = new RowStore();
    const tally = new RowTally();
    tally.update(rows);
    expect([tally.frames, tally.messages, tally.origin]).toEqual([0, 0, null]);
    rows.append(batch(10, 5, 100));
    tally.update(rows);
    expect([tally.frames, tally.messages, tally.origin]).toEqual([8, 2, 100]);
    rows.append(batch(5, 5, 500));
    tally.update(rows);
    tally.update(rows);
    expect([tally.frames, tally.messages, tally.origin]).toEqual([12, 3, 100]);
  });

  it('subtracts the blocks the store dropped', () => {
    const rows = new RowStore(1);
    const tally = tallyOf(rows);
    rows.append(batch(65_536, 4));
    tallyOf(rows);
    expect(tally.messages).toBe(16_384);
    rows.append(batch(65_536, 2));
    tallyOf(rows);
    expect(rows.start).toBe(65_536);
    expect([tally.frames, tally.messages]).toEqual([32_768, 32_768]);
    expect(tallyOf(rows)).toBe(tally);
  });

  it('counts batches that straddle a block boundary', () => {
    const rows = new RowStore();
    const tally = new RowTally();
    rows.append(batch(50_000, 3));
    tally.update(rows);
    rows.append(batch(50_000, 3));
    tally.update(rows);
    const messages = Math.ceil(50_000 / 3) * 2;
    expect([tally.messages, tally.frames]).toEqual([messages, 100_000 - messages]);
  });
});
