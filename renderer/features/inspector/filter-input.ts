/**
 * The filters toolbar's logic, pure: opcode chips, the time-range inputs and the counters' text.
 */
import type { StoreStats } from '../../../shared/ipc/contract.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';

/** The opcode chips, in toolbar order; `name` is also the chip's test id suffix. */
export const OPCODE_CHIPS: readonly {
  readonly name: string;
  readonly label: string;
  readonly opcode: number;
}[] = [
  { name: 'text', label: 'text', opcode: OPCODE.TEXT },
  { name: 'binary', label: 'binary', opcode: OPCODE.BINARY },
  { name: 'continuation', label: 'cont', opcode: OPCODE.CONTINUATION },
  { name: 'close', label: 'close', opcode: OPCODE.CLOSE },
  { name: 'ping', label: 'ping', opcode: OPCODE.PING },
  { name: 'pong', label: 'pong', opcode: OPCODE.PONG },
];

/** Whether a chip applies in a mode: messages are only text or binary. */
export function chipApplies(opcode: number, mode: 'frames' | 'messages'): boolean {
  return mode === 'frames' || opcode === OPCODE.TEXT || opcode === OPCODE.BINARY;
}

/** The opcode list with `opcode` toggled (kept sorted; empty means every opcode). */
export function toggleOpcode(opcodes: readonly number[], opcode: number): number[] {
  const next = opcodes.includes(opcode) ? opcodes.filter((o) => o !== opcode) : [...opcodes, opcode];
  return next.sort((a, b) => a - b);
}

/**
 * A time-range input (ms on the time column's clock, i.e. since the first row) as engine ms:
 * null when empty, 'invalid' when not a number.
 */
export function parseTimeBound(text: string, origin: number | null): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const ms = Number(trimmed);
  if (!Number.isFinite(ms)) return 'invalid';
  return (origin ?? 0) + ms;
}

/** A filter bound (engine ms) back as the input's text. */
export function formatTimeBound(bound: number | null, origin: number | null): string {
  return bound === null ? '' : String(Number((bound - (origin ?? 0)).toFixed(3)));
}

/** Rows let go by retention caps: main's frame and message caps plus the renderer's own. */
export function droppedTotal(stats: StoreStats, rendererDropped: number): number {
  return stats.droppedFrames + stats.droppedMessages + rendererDropped;
}

/** The dropped counter's tooltip, naming each cap that dropped rows. */
export function droppedTooltip(stats: StoreStats, rendererDropped: number): string {
  return [
    'Rows dropped because a retention cap was reached (the newest rows are kept):',
    `${stats.droppedFrames} frames and ${stats.droppedMessages} messages by wstap's store caps,`,
    `${rendererDropped} oldest rows by this window's row cap.`,
    stats.droppedBytes > 0 ? `${stats.droppedBytes} payload bytes were not kept either.` : '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** "N of M rows" (thousands grouped): rows in the view of all rows of the mode this window holds. */
export function countLabel(shown: number, total: number): string {
  return `${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`;
}

/** The counter's tooltip: what N and M count. */
export function countTooltip(mode: 'frames' | 'messages', stats: StoreStats): string {
  const noun = mode === 'frames' ? 'frame' : 'message';
  const kept = mode === 'frames' ? stats.frames : stats.messages;
  return `${noun} rows matching the filters, of the ${noun} rows this window holds (wstap keeps ${kept})`;
}

/** The connection scope the sidebar chose. */
export function scopeLabel(conn: number | null): string {
  return conn === null ? 'all connections' : `conn #${conn}`;
}
