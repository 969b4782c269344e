/**
 * Control frames from the composer: ping/pong payloads and the close code and reason, checked
 * against RFC 6455 before anything is sent (the raw frame builder is there for breaking the rules).
 */
import type { BytesInput } from '../../../shared/ipc/contract.js';
import { toBase64 } from '../../../shared/protocol/base64.js';
import { closeCodeInfo, isCloseCodeAllowedOnWire } from '../../../shared/protocol/close-codes.js';
import { parseHexText, utf8Length } from './payload.js';

/** RFC 6455 §5.5: a control frame's payload is at most 125 bytes. */
export const MAX_CONTROL_PAYLOAD = 125;
/** RFC 6455 §5.5.1: the close reason shares those 125 bytes with the 2-byte code. */
export const MAX_CLOSE_REASON = 123;

/** A close code the picker offers, with its registered name and meaning. */
export interface CloseCodeChoice {
  readonly code: number;
  readonly name: string;
  readonly meaning: string;
}

/** Codes an endpoint may send, in the picker's order: 1000–1003, 1007–1014, then 3000/3003/3008 and a private 4000. */
export const CLOSE_CODE_CHOICES: readonly CloseCodeChoice[] = [
  1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3003, 3008, 4000,
].map((code) => {
  const info = closeCodeInfo(code);
  return { code, name: info.name, meaning: info.meaning };
});

/** Parses the free close-code field: a whole number, or an error. */
export function parseCloseCode(
  text: string,
): { readonly ok: true; readonly code: number } | { readonly ok: false; readonly error: string } {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed))
    return { ok: false, error: 'close code: a whole number such as 1000 or 4000' };
  const code = Number(trimmed);
  if (!isCloseCodeAllowedOnWire(code)) {
    const info = closeCodeInfo(code);
    return {
      ok: false,
      error: `${code} (${info.name}) may not be sent: use 1000–1003, 1007–1014 or 3000–4999 (the raw frame builder can send it anyway)`,
    };
  }
  return { ok: true, code };
}

/** Checks a close reason fits beside the code. */
export function checkCloseReason(reason: string): string | null {
  const n = utf8Length(reason);
  return n > MAX_CLOSE_REASON
    ? `reason is ${n} bytes in UTF-8; at most ${MAX_CLOSE_REASON} fit in a Close frame`
    : null;
}

/** How a ping/pong payload is typed in. */
export type ControlPayloadMode = 'text' | 'hex';

/** A ping/pong payload for the bridge: none when empty, else checked against the 125-byte limit. */
export function controlPayload(
  mode: ControlPayloadMode,
  text: string,
):
  | { readonly ok: true; readonly payload: BytesInput | undefined; readonly bytes: number }
  | { readonly ok: false; readonly error: string } {
  if (text === '') return { ok: true, payload: undefined, bytes: 0 };
  if (mode === 'text') {
    const n = utf8Length(text);
    if (n > MAX_CONTROL_PAYLOAD)
      return {
        ok: false,
        error: `payload is ${n} bytes; a control frame carries at most ${MAX_CONTROL_PAYLOAD}`,
      };
    return { ok: true, payload: { text }, bytes: n };
  }
  const hex = parseHexText(text);
  if (!hex.ok) return { ok: false, error: hex.error };
  if (hex.bytes.length > MAX_CONTROL_PAYLOAD) {
    return {
      ok: false,
      error: `payload is ${hex.bytes.length} bytes; a control frame carries at most ${MAX_CONTROL_PAYLOAD}`,
    };
  }
  return { ok: true, payload: { base64: toBase64(hex.bytes) }, bytes: hex.bytes.length };
}
