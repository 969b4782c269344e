// Test support: a miniature tap. It decodes chunks the way the live tap does (frames of one chunk
// take consecutive seq numbers and ids, messages come after them) and records both what a
// recording writer is told and the events a reader must give back.
import type { Direction, MessageEvent, SessionEvent } from '../model/events.js';
import { toFrameEvent } from '../model/frame-event.js';
import { toBase64 } from '../protocol/base64.js';
import { encodeCloseBody } from '../protocol/close-body.js';
import { FrameDecoder } from '../protocol/decoder.js';
import { encodeFrames, fragmentMessage, type FrameSpec } from '../protocol/encoder.js';
import { messageToJson } from '../protocol/frame-json.js';
import type { Sender } from '../protocol/frame.js';
import {
  RECORDING_VERSION,
  type RecordingHeader,
  type RecordingLine,
  type WireRecord,
  type WireStreamSetup,
} from './types.js';

/** A wire record as the writer receives it: the bytes themselves. */
export type SimWire = Omit<WireRecord, 'type' | 'base64'> & { readonly bytes: Uint8Array };

/** One call to a recording writer, in order. */
export type WriterCall =
  | { readonly kind: 'setup'; readonly record: WireStreamSetup }
  | { readonly kind: 'wire'; readonly record: SimWire }
  | { readonly kind: 'event'; readonly event: SessionEvent };

/** A header for test recordings. */
export function testHeader(anchor = 1_763_700_000_000): RecordingHeader {
  return {
    format: 'wstap-recording',
    version: RECORDING_VERSION,
    tool: 'wstap test',
    startedAt: new Date(anchor).toISOString(),
    anchor,
    connections: [{ conn: 1, role: 'client', url: 'ws://127.0.0.1:8080/chat' }],
  };
}

interface SimState {
  offset: number;
  frames: SessionEvent[];
  messages: SessionEvent[];
  t: number;
}

/** Drives decoders like the tap and collects writer calls and expected reader output. */
export class SessionSim {
  readonly calls: WriterCall[] = [];
  readonly expected: SessionEvent[] = [];
  private readonly streams = new Map<string, { readonly state: SimState; readonly decoder: FrameDecoder }>();
  private readonly seqs = new Map<number, number>();
  private nextId = 0;
  private clock = 0;

  constructor(private readonly anchor = 1_763_700_000_000) {}

  /** Starts a direction: its wire-setup record. */
  open(conn: number, dir: Direction, sender: Sender): void {
    const t = this.tick();
    const setup: WireStreamSetup = {
      type: 'wire-setup',
      conn,
      dir,
      t,
      wall: this.anchor + t,
      sender,
      perMessageDeflate: false,
      maxPayload: 1 << 20,
      maxMessageSize: 1 << 20,
      maxFragments: 1000,
    };
    const stream: SimState = { offset: 0, frames: [], messages: [], t };
    const decoder = new FrameDecoder({
      ...setup,
      onFrame: (frame) => {
        const seq = this.reserve(conn);
        const stamp = { conn, seq, t: stream.t, wall: this.anchor + stream.t, dir, id: this.nextId++ };
        stream.frames.push(toFrameEvent(stamp, frame));
      },
      onMessage: (message) => {
        // Stamped after the chunk's frames, as the tap emits them.
        const json = messageToJson(message);
        stream.messages.push({
          ...json,
          type: 'message',
          conn,
          seq: -1,
          t: stream.t,
          wall: 0,
          dir,
          size: message.wireLength,
        });
      },
    });
    this.streams.set(`${conn}${dir}`, { state: stream, decoder });
    this.calls.push({ kind: 'setup', record: setup });
  }

  /** A timeline event (connecting, open, closed, ...) with its stamp filled in. */
  event(
    fields: Record<string, unknown> & { readonly type: SessionEvent['type']; readonly conn: number },
  ): void {
    const t = this.tick();
    const event = {
      ...fields,
      seq: this.reserve(fields.conn),
      t,
      wall: this.anchor + t,
    } as unknown as SessionEvent;
    this.calls.push({ kind: 'event', event });
    this.expected.push(event);
  }

  /** Bytes one direction carried, as one socket read or write. */
  chunk(conn: number, dir: Direction, bytes: Uint8Array): void {
    const entry = this.streams.get(`${conn}${dir}`);
    if (entry === undefined) throw new Error(`open(${conn}, ${dir}) first`);
    const stream = entry.state;
    stream.t = this.tick();
    const firstId = this.nextId;
    const seq = this.seqs.get(conn) ?? 0;
    entry.decoder.push(bytes);
    const frames = stream.frames;
    const record: SimWire = {
      conn,
      dir,
      seq,
      id: frames.length > 0 ? firstId : -1,
      t: stream.t,
      wall: this.anchor + stream.t,
      offset: stream.offset,
      frames: frames.length,
      bytes: bytes.slice(),
    };
    stream.offset += bytes.length;
    this.calls.push({ kind: 'wire', record });
    this.expected.push(...frames);
    for (const m of stream.messages) {
      const message = { ...m, seq: this.reserve(conn), wall: this.anchor + m.t } as MessageEvent;
      this.calls.push({ kind: 'event', event: message });
      this.expected.push(message);
    }
    stream.frames = [];
    stream.messages = [];
  }

  /** The calls as recording lines (what the file holds after the header). */
  lines(): RecordingLine[] {
    return this.calls.map((call): RecordingLine => {
      if (call.kind === 'setup') return call.record;
      if (call.kind === 'event') return call.event as RecordingLine;
      const { bytes, ...rest } = call.record;
      return { type: 'wire', ...rest, base64: toBase64(bytes) };
    });
  }

  private reserve(conn: number): number {
    const seq = this.seqs.get(conn) ?? 0;
    this.seqs.set(conn, seq + 1);
    return seq;
  }

  private tick(): number {
    this.clock += 0.125;
    return this.clock;
  }
}

/** Cuts `bytes` at the given offsets (sorted, inside the buffer). */
export function cutAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...offsets, bytes.length]) {
    parts.push(bytes.subarray(at, cut));
    at = cut;
  }
  return parts;
}

const binary = (length: number, seed: number): Uint8Array =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

/** What the client (us, `out`, masked) sends in the example session. */
export const CLIENT_FRAMES: readonly FrameSpec[] = [
  { opcode: 1, payload: 'hello', mask: 0x3f9a12c0 },
  { opcode: 2, payload: binary(300, 7), mask: 0x01020304 },
  ...fragmentMessage(
    { opcode: 1, payload: 'part one, part two, part three ✓', mask: 0x0badf00d },
    [10, 10, 14],
  ),
  { opcode: 9, payload: 'hb-1', mask: 0x11223344 },
  { opcode: 1, payload: 'rsv2 set', mask: 0x55667788, rsv2: true },
  { opcode: 8, payload: encodeCloseBody(1000, 'bye'), mask: 0x99887766 },
];

/** What the server (`in`, unmasked) sends in the example session. */
export const SERVER_FRAMES: readonly FrameSpec[] = [
  { opcode: 1, payload: '{"type":"welcome","users":["ana","bo"]}' },
  { opcode: 2, payload: binary(70_000, 3) },
  { opcode: 10, payload: 'hb-1' },
  ...fragmentMessage({ opcode: 2, payload: binary(40, 9) }, [1, 0, 39]),
  { opcode: 1, payload: 'héllo ✓ 中文 😀' },
  { opcode: 8, payload: encodeCloseBody(1000, '') },
];

/**
 * A whole session (timeline events, both directions, every frame kind) with each direction's
 * bytes cut by `split`, the chunks of both directions interleaved.
 */
export function exampleSession(split: (bytes: Uint8Array, dir: Direction) => Uint8Array[]): SessionSim {
  const sim = new SessionSim();
  sim.event({
    type: 'connecting',
    conn: 1,
    role: 'client',
    url: 'ws://127.0.0.1:8080/chat',
    attempt: 1,
    session: 1,
  });
  sim.event({ type: 'open', conn: 1, subprotocol: null, extensions: null, ms: 1.5 });
  sim.open(1, 'out', 'client');
  sim.open(1, 'in', 'server');
  const out = split(encodeFrames(CLIENT_FRAMES), 'out');
  const inbound = split(encodeFrames(SERVER_FRAMES), 'in');
  for (let i = 0; i < Math.max(out.length, inbound.length); i++) {
    const a = out[i];
    const b = inbound[i];
    if (a !== undefined) sim.chunk(1, 'out', a);
    if (b !== undefined) sim.chunk(1, 'in', b);
  }
  sim.event({ type: 'error', conn: 1, code: 'SOCKET_ERROR', message: 'line one\nline two "quoted"' });
  return sim;
}

/** Awkward cuts: one byte, inside headers, inside mask keys and extended lengths, inside payloads. */
export function awkwardSplit(bytes: Uint8Array, dir: Direction): Uint8Array[] {
  // Client stream: 1 | header | mask key | payload ... ; server stream: inside the 64-bit length.
  const cuts = dir === 'out' ? [1, 2, 4, 7, 12, 15, 200, 318, 330] : [1, 2, 30, 43, 45, 50, 40_000, 70_053];
  return cutAt(
    bytes,
    cuts.filter((c) => c < bytes.length),
  );
}
