import { describe, expect, it } from 'vitest';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import {
  deltaCell,
  formatMs,
  formatWall,
  lengthEncodingLabel,
  opcodeCell,
  rowCells,
  rsvCell,
  timeCell,
  wallAnchorOf,
} from './cells.js';
import type { ConnectionView } from '../../store/connections.js';

describe('time cells', () => {
  it('prints ms with 3 decimals relative to the origin', () => {
    expect(formatMs(1.23456)).toBe('1.235');
    expect(timeCell(1012.5, 1000, 'relative', null)).toBe('12.500');
    expect(timeCell(1000, 1000, 'relative', 5)).toBe('0.000');
  });

  it('prints the wall clock from the engine anchor, relative when the anchor is unknown', () => {
    const anchor = new Date(2024, 0, 2, 13, 4, 5, 0).getTime();
    expect(timeCell(6.789, 0, 'wall', anchor)).toBe('13:04:05.006');
    expect(formatWall(new Date(2024, 0, 2, 1, 2, 3, 45).getTime())).toBe('01:02:03.045');
    expect(timeCell(20, 5, 'wall', null)).toBe('15.000');
  });

  it('prints Δ since the previous row, empty for the first', () => {
    expect(deltaCell(10.25, null)).toBe('');
    expect(deltaCell(10.25, 10)).toBe('0.250');
  });
});

describe('header cells', () => {
  it('names opcodes, reserved ones in hex', () => {
    expect(opcodeCell(0x1)).toBe('text');
    expect(opcodeCell(0x0)).toBe('cont');
    expect(opcodeCell(0x9)).toBe('ping');
    expect(opcodeCell(0x3)).toBe('res 0x3');
    expect(opcodeCell(0xb)).toBe('res 0xb');
  });

  it('shows RSV bits by position', () => {
    expect(rsvCell(0)).toBe('···');
    expect(rsvCell(ROW_FLAG.RSV1)).toBe('1··');
    expect(rsvCell(ROW_FLAG.RSV2 | ROW_FLAG.RSV3)).toBe('·23');
  });

  it('labels the length encoding', () => {
    expect(lengthEncodingLabel(7)).toBe('7');
    expect(lengthEncodingLabel(16)).toBe('16');
    expect(lengthEncodingLabel(64)).toBe('64');
  });
});

describe('rowCells', () => {
  it('describes an inbound masked text frame with a 16-bit length', () => {
    const flags = 0x1 | ROW_FLAG.FIN | ROW_FLAG.MASKED | ROW_FLAG.IN | ROW_FLAG.LEN16;
    expect(rowCells(flags, 300, 4, 0)).toEqual({
      arrow: '←',
      dir: 'in',
      opcodeName: 'text',
      opcode: 'text',
      fin: '✓',
      rsv: '···',
      mask: '✓',
      length: '300',
      encoding: '16',
      conn: '#4',
      className: 'irow in',
    });
  });

  it('styles control, reserved and violating frames', () => {
    const close = rowCells(0x8 | ROW_FLAG.FIN | ROW_FLAG.LEN64 | ROW_FLAG.VIOLATION, 2, 1, -1);
    expect(close.className).toBe('irow out control violation');
    expect(close.encoding).toBe('64');
    expect(close.mask).toBe('—');
    expect(rowCells(0x3, 0, 1, 0).className).toBe('irow out reserved');
    expect(rowCells(0x3, 0, 1, 0).opcodeName).toBe('reserved-3');
  });

  it('shows message rows without frame-only bits, with their frame count', () => {
    const cells = rowCells(0x2 | ROW_FLAG.MESSAGE | ROW_FLAG.COMPRESSED, 4096, 2, 3);
    expect(cells.opcode).toBe('binary ×3');
    expect(cells.fin).toBe('');
    expect(cells.mask).toBe('');
    expect(cells.rsv).toBe('1··');
    expect(cells.encoding).toBe('');
    expect(cells.className).toBe('irow out message');
  });
});

describe('wallAnchorOf', () => {
  it('takes the engine anchor from a connection', () => {
    expect(wallAnchorOf({})).toBeNull();
    const conn = { wallStart: 1_700_000_000_500, startT: 500 } as ConnectionView;
    expect(wallAnchorOf({ 3: conn })).toBe(1_700_000_000_000);
  });
});
