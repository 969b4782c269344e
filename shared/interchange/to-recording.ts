/**
 * A conversation as a wstap recording (docs/recording-format.md) that `wstap show`, replay and
 * `serve --replay` read: per connection the events a client session has — connecting, the upgrade
 * request and response, open, each message, the close. No `wire` records: a HAR file or a
 * mitmproxy flow has no wire bytes, and wstap does not invent them; messages are stored whole.
 */
import { explainClose } from '../model/close-explanation.js';
import { closeCodeLabel } from '../protocol/close-codes.js';
import type { CloseSide, ClosedEvent, EventBase, MessageEvent, SessionEvent } from '../model/events.js';
import { encodeHeader, encodeLine } from '../record/line-codec.js';
import { RECORDING_FORMAT, RECORDING_TEXT_VERSION, type RecordingHeader } from '../record/types.js';
import type { Conversation, ConversationConnection, ConversationMessage } from './conversation.js';
import type { RecordingText, RecordingTextLine } from './recording-text.js';

/** A recording of the conversation; `tool` goes into the header (e.g. `wstap 0.1.0`). */
export function recordingFromConversation(conversation: Conversation, tool: string): RecordingText {
  const starts = conversation.connections.map((c) => c.startedAt);
  const anchor = starts.length === 0 ? 0 : Math.min(...starts);
  const header: RecordingHeader = {
    format: RECORDING_FORMAT,
    // JSON lines only: readable by every wstap that reads recordings.
    version: RECORDING_TEXT_VERSION,
    tool,
    startedAt: new Date(anchor).toISOString(),
    anchor,
    connections: [],
  };
  const lines = conversation.connections.flatMap((c) => connectionLines(c, anchor));
  return { header: encodeHeader(header), lines };
}

/** The lines of one connection (its `conn` is the connection's id), times counted from `anchor`. */
export function connectionLines(connection: ConversationConnection, anchor: number): RecordingTextLine[] {
  return connectionEvents(connection, anchor).map((event) => ({
    conn: connection.id,
    text: encodeLine(event),
  }));
}

/** The events of one connection, as connectionLines writes them. */
export function connectionEvents(
  connection: ConversationConnection,
  anchor: number,
): Exclude<SessionEvent, { type: 'frame' }>[] {
  const conn = connection.id;
  const base = connection.startedAt - anchor;
  let seq = 0;
  const stamp = (t: number): EventBase => {
    const at = round(base + t);
    return { conn, seq: seq++, t: at, wall: round(anchor + at) };
  };
  const events: Exclude<SessionEvent, { type: 'frame' }>[] = [];
  events.push({
    ...stamp(0),
    type: 'connecting',
    role: 'client',
    url: connection.url,
    attempt: 1,
    session: conn,
  });
  const url = parseTarget(connection.url);
  events.push({
    ...stamp(0),
    type: 'upgrade-request',
    requestLine: `GET ${url} HTTP/1.1`,
    headers: connection.requestHeaders,
  });
  const opened = connection.opened ?? 0;
  if (connection.status !== null) {
    const statusLine = `HTTP/1.1 ${connection.status}${connection.status === 101 ? ' Switching Protocols' : ''}`;
    const response = {
      statusLine,
      status: connection.status,
      headers: connection.responseHeaders,
      body: null,
      ms: opened,
      violations: [],
    };
    events.push({ ...stamp(opened), type: 'upgrade-response', ...response });
  }
  if (connection.status === 101 || (connection.status === null && connection.messages.length > 0)) {
    events.push({
      ...stamp(opened),
      type: 'open',
      subprotocol: connection.subprotocol,
      extensions: connection.extensions,
      ms: opened,
    });
  }
  const counts = { in: { messages: 0, frames: 0, bytes: 0 }, out: { messages: 0, frames: 0, bytes: 0 } };
  for (const m of connection.messages) {
    // wstap plays the client: what the client said went out.
    const dir = m.from === 'client' ? 'out' : 'in';
    const size = payloadSize(m);
    const frameCount = m.frames?.length ?? 1;
    const wireLength = m.frames === undefined ? size : m.frames.reduce((sum, f) => sum + f.payloadLength, 0);
    const count = counts[dir];
    const message: MessageEvent = {
      ...stamp(m.t),
      type: 'message',
      dir,
      index: count.messages,
      opcodeName: m.opcode,
      firstFrame: count.frames,
      frameCount,
      // No wire bytes: offsets count the payload bytes of the messages before.
      offset: count.bytes,
      wireLength,
      compressed: m.compressed ?? false,
      ...(m.text !== undefined ? { text: m.text } : { base64: m.base64 ?? '' }),
      violations: [],
      size,
    };
    count.messages++;
    count.frames += frameCount;
    count.bytes += wireLength;
    events.push(message);
  }
  const closed = closedEvent(connection, stamp, counts.in.frames, counts.out.frames, base);
  if (closed !== null) events.push(closed);
  return events;
}

/** The `closed` event, when the conversation says how the connection ended. */
function closedEvent(
  connection: ConversationConnection,
  stamp: (t: number) => EventBase,
  framesIn: number,
  framesOut: number,
  base: number,
): ClosedEvent | null {
  const close = connection.close;
  if (close === null && connection.duration === null) return null;
  let sent: CloseSide | null = null;
  let received: CloseSide | null = null;
  if (close !== null && close.initiator !== 'none') {
    // The source says when the first Close crossed, not when the answer did: both get that time.
    const at = round(base + close.t);
    const first: CloseSide = { code: close.code, reason: close.reason, t: at };
    const reply: CloseSide | null =
      close.replyCode === null && close.code !== null ? null : { code: close.replyCode, reason: '', t: at };
    sent = close.initiator === 'client' ? first : reply;
    received = close.initiator === 'client' ? reply : first;
  }
  const duration = connection.duration ?? close?.t ?? 0;
  const initiator =
    close === null || close.initiator === 'none' ? 'none' : close.initiator === 'client' ? 'us' : 'peer';
  return {
    ...stamp(duration),
    type: 'closed',
    initiator,
    sent,
    received,
    code: received === null ? 1006 : (received.code ?? 1005),
    handshakeMs: null,
    tcpClean: sent !== null && received !== null,
    explanation: explanationOf(connection, sent, received),
    duration,
    framesIn: framesIn + (received === null ? 0 : 1),
    framesOut: framesOut + (sent === null ? 0 : 1),
    // No wire bytes were recorded.
    bytesIn: 0,
    bytesOut: 0,
  };
}

/** The verdict `wstap show` prints, from what the source knew (no TCP details, often one Close only). */
function explanationOf(
  connection: ConversationConnection,
  sent: CloseSide | null,
  received: CloseSide | null,
): string {
  const close = connection.close;
  if (close === null || close.initiator === 'none') {
    const facts = {
      role: 'client',
      connectError: null,
      handshakeTimeout: null,
      handshakeError: null,
      sent: null,
      received: null,
      tcpEnd: null,
    } as const;
    const refused =
      connection.status !== null && connection.status !== 101
        ? { status: connection.status, statusText: '' }
        : null;
    const reached = connection.status === 101 || connection.messages.length > 0 ? 'open' : 'handshake';
    const rest = {
      lastSent: null,
      ourViolation: null,
      peerViolation: null,
      heartbeat: null,
      terminated: false,
    };
    return explainClose({ ...facts, ...rest, refused, reached }).explanation;
  }
  const label = (side: CloseSide): string =>
    side.code === null
      ? 'an empty Close (1005)'
      : `${closeCodeLabel(side.code)}${side.reason ? ` ${JSON.stringify(side.reason)}` : ''}`;
  const [first, reply] = close.initiator === 'client' ? [sent, received] : [received, sent];
  const who = close.initiator === 'client' ? 'we' : 'server';
  const answer =
    reply === null
      ? 'the answer is not recorded'
      : `${close.initiator === 'client' ? 'the server' : 'we'} answered ${label(reply)}`;
  return `${who} closed with ${label(first as CloseSide)}; ${answer}`;
}

/** The request target of a URL: path and query (`/` when it has none). */
function parseTarget(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url);
  const target = match?.[1] ?? '';
  return target === '' ? '/' : target.startsWith('/') ? target : `/${target}`;
}

/** Payload bytes of a message. */
export function payloadSize(m: Pick<ConversationMessage, 'text' | 'base64'>): number {
  if (m.text !== undefined) return new TextEncoder().encode(m.text).length;
  const b64 = m.base64 ?? '';
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - padding;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
