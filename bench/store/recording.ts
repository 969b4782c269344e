import { rm } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Direction, FrameEvent, MessageEvent, SessionEvent } from '../../shared/model/events.js';
import { toFrameEvent } from '../../shared/model/frame-event.js';
import { FrameDecoder } from '../../shared/protocol/decoder.js';
import { encodeFrame } from '../../shared/protocol/encoder.js';
import { messageToJson } from '../../shared/protocol/frame-json.js';
import { encodeLine } from '../../shared/record/line-codec.js';
import type { RecordingHeader, WireStreamSetup } from '../../shared/record/types.js';
import { FrameStore } from '../../main/engine/frame-store/frame-store.js';
import { LineFile } from '../../main/engine/recording/line-file.js';
import { indexRecording } from '../../main/engine/recording/recording-index.js';
import {
  readLineBatches,
  readRecording,
  readRecordingBatches,
} from '../../main/engine/recording/recording-reader.js';
import { openRecordingWriter, type WireInput } from '../../main/engine/recording/recording-writer.js';
import { Prng } from '../decoder/prng.js';

/**
 * bench/store/recording: what recording a session costs, written as wire records plus message
 * events (the format) against the obvious alternative, one JSON.stringify'd FrameEvent per frame
 * plus the message, written through the same batched file; and reading it back (frames derived
 * by decoding the wire records) against JSON.parse of every line of that alternative file.
 */

/** One socket read or write of the corpus, as the tap hands it to the writer. */
export type Chunk = WireInput;

/** The session to record: both directions' chunks in order, and event pools. */
export interface RecordingCorpus {
  readonly frames: number;
  readonly chunks: readonly Chunk[];
  readonly setups: readonly WireStreamSetup[];
  /** Message events (one per frame) and the frame events of the same frames, built once and reused cyclically. */
  readonly messages: readonly MessageEvent[];
  readonly frameEvents: readonly FrameEvent[];
  readonly wireBytes: number;
  readonly payloadBytes: number;
}

const ANCHOR = 1_763_700_000_000;
const POOL = 1 << 14;

/** The header every bench recording starts with. */
export const HEADER: RecordingHeader = {
  format: 'wstap-recording',
  version: 1,
  tool: 'wstap bench',
  startedAt: new Date(ANCHOR).toISOString(),
  anchor: ANCHOR,
  connections: [{ conn: 1, role: 'client', url: 'ws://127.0.0.1:8080/feed' }],
};

const WORDS = [
  'price',
  'update',
  'ticker',
  'order',
  'book',
  'bid',
  'ask',
  'trade',
  'user',
  'room',
  'héllo',
  '✓',
];

/** A chat/JSON-like text payload of `size` bytes or a few more (multi-byte characters). */
function textPayload(prng: Prng, size: number): string {
  let text = `{"op":"${WORDS[prng.int(0, 9)] as string}","seq":${prng.u32()},"data":"`;
  while (text.length < size - 2)
    text += `${WORDS[prng.chance(0.05) ? prng.int(0, 11) : prng.int(0, 9)] as string} `;
  return `${text}"}`;
}

/**
 * 10^6 text frames of 20–200 B, each direction picked at random (client frames masked, server
 * frames not), each direction's stream cut into `chunkSize` chunks that complete many frames.
 */
export function buildRecordingCorpus(frames: number, seed: number, chunkSize: number): RecordingCorpus {
  const prng = new Prng(seed);
  const streams = { out: [] as Uint8Array[], in: [] as Uint8Array[] };
  let payloadBytes = 0;
  for (let i = 0; i < frames; i++) {
    const dir: Direction = prng.chance(0.5) ? 'out' : 'in';
    const payload = textPayload(prng, prng.int(20, 200));
    payloadBytes += Buffer.byteLength(payload);
    streams[dir].push(encodeFrame({ opcode: 1, payload, mask: dir === 'out' ? prng.u32() : false }));
  }
  const setups = (['out', 'in'] as const).map((dir) => setupOf(dir));
  const cut = (dir: Direction) => cutStream(dir, streams[dir], chunkSize);
  const [out, inbound] = [cut('out'), cut('in')];
  const chunks: Chunk[] = [];
  let seq = 0;
  let id = 0;
  for (let i = 0; i < Math.max(out.length, inbound.length); i++) {
    for (const part of [out[i], inbound[i]]) {
      if (part === undefined) continue;
      const t = chunks.length * 0.05;
      chunks.push({
        conn: 1,
        dir: part.dir,
        seq,
        id: part.frames > 0 ? id : -1,
        t,
        wall: ANCHOR + t,
        offset: part.offset,
        frames: part.frames,
        bytes: part.bytes,
      });
      seq += 2 * part.frames; // the frames, then one message event each
      id += part.frames;
    }
  }
  const wireBytes = chunks.reduce((n, c) => n + c.bytes.length, 0);
  return { frames, chunks, setups, ...eventPools(chunks, setups), wireBytes, payloadBytes };
}

function setupOf(dir: Direction): WireStreamSetup {
  return {
    type: 'wire-setup',
    conn: 1,
    dir,
    t: 0,
    wall: ANCHOR,
    sender: dir === 'out' ? 'client' : 'server',
    perMessageDeflate: false,
    maxPayload: 100 << 20,
    maxMessageSize: 100 << 20,
    maxFragments: 100_000,
  };
}

/** One direction's frames back to back, cut into chunks, each with the count of frames it completes. */
function cutStream(dir: Direction, frames: readonly Uint8Array[], chunkSize: number) {
  const stream = Buffer.concat(frames);
  const parts: { dir: Direction; offset: number; frames: number; bytes: Uint8Array }[] = [];
  let frame = 0;
  let end = frames[0]?.length ?? 0;
  for (let at = 0; at < stream.length; at += chunkSize) {
    const stop = Math.min(at + chunkSize, stream.length);
    let count = 0;
    while (frame < frames.length && end <= stop) {
      count++;
      frame++;
      end += frames[frame]?.length ?? 0;
    }
    parts.push({ dir, offset: at, frames: count, bytes: stream.subarray(at, stop) });
  }
  return parts;
}

/** Frame and message events of the first frames, as the tap would emit them. */
function eventPools(chunks: readonly Chunk[], setups: readonly WireStreamSetup[]) {
  const frameEvents: FrameEvent[] = [];
  const messages: MessageEvent[] = [];
  const decoders = new Map<Direction, FrameDecoder>();
  let current = chunks[0] as Chunk;
  let j = 0;
  for (const setup of setups) {
    const decoder = new FrameDecoder({
      ...setup,
      onFrame: (frame) => {
        const { conn, dir, t, wall } = current;
        frameEvents.push(
          toFrameEvent({ conn, seq: current.seq + j, t, wall, dir, id: current.id + j }, frame),
        );
        j++;
      },
      onMessage: (message) => {
        const json = messageToJson(message);
        const { t, wall } = current;
        // Pool events are reused cyclically, so their seq numbers only need to look real.
        const seq = current.seq + current.frames + (j - 1);
        messages.push({
          ...json,
          type: 'message',
          conn: 1,
          seq,
          t,
          wall,
          dir: setup.dir,
          size: message.wireLength,
        });
      },
    });
    decoders.set(setup.dir, decoder);
  }
  for (const chunk of chunks) {
    if (frameEvents.length >= POOL) break;
    current = chunk;
    j = 0;
    decoders.get(chunk.dir)?.push(chunk.bytes);
  }
  return { frameEvents, messages };
}

/**
 * Between chunks: each chunk is one socket read, in its own turn of the event loop (the writes
 * run between); and a producer faster than the disk waits for it, as a socket would fill up,
 * rather than running into the writer's backlog bound. Both contestants pay the same.
 */
async function socketPace(file: {
  stats(): { pendingBytes: number };
  flush(): Promise<void>;
}): Promise<void> {
  if (file.stats().pendingBytes > 16 << 20) await file.flush();
  else await nextTurn();
}

/**
 * Writes the corpus as a recording: setups, then each chunk's wire record and its frames' message
 * events (or, with `messages` false, the wire records alone: the format's own cost per frame).
 */
export async function writeRecording(
  corpus: RecordingCorpus,
  path: string,
  withMessages = true,
): Promise<number> {
  await rm(path, { force: true });
  const writer = await openRecordingWriter(path, HEADER);
  for (const setup of corpus.setups) writer.setup(setup);
  const { messages } = corpus;
  const mask = messages.length - 1;
  let m = 0;
  // Every frame of the corpus is a whole message: a direction's nth frame completes its nth message.
  const next = { in: 0, out: 0 };
  for (const chunk of corpus.chunks) {
    writer.wire(chunk);
    if (withMessages)
      for (let k = 0; k < chunk.frames; k++) {
        // Pool events are reused: give each the place its frame really has (writer encodes at once).
        const event = messages[m++ & mask] as { -readonly [K in keyof MessageEvent]: MessageEvent[K] };
        event.dir = chunk.dir;
        event.index = next[chunk.dir]++;
        event.seq = chunk.seq + chunk.frames + k;
        writer.event(event);
      }
    await socketPace(writer);
  }
  await writer.close();
  return writer.stats().bytes;
}

/** The baseline: one JSON.stringify'd frame event and one message event per frame, same batching. */
export async function writeJsonBaseline(corpus: RecordingCorpus, path: string): Promise<number> {
  await rm(path, { force: true });
  const file = await LineFile.open(path);
  file.append(JSON.stringify(HEADER));
  const { messages, frameEvents } = corpus;
  const mask = messages.length - 1;
  let m = 0;
  for (const chunk of corpus.chunks) {
    for (let k = 0; k < chunk.frames; k++, m++) {
      file.append(JSON.stringify(frameEvents[m & mask]));
      file.append(encodeLine(messages[m & mask] as MessageEvent));
    }
    await socketPace(file);
  }
  await file.close();
  return file.stats().bytes;
}

/** What a read produced: counted, so a reader that skips work cannot win. */
export interface ReadTally {
  frames: number;
  messages: number;
  payloadBytes: number;
}

const tallyEvent = (tally: ReadTally, event: SessionEvent): void => {
  if (event.type === 'frame') {
    tally.frames++;
    tally.payloadBytes += event.payloadLength;
  } else if (event.type === 'message') {
    tally.messages++;
  }
};

/** Reads a recording batch by batch, deriving the frames. */
export async function readBatches(path: string): Promise<ReadTally> {
  const tally: ReadTally = { frames: 0, messages: 0, payloadBytes: 0 };
  for await (const items of readRecordingBatches(path))
    for (const item of items) if (item.kind === 'event') tallyEvent(tally, item.event);
  return tally;
}

/**
 * Opens the recording the way the desktop does: frames into a FrameStore (headers-only decoding,
 * payloads left in the spill file until a row is opened), message records counted.
 */
export async function readIndex(path: string): Promise<ReadTally> {
  const store = new FrameStore();
  try {
    let messages = 0;
    const index = await indexRecording(path, store, (e) => {
      if (e.type === 'message' || e.type === 'message-ref') messages++;
    });
    return { frames: index.frames, messages, payloadBytes: 0 };
  } finally {
    await store.close();
  }
}

/** Reads a recording item by item (one await per event). */
export async function readItems(path: string): Promise<ReadTally> {
  const tally: ReadTally = { frames: 0, messages: 0, payloadBytes: 0 };
  for await (const item of readRecording(path)) if (item.kind === 'event') tallyEvent(tally, item.event);
  return tally;
}

/** The baseline: JSON.parse of every line of the JSON-per-frame file, split the same way. */
export async function readJsonBaseline(path: string): Promise<ReadTally> {
  const tally: ReadTally = { frames: 0, messages: 0, payloadBytes: 0 };
  for await (const batch of readLineBatches(path)) {
    for (let i = 0; i < batch.lines.length; i++) {
      if (batch.first + i === 1) continue;
      tallyEvent(tally, JSON.parse(batch.lines[i] as string) as SessionEvent);
    }
  }
  return tally;
}
