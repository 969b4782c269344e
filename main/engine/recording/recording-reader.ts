import { constants, isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { SessionEvent } from '../../../shared/model/events.js';
import { FrameDeriver } from '../../../shared/record/frame-deriver.js';
import { parseHeader, parseLine, RecordingError } from '../../../shared/record/line-codec.js';
import type { RecordingHeader } from '../../../shared/record/types.js';
import { useNativeCodecs } from '../native-codecs.js';
import { RecordSplitter } from './record-splitter.js';

// Derived events' payloads become text or base64: with Node's native codecs.
useNativeCodecs();

/** How a recording is read. */
export interface ReadRecordingOptions {
  /** Bytes per read (default 1 MiB). */
  readonly chunkSize?: number;
  /** Longest line accepted, in bytes (default 512 MiB, or V8's longest string when smaller). */
  readonly maxLineBytes?: number;
  /** Throw on lines of an unknown type instead of skipping them (default false). */
  readonly strict?: boolean;
}

/** What reading a recording yields, in file order. */
export type RecordingItem =
  | { readonly kind: 'header'; readonly header: RecordingHeader }
  | { readonly kind: 'event'; readonly event: SessionEvent; readonly line: number }
  /** A line of a type this reader does not know (written by a newer wstap): skipped. */
  | { readonly kind: 'skipped'; readonly line: number; readonly type: string }
  /** The file ends inside a line (the writer was killed mid-write): last, and everything before it came. */
  | { readonly kind: 'truncated'; readonly line: number; readonly bytes: number };

/** The complete lines of one read, and at the end of the file the unterminated last line. */
export interface LineBatch {
  /** Line number (1-based) of `lines[0]`, or of `tail` when there are no lines. */
  readonly first: number;
  readonly lines: readonly string[];
  readonly tail: { readonly text: string; readonly bytes: number } | null;
}

const DEFAULT_MAX_LINE = Math.min(512 * 1024 * 1024, constants.MAX_STRING_LENGTH);

/**
 * Splits a file into records as text, one batch per read, without loading it whole (readline
 * costs several times more per line); raw wire records come as their version 1 lines
 * (RecordSplitter). Throws RECORDING_LINE_TOO_LONG past `maxLineBytes`.
 */
export async function* readLineBatches(
  path: string,
  options: ReadRecordingOptions = {},
): AsyncGenerator<LineBatch> {
  const chunkSize = options.chunkSize ?? 1 << 20;
  const splitter = new RecordSplitter(options.maxLineBytes ?? DEFAULT_MAX_LINE);
  const fd = await open(path, 'r');
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await fd.read(buffer, 0, chunkSize, null);
      if (bytesRead === 0) break;
      const first = splitter.lineNo;
      const lines = splitter.push(buffer.subarray(0, bytesRead));
      if (lines.length > 0) yield { first, lines, tail: null };
    }
    const tail = splitter.end();
    if (tail !== null) yield { first: splitter.lineNo, lines: [], tail };
  } finally {
    await fd.close();
  }
}

/**
 * Reads a recording, one batch of items per read of the file: the header, then every event in
 * order with the frame events derived from the wire records. A last line cut short by a crash
 * ends the items with `truncated`; any other corrupt line throws a RecordingError naming it.
 */
export async function* readRecordingBatches(
  path: string,
  options: ReadRecordingOptions = {},
): AsyncGenerator<readonly RecordingItem[]> {
  const deriver = new FrameDeriver({ decodeBase64: (text) => Buffer.from(text, 'base64'), isUtf8 });
  let sawHeader = false;
  const take = (text: string, lineNo: number, items: RecordingItem[]): void => {
    if (!sawHeader) {
      const header = parseHeader(text, lineNo);
      if (!header.ok) throw new RecordingError(header.error);
      sawHeader = true;
      items.push({ kind: 'header', header: header.value });
      return;
    }
    // Blank lines carry nothing; tolerating them lets people edit recordings by hand.
    if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === '')) return;
    const parsed = parseLine(text, lineNo);
    if (!parsed.ok) {
      if (parsed.error.code !== 'RECORDING_UNKNOWN_TYPE' || options.strict)
        throw new RecordingError(parsed.error);
      items.push({ kind: 'skipped', line: lineNo, type: (JSON.parse(text) as { type: string }).type });
      return;
    }
    for (const event of deriver.accept(parsed.value, lineNo))
      items.push({ kind: 'event', event, line: lineNo });
  };

  for await (const batch of readLineBatches(path, options)) {
    const items: RecordingItem[] = [];
    try {
      for (let i = 0; i < batch.lines.length; i++) take(batch.lines[i] as string, batch.first + i, items);
      if (batch.tail !== null) {
        const { text, bytes } = batch.tail;
        if (isJson(text)) {
          take(text, batch.first, items);
        } else if (sawHeader) {
          // The writer ends every line with its newline in the same write: only a crash leaves this.
          items.push({ kind: 'truncated', line: batch.first, bytes });
        } else {
          throw new RecordingError({
            code: 'RECORDING_TRUNCATED',
            line: batch.first,
            message: 'the file ends inside the header line',
          });
        }
      }
    } catch (error) {
      // What came before the corrupt line is still delivered, then the error.
      if (items.length > 0) yield items;
      throw error;
    }
    if (items.length > 0) yield items;
  }
  if (!sawHeader)
    throw new RecordingError({ code: 'RECORDING_BAD_HEADER', line: 1, message: 'the file is empty' });
}

/** Reads a recording item by item (see readRecordingBatches, which costs less per item). */
export async function* readRecording(
  path: string,
  options: ReadRecordingOptions = {},
): AsyncGenerator<RecordingItem> {
  for await (const items of readRecordingBatches(path, options)) {
    for (const item of items) yield item;
  }
}

/** A whole recording in memory (tests, small files). */
export interface RecordingContents {
  readonly header: RecordingHeader;
  readonly events: readonly SessionEvent[];
  /** The cut-short last line, if any. */
  readonly truncated: { readonly line: number; readonly bytes: number } | null;
  /** Lines of unknown types that were skipped. */
  readonly skipped: number;
}

/** Reads every event of a recording into memory. */
export async function readRecordingEvents(
  path: string,
  options: ReadRecordingOptions = {},
): Promise<RecordingContents> {
  let header: RecordingHeader | null = null;
  const events: SessionEvent[] = [];
  let truncated: RecordingContents['truncated'] = null;
  let skipped = 0;
  for await (const items of readRecordingBatches(path, options)) {
    for (const item of items) {
      if (item.kind === 'header') header = item.header;
      else if (item.kind === 'event') events.push(item.event);
      else if (item.kind === 'skipped') skipped++;
      else truncated = { line: item.line, bytes: item.bytes };
    }
  }
  return { header: header as RecordingHeader, events, truncated, skipped };
}

/** Whether a line parses as JSON: a complete last line without its newline, not a cut one. */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
