/**
 * The columns of one inspector row (shared/ipc/rows.ts), computed from a frame or message event:
 * flags and a short preview, never the payload itself.
 */
import type { FrameEvent, MessageEvent } from '../../../shared/model/events.js';
import { previewHex, previewText, ROW_FLAG } from '../../../shared/ipc/rows.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';

/** A message's payload as bytes, and its text when it is a text message kept as text. */
export interface MessagePayload {
  readonly bytes: Uint8Array;
  readonly text: string | null;
}

// 24 base64 characters are 18 bytes: enough for previewHex's 16 without decoding a whole payload.
const PREVIEW_BASE64_CHARS = 24;

/** Flags of a frame row. */
export function frameFlags(event: FrameEvent): number {
  return (
    (event.opcode & ROW_FLAG.OPCODE_MASK) |
    (event.fin ? ROW_FLAG.FIN : 0) |
    (event.rsv1 ? ROW_FLAG.RSV1 : 0) |
    (event.rsv2 ? ROW_FLAG.RSV2 : 0) |
    (event.rsv3 ? ROW_FLAG.RSV3 : 0) |
    (event.masked ? ROW_FLAG.MASKED : 0) |
    (event.dir === 'in' ? ROW_FLAG.IN : 0) |
    (event.compressed ? ROW_FLAG.COMPRESSED : 0) |
    (event.violations.length > 0 ? ROW_FLAG.VIOLATION : 0) |
    (event.lengthBits === 16 ? ROW_FLAG.LEN16 : event.lengthBits === 64 ? ROW_FLAG.LEN64 : 0)
  );
}

/**
 * The preview of a frame: a Close frame's code and reason, text, or the first bytes in hex (then
 * `binary` is true). Reading `text`/`base64` converts a lazy payload (shared/protocol/lazy-payload.ts).
 */
export function framePreview(event: FrameEvent): { readonly preview: string; readonly binary: boolean } {
  if (event.opcode === OPCODE.CLOSE) {
    const preview = event.closeCode === null ? '' : `${event.closeCode} ${event.closeReason ?? ''}`.trim();
    return { preview: previewText(preview), binary: false };
  }
  const text = event.text;
  if (text !== undefined) return { preview: previewText(text), binary: false };
  const base64 = event.base64;
  if (base64 === undefined) return { preview: '', binary: false };
  return { preview: previewHex(Buffer.from(base64.slice(0, PREVIEW_BASE64_CHARS), 'base64')), binary: true };
}

/** The payload of a message event (inflated when it was compressed), or null when the engine kept none. */
export function messagePayload(event: MessageEvent): MessagePayload | null {
  const text = event.text;
  if (text !== undefined) return { bytes: Buffer.from(text, 'utf8'), text };
  const base64 = event.base64;
  if (base64 === undefined) return null;
  return { bytes: Buffer.from(base64, 'base64'), text: null };
}

/** Flags of a message row (binary preview when its payload is shown in hex). */
export function messageFlags(event: MessageEvent, payload: MessagePayload | null): number {
  return (
    (event.opcodeName === 'text' ? OPCODE.TEXT : OPCODE.BINARY) |
    ROW_FLAG.MESSAGE |
    ROW_FLAG.FIN |
    (event.dir === 'in' ? ROW_FLAG.IN : 0) |
    (event.compressed ? ROW_FLAG.COMPRESSED : 0) |
    (event.violations.length > 0 ? ROW_FLAG.VIOLATION : 0) |
    (payload !== null && payload.text === null ? ROW_FLAG.BINARY_PREVIEW : 0)
  );
}

/** The preview of a message. */
export function messagePreview(payload: MessagePayload | null): string {
  if (payload === null) return '';
  return payload.text !== null ? previewText(payload.text) : previewHex(payload.bytes);
}
