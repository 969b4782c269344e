import { toHex } from './base64.js';
import { closeCodeInfo } from './close-codes.js';
import { maskKeyHex, type Frame } from './frame.js';
import { OPCODE, opcodeName } from './opcodes.js';
import { decodeUtf8, isValidUtf8 } from './utf8.js';

/** Header bits as the inspector and the terminal show them: `FIN RSV1 op=text mask=3f9a12c0 len=126/16-bit`. */
export function frameBits(frame: Frame): string {
  const rsv = [frame.rsv1 && 'RSV1', frame.rsv2 && 'RSV2', frame.rsv3 && 'RSV3'].filter(Boolean).join(' ');
  const parts = [frame.fin ? 'FIN' : 'fin=0'];
  if (rsv) parts.push(rsv);
  parts.push(`op=${opcodeName(frame.opcode)}`);
  parts.push(frame.masked ? `mask=${maskKeyHex(frame.maskKey)}` : 'unmasked');
  parts.push(
    `len=${frame.payloadLength}/${frame.lengthBits}-bit${frame.lengthMinimal ? '' : ' (non-minimal)'}`,
  );
  return parts.join(' ');
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

/** Escapes control characters so untrusted text prints on one line and cannot steer a terminal. */
export function escapeText(text: string): string {
  // Most text has nothing to escape: one scan, no replacement machinery.
  if (!NEEDS_ESCAPE.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    if (c === '\\') return '\\\\';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A one-line preview of a payload: quoted text, or `[binary N B] 89 50 4e 47 …`. */
export function payloadPreview(
  payload: Uint8Array | null,
  textual: boolean,
  length: number,
  maxChars = 80,
): string {
  if (payload === null) return length === 0 ? '' : `[${length} B not kept]`;
  if (textual && isValidUtf8(payload)) {
    const text = escapeText(
      decodeUtf8(payload.length > maxChars * 4 ? payload.subarray(0, maxChars * 4) : payload),
    );
    return text.length > maxChars ? `"${text.slice(0, maxChars)}…" (${length} B)` : `"${text}"`;
  }
  const shown = Math.min(payload.length, 16);
  return `[binary ${length} B] ${toHex(payload.subarray(0, shown), ' ')}${payload.length > shown ? ' …' : ''}`.trimEnd();
}

/** What a frame carries, in words: text/binary preview, a ping's data, a close code and its meaning. */
export function frameSummary(frame: Frame, maxChars = 80): string {
  if (frame.opcode === OPCODE.CLOSE) {
    if (frame.close === null) return frame.payload === null ? `[${frame.payloadLength} B not kept]` : '';
    if (frame.close.code === null) return 'no status code (1005)';
    const info = closeCodeInfo(frame.close.code);
    const reason = frame.close.reason ? ` "${escapeText(frame.close.reason)}"` : '';
    return `${frame.close.code} ${info.name}${reason}`;
  }
  // Compressed bytes say nothing until inflated: don't build a preview of them.
  if (frame.compressed && frame.payload !== null) return `[compressed ${frame.payloadLength} B]`;
  const control = frame.opcode === OPCODE.PING || frame.opcode === OPCODE.PONG;
  const textual = frame.messageOpcode === OPCODE.TEXT || (control && looksLikeText(frame.payload));
  return payloadPreview(frame.payload, textual, frame.payloadLength, maxChars);
}

/** Ping/pong payloads are bytes; show them as text only when they read like text (no C0 controls but tab/CR/LF). */
function looksLikeText(payload: Uint8Array | null): boolean {
  if (payload === null) return false;
  for (const b of payload)
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return false;
  return true;
}
