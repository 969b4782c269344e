import type { Direction, SessionEvent } from '../../../shared/model/events.js';
import { FrameDecoder } from '../../../shared/protocol/decoder.js';
import {
  decodeWireBase64,
  parseHeader,
  parseLine,
  RecordingError,
} from '../../../shared/record/line-codec.js';
import type { RecordingHeader, WireRecord, WireStreamSetup } from '../../../shared/record/types.js';
import type { FrameSink } from '../engine-sink.js';
import { isJson, readLineBatches, type ReadRecordingOptions } from './recording-reader.js';

/** What indexing a recording found. */
export interface RecordingIndex {
  readonly header: RecordingHeader;
  /** Frames added to the store, in id order. */
  readonly frames: number;
  /** Every stored event except frames (timeline, messages, message refs as stored), for the timeline view. */
  readonly events: number;
  readonly truncated: { readonly line: number; readonly bytes: number } | null;
}

const fromBase64 = (text: string): Uint8Array => Buffer.from(text, 'base64');

/**
 * Opens a recording the way the desktop inspector does: every frame goes into a frame store
 * (compact index + raw bytes in its spill file) by decoding the wire records headers-only, so no
 * payload is copied, unmasked or turned into JSON until a row is opened (`store.payload(id)`).
 * This is the reading path that keeps up with line rate; `readRecording` builds full events.
 * `onEvent` gets the other records (already parsed) for the timeline.
 */
export async function indexRecording(
  path: string,
  store: FrameSink,
  onEvent: (event: Exclude<SessionEvent, { type: 'frame' }> | { type: 'message-ref' }) => void = () =>
    undefined,
  options: ReadRecordingOptions = {},
): Promise<RecordingIndex> {
  let header: RecordingHeader | null = null;
  let frames = 0;
  let events = 0;
  let truncated: RecordingIndex['truncated'] = null;
  const streams = new Map<string, { decoder: FrameDecoder; wire: WireRecord | null; j: number }>();

  const setup = (record: WireStreamSetup): void => {
    const stream = { decoder: null as unknown as FrameDecoder, wire: null as WireRecord | null, j: 0 };
    stream.decoder = new FrameDecoder({
      ...record,
      headersOnly: true,
      onFrame: (frame) => {
        const wire = stream.wire as WireRecord;
        store.add(wire.conn, wire.seq + stream.j++, wire.dir, wire.t, frame);
        frames++;
      },
    });
    streams.set(`${record.conn}:${record.dir}`, stream);
  };

  const wire = (record: WireRecord, line: number): void => {
    const stream = streams.get(`${record.conn}:${record.dir}`);
    const bytes = decodeWireBase64(record.base64, fromBase64);
    if (!stream || bytes === null || record.offset !== stream.decoder.bytes) {
      const why = !stream
        ? 'before its wire-setup'
        : bytes === null
          ? 'with invalid base64'
          : `at offset ${record.offset}, expected ${stream.decoder.bytes}`;
      throw new RecordingError({
        code: 'RECORDING_BAD_LINE',
        line,
        message: `wire record of connection ${record.conn} direction ${record.dir} ${why}`,
      });
    }
    store.appendWire(record.conn, record.dir as Direction, record.offset, bytes);
    stream.wire = record;
    stream.j = 0;
    stream.decoder.push(bytes);
    if (stream.j !== record.frames) {
      throw new RecordingError({
        code: 'RECORDING_FRAME_MISMATCH',
        line,
        message: `wire record says ${record.frames} frames; decoding gave ${stream.j}`,
      });
    }
  };

  const take = (text: string, line: number): void => {
    if (line === 1) {
      const parsed = parseHeader(text, line);
      if (!parsed.ok) throw new RecordingError(parsed.error);
      header = parsed.value;
      return;
    }
    if (text === '') return;
    const parsed = parseLine(text, line);
    if (!parsed.ok) {
      if (parsed.error.code === 'RECORDING_UNKNOWN_TYPE' && !options.strict) return;
      throw new RecordingError(parsed.error);
    }
    const record = parsed.value;
    if (record.type === 'wire') wire(record, line);
    else if (record.type === 'wire-setup') setup(record);
    else {
      events++;
      onEvent(record);
    }
  };

  for await (const batch of readLineBatches(path, options)) {
    batch.lines.forEach((text, i) => take(text, batch.first + i));
    if (batch.tail) {
      // A complete last line without its newline is a line; anything else is a crash's cut line.
      if (isJson(batch.tail.text)) take(batch.tail.text, batch.first);
      else truncated = { line: batch.first, bytes: batch.tail.bytes };
    }
  }
  if (header === null)
    throw new RecordingError({ code: 'RECORDING_BAD_HEADER', line: 1, message: 'the file is empty' });
  return { header, frames, events, truncated };
}
