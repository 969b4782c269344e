/**
 * A conversation as a HAR file in Chrome DevTools' dialect (DevTools' "Import HAR file" opens it:
 * every field its importer requires is there), one entry per connection with
 * `_resourceType: "websocket"` and `_webSocketMessages` (time in seconds). wstap's own fields ride
 * along with underscores, which other readers ignore: each message's frames and compression, the
 * close, the connection's timeline, and — when the source is a wstap recording — the recording
 * itself, so that converting back gives the same file line for line.
 */
import type { Conversation, ConversationConnection } from '../conversation.js';
import type { JsonObject } from '../json-fields.js';
import type { RecordingText } from '../recording-text.js';
import { harMessagesOf } from './har-messages.js';
import { embedRecording, type EmbeddedRecording } from './har-recording.js';
import type { Har, HarEntry, HarNameValue } from './har-types.js';

/** What a HAR file is written with. */
export interface HarWriteOptions {
  /** The writer, e.g. `wstap 0.1.0` (becomes `log.creator`). */
  readonly tool: string;
  /** The wstap recording the conversation came from, embedded for a lossless way back. */
  readonly recording?: RecordingText | null;
}

/** Event types that are not the connection's timeline (messages are `_webSocketMessages`, wire records are bytes). */
const NOT_TIMELINE = new Set(['wire', 'wire-setup', 'message', 'message-ref', 'frame']);

/** The HAR file of a conversation. */
export function toHar(conversation: Conversation, options: HarWriteOptions): Har {
  const fromHar = conversation.source.startsWith('har-');
  const kept = fromHar ? (conversation.sourceFields ?? {}) : {};
  const ids = new Set(conversation.connections.map((c) => c.id));
  const embedded = options.recording ? embedRecording(options.recording, ids) : null;
  const wsEntries = conversation.connections.map((c) =>
    entryOf(c, fromHar ? c.sourceFields : undefined, embedded),
  );
  const otherEntries = Array.isArray(kept.entries) ? (kept.entries as unknown[]) : [];
  const [name, ...version] = options.tool.split(' ');
  const { version: _v, creator: _c, pages, entries: _e, ...rest } = kept;
  return {
    log: {
      version: '1.2',
      creator: { name: name ?? 'wstap', version: version.join(' ') },
      ...rest,
      pages: Array.isArray(pages) ? pages : [],
      entries: byStart([...wsEntries, ...otherEntries]),
      ...(embedded === null ? {} : { _wstapRecording: embedded.log }),
    },
  };
}

/** The file's text: indented JSON, as Chrome saves it, ending with a newline. */
export function harText(har: Har): string {
  return `${JSON.stringify(har, null, 2)}\n`;
}

function entryOf(
  c: ConversationConnection,
  base: JsonObject | undefined,
  embedded: EmbeddedRecording | null,
): HarEntry {
  const b = base ?? {};
  const lines = embedded?.entries.get(c.id);
  const request = {
    method: 'GET',
    url: c.url,
    httpVersion: 'HTTP/1.1',
    headers: [] as HarNameValue[],
    queryString: queryOf(c.url),
    cookies: [],
    headersSize: -1,
    bodySize: 0,
    ...(b.request as JsonObject | undefined),
  };
  const response = {
    status: 0,
    statusText: c.status === 101 ? 'Switching Protocols' : '',
    httpVersion: 'HTTP/1.1',
    headers: [] as HarNameValue[],
    cookies: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
    ...(b.response as JsonObject | undefined),
  };
  return {
    startedDateTime: new Date(c.startedAt).toISOString(),
    time: c.duration ?? 0,
    cache: {},
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
    ...b,
    // What the model holds is written from the model; the rest of a HAR source's entry as it was.
    request: { ...request, url: c.url, headers: c.requestHeaders.map(([name, value]) => ({ name, value })) },
    response: {
      ...response,
      status: c.status ?? 0,
      headers: c.responseHeaders.map(([name, value]) => ({ name, value })),
    },
    _resourceType: 'websocket',
    _webSocketMessages: harMessagesOf(c),
    _wstapConnection: c.id,
    _wstapStartedAt: c.startedAt,
    ...closeFields(c),
    ...(lines === undefined
      ? {}
      : { _wstapTimeline: timelineOf(lines), _wstapRecording: { conn: c.id, lines } }),
  };
}

function closeFields(c: ConversationConnection): JsonObject {
  const close = c.close;
  return {
    ...(close === null
      ? {}
      : {
          _closeInitiator: close.initiator,
          _closeCode: close.code,
          _closeReason: close.reason,
          _closeReplyCode: close.replyCode,
          _closeTime: close.t,
        }),
    ...(c.duration === null ? {} : { _connectionDuration: c.duration }),
  };
}

/** The connection's events other than bytes, frames and messages: how it opened, round trips, the verdict. */
function timelineOf(lines: readonly unknown[]): unknown[] {
  return lines.filter((line) => {
    const record = typeof line === 'string' ? null : (line as JsonObject);
    return record !== null && typeof record.type === 'string' && !NOT_TIMELINE.has(record.type);
  });
}

function queryOf(url: string): HarNameValue[] {
  const query = /\?([^#]*)/.exec(url)?.[1];
  if (query === undefined || query === '') return [];
  return query.split('&').map((pair) => {
    const [name = '', value = ''] = pair.split('=');
    return { name: decode(name), value: decode(value) };
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Entries in order of their start (HAR 1.2 asks for it); a stable sort keeps ties as they were. */
function byStart(entries: readonly unknown[]): unknown[] {
  const start = (e: unknown): number =>
    Date.parse(String((e as JsonObject | null)?.startedDateTime ?? '')) || 0;
  return [...entries].sort((a, b) => start(a) - start(b));
}
