import type { SessionEvent } from '../../../shared/model/events.js';
import {
  encodeHeader,
  encodeLine,
  encodeMessageRef,
  messageRefLines,
  rawWireLine,
} from '../../../shared/record/line-codec.js';
import {
  RECORDING_VERSION,
  type MessageRefBatch,
  type RecordingHeader,
  type WireRecord,
  type WireStreamSetup,
} from '../../../shared/record/types.js';
import { LineFile, type LineFileError, type LineFileOptions, type LineFileStats } from './line-file.js';

/** How a recording is written (see LineFile for the batching and memory bound). */
export type RecordingWriterOptions = LineFileOptions;

/** Counters of a recording writer: lines accepted, bytes and writes done, lines refused, backlog. */
export type RecordingWriterStats = LineFileStats;

/** A chunk of bytes one direction carried, with the frames it completed (what the tap reports). */
export type WireInput = Omit<WireRecord, 'base64' | 'type'> & { readonly bytes: Uint8Array };

/** Appends a session to a recording file (docs/recording-format.md). Every call is cheap and never waits for the disk. */
export interface RecordingWriter {
  /** The file being written. */
  readonly path: string;
  /** Records bytes a direction carried; `bytes` may be reused by the caller as soon as this returns. False when refused. */
  wire(record: WireInput): boolean;
  /** Records a direction's decoder options; must come before its first `wire`. */
  setup(record: WireStreamSetup): boolean;
  /** Records an event; `frame` events are skipped (the wire records stand for them). */
  event(event: SessionEvent): boolean;
  /** Records references to messages the wire records hold whole (no events built for them), a chunk's at once. */
  messageRefs(refs: MessageRefBatch): boolean;
  /** Null while the disk keeps up; else resolves when the backlog is low again (LineFile.backlog). */
  backlog(): Promise<void> | null;
  /** Resolves when everything recorded so far is written; rejects after a failure. */
  flush(): Promise<void>;
  /** Writes everything recorded and closes the file; rejects with the failure, if any. */
  close(): Promise<void>;
  /** Called once when writing fails or the backlog bound is hit; returns the remover. */
  onError(listener: (error: LineFileError) => void): () => void;
  /** The counters now. */
  stats(): RecordingWriterStats;
}

/**
 * Creates the recording file and writes its header line before resolving, so even a recording
 * killed at once has one. Rejects with a LineFileError RECORDING_OPEN_FAILED.
 */
export async function openRecordingWriter(
  path: string,
  header: RecordingHeader,
  options: RecordingWriterOptions = {},
): Promise<RecordingWriter> {
  const file = await LineFile.open(path, options);
  // Raw wire records need a reader of version 2: the writer, which writes them, says so.
  file.append(encodeHeader({ ...header, version: RECORDING_VERSION }));
  try {
    await file.flush();
  } catch (error) {
    await file.close().catch(() => undefined); // the flush error says it already
    throw error;
  }
  return {
    path,
    wire(record) {
      // The bytes as they are, after the record's line (format version 2): one copy into the batch.
      // As base64 inside the line they cost an encoding pass, a string as big again (GC), and a
      // third more file (bench/proxy at 64 KiB: 171 KiB per echo, 31% of the time in GC).
      const { bytes } = record;
      return file.appendRaw(rawWireLine(record, bytes.length), bytes);
    },
    setup: (record) => file.append(encodeLine(record)),
    event(event) {
      if (event.type === 'frame') return true;
      // A message the wire records hold whole is stored as a reference: a third of the bytes,
      // all ASCII (numbers and names).
      const ref = event.type === 'message' ? encodeMessageRef(event) : null;
      return ref !== null ? file.appendAscii(ref) : file.append(encodeLine(event));
    },
    messageRefs: (refs) => file.appendAscii(messageRefLines(refs), refs.seqs.length),
    backlog: () => file.backlog(),
    flush: () => file.flush(),
    close: () => file.close(),
    onError: (listener) => file.onError(listener),
    stats: () => file.stats(),
  };
}
