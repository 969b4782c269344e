import type { Direction, SessionEvent } from '../../../shared/model/events.js';
import { opcodeName, parseOpcode } from '../../../shared/protocol/opcodes.js';
import { parseWhole } from '../connect/values.js';
import { UserError } from '../errors.js';

/**
 * Which events `wstap show` keeps. `conn` applies to every event; `dir`, `opcodes` and `grep`
 * apply to data events only (frames, messages, a stream cut inside a frame), so the story of each
 * connection — connecting, open, round trips, the close verdict — stays around what matched.
 */
export interface ShowFilter {
  readonly conn: number | null;
  readonly dir: Direction | null;
  /** Opcode names (`text`, `ping`, `reserved-3`, ...); a message matches by `text` or `binary`. */
  readonly opcodes: ReadonlySet<string> | null;
  readonly grep: RegExp | null;
}

/** The filter flags as commander hands them over. */
export interface ShowFilterFlags {
  readonly conn?: string;
  readonly dir?: string;
  readonly opcode?: string;
  readonly grep?: string;
}

/** A filter that keeps everything. */
export const KEEP_ALL: ShowFilter = { conn: null, dir: null, opcodes: null, grep: null };

/** Reads the filter flags; throws a UserError naming the flag for a bad value. */
export function parseShowFilter(flags: ShowFilterFlags): ShowFilter {
  return {
    conn: flags.conn === undefined ? null : parseWhole('--conn', flags.conn, 1),
    dir: flags.dir === undefined ? null : parseDir(flags.dir),
    opcodes: flags.opcode === undefined ? null : parseOpcodes(flags.opcode),
    grep: flags.grep === undefined ? null : parseGrep(flags.grep),
  };
}

/** Whether the filter lets nothing through unchanged (so the fast path can skip it). */
export function filtersNothing(filter: ShowFilter): boolean {
  return filter.conn === null && filter.dir === null && filter.opcodes === null && filter.grep === null;
}

/** Whether `event` passes the filter. */
export function keepEvent(filter: ShowFilter, event: SessionEvent): boolean {
  if (filter.conn !== null && event.conn !== filter.conn) return false;
  switch (event.type) {
    case 'frame':
      return (
        (filter.dir === null || event.dir === filter.dir) &&
        (filter.opcodes === null || filter.opcodes.has(event.opcodeName)) &&
        // A close frame's words are its reason; other frames carry text only when it is readable.
        (filter.grep === null || matches(filter.grep, event.opcodeName === 'close' ? event.closeReason : event.text))
      );
    case 'message':
      return (
        (filter.dir === null || event.dir === filter.dir) &&
        (filter.opcodes === null || filter.opcodes.has(event.opcodeName)) &&
        (filter.grep === null || matches(filter.grep, event.text))
      );
    case 'stream-end':
      // Neither an opcode nor text: it is data of its direction, shown unless a content filter is set.
      return (filter.dir === null || event.dir === filter.dir) && filter.opcodes === null && filter.grep === null;
    default:
      return true;
  }
}

function matches(regex: RegExp, text: string | null | undefined): boolean {
  if (text === null || text === undefined) return false;
  // A /g or /y regex keeps lastIndex between calls; every event is a fresh search.
  regex.lastIndex = 0;
  return regex.test(text);
}

function parseDir(value: string): Direction {
  if (value === 'in' || value === 'out') return value;
  throw new UserError(`--dir takes 'in' (what wstap received) or 'out' (what it sent), got '${value}'`);
}

function parseOpcodes(value: string): ReadonlySet<string> {
  const names = new Set<string>();
  for (const part of value.split(',')) {
    const opcode = parseOpcode(part);
    if (opcode === undefined) {
      throw new UserError(
        `--opcode takes opcode names or numbers separated by commas (text, binary, continuation, close, ping, pong, 0-15), got '${part.trim()}'`,
      );
    }
    names.add(opcodeName(opcode));
  }
  return names;
}

/** `--grep`: a JavaScript regular expression, or `/pattern/flags` to give flags (e.g. `/error/i`). */
function parseGrep(value: string): RegExp {
  const slashed = /^\/(.+)\/([a-z]*)$/s.exec(value);
  try {
    return slashed ? new RegExp(slashed[1] as string, slashed[2]) : new RegExp(value);
  } catch (error) {
    throw new UserError(`--grep '${value}': ${(error as Error).message}`);
  }
}
