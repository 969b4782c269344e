/**
 * What the inspector shows: frames or messages, narrowed by session, direction, opcode, text or
 * regex (over the row's preview), violations and a time range. Pure: tested without React.
 */
import { ROW_FLAG, rowOpcode } from '../../shared/ipc/rows.js';
import type { RowStore } from './row-store.js';

/** The inspector's filter. */
export interface RowFilter {
  readonly mode: 'frames' | 'messages';
  /** Only this connection; null for all. */
  readonly conn: number | null;
  readonly directions: { readonly in: boolean; readonly out: boolean };
  /** Opcodes shown (frames mode); empty = all. */
  readonly opcodes: readonly number[];
  /** Text to find in the preview, or a regular expression when `regex`. */
  readonly search: string;
  readonly regex: boolean;
  readonly violationsOnly: boolean;
  /** Engine ms, inclusive; null = open. */
  readonly from: number | null;
  readonly to: number | null;
}

/** Everything, frames view. */
export const DEFAULT_FILTER: RowFilter = {
  mode: 'frames',
  conn: null,
  directions: { in: true, out: true },
  opcodes: [],
  search: '',
  regex: false,
  violationsOnly: false,
  from: null,
  to: null,
};

/** A compiled filter: a predicate over absolute row indices, or the error of a bad regex. */
export type RowPredicate =
  | { readonly ok: true; readonly test: (rows: RowStore, row: number) => boolean }
  | { readonly ok: false; readonly error: string };

/** Compiles a filter once, so testing a million rows costs no allocation per row. */
export function compileFilter(filter: RowFilter): RowPredicate {
  let pattern: RegExp | null = null;
  if (filter.search !== '' && filter.regex) {
    try {
      pattern = new RegExp(filter.search, 'i');
    } catch (error) {
      return { ok: false, error: `invalid regular expression: ${(error as Error).message}` };
    }
  }
  const needle = filter.regex ? '' : filter.search.toLowerCase();
  const wantMessage = filter.mode === 'messages';
  const opcodes = new Set(filter.opcodes);
  const { conn, directions, violationsOnly, from, to } = filter;
  return {
    ok: true,
    test(rows, row) {
      const flags = rows.flags(row);
      // A single-frame message is one row: a frame in the frames view and its message in the messages view.
      if (
        wantMessage
          ? (flags & (ROW_FLAG.MESSAGE | ROW_FLAG.WHOLE_MESSAGE)) === 0
          : (flags & ROW_FLAG.MESSAGE) !== 0
      )
        return false;
      if (conn !== null && rows.conn(row) !== conn) return false;
      if (!((flags & ROW_FLAG.IN) !== 0 ? directions.in : directions.out)) return false;
      if (opcodes.size > 0 && !opcodes.has(rowOpcode(flags))) return false;
      if (violationsOnly && (flags & ROW_FLAG.VIOLATION) === 0) return false;
      if (from !== null || to !== null) {
        const t = rows.t(row);
        if ((from !== null && t < from) || (to !== null && t > to)) return false;
      }
      if (pattern !== null) return pattern.test(rows.preview(row));
      if (needle !== '') return rows.preview(row).toLowerCase().includes(needle);
      return true;
    },
  };
}

/**
 * The rows a filter lets through, as absolute indices in a growable Int32Array: filled once when
 * the filter changes, then extended with each batch's new rows only.
 */
export class RowView {
  private indices = new Int32Array(1024);
  private count = 0;
  /** Absolute index up to which rows were examined. */
  private scanned = 0;

  constructor(
    private readonly rows: RowStore,
    private readonly predicate: RowPredicate,
  ) {}

  /** Examines rows that arrived since the last call; returns how many were added. */
  update(): number {
    const { rows, predicate } = this;
    if (!predicate.ok) return 0;
    const before = this.count;
    for (let row = Math.max(this.scanned, rows.start); row < rows.size; row++) {
      if (!predicate.test(rows, row)) continue;
      if (this.count === this.indices.length) {
        const grown = new Int32Array(this.indices.length * 2);
        grown.set(this.indices);
        this.indices = grown;
      }
      this.indices[this.count++] = row;
    }
    this.scanned = rows.size;
    this.trimDropped();
    return this.count - before;
  }

  /** Rows in the view. */
  get length(): number {
    return this.count;
  }

  /** Absolute row index of view position `i`. */
  row(i: number): number {
    return this.indices[i]!;
  }

  /** View position of absolute row `row`, or -1. Binary search: indices are ascending. */
  indexOf(row: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.indices[mid]!;
      if (v === row) return mid;
      if (v < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Forgets indices of rows the store no longer keeps. */
  private trimDropped(): void {
    const start = this.rows.start;
    if (this.count === 0 || this.indices[0]! >= start) return;
    let cut = 0;
    while (cut < this.count && this.indices[cut]! < start) cut++;
    this.indices.copyWithin(0, cut, this.count);
    this.count -= cut;
  }
}
