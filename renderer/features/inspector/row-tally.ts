/**
 * Counts the inspector needs beside the view ("N of M rows") without walking every row: frame and
 * message rows per 65,536-row block of absolute indices (the RowStore drops whole blocks from the
 * front), so each batch costs its own rows only, and a dropped block is subtracted in one step.
 */
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import type { RowStore } from '../../store/row-store.js';

const BLOCK_BITS = 16;

/** Frame and message rows the renderer holds, and the time of the first row it ever saw. */
export class RowTally {
  private scanned = 0;
  /** Message rows per block, and rows per block (both kinds), keyed by block number. */
  private readonly messagesIn = new Map<number, number>();
  private readonly rowsIn = new Map<number, number>();
  private messageTotal = 0;
  private rowTotal = 0;
  /** Engine ms of the first row seen: the zero of the relative time column (stays put when old rows go). */
  origin: number | null = null;

  /** Counts rows that arrived since the last call and forgets dropped blocks. */
  update(rows: RowStore): void {
    const from = Math.max(this.scanned, rows.start);
    if (this.origin === null && rows.size > rows.start) this.origin = rows.t(rows.start);
    // Count one block's run of rows at a time: two Map writes per block, not per row.
    for (let row = from; row < rows.size;) {
      const block = row >>> BLOCK_BITS;
      const end = Math.min(rows.size, (block + 1) << BLOCK_BITS);
      let messages = 0;
      for (let r = row; r < end; r++) if ((rows.flags(r) & ROW_FLAG.MESSAGE) !== 0) messages++;
      this.rowsIn.set(block, (this.rowsIn.get(block) ?? 0) + (end - row));
      this.messagesIn.set(block, (this.messagesIn.get(block) ?? 0) + messages);
      this.rowTotal += end - row;
      this.messageTotal += messages;
      row = end;
    }
    this.scanned = Math.max(this.scanned, rows.size);
    const firstBlock = rows.start >>> BLOCK_BITS;
    for (const block of this.rowsIn.keys()) {
      if (block >= firstBlock) continue;
      this.rowTotal -= this.rowsIn.get(block) ?? 0;
      this.messageTotal -= this.messagesIn.get(block) ?? 0;
      this.rowsIn.delete(block);
      this.messagesIn.delete(block);
    }
  }

  /** Frame rows held. */
  get frames(): number {
    return this.rowTotal - this.messageTotal;
  }

  /** Message rows held. */
  get messages(): number {
    return this.messageTotal;
  }
}

const tallies = new WeakMap<RowStore, RowTally>();

/** The one tally of a RowStore, brought up to date (cheap: only new rows are read). */
export function tallyOf(rows: RowStore): RowTally {
  let tally = tallies.get(rows);
  if (tally === undefined) {
    tally = new RowTally();
    tallies.set(rows, tally);
  }
  tally.update(rows);
  return tally;
}
