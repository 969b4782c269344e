/**
 * Reads any file wstap replays or converts — a wstap recording, a HAR file, mitmproxy flows — and
 * returns its conversation. The format is sniffed from the content, never from the extension.
 */
import { open } from 'node:fs/promises';
import { conversationFromEvents } from '../../../shared/interchange/from-recording.js';
import type { Conversation } from '../../../shared/interchange/conversation.js';
import { RecordingError } from '../../../shared/record/line-codec.js';
import { EngineError } from '../errors.js';
import { readRecordingEvents } from '../recording/recording-reader.js';

/** The file kinds the sniffer tells apart. */
export type FileKind = 'wstap-recording' | 'har' | 'mitmproxy-flows' | 'unknown';

const SNIFF_BYTES = 4096;

/** Tells a file's kind from its first bytes. */
export function sniffKind(head: string): FileKind {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/^\{\s*"format"\s*:\s*"wstap-recording"/.test(text)) return 'wstap-recording';
  if (text.startsWith('{') && /"log"\s*:/.test(text)) return 'har';
  if (/^\d+:/.test(text)) return 'mitmproxy-flows';
  return 'unknown';
}

async function readHead(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new EngineError('FILE_UNREADABLE', `cannot read ${path}: ${reason}`);
  }
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.toString('latin1', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Loads the conversation a file holds; throws EngineError (FILE_UNREADABLE, IMPORT_FAILED) naming what is wrong. */
export async function loadConversation(path: string): Promise<Conversation> {
  const kind = sniffKind(await readHead(path));
  switch (kind) {
    case 'wstap-recording':
      return loadRecording(path);
    case 'har':
    case 'mitmproxy-flows':
      throw new EngineError('IMPORT_FAILED', `${path}: ${kind} files are not supported yet`);
    case 'unknown':
      throw new EngineError(
        'IMPORT_FAILED',
        `${path} is not a file wstap can read: expected a wstap recording (JSON Lines starting with {"format":"wstap-recording"}), a HAR file or mitmproxy flows`,
      );
  }
}

async function loadRecording(path: string): Promise<Conversation> {
  try {
    const contents = await readRecordingEvents(path);
    return conversationFromEvents(contents.events, contents.header.anchor);
  } catch (error) {
    if (error instanceof RecordingError) throw new EngineError('IMPORT_FAILED', `${path}: ${error.message}`);
    throw error;
  }
}
