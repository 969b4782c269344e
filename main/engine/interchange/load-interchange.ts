/**
 * Reads any file wstap replays or converts — a wstap recording, a HAR file (Chrome, Playwright,
 * mitmproxy, wstap; plain or `.zhar`), mitmproxy flows — into its conversation, and for
 * conversions the wstap recording behind it (the file itself, or the one a wstap HAR carries).
 */
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Conversation } from '../../../shared/interchange/conversation.js';
import { ConversationBuilder } from '../../../shared/interchange/from-recording.js';
import {
  conversationFromHar,
  harAttachmentNames,
  type HarImport,
} from '../../../shared/interchange/har/har-read.js';
import { ImportError } from '../../../shared/interchange/json-fields.js';
import { conversationFromFlows } from '../../../shared/interchange/mitmproxy/flows.js';
import { parseTnetstrings } from '../../../shared/interchange/mitmproxy/tnetstring.js';
import {
  recordingTextLine,
  type RecordingText,
  type RecordingTextLine,
} from '../../../shared/interchange/recording-text.js';
import { RecordingError } from '../../../shared/record/line-codec.js';
import { EngineError } from '../errors.js';
import { isJson, readLineBatches, readRecordingBatches } from '../recording/recording-reader.js';
import { readHead, sniffKind, unreadable, type FileKind } from './sniff.js';

/** A file read for replay or conversion. */
export interface Interchange {
  readonly kind: Exclude<FileKind, 'zlib' | 'zip' | 'unknown'>;
  readonly conversation: Conversation;
  /** The wstap recording behind the conversation, line for line; null when there is none (or it was not asked for). */
  readonly recording: RecordingText | null;
}

/** What to read besides the conversation. */
export interface LoadOptions {
  /** Also the recording's lines as text (for a lossless conversion); a HAR file's embedded one is always there. */
  readonly recordingText?: boolean;
}

/** Loads a file; throws EngineError FILE_UNREADABLE or IMPORT_FAILED (the message names the line or field). */
export async function loadInterchange(path: string, options: LoadOptions = {}): Promise<Interchange> {
  const kind = sniffKind(await readHead(path));
  try {
    switch (kind) {
      case 'wstap-recording':
        return await loadRecording(path, options.recordingText === true);
      case 'har':
        return fromHar(await loadHar(path, await readBytes(path)));
      case 'zlib':
        return fromHar(await loadHar(path, inflate(path, await readBytes(path))));
      case 'mitmproxy-flows':
        return {
          kind,
          conversation: conversationFromFlows(parseTnetstrings(await readBytes(path))),
          recording: null,
        };
      case 'zip':
        throw new EngineError(
          'IMPORT_FAILED',
          `${path} is a zip archive (a Playwright HAR saved as .zip?): wstap does not read archives; unzip it and pass the .har file (its .jsonl message files next to it)`,
        );
      case 'unknown':
        throw new EngineError(
          'IMPORT_FAILED',
          `${path} is not a file wstap can read: expected a wstap recording (JSON Lines starting with {"format":"wstap-recording"}), a HAR file (JSON with "log") or mitmproxy flows (mitmdump -w)`,
        );
    }
  } catch (error) {
    if (error instanceof ImportError || error instanceof RecordingError)
      throw new EngineError('IMPORT_FAILED', `${path}: ${error.message}`);
    throw error;
  }
}

function fromHar(read: HarImport): Interchange {
  return { kind: 'har', conversation: read.conversation, recording: read.recording };
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw unreadable(path, error);
  }
}

function inflate(path: string, bytes: Buffer): Buffer {
  try {
    return inflateSync(bytes);
  } catch (error) {
    throw new EngineError(
      'IMPORT_FAILED',
      `${path} looks zlib-compressed (a .zhar?) but does not inflate: ${(error as Error).message}`,
    );
  }
}

/** A HAR file's JSON and the `.jsonl` message files Playwright attached next to it. */
async function loadHar(path: string, bytes: Buffer): Promise<HarImport> {
  if (!isUtf8(bytes)) throw new ImportError('the file is not UTF-8 text (HAR files are JSON)');
  let har: unknown;
  try {
    har = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(`not JSON: ${(error as Error).message}`);
  }
  const attachments = new Map<string, string>();
  for (const name of harAttachmentNames(har)) {
    // Playwright writes the names relative to the HAR file; nothing may reach outside its directory.
    if (name.split(/[\\/]/).includes('..') || name.startsWith('/'))
      throw new ImportError(`an entry's response.content._file "${name}" points outside the HAR's directory`);
    const file = join(dirname(path), name);
    try {
      attachments.set(name, await readFile(file, 'utf8'));
    } catch (error) {
      throw new ImportError(
        `the messages of an entry are in ${name} (response.content._file), which cannot be read next to the HAR: ${unreadable(file, error).message}`,
      );
    }
  }
  return conversationFromHar(har, attachments);
}

async function loadRecording(path: string, withText: boolean): Promise<Interchange> {
  // Streamed through the builder: events die young instead of all being held until the end
  // (garbage collection was 30% of loading 10^5 messages).
  const builder = new ConversationBuilder();
  let anchor = 0;
  for await (const items of readRecordingBatches(path)) {
    for (const item of items) {
      if (item.kind === 'event') builder.add(item.event);
      else if (item.kind === 'header') anchor = item.header.anchor;
    }
  }
  const conversation = builder.finish(anchor);
  return {
    kind: 'wstap-recording',
    conversation,
    recording: withText ? await readRecordingText(path) : null,
  };
}

/** The recording's lines as written (a last line cut by a crash is left out, as readers do). */
async function readRecordingText(path: string): Promise<RecordingText> {
  let header: string | null = null;
  const lines: RecordingTextLine[] = [];
  for await (const batch of readLineBatches(path)) {
    const texts =
      batch.tail !== null && isJson(batch.tail.text) ? [...batch.lines, batch.tail.text] : batch.lines;
    texts.forEach((text, i) => {
      if (header === null) header = text;
      else if (text.trim() !== '') lines.push(recordingTextLine(text, batch.first + i));
    });
  }
  return { header: header ?? '', lines };
}
