import { closeCodeInfo } from './close-codes.js';
import type { CloseBody } from './frame.js';
import { decodeUtf8, findInvalidUtf8 } from './utf8.js';
import { violation, type Violation } from './violations.js';

const EMPTY_CLOSE: CloseBody = Object.freeze({ code: null, reason: '' });

/**
 * Parses a Close frame's payload (RFC 6455 §5.5.1): empty, or a 2-byte code then a UTF-8 reason.
 * Problems are appended to `out`.
 */
export function parseCloseBody(payload: Uint8Array, validateUtf8: boolean, out: Violation[]): CloseBody {
  if (payload.length === 0) return EMPTY_CLOSE;
  if (payload.length === 1) {
    out.push(violation('CLOSE_PAYLOAD_ONE_BYTE', `got 0x${hexByte(payload[0] as number)}`));
    return EMPTY_CLOSE;
  }
  const code = ((payload[0] as number) << 8) | (payload[1] as number);
  const info = closeCodeInfo(code);
  if (!info.allowedOnWire) out.push(violation('INVALID_CLOSE_CODE', `${code} (${info.name})`));
  const reasonBytes = payload.subarray(2);
  if (validateUtf8 && reasonBytes.length > 0) {
    const bad = findInvalidUtf8(reasonBytes);
    if (bad >= 0) out.push(violation('INVALID_CLOSE_REASON_UTF8', invalidUtf8Detail(reasonBytes, bad, 'reason')));
  }
  return { code, reason: reasonBytes.length === 0 ? '' : decodeUtf8(reasonBytes) };
}

/** Builds a Close payload: a 2-byte code and a UTF-8 reason (no validation: the encoder may lie). */
export function encodeCloseBody(code: number | null, reason: string | Uint8Array = ''): Uint8Array {
  if (code === null) return new Uint8Array(0);
  const reasonBytes = typeof reason === 'string' ? new TextEncoder().encode(reason) : reason;
  const out = new Uint8Array(2 + reasonBytes.length);
  out[0] = (code >>> 8) & 0xff;
  out[1] = code & 0xff;
  out.set(reasonBytes, 2);
  return out;
}

/** "byte 0xff at offset 3 of the reason", or "ends inside a multi-byte sequence". */
export function invalidUtf8Detail(bytes: Uint8Array, at: number, what: string): string {
  if (at >= bytes.length) return `the ${what} ends inside a multi-byte sequence`;
  return `byte 0x${hexByte(bytes[at] as number)} at offset ${at} of the ${what}`;
}

function hexByte(b: number): string {
  return b.toString(16).padStart(2, '0');
}
