/**
 * A wstap recording carried inside a HAR file, so that wstap → HAR → wstap gives back the same
 * file line for line (wire records included, so byte-exact): each WebSocket entry holds its
 * connection's lines (`entry._wstapRecording`), and `log._wstapRecording` holds the header, the
 * lines no entry holds and the order in which to interleave them all again.
 */
import type { MessageEvent } from '../../model/events.js';
import { encodeLine } from '../../record/line-codec.js';
import type { RecordingLine } from '../../record/types.js';
import { asArray, asNumber, asObject, ImportError, type JsonObject } from '../json-fields.js';
import type { RecordingText, RecordingTextLine } from '../recording-text.js';
import type { HarRecordingLine, HarRecordingLog } from './har-types.js';

/** What a HAR file embeds of a recording: the log's part and each entry's lines by connection. */
export interface EmbeddedRecording {
  readonly log: HarRecordingLog;
  readonly entries: ReadonlyMap<number, readonly HarRecordingLine[]>;
}

/** A line as the HAR embeds it: the object, readable, unless re-encoding it would not give the same text. */
function embedLine(text: string): HarRecordingLine {
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      JSON.stringify(value) === text
    ) {
      return value as JsonObject;
    }
  } catch {
    // Not JSON (a damaged line): kept as text.
  }
  return text;
}

/** The text of an embedded line. */
function lineText(line: unknown, path: string): string {
  if (typeof line === 'string') return line;
  return JSON.stringify(asObject(line, path));
}

/** Splits a recording for a HAR file: the lines of the connections in `entryConns` go to their entries. */
export function embedRecording(recording: RecordingText, entryConns: ReadonlySet<number>): EmbeddedRecording {
  const order: [number, number][] = [];
  const entries = new Map<number, HarRecordingLine[]>();
  const lines: Record<string, HarRecordingLine[]> = {};
  for (const line of recording.lines) {
    const last = order[order.length - 1];
    if (last !== undefined && last[0] === line.conn) last[1]++;
    else order.push([line.conn, 1]);
    const embedded = embedLine(line.text);
    if (entryConns.has(line.conn)) {
      const list = entries.get(line.conn);
      if (list === undefined) entries.set(line.conn, [embedded]);
      else list.push(embedded);
    } else {
      (lines[String(line.conn)] ??= []).push(embedded);
    }
  }
  return { log: { header: embedLine(recording.header), order, lines }, entries };
}

/** The recording back, line for line; `notes` receives what did not add up (a deleted entry, extra lines). */
export function rebuildRecording(
  log: unknown,
  entries: ReadonlyMap<number, { readonly lines: unknown; readonly path: string }>,
  notes: string[],
): RecordingText {
  const at = 'log._wstapRecording';
  const o = asObject(log, at);
  const header = lineText(o.header, `${at}.header`);
  const queues = new Map<number, { texts: string[]; next: number }>();
  for (const [conn, entry] of entries) {
    const texts = asArray(entry.lines, `${entry.path}.lines`).map((line, i) =>
      lineText(line, `${entry.path}.lines[${i}]`),
    );
    queues.set(conn, { texts, next: 0 });
  }
  const others = asObject(o.lines ?? {}, `${at}.lines`);
  for (const [key, list] of Object.entries(others)) {
    const conn = Number(key);
    if (!Number.isSafeInteger(conn))
      throw new ImportError(`${at}.lines: "${key}" is not a connection number`);
    if (queues.has(conn))
      throw new ImportError(`${at}.lines["${key}"]: connection ${conn} also has an entry`);
    const texts = asArray(list, `${at}.lines["${key}"]`).map((line, i) =>
      lineText(line, `${at}.lines["${key}"][${i}]`),
    );
    queues.set(conn, { texts, next: 0 });
  }
  const lines: RecordingTextLine[] = [];
  const missing = new Set<number>();
  asArray(o.order, `${at}.order`).forEach((run, i) => {
    const pair = asArray(run, `${at}.order[${i}]`);
    const conn = asNumber(pair[0], `${at}.order[${i}][0]`);
    const count = asNumber(pair[1], `${at}.order[${i}][1]`);
    const queue = queues.get(conn);
    if (queue === undefined) return void missing.add(conn);
    for (let k = 0; k < count && queue.next < queue.texts.length; k++)
      lines.push({ conn, text: queue.texts[queue.next++] as string });
  });
  for (const conn of missing)
    notes.push(`the embedded recording's connection ${conn} has no entry any more: its lines are left out`);
  for (const [conn, queue] of queues) {
    if (queue.next === queue.texts.length) continue;
    notes.push(
      `connection ${conn} has ${queue.texts.length - queue.next} lines more than log._wstapRecording.order says: added at the end`,
    );
    for (const text of queue.texts.slice(queue.next)) lines.push({ conn, text });
  }
  return { header, lines };
}

/** The recording with the lines of connection `conn` replaced by `replacement`, placed where its first line was. */
export function replaceConnection(
  recording: RecordingText,
  conn: number,
  replacement: readonly RecordingTextLine[],
): RecordingText {
  const first = recording.lines.findIndex((line) => line.conn === conn);
  const rest = recording.lines.filter((line) => line.conn !== conn);
  // Every line before the first of `conn` is another connection's: `first` is also its index in `rest`.
  const at = first < 0 ? rest.length : first;
  return { header: recording.header, lines: [...rest.slice(0, at), ...replacement, ...rest.slice(at)] };
}

/** Record types that carry a connection's bytes and messages, not its timeline. */
const CONTENT = new Set(['wire', 'wire-setup', 'message', 'message-ref']);

/**
 * A connection's lines after its messages were edited: its timeline as recorded (DNS, TCP, the
 * handshake, round trips, the close verdict) with the edited messages in between by time, sequence
 * numbers counted again. The wire records go: they no longer match the messages.
 */
export function editedLines(
  recorded: readonly RecordingTextLine[],
  messages: readonly MessageEvent[],
): RecordingTextLine[] {
  const timeline = recorded.flatMap((line) => {
    const record = JSON.parse(line.text) as JsonObject;
    return typeof record.type === 'string' && CONTENT.has(record.type) ? [] : [record];
  });
  const merged = [...timeline, ...(messages as readonly unknown[] as JsonObject[])].sort(
    (a, b) => (a.t as number) - (b.t as number),
  );
  return merged.map((record, seq) => ({
    conn: record.conn as number,
    text: encodeLine({ ...record, seq } as unknown as RecordingLine),
  }));
}
