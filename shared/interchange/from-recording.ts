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

/** A message as the conversation will hold it, but for its time and frames (its frames may come later). */
interface Pending {
  /** Its frames' key in `Building.frames`. */
  readonly key: number;
  readonly from: Side;
  /** The event's own time: used when no frame of it was seen. */
  readonly t: number;
  readonly opcode: 'text' | 'binary';
  readonly text: string | undefined;
  readonly base64: string | undefined;
  readonly compressed: boolean;
  readonly frameCount: number;
}

/** The header bits of a message's data frames so far, and when the last of them crossed. */
interface Frames {
  readonly bits: ConversationFrame[];
  t: number;
}

interface Building {
  readonly connecting: ConnectingEvent;
  request: UpgradeRequestEvent | null;
  response: UpgradeResponseEvent | null;
  open: OpenEvent | null;
  closed: ClosedEvent | null;
  readonly messages: Pending[];
  /** Data frames by message: index × 2, + 1 for `out`. */
  readonly frames: Map<number, Frames>;
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
  const builder = new ConversationBuilder();
  for (const event of events) builder.add(event);
  return builder.finish(anchor);
}

/**
 * conversationFromEvents one event at a time, so a reader can stream a recording through it: only
 * what the conversation keeps is kept (a message's text, its frames' bits), not the events.
 */
export class ConversationBuilder {
  private readonly building = new Map<number, Building>();

  /** Takes the next event in file order. */
  add(event: SessionEvent): void {
    if (event.type === 'connecting') {
      this.building.set(event.conn, {
        connecting: event,
        request: null,
        response: null,
        open: null,
        closed: null,
        messages: [],
        frames: new Map(),
      });
      return;
    }
    const b = this.building.get(event.conn);
    if (b === undefined) return;
    if (event.type === 'upgrade-request') b.request = event;
    else if (event.type === 'upgrade-response') b.response = event;
    else if (event.type === 'open') b.open = event;
    else if (event.type === 'message') b.messages.push(pending(event, b.connecting.role));
    else if (event.type === 'closed') b.closed = event;
    else if (event.type === 'frame' && event.message !== null) {
      const key = event.message * 2 + (event.dir === 'out' ? 1 : 0);
      const frames = b.frames.get(key);
      if (frames === undefined) b.frames.set(key, { bits: [frameBits(event)], t: event.t });
      else {
        frames.bits.push(frameBits(event));
        frames.t = event.t;
      }
    }
  }

  /** The conversation of everything added; `anchor` is the recording header's. */
  finish(anchor: number): Conversation {
    const connections = [...this.building.values()].map((b) => toConnection(b, anchor));
    return { source: 'wstap-recording', connections };
  }
}

function pending(m: MessageEvent, role: Role): Pending {
  // Read once: a long payload's text or base64 is converted here, and the event let go.
  const text = m.text;
  return {
    key: m.index * 2 + (m.dir === 'out' ? 1 : 0),
    from: senderOf(role, m.dir),
    t: m.t,
    opcode: m.opcodeName,
    text,
    base64: text === undefined ? (m.base64 ?? '') : undefined,
    compressed: m.compressed,
    frameCount: m.frameCount,
  };
}

function frameBits(f: FrameEvent): ConversationFrame {
  return {
    fin: f.fin,
    rsv1: f.rsv1,
    rsv2: f.rsv2,
    rsv3: f.rsv3,
    opcode: f.opcode,
    masked: f.masked,
    maskKey: f.maskKey,
    payloadLength: f.payloadLength,
  };
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
        // When it crossed the wire: its last frame's time. A compressed message's event could come
        // after inflation (recordings of earlier versions), later than a reply to it.
        const frames = b.frames.get(m.key);
        return {
          from: m.from,
          t: round((frames?.t ?? m.t) - start),
          opcode: m.opcode,
          ...(m.text !== undefined ? { text: m.text } : { base64: m.base64 }),
          compressed: m.compressed,
          ...(frames === undefined || frames.bits.length !== m.frameCount ? {} : { frames: frames.bits }),
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

/** Messages in the order they crossed (stable: equal times keep the recording's order). */
function sortByTime<T extends { readonly t: number }>(messages: T[]): T[] {
  return messages.sort((a, b) => a.t - b.t);
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
