/**
 * Opens a file into the console's inspector: its connections become ordinary (closed) connections
 * with fresh ids, their events go through the console's row router like live ones, so the sidebar,
 * the inspector and the timeline show them. A wstap recording's wire bytes go into the frame store
 * (frame ids are real: the detail pane reads every bit); a HAR file or mitmproxy flows have no wire
 * bytes, so their messages become message rows. Times are moved to now, kept relative.
 */
import { isUtf8 } from 'node:buffer';
import type { OpenedConnection, OpenedRecording } from '../../../shared/ipc/recording-commands.js';
import { connectionEvents } from '../../../shared/interchange/to-recording.js';
import type { ClosedEvent, ConnectingEvent, FrameEvent, SessionEvent } from '../../../shared/model/events.js';
import type { RecordedConnection } from '../../../shared/record/types.js';
import type { Frame } from '../../../shared/protocol/frame.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { FrameDeriver } from '../../../shared/record/frame-deriver.js';
import { parseHeader, parseLine, RecordingError } from '../../../shared/record/line-codec.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { loadInterchange } from '../interchange/load-interchange.js';
import { readHead, sniffKind } from '../interchange/sniff.js';
import { isJson, readLineBatches } from '../recording/recording-reader.js';
import { roundMs } from '../clock.js';
import type { EventBatcher } from './event-batcher.js';
import type { MessageStore } from './message-store.js';
import type { RowRouter } from './row-router.js';

/** What opening a file feeds. */
export interface OpenTarget {
  readonly engine: Engine;
  readonly router: RowRouter;
  readonly messages: MessageStore;
  readonly batcher: EventBatcher;
}

/**
 * Session numbers of opened connections: far above any live session's (those count from 1), so
 * the sidebar never groups an opened connection with a live session.
 */
export const OPENED_SESSION_BASE = 2 ** 30;

/** Opens `path` (sniffed: wstap recording, HAR, mitmproxy flows); throws EngineError FILE_UNREADABLE / IMPORT_FAILED. */
export async function openIntoConsole(path: string, target: OpenTarget): Promise<OpenedRecording> {
  const kind = sniffKind(await readHead(path));
  if (kind === 'wstap-recording') {
    try {
      return await openRecording(path, target);
    } catch (error) {
      if (error instanceof RecordingError)
        throw new EngineError('IMPORT_FAILED', `${path}: ${error.message}`);
      throw error;
    }
  }
  return openConversation(path, target);
}

/** An opened connection while its file is read. */
type Counting = { -readonly [K in keyof OpenedConnection]: OpenedConnection[K] } & {
  /** Its last event so far (console conn and time), and whether it was `closed`. */
  last: { seq: number; t: number; wall: number; start: number; framesIn: number; framesOut: number } | null;
  closed: boolean;
};

/** Tracks the file's connections as they get console ids. */
class Connections {
  private readonly ids = new Map<number, Counting>();
  /** Added to every `t`: the file's first event lands at the engine's now. */
  private shift: number | null = null;

  constructor(private readonly target: OpenTarget) {}

  conn(recorded: number, url = ''): Counting {
    let found = this.ids.get(recorded);
    if (found === undefined) {
      found = {
        conn: this.target.engine.intake.nextConn(),
        recorded,
        url,
        messages: 0,
        frames: 0,
        last: null,
        closed: false,
      };
      this.ids.set(recorded, found);
    }
    return found;
  }

  t(t: number): number {
    this.shift ??= this.target.engine.clock.now() - t;
    return roundMs(t + this.shift);
  }

  /** Notes an event of `opened` (already moved to the console's conn and time), then routes it. */
  route(opened: Counting, event: SessionEvent, route: (event: SessionEvent) => void): void {
    const last = opened.last;
    const start = last?.start ?? event.t;
    const isFrame = event.type === 'frame';
    opened.last = {
      seq: event.seq,
      t: event.t,
      wall: event.wall,
      start,
      framesIn: (last?.framesIn ?? 0) + (isFrame && event.dir === 'in' ? 1 : 0),
      framesOut: (last?.framesOut ?? 0) + (isFrame && event.dir === 'out' ? 1 : 0),
    };
    if (event.type === 'closed') opened.closed = true;
    route(event);
  }

  /**
   * A `closed` event for each connection the file leaves open (a recording stopped mid-session, a
   * HAR entry without its end): an opened file's connections are over, whatever the file says last.
   */
  endings(path: string): ClosedEvent[] {
    const out: ClosedEvent[] = [];
    for (const c of this.ids.values()) {
      if (c.closed || c.last === null) continue;
      const last = c.last;
      out.push({
        conn: c.conn,
        seq: last.seq + 1,
        t: last.t,
        wall: last.wall,
        type: 'closed',
        initiator: 'none',
        sent: null,
        received: null,
        code: 1006,
        handshakeMs: null,
        tcpClean: false,
        explanation: `${path} ends before this connection closed`,
        duration: roundMs(last.t - last.start),
        framesIn: last.framesIn,
        framesOut: last.framesOut,
        bytesIn: 0,
        bytesOut: 0,
      });
    }
    return out;
  }

  list(): OpenedConnection[] {
    return [...this.ids.values()].map((c) => ({
      conn: c.conn,
      recorded: c.recorded,
      url: c.url,
      messages: c.messages,
      frames: c.frames,
    }));
  }
}

/** The `connecting` event a connection open before the recording began gets, just before its first recorded event. */
function joined(begun: RecordedConnection, conn: number, first: SessionEvent, t: number): ConnectingEvent {
  return {
    type: 'connecting',
    conn,
    seq: Math.max(0, first.seq - 1),
    t,
    wall: first.wall,
    role: begun.role,
    url: begun.url,
    attempt: 1,
    session: OPENED_SESSION_BASE + conn,
  };
}

async function openRecording(path: string, target: OpenTarget): Promise<OpenedRecording> {
  const deriver = new FrameDeriver({ decodeBase64: (text) => Buffer.from(text, 'base64'), isUtf8 });
  const connections = new Connections(target);
  const messageOpcodes = new Map<string, number>();
  const warnings: string[] = [];
  let sawHeader = false;
  // Connections already open when the recording began: the header names them, no `connecting` line does.
  const early = new Map<number, RecordedConnection>();
  const take = (text: string, lineNo: number): void => {
    if (!sawHeader) {
      const header = parseHeader(text, lineNo);
      if (!header.ok) throw new RecordingError(header.error);
      sawHeader = true;
      for (const c of header.value.connections) early.set(c.conn, c);
      return;
    }
    if (text.trim() === '') return;
    const parsed = parseLine(text, lineNo);
    if (!parsed.ok) {
      if (parsed.error.code === 'RECORDING_UNKNOWN_TYPE') return;
      throw new RecordingError(parsed.error);
    }
    const line = parsed.value;
    if (line.type === 'wire' && line.conn > 0) {
      const bytes = Buffer.from(line.base64, 'base64');
      target.engine.intake.bytes(connections.conn(line.conn).conn, line.dir, line.offset, bytes);
    }
    for (const event of deriver.accept(line, lineNo)) {
      if (event.conn === 0) continue; // engine-wide events (servers, scripts) belong to that run
      const opened = connections.conn(event.conn);
      const begun = early.get(event.conn);
      if (begun !== undefined) {
        early.delete(event.conn);
        opened.url = begun.url;
        connections.route(
          opened,
          joined(begun, opened.conn, event, connections.t(event.t)),
          target.router.listener,
        );
      }
      if (event.type === 'frame') frameEvent(event, opened, connections, messageOpcodes, target);
      else {
        if (event.type === 'connecting') {
          opened.url = event.url;
          Object.assign(event, { session: OPENED_SESSION_BASE + opened.conn });
        } else if (event.type === 'message') opened.messages++;
        Object.assign(event, { conn: opened.conn, t: connections.t(event.t) });
        connections.route(opened, event, target.router.listener);
      }
    }
  };
  for await (const batch of readLineBatches(path)) {
    for (let i = 0; i < batch.lines.length; i++) take(batch.lines[i] as string, batch.first + i);
    if (batch.tail === null) continue;
    if (isJson(batch.tail.text)) take(batch.tail.text, batch.first);
    else if (sawHeader)
      warnings.push(
        `the last line (${batch.tail.bytes} bytes) is cut short (the recording was stopped by a crash)`,
      );
  }
  if (!sawHeader) throw new EngineError('IMPORT_FAILED', `${path}: the file is empty`);
  for (const closed of connections.endings(path)) target.router.listener(closed);
  return { path, source: 'wstap-recording', connections: connections.list(), warnings };
}

/** A derived frame into the frame store (its real id) and the router. */
function frameEvent(
  event: FrameEvent,
  opened: Counting,
  connections: Connections,
  messageOpcodes: Map<string, number>,
  target: OpenTarget,
): void {
  const key = `${opened.conn}:${event.dir}`;
  let messageOpcode = 0;
  if (event.message !== null) {
    if (event.opcode === OPCODE.TEXT || event.opcode === OPCODE.BINARY) messageOpcodes.set(key, event.opcode);
    messageOpcode = messageOpcodes.get(key) ?? 0;
  }
  const t = connections.t(event.t);
  const id = target.engine.intake.frame(opened.conn, event.seq, event.dir, t, frameOf(event, messageOpcode));
  opened.frames++;
  Object.assign(event, { conn: opened.conn, t, id });
  connections.route(opened, event, target.router.listener);
}

/** The fields of a Frame the frame store indexes, from a frame event (its payload stays in the wire bytes). */
export function frameOf(event: FrameEvent, messageOpcode: number): Frame {
  return {
    index: event.index,
    offset: event.offset,
    headerLength: event.headerLength,
    fin: event.fin,
    rsv1: event.rsv1,
    rsv2: event.rsv2,
    rsv3: event.rsv3,
    opcode: event.opcode,
    masked: event.masked,
    maskKey: event.maskKey === null ? null : parseInt(event.maskKey, 16) >>> 0,
    payloadLength: event.payloadLength,
    lengthBits: event.lengthBits,
    lengthMinimal: event.lengthMinimal,
    payload: null,
    message: event.message,
    messageOpcode,
    compressed: event.compressed,
    close:
      event.opcode === OPCODE.CLOSE && event.closeCode !== null
        ? { code: event.closeCode, reason: event.closeReason ?? '' }
        : null,
    violations: event.violations,
  };
}

/** A HAR file or mitmproxy flows: message rows, no frames. */
async function openConversation(path: string, target: OpenTarget): Promise<OpenedRecording> {
  const { conversation } = await loadInterchange(path);
  const connections = new Connections(target);
  const starts = conversation.connections.map((c) => c.startedAt);
  const anchor = starts.length === 0 ? 0 : Math.min(...starts);
  for (const connection of conversation.connections) {
    const opened = connections.conn(connection.id, connection.url);
    const events: SessionEvent[] = connectionEvents({ ...connection, id: opened.conn }, anchor);
    for (const event of events) {
      Object.assign(event, { t: connections.t(event.t) });
      if (event.type === 'connecting') Object.assign(event, { session: OPENED_SESSION_BASE + opened.conn });
      if (event.type === 'message') opened.messages++;
      connections.route(opened, event, (e) =>
        e.type === 'message' ? target.router.messageRow(e, []) : target.router.listener(e),
      );
    }
  }
  for (const closed of connections.endings(path)) target.router.listener(closed);
  return {
    path,
    source: conversation.source,
    connections: connections.list(),
    warnings: conversation.warnings ?? [],
  };
}
