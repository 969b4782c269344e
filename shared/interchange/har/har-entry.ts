/**
 * One WebSocket entry of a HAR file as a conversation connection: the handshake from `request` and
 * `response`, the messages from `_webSocketMessages` (or Playwright's attached `.jsonl`), the close
 * from wstap's fields when present. Everything else in the entry is kept as it was.
 */
import type { Header } from '../../model/events.js';
import type { ConversationClose, ConversationConnection } from '../conversation.js';
import {
  asArray,
  asNumber,
  asObject,
  asString,
  fail,
  ImportError,
  otherFields,
  type JsonObject,
} from '../json-fields.js';
import { firstMessageMs, readHarMessages, type ReadMessages } from './har-messages.js';

/** What reading an entry needs besides the entry. */
export interface EntryContext {
  /** The connection's id (the entry's number among the WebSocket entries, from 1). */
  readonly id: number;
  /** Attached message files (Playwright `content: 'attach'`) by the name in `response.content._file`. */
  readonly attachments: ReadonlyMap<string, string>;
  /** The connection's exact start, when known better than `startedDateTime` says (an embedded recording). */
  readonly startMs?: number;
}

/** The connection and the list items that were not messages. */
export interface ReadEntry {
  readonly connection: ConversationConnection;
  readonly skipped: readonly string[];
}

/** Fields of an entry the model holds; the rest is kept in `sourceFields`. */
const OWNED = [
  '_webSocketMessages',
  '_wstapStartedAt',
  '_wstapConnection',
  '_wstapRecording',
  '_wstapTimeline',
  '_closeInitiator',
  '_closeCode',
  '_closeReason',
  '_closeReplyCode',
  '_closeTime',
  '_connectionDuration',
];

/** Whether an entry is a WebSocket connection: Chrome's resource type, or a message list. */
export function isWebSocketEntry(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const e = entry as JsonObject;
  return (
    (typeof e._resourceType === 'string' && e._resourceType.toLowerCase() === 'websocket') ||
    Array.isArray(e._webSocketMessages)
  );
}

/** The name of the `.jsonl` file an entry's messages were attached to, if any. */
export function attachedFile(entry: unknown): string | null {
  const file = ((entry as JsonObject | null)?.response as JsonObject | undefined)?.content as
    JsonObject | undefined;
  const name = file?._file;
  return typeof name === 'string' && name.endsWith('.jsonl') ? name : null;
}

/** Reads the WebSocket entry at `path` (e.g. `log.entries[3]`). */
export function readEntry(entry: unknown, path: string, context: EntryContext): ReadEntry {
  const e = asObject(entry, path);
  const request = asObject(e.request, `${path}.request`);
  const response = e.response === undefined ? {} : asObject(e.response, `${path}.response`);
  const started = asString(e.startedDateTime, `${path}.startedDateTime`);
  const startedMs = Date.parse(started);
  if (Number.isNaN(startedMs)) fail(`${path}.startedDateTime`, 'an ISO 8601 date', started);
  const { items, where } = messageItems(e, path, context.attachments);
  // Seconds (Chrome, mitmproxy) or milliseconds (Playwright): whichever puts the first message nearer the start.
  const first = firstMessageMs(items, 1);
  const scale =
    first === null || Math.abs(first * 1000 - startedMs) <= Math.abs(first - startedMs) ? 1000 : 1;
  const firstMs = firstMessageMs(items, scale);
  // wstap writes the exact start (startedDateTime has whole milliseconds only).
  const exact =
    e._wstapStartedAt === undefined ? undefined : asNumber(e._wstapStartedAt, `${path}._wstapStartedAt`);
  const startMs = context.startMs ?? exact ?? Math.min(startedMs, firstMs ?? startedMs);
  const read: ReadMessages = readHarMessages(items, where, { startMs, scale });
  const responseHeaders = headers(response.headers, `${path}.response.headers`);
  const status = response.status === undefined ? null : asNumber(response.status, `${path}.response.status`);
  const close = closeOf(e, path);
  const duration =
    e._connectionDuration === undefined
      ? null
      : asNumber(e._connectionDuration, `${path}._connectionDuration`);
  const sourceFields = otherFields(e, OWNED);
  // A file wstap wrote keeps the connection numbers of its source (what `wstap show` printed).
  const id =
    e._wstapConnection === undefined ? context.id : asNumber(e._wstapConnection, `${path}._wstapConnection`);
  const connection: ConversationConnection = {
    id,
    url: webSocketUrl(asString(request.url, `${path}.request.url`)),
    startedAt: startMs,
    requestHeaders: headers(request.headers, `${path}.request.headers`),
    // Chrome writes 0 and Playwright -1 when no answer came.
    status: status === null || status <= 0 ? null : status,
    responseHeaders,
    subprotocol: headerValue(responseHeaders, 'sec-websocket-protocol'),
    extensions: headerValue(responseHeaders, 'sec-websocket-extensions'),
    messages: read.messages,
    close,
    duration,
    ...(sourceFields === undefined ? {} : { sourceFields }),
  };
  return { connection, skipped: read.skipped };
}

/** The entry's message objects and the path that names them in errors. */
function messageItems(
  e: JsonObject,
  path: string,
  attachments: ReadonlyMap<string, string>,
): { items: readonly unknown[]; where: string } {
  if (e._webSocketMessages !== undefined)
    return {
      items: asArray(e._webSocketMessages, `${path}._webSocketMessages`),
      where: `${path}._webSocketMessages`,
    };
  const file = attachedFile(e);
  if (file === null) return { items: [], where: `${path}._webSocketMessages` };
  const text = attachments.get(file);
  if (text === undefined)
    throw new ImportError(`${path}.response.content._file: the messages file ${file} was not found`);
  const items = text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (error) {
      throw new ImportError(`${file} line ${i + 1}: not JSON (${(error as Error).message})`);
    }
  });
  return { items, where: file };
}

function closeOf(e: JsonObject, path: string): ConversationClose | null {
  if (e._closeInitiator === undefined) return null;
  const initiator = e._closeInitiator;
  if (initiator !== 'client' && initiator !== 'server' && initiator !== 'none')
    fail(`${path}._closeInitiator`, '"client", "server" or "none"', initiator);
  const code = (name: string): number | null =>
    e[name] === null || e[name] === undefined ? null : asNumber(e[name], `${path}.${name}`);
  return {
    initiator,
    code: code('_closeCode'),
    reason: e._closeReason === undefined ? '' : asString(e._closeReason, `${path}._closeReason`),
    replyCode: code('_closeReplyCode'),
    t: e._closeTime === undefined ? 0 : asNumber(e._closeTime, `${path}._closeTime`),
  };
}

/** HAR `[{name, value}]` headers as pairs; none when absent. */
function headers(value: unknown, path: string): Header[] {
  if (value === undefined) return [];
  return asArray(value, path).map((item, i) => {
    const h = asObject(item, `${path}[${i}]`);
    return [asString(h.name, `${path}[${i}].name`), asString(h.value, `${path}[${i}].value`)] as const;
  });
}

function headerValue(list: readonly Header[], name: string): string | null {
  return list.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

/** mitmproxy writes the upgrade's URL with http(s): the WebSocket URL has ws(s). */
function webSocketUrl(url: string): string {
  return url.replace(/^http(s?):/i, (_m, s: string) => `ws${s}:`);
}
