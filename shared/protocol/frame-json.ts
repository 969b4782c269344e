import { toBase64 } from './base64.js';
import { closeCodeInfo } from './close-codes.js';
import { maskKeyHex, type Frame, type Message } from './frame.js';
import { opcodeName, OPCODE, type OpcodeName } from './opcodes.js';
import { decodeUtf8, isValidUtf8 } from './utf8.js';
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
  const code = frame.close?.code ?? null;
  return {
    index: frame.index,
    offset: frame.offset,
    headerLength: frame.headerLength,
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    opcode: frame.opcode,
    opcodeName: opcodeName(frame.opcode),
    masked: frame.masked,
    maskKey: maskKeyHex(frame.maskKey),
    payloadLength: frame.payloadLength,
    lengthBits: frame.lengthBits,
    lengthMinimal: frame.lengthMinimal,
    message: frame.message,
    compressed: frame.compressed,
    ...payloadJson(frame.payload, isTextual(frame)),
    closeCode: code,
    closeReason: frame.close ? frame.close.reason : null,
    closeName: code === null ? null : closeCodeInfo(code).name,
    violations: frame.violations,
  };
}

/** Payloads shown as text: uncompressed text-message frames, and ping/pong payloads that are UTF-8. */
function isTextual(frame: Frame): boolean {
  if (frame.opcode === OPCODE.PING || frame.opcode === OPCODE.PONG) return true;
  return frame.messageOpcode === OPCODE.TEXT && !frame.compressed;
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
  const isText = message.opcode === OPCODE.TEXT;
  return {
    index: message.index,
    opcodeName: isText ? 'text' : 'binary',
    firstFrame: message.firstFrame,
    frameCount: message.frameCount,
    offset: message.offset,
    wireLength: message.wireLength,
    compressed: message.compressed,
    ...payloadJson(payload, isText && (payload !== message.payload || !message.compressed)),
    violations: message.violations,
  };
}

function payloadJson(payload: Uint8Array | null, textual: boolean): { text?: string; base64?: string } {
  if (payload === null) return {};
  if (textual && isValidUtf8(payload)) return { text: decodeUtf8(payload) };
  return { base64: toBase64(payload) };
}
