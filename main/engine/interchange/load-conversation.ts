/**
 * Reads any file wstap replays or converts — a wstap recording, a HAR file, mitmproxy flows — and
 * returns its conversation. The format is sniffed from the content, never from the extension.
 */
import type { Conversation } from '../../../shared/interchange/conversation.js';
import { loadInterchange } from './load-interchange.js';

export { sniffKind, type FileKind } from './sniff.js';

/** Loads the conversation a file holds; throws EngineError (FILE_UNREADABLE, IMPORT_FAILED) naming what is wrong. */
export async function loadConversation(path: string): Promise<Conversation> {
  return (await loadInterchange(path)).conversation;
}
