import { toHex } from '../../../shared/protocol/base64.js';
import { escapeText } from '../../../shared/protocol/describe.js';
import type { FrameJson } from '../../../shared/protocol/frame-json.js';

/** Bytes shown in a binary preview. */
export const HEX_PREVIEW_BYTES = 16;

/** Header bits from a frame event: `FIN RSV1 op=text mask=3f9a12c0 len=126/16-bit` (as `frameBits` for decoder frames). */
export function frameJsonBits(frame: FrameJson): string {
  const parts = [frame.fin ? 'FIN' : 'fin=0'];
  for (const [on, name] of [[frame.rsv1, 'RSV1'], [frame.rsv2, 'RSV2'], [frame.rsv3, 'RSV3']] as const) if (on) parts.push(name);
  parts.push(`op=${frame.opcodeName}`);
  parts.push(frame.masked && frame.maskKey !== null ? `mask=${frame.maskKey}` : 'unmasked');
  parts.push(`len=${frame.payloadLength}/${frame.lengthBits}-bit${frame.lengthMinimal ? '' : ' (non-minimal)'}`);
  return parts.join(' ');
}

/** What a frame event carries, in words: quoted text, a hex preview, a close code and its name. */
export function frameJsonSummary(frame: FrameJson, maxChars = 80): string {
  if (frame.opcodeName === 'close') {
    if (frame.closeCode !== null) return `${frame.closeCode} ${frame.closeName ?? ''}${frame.closeReason ? ` "${escapeText(frame.closeReason)}"` : ''}`;
    return frame.payloadLength === 0 ? 'no status code (1005)' : binaryPreview(frame);
  }
  if (frame.compressed) return `[compressed ${frame.payloadLength} B]`;
  if (frame.text !== undefined) return quoted(frame.text, frame.payloadLength, maxChars);
  return binaryPreview(frame);
}

function binaryPreview(frame: FrameJson): string {
  if (frame.base64 === undefined) return frame.payloadLength === 0 ? '' : `[${frame.payloadLength} B not kept]`;
  return hexPreview(Buffer.from(frame.base64, 'base64'), frame.payloadLength);
}

/** `"text"`, escaped, cut at `maxChars` with the full size named. */
export function quoted(text: string, size: number, maxChars = 80): string {
  const escaped = escapeText(text.length > maxChars * 4 ? text.slice(0, maxChars * 4) : text);
  return escaped.length > maxChars ? `"${escaped.slice(0, maxChars)}…" (${size} B)` : `"${escaped}"`;
}

/** `89 50 4e 47 0d 0a …`: the first bytes of a binary payload. */
export function hexPreview(bytes: Uint8Array, size = bytes.length): string {
  const shown = Math.min(bytes.length, HEX_PREVIEW_BYTES);
  return `${toHex(bytes.subarray(0, shown), ' ')}${size > shown ? ' …' : ''}`;
}

/**
 * Characters JSON.stringify leaves raw but a terminal may act on (C1 controls such as CSI, DEL)
 * or that break lines (U+2028/9), escaped; for pretty-printed JSON, which is escaped otherwise.
 */
export function escapeJsonLine(line: string): string {
  return line.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A text message pretty-printed when it is a JSON object or array; null otherwise. */
export function prettyJson(text: string): string[] | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2).split('\n').map(escapeJsonLine);
  } catch {
    return null;
  }
}
