/**
 * What every exporter (k6, Playwright, JSON Lines, mock definition) takes, and the checks they
 * share: which connections, which JSON paths are volatile, how fast to play the recorded gaps.
 */
import type { ErrorCode } from '../../model/error-codes.js';
import { parseIgnorePath, type IgnorePath } from '../../replay/ignore-paths.js';
import type { Conversation, ConversationConnection } from '../conversation.js';

/** Options of the exporters; all optional. */
export interface ExportOptions {
  /** The connections to export, by id (a recording's `conn`, a HAR entry's number); all when absent. */
  readonly connections?: readonly number[];
  /** JSON paths of volatile fields (ids, timestamps) left out when messages are matched: `$.id`, `$..ts`. */
  readonly ignore?: readonly string[];
  /** Plays the recorded gaps this many times faster (2 = half the waits); default 1. */
  readonly speed?: number;
  /** The file the conversation came from, named in the output's comments. */
  readonly source?: string;
  /** The file the output goes to, named where the output says how to run it. */
  readonly output?: string;
  /** k6: connect here instead of the recorded server (`ws://host:port`; the recorded path and query are kept). */
  readonly target?: string;
  /** k6: how long to wait for the server's messages after the recorded ones were due, ms; default 5000. */
  readonly timeoutMs?: number;
  /** k6: check the server messages' content too, not only their number; default true. */
  readonly checkContent?: boolean;
  /** Playwright: add a self-test that plays the recorded client in a page; default true (a runnable spec). */
  readonly selfTest?: boolean;
}

/** A bad option or a conversation with nothing to export; `code` is the stable error code. */
export class ExportError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ExportError';
    this.code = code;
  }
}

/** The connections the options select, in the conversation's order; throws ExportError naming a missing id. */
export function selectedConnections(
  conversation: Conversation,
  options: ExportOptions,
): readonly ConversationConnection[] {
  const all = conversation.connections;
  if (all.length === 0)
    throw new ExportError('IMPORT_FAILED', 'nothing to export: the file holds no WebSocket connection');
  const wanted = options.connections;
  if (wanted === undefined || wanted.length === 0) return all;
  const missing = wanted.filter((id) => !all.some((c) => c.id === id));
  if (missing.length > 0) {
    const have = all.map((c) => c.id).join(', ');
    throw new ExportError(
      'INVALID_OPTION',
      `no connection ${missing.join(', ')} in the file; it has connection${all.length > 1 ? 's' : ''} ${have}`,
    );
  }
  return all.filter((c) => wanted.includes(c.id));
}

/** What every exporter starts from: the options checked, the connections chosen, the header comment. */
export interface ExportPlan {
  readonly connections: readonly ConversationConnection[];
  readonly ignore: readonly IgnorePath[];
  readonly speed: number;
  /** The lines every generated file starts with (without comment markers). */
  readonly header: readonly string[];
}

/** Checks the options against the conversation; throws ExportError naming what is wrong. */
export function exportPlan(conversation: Conversation, options: ExportOptions): ExportPlan {
  const connections = selectedConnections(conversation, options);
  return {
    connections,
    ignore: ignorePaths(options),
    speed: exportSpeed(options),
    header: headerLines(conversation, connections, options),
  };
}

/** The ignore paths parsed; throws ExportError naming the first bad one. */
function ignorePaths(options: ExportOptions): readonly IgnorePath[] {
  return (options.ignore ?? []).map((source) => {
    const parsed = parseIgnorePath(source);
    if ('error' in parsed) throw new ExportError('INVALID_OPTION', `ignore path ${parsed.error}`);
    return parsed;
  });
}

/** The speed factor; throws ExportError unless it is a positive number. */
function exportSpeed(options: ExportOptions): number {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new ExportError(
      'INVALID_OPTION',
      `speed must be a positive number (2 = twice as fast); got ${speed}`,
    );
  return speed;
}

/** A recorded gap in ms scaled by the speed, rounded to 0.1 ms (what a timer can do). */
export function scaledMs(ms: number, speed: number): number {
  return Math.max(0, Math.round((ms / speed) * 10) / 10);
}

/** The path and query of a URL (`/chat?room=a`), without its scheme, host and fragment. */
export function pathAndQuery(url: string): string {
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/#.*$/, '');
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** Text made safe for a one-line comment: line breaks become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}

/** `chat.wstap.jsonl (wstap recording)`: what a generated file names as its source. */
function describeSource(conversation: Conversation, options: ExportOptions): string {
  const kind = conversation.source.replace(/-/g, ' ');
  return options.source === undefined ? `a ${kind}` : `${oneLine(options.source)} (${kind})`;
}

/** The header lines every generated file starts with (comment markers added by the caller). */
function headerLines(
  conversation: Conversation,
  connections: readonly ConversationConnection[],
  options: ExportOptions,
): string[] {
  const lines = [`Generated by wstap from ${describeSource(conversation, options)}.`];
  for (const c of connections) {
    const client = c.messages.filter((m) => m.from === 'client').length;
    lines.push(
      `connection ${c.id}: ${c.url} — ${client} client and ${c.messages.length - client} server messages${closeNote(c)}`,
    );
  }
  const ignore = options.ignore ?? [];
  if (ignore.length > 0) lines.push(`ignored when matching: ${ignore.join(', ')}`);
  return lines.map(oneLine);
}

function closeNote(c: ConversationConnection): string {
  const close = c.close;
  if (close === null) return '';
  if (close.initiator === 'none') return ', ended without a Close frame';
  const code =
    close.code === null
      ? 'no code'
      : `${close.code}${close.reason ? ` ${JSON.stringify(close.reason)}` : ''}`;
  return `, closed by the ${close.initiator} (${code})`;
}
