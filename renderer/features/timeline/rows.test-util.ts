/** Builds RowStores for the timeline's tests: frames and messages of given connections and times. */
import { emptyRowBatch, ROW_FLAG } from '../../../shared/ipc/rows.js';
import { RowStore } from '../../store/row-store.js';

/** One row to add. */
export interface TestRow {
  readonly conn: number;
  readonly t: number;
  readonly dir?: 'in' | 'out';
  readonly message?: boolean;
  /** Default true. */
  readonly fin?: boolean;
  readonly opcode?: number;
  readonly length?: number;
}

/** A RowStore holding `rows` in order. */
export function rowStoreOf(rows: readonly TestRow[], maxRows?: number): RowStore {
  const store = new RowStore(maxRows);
  appendRows(store, rows);
  return store;
}

/** Appends rows as one batch. */
export function appendRows(store: RowStore, rows: readonly TestRow[]): void {
  const b = emptyRowBatch();
  rows.forEach((r, i) => {
    b.id.push(store.size + i);
    b.conn.push(r.conn);
    b.t.push(r.t);
    b.flags.push((r.opcode ?? 1) | (r.fin === false ? 0 : ROW_FLAG.FIN) | (r.dir === 'in' ? ROW_FLAG.IN : 0) | (r.message ? ROW_FLAG.MESSAGE : 0));
    b.length.push(r.length ?? 10);
    b.extra.push(-1);
    b.preview.push('');
  });
  store.append(b);
}
