import type { Duplex } from 'node:stream';
import { closeCodeInfo, isCloseCodeAllowedOnWire } from '../../../shared/protocol/close-codes.js';
import { encodeFrame, encodeFrames, evenSizes, type FrameSpec } from '../../../shared/protocol/encoder.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { EngineError } from '../errors.js';
import type { Outgoing } from './client-options.js';
import { WebSocket } from './ws-library.js';

/** How a message is cut and compressed. */
export interface SendOptions {
  /** Split into this many frames, or frames of these payload sizes (RFC 6455 §5.4). */
  readonly fragments?: number | readonly number[];
  /** Compress when permessage-deflate is on (default: ws's threshold decides). */
  readonly compress?: boolean;
}

/** A close as the user asked for it. */
export interface CloseRequest {
  readonly code?: number;
  readonly reason?: string;
  /** Send the code even when RFC 6455 forbids it on the wire (fault injection). */
  readonly force?: boolean;
}

/** The bytes and frame type of an outgoing message. */
export function outgoingBytes(message: Outgoing): { bytes: Buffer; binary: boolean } {
  switch (message.kind) {
    case 'text':
      return { bytes: Buffer.from(message.text, 'utf8'), binary: false };
    case 'binary':
      return { bytes: Buffer.from(message.bytes), binary: true };
    case 'json':
      return { bytes: Buffer.from(JSON.stringify(message.value), 'utf8'), binary: false };
    case 'utf8':
      return { bytes: Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.length), binary: false };
  }
}

/** Sends a message through ws (so masking and compression stay compliant), fragmented on request. */
export function sendMessage(ws: WebSocket, message: Outgoing, options: SendOptions = {}): Promise<void> {
  const { bytes, binary } = outgoingBytes(message);
  const sizes = fragmentSizes(bytes.length, options.fragments);
  // ws reads a present-but-undefined `compress` as false: leave it out unless the caller chose.
  const compress = options.compress === undefined ? {} : { compress: options.compress };
  return new Promise((resolve, reject) => {
    const done = (error?: Error | null): void => (error ? reject(new EngineError('SEND_FAILED', error.message)) : resolve());
    if (sizes.length === 1) return ws.send(bytes, { binary, ...compress }, done);
    let at = 0;
    sizes.forEach((size, i) => {
      const last = i === sizes.length - 1;
      ws.send(bytes.subarray(at, at + size), { binary, ...compress, fin: last }, last ? done : undefined);
      at += size;
    });
  });
}

function fragmentSizes(total: number, fragments: number | readonly number[] | undefined): readonly number[] {
  if (fragments === undefined) return [total];
  if (typeof fragments === 'number') {
    if (!Number.isInteger(fragments) || fragments < 1) throw new EngineError('BAD_FRAGMENTS', `fragments must be a whole number ≥ 1, got ${fragments}`);
    return evenSizes(total, fragments);
  }
  const sum = fragments.reduce((n, s) => n + s, 0);
  if (fragments.length === 0 || fragments.some((s) => !Number.isInteger(s) || s < 0) || sum !== total) {
    throw new EngineError('BAD_FRAGMENTS', `fragment sizes [${fragments.join(', ')}] must be whole numbers adding up to the message size ${total}`);
  }
  return fragments;
}

/** Checks a control payload (≤ 125 bytes, RFC 6455 §5.5). */
export function controlPayload(data: string | Uint8Array | undefined): Buffer {
  const bytes = data === undefined ? Buffer.alloc(0) : typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  if (bytes.length > 125) {
    throw new EngineError('CONTROL_PAYLOAD_TOO_LONG', `a control frame payload is at most 125 bytes, this one is ${bytes.length} (send a raw frame to break the rule on purpose)`);
  }
  return bytes;
}

/** The payload of a Close frame: code and reason, validated unless forced. */
export function closePayload(request: CloseRequest): Buffer | null {
  const { code, reason = '', force = false } = request;
  if (code === undefined) {
    if (reason) throw new EngineError('INVALID_OPTION', 'a close reason needs a close code');
    return null;
  }
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) throw new EngineError('INVALID_OPTION', `close code ${code} is not a 16-bit number`);
  if (!force && !isCloseCodeAllowedOnWire(code)) {
    const info = closeCodeInfo(code);
    throw new EngineError('CLOSE_CODE_NOT_ALLOWED', `close code ${code} (${info.name}) may not be sent in a Close frame: ${info.meaning} Use force to send it anyway.`);
  }
  const payload = Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason, 'utf8')]);
  if (!force && payload.length > 125) {
    throw new EngineError('CONTROL_PAYLOAD_TOO_LONG', `the close reason is ${payload.length - 2} bytes; at most 123 fit (RFC 6455 §5.5)`);
  }
  return payload;
}

/**
 * Sends a Close frame ws would refuse to build (a forbidden code, an over-long reason) as raw
 * bytes, then tells ws a Close went out, so that the peer's answer ends the connection instead of
 * making ws send a second Close. Relies on ws 8's `_closeFrameSent` / `_readyState` (pinned).
 */
export function forceClose(ws: WebSocket, socket: Duplex, payload: Buffer, mask: boolean): void {
  socket.write(encodeFrame({ opcode: OPCODE.CLOSE, payload, mask }));
  const internals = ws as unknown as { _closeFrameSent: boolean; _readyState: number };
  internals._closeFrameSent = true;
  internals._readyState = WebSocket.CLOSING;
}

/** Writes encoder-built frames straight to the socket: fault injection, past ws's checks. */
export function sendRawFrames(socket: Duplex, specs: readonly FrameSpec[]): Promise<void> {
  return sendRawBytes(socket, encodeFrames(specs));
}

/** Writes bytes straight to the socket as they are (a hand-made frame, or half of one). */
export function sendRawBytes(socket: Duplex, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(bytes, (error) => (error ? reject(new EngineError('SEND_FAILED', error.message)) : resolve()));
  });
}

/**
 * Turns ws's automatic pong answers on or off on a live connection. ws 8 has no public toggle; its
 * receiver reads `_autoPong` on every ping (pinned ws 8.23). A socket created without autoPong also
 * lacks the pending-pong bookkeeping, which is set up here the way ws's constructor does it.
 */
export function setAutoPong(ws: WebSocket, on: boolean): void {
  const internals = ws as unknown as { _autoPong: boolean; _autoPongComplete?: () => void; _pendingAutoPongs: number; _maxPendingAutoPongs: number };
  if (on && internals._autoPongComplete === undefined) {
    internals._pendingAutoPongs = 0;
    internals._maxPendingAutoPongs = 0;
    internals._autoPongComplete = () => void internals._pendingAutoPongs--;
  }
  internals._autoPong = on;
}
