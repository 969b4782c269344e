/**
 * A wstap recording as its lines of text, each with the connection it belongs to: what a HAR
 * export embeds per connection and a HAR import puts back together, byte for byte.
 */
import type { SessionEvent } from '../model/events.js';
import { FrameDeriver } from '../record/frame-deriver.js';
import { fromBase64 } from '../protocol/base64.js';
import {
  encodeHeader,
  parseHeader,
  parseLine,
  RAW_WIRE_START,
  RecordingError,
} from '../record/line-codec.js';
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

/**
 * The file's bytes: the header and every line, each ended by `\n`. In a version 2 recording the
 * wire records get their bytes raw again, as the writer writes them (the lines carry them as
 * base64: RecordSplitter), so a recording exported and imported comes back byte for byte.
 */
export function recordingFileBytes(recording: RecordingText): Uint8Array {
  const header = parseHeader(recording.header, 1);
  const raw = header.ok && header.value.version >= 2;
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(`${recording.header}\n`)];
  for (const { text } of recording.lines) {
    const wire = raw && text.startsWith(RAW_WIRE_START) ? BASE64_END.exec(text) : null;
    if (wire === null) {
      parts.push(encoder.encode(`${text}\n`));
      continue;
    }
    const bytes = fromBase64(wire[1] as string);
    parts.push(encoder.encode(`${text.slice(0, wire.index + 1)}"length":${bytes.length}}\n`), bytes, NEWLINE);
  }
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const BASE64_END = /,"base64":"([A-Za-z0-9+/]*={0,2})"\}$/;
const NEWLINE = Uint8Array.of(10);

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
