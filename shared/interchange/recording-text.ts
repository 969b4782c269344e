/**
 * A wstap recording as its lines of text, each with the connection it belongs to: what a HAR
 * export embeds per connection and a HAR import puts back together, byte for byte.
 */
import type { SessionEvent } from '../model/events.js';
import { FrameDeriver } from '../record/frame-deriver.js';
import { encodeHeader, parseHeader, parseLine, RecordingError } from '../record/line-codec.js';
import type { RecordingHeader } from '../record/types.js';

/** One line after the header: its text as written, and its `conn` (0 for engine-wide lines). */
export interface RecordingTextLine {
  readonly conn: number;
  readonly text: string;
}

/** A whole recording as text. */
export interface RecordingText {
  /** The header line as written. */
  readonly header: string;
  readonly lines: readonly RecordingTextLine[];
}

/** The line and its connection; `lineNo` (1-based) names the line when it is not a JSON object. */
export function recordingTextLine(text: string, lineNo: number): RecordingTextLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RecordingError({
      code: 'RECORDING_NOT_JSON',
      line: lineNo,
      message: `not JSON (${(error as Error).message})`,
    });
  }
  const conn = typeof value === 'object' && value !== null ? (value as { conn?: unknown }).conn : undefined;
  return { conn: typeof conn === 'number' && Number.isSafeInteger(conn) ? conn : 0, text };
}

/** The file's contents: the header and every line, each ended by `\n`. */
export function recordingFileText(recording: RecordingText): string {
  let out = `${recording.header}\n`;
  for (const line of recording.lines) out += `${line.text}\n`;
  return out;
}

/** The header and the events the lines stand for (frames derived from the wire records); throws RecordingError. */
export function recordingEvents(recording: RecordingText): {
  readonly header: RecordingHeader;
  readonly events: SessionEvent[];
} {
  const header = parseHeader(recording.header, 1);
  if (!header.ok) throw new RecordingError(header.error);
  const deriver = new FrameDeriver();
  const events: SessionEvent[] = [];
  recording.lines.forEach((line, i) => {
    const parsed = parseLine(line.text, i + 2);
    if (!parsed.ok) {
      // A newer wstap's record type: skipped, as the file reader does.
      if (parsed.error.code === 'RECORDING_UNKNOWN_TYPE') return;
      throw new RecordingError(parsed.error);
    }
    for (const event of deriver.accept(parsed.value, i + 2)) events.push(event);
  });
  return { header: header.value, events };
}

/** Only the lines of the connections in `keep` (and the engine-wide ones, conn 0); the header lists only those. */
export function onlyConnections(recording: RecordingText, keep: ReadonlySet<number>): RecordingText {
  const parsed = parseHeader(recording.header, 1);
  const header = parsed.ok
    ? encodeHeader({ ...parsed.value, connections: parsed.value.connections.filter((c) => keep.has(c.conn)) })
    : recording.header;
  return { header, lines: recording.lines.filter((line) => line.conn === 0 || keep.has(line.conn)) };
}
