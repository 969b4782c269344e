import { toBase64 } from './base64.js';
import { closeCodeInfo } from './close-codes.js';
import { maskKeyHex, type Frame, type Message } from './frame.js';
import { opcodeName, OPCODE, type OpcodeName } from './opcodes.js';
import { isUtf8Text, writePayload } from './lazy-payload.js';
import { utf8TextOrNull } from './utf8.js';
import type { Violation } from './violations.js';

/** A frame as `wstap decode --json` prints it and recordings store it. */
export interface FrameJson {
  readonly index: number;
  readonly offset: number;
  readonly headerLength: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly opcodeName: OpcodeName;
  readonly masked: boolean;
  readonly maskKey: string | null;
  readonly payloadLength: number;
  readonly lengthBits: 7 | 16 | 64;
  readonly lengthMinimal: boolean;
  readonly message: number | null;
  readonly compressed: boolean;
  /** The payload as text: frames of an uncompressed text message, and pings and pongs, whose bytes are valid UTF-8 alone. */
  readonly text?: string;
  /** Otherwise the payload as base64 (absent when the payload was not kept). */
  readonly base64?: string;
  readonly closeCode: number | null;
  readonly closeReason: string | null;
  readonly closeName: string | null;
  readonly violations: readonly Violation[];
}

/** The JSON shape of a frame. */
export function frameToJson(frame: Frame): FrameJson {
  const out: Record<string, unknown> = {};
  writeFrameJson(frame, out);
  return out as unknown as FrameJson;
}

/**
 * Adds a frame's JSON fields to `out`, in FrameJson order. Assigning into one object costs a
 * fraction of spreading partial objects, and frame events are built a million times a second.
 */
export function writeFrameJson(frame: Frame, out: Record<string, unknown>): void {
  const code = frame.close?.code ?? null;
  out.index = frame.index;
  out.offset = frame.offset;
  out.headerLength = frame.headerLength;
  out.fin = frame.fin;
  out.rsv1 = frame.rsv1;
  out.rsv2 = frame.rsv2;
  out.rsv3 = frame.rsv3;
  out.opcode = frame.opcode;
  out.opcodeName = opcodeName(frame.opcode);
  out.masked = frame.masked;
  out.maskKey = maskKeyHex(frame.maskKey);
  out.payloadLength = frame.payloadLength;
  out.lengthBits = frame.lengthBits;
  out.lengthMinimal = frame.lengthMinimal;
  out.message = frame.message;
  out.compressed = frame.compressed;
  const payload = frame.payload;
  if (payload !== null) writeFramePayload(frame, payload, out);
  out.closeCode = code;
  out.closeReason = frame.close ? frame.close.reason : null;
  out.closeName = code === null ? null : closeCodeInfo(code).name;
  out.violations = frame.violations;
}

/**
 * A frame's payload as `text` or `base64`. Ping and pong payloads (at most 125 bytes when legal)
 * are text only when printable, so they are decoded at once; data payloads lazily (lazy-payload.ts).
 */
function writeFramePayload(frame: Frame, payload: Uint8Array, out: Record<string, unknown>): void {
  if (frame.opcode === OPCODE.PING || frame.opcode === OPCODE.PONG) {
    const text = utf8TextOrNull(payload);
    if (text !== null && isPrintable(text)) out.text = text;
    else out.base64 = toBase64(payload);
    return;
  }
  // Frames of an uncompressed text message are text when their own bytes are valid UTF-8 (a
  // fragment cut inside a code point is not).
  const textual = frame.messageOpcode === OPCODE.TEXT && !frame.compressed;
  writePayload(out, payload, textual && isUtf8Text(payload));
}

/** No control characters but tab, LF and CR: ping and pong payloads with NULs or escapes are binary tokens, shown as base64. */
function isPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

/** A message as `--json` prints it: metadata plus text or base64. */
export interface MessageJson {
  readonly index: number;
  readonly opcodeName: 'text' | 'binary';
  readonly firstFrame: number;
  readonly frameCount: number;
  readonly offset: number;
  readonly wireLength: number;
  readonly compressed: boolean;
  readonly text?: string;
  readonly base64?: string;
  readonly violations: readonly Violation[];
}

/** The JSON shape of a message; `payload` overrides the message's own bytes (e.g. inflated). */
export function messageToJson(message: Message, payload: Uint8Array | null = message.payload): MessageJson {
  const out: Record<string, unknown> = {};
  writeMessageJson(message, payload, out);
  return out as unknown as MessageJson;
}

/**
 * Adds a message's JSON fields to `out`, in MessageJson order: assigned into one object (a spread
 * costs V8's slow path per message, and would read lazy payload fields).
 */
export function writeMessageJson(
  message: Message,
  payload: Uint8Array | null,
  out: Record<string, unknown>,
): void {
  const isText = message.opcode === OPCODE.TEXT;
  out.index = message.index;
  out.opcodeName = isText ? 'text' : 'binary';
  out.firstFrame = message.firstFrame;
  out.frameCount = message.frameCount;
  out.offset = message.offset;
  out.wireLength = message.wireLength;
  out.compressed = message.compressed;
  if (payload !== null) {
    // Still compressed bytes are never text; inflated ones (a payload of their own) may be.
    const textual = isText && (payload !== message.payload || !message.compressed);
    writePayload(out, payload, textual && isUtf8Text(payload));
  }
  out.violations = message.violations;
}
