/**
 * Text of the inspector table's cells, from a row's columns (RowStore) alone. Pure: the table calls
 * these for visible rows only, and tests call them without a DOM.
 */
import { ROW_FLAG, rowDirection, rowLengthBits, rowOpcode } from '../../../shared/ipc/rows.js';
import { isControlOpcode, isKnownOpcode, opcodeName } from '../../../shared/protocol/opcodes.js';
import type { Connections } from '../../store/connections.js';

/** How the time column reads: ms since the first row, or the wall clock. */
export type ClockMode = 'relative' | 'wall';

/**
 * Epoch ms at engine t = 0, from any connection (every event's wall clock is the engine's one
 * anchor plus its t); null before the first connection.
 */
export function wallAnchorOf(connections: Connections): number | null {
  for (const key in connections) {
    const c = connections[key as unknown as number];
    if (c !== undefined) return c.wallStart - c.startT;
  }
  return null;
}

/** Milliseconds with 3 decimals (µs resolution of the engine's clock). */
export function formatMs(ms: number): string {
  return ms.toFixed(3);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Local wall-clock time `HH:MM:SS.mmm` of an epoch-ms instant. */
export function formatWall(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
}

/**
 * The time cell: engine ms `t` relative to `origin`, or on the wall clock when the engine's
 * anchor (epoch ms at engine t = 0) is known; relative otherwise.
 */
export function timeCell(t: number, origin: number, clock: ClockMode, wallAnchor: number | null): string {
  if (clock === 'wall' && wallAnchor !== null) return formatWall(wallAnchor + t);
  return formatMs(t - origin);
}

/** The Δ cell: ms since the previous row of the view; empty for the first. */
export function deltaCell(t: number, previousT: number | null): string {
  return previousT === null ? '' : formatMs(t - previousT);
}

/** The direction cell: `→` out (written by wstap), `←` in (read by wstap). */
export function directionCell(flags: number): { readonly arrow: '→' | '←'; readonly dir: 'in' | 'out' } {
  const dir = rowDirection(flags);
  return { arrow: dir === 'in' ? '←' : '→', dir };
}

/** Short opcode label for the table: text, binary, cont, close, ping, pong or `res 0x3`. */
export function opcodeCell(flags: number): string {
  const op = rowOpcode(flags);
  if (!isKnownOpcode(op)) return `res 0x${op.toString(16)}`;
  return op === 0 ? 'cont' : opcodeName(op);
}

/** `✓` when the bit is set, `—` otherwise (FIN and MASK columns). */
export function checkCell(set: boolean): string {
  return set ? '✓' : '—';
}

/** RSV1–3 as three characters: `1··` is RSV1 alone, `···` none. */
export function rsvCell(flags: number): string {
  return (
    ((flags & ROW_FLAG.RSV1) !== 0 ? '1' : '·') +
    ((flags & ROW_FLAG.RSV2) !== 0 ? '2' : '·') +
    ((flags & ROW_FLAG.RSV3) !== 0 ? '3' : '·')
  );
}

/** RFC 6455 §5.2 length encodings: 7-bit inline, 16-bit (126) or 64-bit (127) extended field. */
export function lengthEncodingLabel(bits: 7 | 16 | 64): string {
  return bits === 7 ? '7' : bits === 16 ? '16' : '64';
}

/** Every cell of one row, as the table shows it. */
export interface RowCells {
  readonly arrow: '→' | '←';
  readonly dir: 'in' | 'out';
  /** Shared opcode name (`continuation`, `reserved-3`, …) for data attributes and chips. */
  readonly opcodeName: string;
  readonly opcode: string;
  readonly fin: string;
  readonly rsv: string;
  readonly mask: string;
  readonly length: string;
  /** Length field width for frames; '' for messages (their length is the inflated size). */
  readonly encoding: string;
  readonly conn: string;
  /** CSS classes of the row (direction, control, violation, message, reserved). */
  readonly className: string;
}

/** Cells of a frame or message row from its flags, length, conn and `extra` (frame count of a message). */
export function rowCells(flags: number, length: number, conn: number, extra: number): RowCells {
  const { arrow, dir } = directionCell(flags);
  const op = rowOpcode(flags);
  const message = (flags & ROW_FLAG.MESSAGE) !== 0;
  const violation = (flags & ROW_FLAG.VIOLATION) !== 0;
  let className = `irow ${dir}`;
  if (message) className += ' message';
  if (isControlOpcode(op)) className += ' control';
  if (!isKnownOpcode(op)) className += ' reserved';
  if (violation) className += ' violation';
  return {
    arrow,
    dir,
    opcodeName: opcodeName(op),
    opcode: message && extra > 1 ? `${opcodeCell(flags)} ×${extra}` : opcodeCell(flags),
    fin: message ? '' : checkCell((flags & ROW_FLAG.FIN) !== 0),
    // A message shows RSV1 when it was compressed (permessage-deflate sets RSV1 on its first frame).
    rsv: message ? ((flags & ROW_FLAG.COMPRESSED) !== 0 ? '1··' : '') : rsvCell(flags),
    mask: message ? '' : checkCell((flags & ROW_FLAG.MASKED) !== 0),
    length: String(length),
    encoding: message ? '' : lengthEncodingLabel(rowLengthBits(flags)),
    conn: `#${conn}`,
    className,
  };
}
