/**
 * A HAR file's WebSocket entries as a conversation. The dialect comes from `log.creator.name`
 * (Chrome DevTools writes "WebInspector", Playwright "Playwright", mitmproxy "mitmproxy"), the
 * time unit from the numbers themselves. A HAR file wstap wrote carries its source recording:
 * that is what comes back, unless the messages were edited since — then the edits win, and a
 * warning says so.
 */
import { conversationFromEvents } from '../from-recording.js';
import type { Conversation, ConversationConnection, ConversationSource } from '../conversation.js';
import { asArray, asNumber, asObject, ImportError, otherFields, type JsonObject } from '../json-fields.js';
import { recordingEvents, type RecordingText } from '../recording-text.js';
import type { MessageEvent } from '../../model/events.js';
import { connectionEvents, connectionLines } from '../to-recording.js';
import { attachedFile, isWebSocketEntry, readEntry } from './har-entry.js';
import { harMessagesOf } from './har-messages.js';
import { editedLines, rebuildRecording, replaceConnection } from './har-recording.js';

/** A HAR file read: its conversation and, for a file wstap wrote, the recording it carries. */
export interface HarImport {
  readonly conversation: Conversation;
  /** The embedded wstap recording, rebuilt line for line (edited connections rewritten); null for other HAR files. */
  readonly recording: RecordingText | null;
}

/** The `.jsonl` files Playwright attached messages to (`content: 'attach'`), which the caller reads. */
export function harAttachmentNames(har: unknown): string[] {
  const entries = ((har as JsonObject | null)?.log as JsonObject | undefined)?.entries;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry) => {
    const file =
      isWebSocketEntry(entry) && (entry as JsonObject)._webSocketMessages === undefined
        ? attachedFile(entry)
        : null;
    return file === null ? [] : [file];
  });
}

/** The dialect a creator name stands for (unknown writers follow Chrome's, which started `_webSocketMessages`). */
export function harDialect(creator: unknown): ConversationSource {
  const name = typeof creator === 'string' ? creator.toLowerCase() : '';
  if (name === 'playwright') return 'har-playwright';
  if (name.startsWith('mitmproxy')) return 'har-mitmproxy';
  if (name === 'wstap') return 'har-wstap';
  return 'har-chrome';
}

/** Reads a parsed HAR file; `attachments` holds the texts of the files `harAttachmentNames` named. */
export function conversationFromHar(
  har: unknown,
  attachments: ReadonlyMap<string, string> = new Map(),
): HarImport {
  const log = asObject(asObject(har, 'the file').log, 'log');
  const entries = asArray(log.entries, 'log.entries');
  const creator = log.creator === undefined ? undefined : asObject(log.creator, 'log.creator').name;
  const warnings: string[] = [];
  const others: unknown[] = [];
  const read: { connection: ConversationConnection; entry: JsonObject; path: string }[] = [];
  entries.forEach((entry, i) => {
    const path = `log.entries[${i}]`;
    if (!isWebSocketEntry(entry)) return void others.push(entry);
    const { connection, skipped } = readEntry(entry, path, { id: read.length + 1, attachments });
    if (skipped.length > 0)
      warnings.push(
        `${skipped[0]}${skipped.length > 1 ? ` (and ${skipped.length - 1} more like it)` : ''}: left out`,
      );
    read.push({ connection, entry: entry as JsonObject, path });
  });
  if (read.length === 0) {
    throw new ImportError(
      `log.entries: none of the ${entries.length} entries is a WebSocket connection (_resourceType "websocket" or a _webSocketMessages list)`,
    );
  }
  numberUniquely(read);
  const logFields = otherFields(log, ['entries', '_wstapRecording']) ?? {};
  const sourceFields = { ...logFields, entries: others };
  if (log._wstapRecording === undefined) {
    const conversation = {
      source: harDialect(creator),
      connections: read.map((r) => r.connection),
      sourceFields,
      warnings,
    };
    return { conversation, recording: null };
  }
  return withRecording(log._wstapRecording, read, sourceFields, warnings);
}

/** A HAR file wstap wrote: the recording it carries, with the entries' edits applied. */
function withRecording(
  log: unknown,
  read: readonly { connection: ConversationConnection; entry: JsonObject; path: string }[],
  sourceFields: JsonObject,
  warnings: string[],
): HarImport {
  const parts = new Map<number, { lines: unknown; path: string }>();
  for (const { entry, path } of read) {
    if (entry._wstapRecording === undefined) continue;
    const part = asObject(entry._wstapRecording, `${path}._wstapRecording`);
    const conn = asNumber(part.conn, `${path}._wstapRecording.conn`);
    if (parts.has(conn))
      throw new ImportError(`${path}._wstapRecording.conn: connection ${conn} is in two entries`);
    parts.set(conn, { lines: part.lines, path: `${path}._wstapRecording` });
  }
  let recording = rebuildRecording(log, parts, warnings);
  const { header, events } = recordingEvents(recording);
  const recorded = conversationFromEvents(events, header.anchor).connections;
  let nextId = Math.max(0, ...recorded.map((c) => c.id), ...read.map((r) => r.connection.id)) + 1;
  const connections = read.map(({ connection, entry, path }) => {
    const conn = (entry._wstapRecording as JsonObject | undefined)?.conn;
    const original = recorded.find((c) => c.id === conn);
    // An entry added by hand: a connection of its own after the recorded ones.
    if (original === undefined) {
      const added = { ...connection, id: nextId++ };
      recording = {
        header: recording.header,
        lines: [...recording.lines, ...connectionLines(added, header.anchor)],
      };
      return added;
    }
    const kept = {
      ...original,
      ...(connection.sourceFields === undefined ? {} : { sourceFields: connection.sourceFields }),
    };
    if (sameMessages(entry._webSocketMessages, kept)) return kept;
    // The messages were edited after export: they win over the embedded recording.
    const timed = readEntry(entry, path, {
      id: original.id,
      attachments: new Map(),
      startMs: original.startedAt,
    }).connection;
    const edited = { ...kept, messages: timed.messages };
    warnings.push(
      `${path}._webSocketMessages differs from the wstap recording embedded in the entry (edited?): using the edited messages for connection ${original.id}; its frames and wire bytes are left out`,
    );
    const messages = connectionEvents(edited, header.anchor).filter(
      (e): e is MessageEvent => e.type === 'message',
    );
    const lines = editedLines(
      recording.lines.filter((line) => line.conn === original.id),
      messages,
    );
    recording = replaceConnection(recording, original.id, lines);
    return edited;
  });
  return { conversation: { source: 'har-wstap', connections, sourceFields, warnings }, recording };
}

/** Connection numbers stay unique: kept ones (`_wstapConnection`) must differ; entries without one that clash get new ones. */
function numberUniquely(
  read: { connection: ConversationConnection; entry: JsonObject; path: string }[],
): void {
  const kept = new Set<number>();
  for (const { connection, entry, path } of read) {
    if (entry._wstapConnection === undefined) continue;
    if (kept.has(connection.id))
      throw new ImportError(`${path}._wstapConnection: connection ${connection.id} is in two entries`);
    kept.add(connection.id);
  }
  let next = Math.max(0, ...read.map((r) => r.connection.id)) + 1;
  for (const r of read) {
    if (r.entry._wstapConnection === undefined && kept.has(r.connection.id))
      r.connection = { ...r.connection, id: next++ };
    kept.add(r.connection.id);
  }
}

/** Whether an entry's messages are the ones wstap wrote for this connection (type, time, opcode, data). */
function sameMessages(items: unknown, connection: ConversationConnection): boolean {
  if (!Array.isArray(items)) return false;
  const expected = harMessagesOf(connection);
  if (items.length !== expected.length) return false;
  return expected.every((m, i) => {
    const item = items[i] as JsonObject | null;
    return (
      item !== null &&
      item.type === m.type &&
      item.time === m.time &&
      item.opcode === m.opcode &&
      item.data === m.data &&
      item._encoding === m._encoding
    );
  });
}
