import { describe, expect, it } from 'vitest';
import { emptyRowBatch, ROW_FLAG } from '../../shared/ipc/rows.js';
import { compileFilter, DEFAULT_FILTER, RowView, type RowFilter } from './row-filter.js';
import { RowStore } from './row-store.js';

const TEXT = 1;
const CLOSE = 8;
const PING = 9;

/** Rows: a whole text out, a ping in, a fragmented message's frames + its message row, a close with a violation. */
function sample(): RowStore {
  const b = emptyRowBatch();
  const add = (conn: number, t: number, flags: number, preview: string) => {
    b.id.push(b.id.length);
    b.conn.push(conn);
    b.t.push(t);
    b.flags.push(flags);
    b.length.push(preview.length);
    b.extra.push(0);
    b.preview.push(preview);
  };
  add(1, 1, TEXT | ROW_FLAG.FIN | ROW_FLAG.MASKED | ROW_FLAG.WHOLE_MESSAGE, 'hello world');
  add(1, 2, PING | ROW_FLAG.FIN | ROW_FLAG.IN, 'keepalive');
  add(2, 3, TEXT | ROW_FLAG.IN, '{"type":"chat",');
  add(2, 4, 0 | ROW_FLAG.FIN | ROW_FLAG.IN, '"text":"hi"}');
  add(2, 4, TEXT | ROW_FLAG.IN | ROW_FLAG.MESSAGE, '{"type":"chat","text":"hi"}');
  add(2, 9, CLOSE | ROW_FLAG.FIN | ROW_FLAG.IN | ROW_FLAG.VIOLATION, '1002');
  const rows = new RowStore();
  rows.append(b);
  return rows;
}

const shown = (rows: RowStore, change: Partial<RowFilter>): number[] => {
  const predicate = compileFilter({ ...DEFAULT_FILTER, ...change });
  const view = new RowView(rows, predicate);
  view.update();
  return Array.from({ length: view.length }, (_, i) => view.row(i));
};

describe('row filter', () => {
  it('frames view shows frames; messages view shows message rows and whole single-frame messages', () => {
    const rows = sample();
    expect(shown(rows, {})).toEqual([0, 1, 2, 3, 5]);
    expect(shown(rows, { mode: 'messages' })).toEqual([0, 4]);
  });

  it('narrows by connection, direction, opcode, violations and time', () => {
    const rows = sample();
    expect(shown(rows, { conn: 2 })).toEqual([2, 3, 5]);
    expect(shown(rows, { directions: { in: false, out: true } })).toEqual([0]);
    expect(shown(rows, { opcodes: [PING, CLOSE] })).toEqual([1, 5]);
    expect(shown(rows, { violationsOnly: true })).toEqual([5]);
    expect(shown(rows, { from: 2, to: 4 })).toEqual([1, 2, 3]);
  });

  it('searches previews as text (case-insensitive) or as a regular expression', () => {
    const rows = sample();
    expect(shown(rows, { search: 'HELLO' })).toEqual([0]);
    expect(shown(rows, { search: '^"text', regex: true })).toEqual([3]);
    const bad = compileFilter({ ...DEFAULT_FILTER, search: '(', regex: true });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^invalid regular expression/);
  });

  it('extends the view with new rows only, and finds a row by binary search', () => {
    const rows = sample();
    const view = new RowView(rows, compileFilter({ ...DEFAULT_FILTER, conn: 1 }));
    expect(view.update()).toBe(2);
    const more = emptyRowBatch();
    more.id.push(9);
    more.conn.push(1);
    more.t.push(10);
    more.flags.push(TEXT | ROW_FLAG.FIN);
    more.length.push(1);
    more.extra.push(0);
    more.preview.push('x');
    rows.append(more);
    expect(view.update()).toBe(1);
    expect(view.indexOf(6)).toBe(2);
    expect(view.indexOf(3)).toBe(-1);
  });
});
