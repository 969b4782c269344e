/**
 * mitmproxy's flow files (`mitmdump -w FILE`, mitmproxy 7 and later: flow format 12+) as a
 * conversation. A WebSocket connection is an `http` flow whose `websocket` holds the messages as
 * `[type, from_client, content, timestamp, dropped, injected]` (mitmproxy/websocket.py), times in
 * seconds since the epoch; its request and response are the upgrade.
 */
import type { Header } from '../../model/events.js';
import { toBase64 } from '../../protocol/base64.js';
import { utf8TextOrNull } from '../../protocol/utf8.js';
import type {
  Conversation,
  ConversationClose,
  ConversationConnection,
  ConversationMessage,
} from '../conversation.js';
import {
  asArray,
  asBoolean,
  asNumber,
  asObject,
  fail,
  ImportError,
  type JsonObject,
} from '../json-fields.js';
import type { TnetValue } from './tnetstring.js';

/** Flow format 12 (mitmproxy 7) made WebSocket connections part of http flows. */
const FIRST_VERSION = 12;

/** The WebSocket flows among `flows` (each a top-level value of the file, with its byte offset). */
export function conversationFromFlows(
  flows: Iterable<{ readonly value: TnetValue; readonly offset: number }>,
): Conversation {
  const connections: ConversationConnection[] = [];
  const warnings: string[] = [];
  let count = 0;
  for (const { value, offset } of flows) {
    count++;
    const path = `flow ${count} (byte ${offset})`;
    const flow = asObject(value, path);
    const version = flow.version;
    if (typeof version !== 'number') fail(`${path}.version`, 'a flow format version', version);
    if (version < FIRST_VERSION) {
      throw new ImportError(
        `${path}: flow format ${version} is from mitmproxy 6 or older, which kept WebSocket messages apart; open and save the file with mitmproxy 7 or newer`,
      );
    }
    if (text(flow.type) !== 'http' || flow.websocket === null || flow.websocket === undefined) continue;
    const { connection, dropped } = connectionOf(flow, path, count);
    if (dropped > 0)
      warnings.push(
        `${path}: ${dropped} message${dropped === 1 ? '' : 's'} mitmproxy dropped (never delivered) left out`,
      );
    connections.push(connection);
  }
  if (connections.length === 0) throw new ImportError(`none of the ${count} flows is a WebSocket connection`);
  return { source: 'mitmproxy-flows', connections, warnings };
}

function connectionOf(
  flow: JsonObject,
  path: string,
  id: number,
): { connection: ConversationConnection; dropped: number } {
  const request = asObject(flow.request, `${path}.request`);
  const response =
    flow.response === null || flow.response === undefined
      ? null
      : asObject(flow.response, `${path}.response`);
  const ws = asObject(flow.websocket, `${path}.websocket`);
  // Microseconds, like every time of the model: a start with more digits would not survive a HAR's seconds.
  const micros = (ms: number): number => Math.round(ms * 1000) / 1000;
  const start = micros(asNumber(request.timestamp_start, `${path}.request.timestamp_start`) * 1000);
  const at = (seconds: number): number => micros(seconds * 1000 - start);
  const responseHeaders = response === null ? [] : headers(response.headers, `${path}.response.headers`);
  const messages: ConversationMessage[] = [];
  let dropped = 0;
  asArray(ws.messages, `${path}.websocket.messages`).forEach((item, i) => {
    const where = `${path}.websocket.messages[${i}]`;
    const [type, fromClient, content, timestamp, isDropped] = asArray(item, where);
    if (isDropped === true) return void dropped++;
    if (type !== 1 && type !== 2) fail(`${where}[0]`, 'opcode 1 or 2', type);
    if (!(content instanceof Uint8Array)) fail(`${where}[2]`, 'bytes', content);
    const from = asBoolean(fromClient, `${where}[1]`) ? 'client' : 'server';
    const t = at(asNumber(timestamp, `${where}[3]`));
    const payload = type === 1 ? utf8TextOrNull(content) : null;
    messages.push({
      from,
      t,
      opcode: type === 1 ? 'text' : 'binary',
      ...(payload !== null ? { text: payload } : { base64: toBase64(content) }),
    });
  });
  const end = typeof ws.timestamp_end === 'number' ? at(ws.timestamp_end) : null;
  const connection: ConversationConnection = {
    id,
    url: urlOf(request, path),
    startedAt: start,
    requestHeaders: headers(request.headers, `${path}.request.headers`),
    status: response === null ? null : asNumber(response.status_code, `${path}.response.status_code`),
    responseHeaders,
    subprotocol: headerValue(responseHeaders, 'sec-websocket-protocol'),
    extensions: headerValue(responseHeaders, 'sec-websocket-extensions'),
    ...(response !== null && typeof response.timestamp_start === 'number'
      ? { opened: at(response.timestamp_start) }
      : {}),
    messages,
    close: closeOf(ws, end),
    duration: end,
  };
  return { connection, dropped };
}

/** mitmproxy keeps who closed, the code and the reason, and when it ended (not when the Close crossed). */
function closeOf(ws: JsonObject, end: number | null): ConversationClose | null {
  const by = ws.closed_by_client;
  if (by !== true && by !== false) return null;
  const code = typeof ws.close_code === 'number' ? ws.close_code : null;
  // 1006 and 1005 never cross the wire: wsproto reports a drop or an empty Close with them.
  if (code === 1006) return { initiator: 'none', code: null, reason: '', replyCode: null, t: end ?? 0 };
  return {
    initiator: by ? 'client' : 'server',
    code: code === 1005 ? null : code,
    reason: text(ws.close_reason) ?? '',
    replyCode: null,
    t: end ?? 0,
  };
}

/** The WebSocket URL the client asked for: ws(s), host, port unless the default, path. */
function urlOf(request: JsonObject, path: string): string {
  const scheme = text(request.scheme) === 'https' ? 'wss' : 'ws';
  const host = text(request.host) ?? fail(`${path}.request.host`, 'a host', request.host);
  const port = asNumber(request.port, `${path}.request.port`);
  const target = text(request.path) ?? '/';
  const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const standard = (scheme === 'ws' && port === 80) || (scheme === 'wss' && port === 443);
  return `${scheme}://${name}${standard ? '' : `:${port}`}${target}`;
}

function headers(value: unknown, path: string): Header[] {
  return asArray(value, path).map((pair, i) => {
    const [name, val] = asArray(pair, `${path}[${i}]`);
    return [
      text(name) ?? fail(`${path}[${i}][0]`, 'a header name', name),
      text(val) ?? fail(`${path}[${i}][1]`, 'a header value', val),
    ] as const;
  });
}

function headerValue(list: readonly Header[], name: string): string | null {
  return list.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
}

/** Text whether mitmproxy stored it as text or as bytes (it does both); null for anything else. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return utf8TextOrNull(value) ?? String.fromCharCode(...value);
  return null;
}
