import { describe, expect, it } from 'vitest';
import { emptyRowBatch, ROW_FLAG } from '../../shared/ipc/rows.js';
import { RowStore } from './row-store.js';

function batch(from: number, n: number) {
  const b = emptyRowBatch();
  for (let i = from; i < from + n; i++) {
    b.id.push(i);
    b.conn.push(1 + (i % 3));
    b.t.push(i / 10);
    b.flags.push(ROW_FLAG.FIN | 1);
    b.length.push(i * 2);
    b.extra.push(-1);
    b.preview.push(`row ${i}`);
  }
  return b;
}

describe('RowStore', () => {
  it('keeps rows by absolute index across chunks', () => {
    const store = new RowStore();
    expect(store.append(batch(0, 70_000))).toBe(0);
    expect(store.append(batch(70_000, 10))).toBe(70_000);
    expect(store.size).toBe(70_010);
    expect(store.id(65_537)).toBe(65_537);
    expect(store.preview(70_005)).toBe('row 70005');
    expect(store.conn(70_005)).toBe(1 + (70_005 % 3));
    expect(store.t(10)).toBe(1);
    expect(store.length(3)).toBe(6);
  });

  it('drops whole chunks from the front past its cap, and counts them', () => {
    const store = new RowStore(65_536);
    store.append(batch(0, 200_000));
    expect(store.dropped).toBeGreaterThan(0);
    expect(store.has(0)).toBe(false);
    expect(store.has(199_999)).toBe(true);
    expect(store.start).toBe(store.dropped);
    expect(store.id(199_999)).toBe(199_999);
    expect(store.size - store.start).toBeLessThanOrEqual(2 * 65_536);
  });
});
