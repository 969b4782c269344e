/**
 * A wstap recording's events as a conversation: one connection per `conn`, messages with the side
 * that sent them (wstap's `out` is the client's side when wstap was the client or the proxy, the
 * server's when it served), the handshake and the close.
 */
import type {
  ClosedEvent,
  ConnectingEvent,
  FrameEvent,
  MessageEvent,
  OpenEvent,
  Role,
  SessionEvent,
  UpgradeRequestEvent,
  UpgradeResponseEvent,
} from '../model/events.js';
import type {
  Conversation,
  ConversationClose,
  ConversationConnection,
  ConversationFrame,
  Side,
} from './conversation.js';

interface Building {
  readonly connecting: ConnectingEvent;
  request: UpgradeRequestEvent | null;
  response: UpgradeResponseEvent | null;
  open: OpenEvent | null;
  closed: ClosedEvent | null;
  readonly messages: MessageEvent[];
  /** Data frames by `dir:message index`. */
  readonly frames: Map<string, FrameEvent[]>;
  last: number;
}

/** The side that wrote a direction's bytes. */
export function senderOf(role: Role, dir: 'in' | 'out'): Side {
  return (role === 'client') === (dir === 'out') ? 'client' : 'server';
}

/**
 * Builds the conversation from a recording's events in file order (`frame` events, when given —
 * a reader derives them from the wire records — add each message's frame bits).
 * Connections without a `connecting` event (a recording started mid-connection) are skipped.
 */
export function conversationFromEvents(events: Iterable<SessionEvent>, anchor: number): Conversation {
  const building = new Map<number, Building>();
  for (const event of events) {
    if (event.type === 'connecting') {
      building.set(event.conn, {
        connecting: event,
        request: null,
        response: null,
        open: null,
        closed: null,
        messages: [],
        frames: new Map(),
        last: event.t,
      });
      continue;
    }
    const b = building.get(event.conn);
    if (b === undefined) continue;
    b.last = Math.max(b.last, event.t);
    if (event.type === 'upgrade-request') b.request = event;
    else if (event.type === 'upgrade-response') b.response = event;
    else if (event.type === 'open') b.open = event;
    else if (event.type === 'message') b.messages.push(event);
    else if (event.type === 'closed') b.closed = event;
    else if (event.type === 'frame' && event.message !== null) {
      const key = `${event.dir}:${event.message}`;
      const list = b.frames.get(key);
      if (list === undefined) b.frames.set(key, [event]);
      else list.push(event);
    }
  }
  const connections = [...building.values()].map((b) => toConnection(b, anchor));
  return { source: 'wstap-recording', connections };
}

function toConnection(b: Building, anchor: number): ConversationConnection {
  const { connecting } = b;
  const start = connecting.t;
  const role = connecting.role;
  return {
    id: connecting.conn,
    url: urlOf(connecting, b.request),
    startedAt: anchor + start,
    requestHeaders: b.request?.headers ?? [],
    status: b.response?.status ?? null,
    responseHeaders: b.response?.headers ?? [],
    subprotocol: b.open?.subprotocol ?? null,
    extensions: b.open?.extensions ?? null,
    ...(b.open === null ? {} : { opened: round(b.open.t - start) }),
    messages: sortByTime(
      b.messages.map((m) => {
        const frames = framesOf(b.frames, m);
        return {
          from: senderOf(role, m.dir),
          t: round(crossedAt(b.frames, m) - start),
          opcode: m.opcodeName,
          ...(m.text !== undefined ? { text: m.text } : { base64: m.base64 ?? '' }),
          compressed: m.compressed,
          ...(frames === undefined ? {} : { frames }),
        };
      }),
    ),
    close: b.closed === null ? null : closeOf(b.closed, role, start),
    duration: b.closed === null ? null : round(b.closed.t - start),
  };
}

/** The URL the client asked for: the connection's base with the request line's path and query. */
function urlOf(connecting: ConnectingEvent, request: UpgradeRequestEvent | null): string {
  const target = request?.requestLine.split(' ')[1];
  if (target === undefined || !target.startsWith('/')) return connecting.url;
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i.exec(connecting.url);
  return origin === null ? connecting.url : origin[0] + target;
}

/**
 * When a message crossed the wire: its last frame's time. A compressed message's event comes
 * after inflation, which is asynchronous, so its own time can be later than a reply to it.
 */
function crossedAt(frames: Map<string, FrameEvent[]>, m: MessageEvent): number {
  return frames.get(`${m.dir}:${m.index}`)?.at(-1)?.t ?? m.t;
}

/** Messages in the order they crossed (stable: equal times keep the recording's order). */
function sortByTime<T extends { readonly t: number }>(messages: T[]): T[] {
  return messages.sort((a, b) => a.t - b.t);
}

function framesOf(frames: Map<string, FrameEvent[]>, m: MessageEvent): ConversationFrame[] | undefined {
  const list = frames.get(`${m.dir}:${m.index}`);
  if (list === undefined || list.length !== m.frameCount) return undefined;
  return list.map((f) => ({
    fin: f.fin,
    rsv1: f.rsv1,
    rsv2: f.rsv2,
    rsv3: f.rsv3,
    opcode: f.opcode,
    masked: f.masked,
    maskKey: f.maskKey,
    payloadLength: f.payloadLength,
  }));
}

function closeOf(closed: ClosedEvent, role: Role, start: number): ConversationClose {
  const ours: Side = role;
  const theirs: Side = role === 'client' ? 'server' : 'client';
  const first =
    closed.initiator === 'us' ? closed.sent : closed.initiator === 'peer' ? closed.received : null;
  const reply =
    closed.initiator === 'us' ? closed.received : closed.initiator === 'peer' ? closed.sent : null;
  return {
    initiator: closed.initiator === 'us' ? ours : closed.initiator === 'peer' ? theirs : 'none',
    code: first?.code ?? null,
    reason: first?.reason ?? '',
    replyCode: reply?.code ?? null,
    t: round((first?.t ?? closed.t) - start),
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
