import { randomBytes } from 'node:crypto';
import { encodeFrame } from '../../shared/protocol/encoder.js';
import { OPCODE } from '../../shared/protocol/opcodes.js';

/**
 * The bytes one load connection sends and the bytes it must get back. Each connection cycles
 * through its own `count` distinct text messages of `size` bytes (`#3.17 wstap serve bench: é ✓
 * 中文…`: the connection and the message index, then UTF-8 filler with multi-byte characters), so
 * the echo of message i differs from every other message in flight (count > the window), and from
 * every other connection's. Sent frames are masked, each with its own random key, laid out back to
 * back in one buffer, so sending k more messages is writing a slice: the load costs next to nothing
 * per message. The expected echo is, byte for byte, each message as one unmasked, unfragmented
 * text frame — what a server running ws sends — so the referee compares streams, not parsed
 * messages: any lost, repeated, reordered, altered, re-framed or extra byte fails it.
 */

const FILLER = [...' wstap serve bench: é ✓ 中文 ☕ —'];

/** The text of message `index` of connection `conn`: exactly `size` bytes of UTF-8. */
export function messageText(conn: number, index: number, size: number): string {
  const head = `#${conn}.${index}`;
  if (head.length > size) throw new RangeError(`a message of ${size} B cannot hold its label ${head}`);
  let text = head;
  let bytes = head.length;
  for (let i = 0; bytes < size; i++) {
    const char = FILLER[i % FILLER.length] as string;
    const length = Buffer.byteLength(char);
    // Pad with ASCII where a multi-byte character would not fit.
    text += bytes + length <= size ? char : '.';
    bytes += bytes + length <= size ? length : 1;
  }
  return text;
}

/** One connection's frames, sent and expected back. */
export interface EchoStreams {
  readonly conn: number;
  /** Distinct messages, cycled through. */
  readonly count: number;
  readonly size: number;
  /** `count` masked client frames, back to back, all of one length. */
  readonly sent: Buffer;
  readonly sentFrameLength: number;
  /** `count` unmasked server frames: what the echoes must be. */
  readonly echoed: Buffer;
  readonly echoFrameLength: number;
}

/** Builds the frames of connection `conn`: `count` messages of `size` bytes. */
export function echoStreams(conn: number, count: number, size: number): EchoStreams {
  const sent: Uint8Array[] = [];
  const echoed: Uint8Array[] = [];
  const keys = randomBytes(4 * count);
  for (let i = 0; i < count; i++) {
    const payload = Buffer.from(messageText(conn, i, size));
    sent.push(encodeFrame({ opcode: OPCODE.TEXT, payload, mask: keys.subarray(4 * i, 4 * i + 4) }));
    echoed.push(encodeFrame({ opcode: OPCODE.TEXT, payload }));
  }
  return {
    conn,
    count,
    size,
    sent: Buffer.concat(sent),
    sentFrameLength: (sent[0] as Uint8Array).length,
    echoed: Buffer.concat(echoed),
    echoFrameLength: (echoed[0] as Uint8Array).length,
  };
}

/** A server sent back something other than the echo expected: the bench fails. */
export class WrongEcho extends Error {}

/** The sending side: which frames go next. */
export class SendCursor {
  private next = 0;
  /** Messages handed out so far. */
  sent = 0;

  constructor(private readonly streams: EchoStreams) {}

  /** The next `k` frames as at most two slices of the ring (it wraps around). */
  take(k: number): Buffer[] {
    const { sent, sentFrameLength, count } = this.streams;
    const slices: Buffer[] = [];
    let left = k;
    while (left > 0) {
      const n = Math.min(left, count - this.next);
      slices.push(sent.subarray(this.next * sentFrameLength, (this.next + n) * sentFrameLength));
      this.next = (this.next + n) % count;
      left -= n;
    }
    this.sent += k;
    return slices;
  }
}

/** The referee of one connection: the bytes that came back must be the expected echo stream. */
export class EchoCheck {
  private at = 0;
  private bytes = 0;
  /** Complete echoes so far. */
  received = 0;

  constructor(private readonly streams: EchoStreams) {}

  /** Checks the next bytes from the server; returns how many echoes they completed. Throws WrongEcho. */
  push(chunk: Uint8Array): number {
    const ring = this.streams.echoed;
    for (let offset = 0; offset < chunk.length;) {
      const n = Math.min(chunk.length - offset, ring.length - this.at);
      if (ring.compare(chunk, offset, offset + n, this.at, this.at + n) !== 0)
        throw this.wrong(chunk, offset);
      offset += n;
      this.at = (this.at + n) % ring.length;
      this.bytes += n;
    }
    const frames = Math.floor(this.bytes / this.streams.echoFrameLength);
    const completed = frames - this.received;
    this.received = frames;
    return completed;
  }

  /** Says where the stream went wrong: which echo, which byte, what came and what was due. */
  private wrong(chunk: Uint8Array, offset: number): WrongEcho {
    const { echoed, echoFrameLength, conn, count } = this.streams;
    let i = 0;
    while (chunk[offset + i] === echoed[this.at + i]) i++;
    const total = this.bytes + i;
    const echo = Math.floor(total / echoFrameLength);
    const frameStart = (echo % count) * echoFrameLength;
    const byte = total % echoFrameLength;
    const got = Buffer.from(chunk.subarray(offset + i, offset + i + 16)).toString('hex');
    const due = echoed
      .subarray(frameStart + byte, frameStart + Math.min(byte + 16, echoFrameLength))
      .toString('hex');
    return new WrongEcho(
      `connection ${conn}, echo ${echo + 1} (message #${conn}.${echo % count}): byte ${byte} of the frame is wrong: ` +
        `got ${got}…, expected ${due}…`,
    );
  }
}
