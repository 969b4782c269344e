/**
 * The raw frame builder's form → the `session.sendRaw` frame (shared/ipc RawFrameInput), plus the
 * header bytes it will produce and the RFC 6455 rules it breaks, so fault injection is deliberate.
 */
import type { RawFrameInput } from '../../../shared/ipc/contract.js';
import { toBase64, toHex } from '../../../shared/protocol/base64.js';
import { encodeFrame } from '../../../shared/protocol/encoder.js';
import { isControlOpcode, isKnownOpcode } from '../../../shared/protocol/opcodes.js';
import { parseHexText, utf8Length } from './payload.js';

/** What the builder's controls hold (strings as typed). */
export interface RawFrameForm {
  readonly opcode: number;
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  /** on: random key; off: unmasked; key: `maskKey`. */
  readonly mask: 'on' | 'off' | 'key';
  readonly maskKey: string;
  readonly lengthBits: 'minimal' | '7' | '16' | '64';
  /** '' = the real length. */
  readonly declaredLength: string;
  readonly payloadMode: 'text' | 'hex';
  readonly payload: string;
}

/** A compliant text frame to start from. */
export const DEFAULT_RAW_FRAME: RawFrameForm = {
  opcode: 1,
  fin: true,
  rsv1: false,
  rsv2: false,
  rsv3: false,
  mask: 'on',
  maskKey: '',
  lengthBits: 'minimal',
  declaredLength: '',
  payloadMode: 'text',
  payload: '',
};

/** The largest payload the builder sends (the bridge takes 100 MiB of base64). */
export const MAX_RAW_PAYLOAD = 64 << 20;

/** A built frame: what to send, its header in hex, and the rules it breaks. */
export type RawFrameBuild =
  | {
      readonly ok: true;
      readonly frame: RawFrameInput;
      readonly payloadBytes: number;
      readonly headerHex: string;
      readonly breaks: readonly string[];
    }
  | { readonly ok: false; readonly error: string };

/** Builds the frame the form describes, or says which field is wrong. */
export function buildRawFrame(form: RawFrameForm): RawFrameBuild {
  if (!Number.isInteger(form.opcode) || form.opcode < 0 || form.opcode > 15)
    return { ok: false, error: 'opcode: 0–15' };
  let payloadBytes: number;
  let payload: RawFrameInput['payload'];
  if (form.payloadMode === 'hex') {
    const hex = parseHexText(form.payload);
    if (!hex.ok) return { ok: false, error: `payload: ${hex.error}` };
    payloadBytes = hex.bytes.length;
    payload = hex.bytes.length > 0 ? { base64: toBase64(hex.bytes) } : undefined;
  } else {
    payloadBytes = utf8Length(form.payload);
    payload = form.payload === '' ? undefined : { text: form.payload };
  }
  if (payloadBytes > MAX_RAW_PAYLOAD)
    return { ok: false, error: `payload: at most ${MAX_RAW_PAYLOAD} bytes` };

  let mask: RawFrameInput['mask'] = form.mask === 'on';
  if (form.mask === 'key') {
    const key = form.maskKey.replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]{8}$/.test(key))
      return { ok: false, error: 'mask key: 8 hex digits (4 bytes), e.g. 37fa213d' };
    mask = key.toLowerCase();
  }

  let declared: number | undefined;
  if (form.declaredLength.trim() !== '') {
    const text = form.declaredLength.trim();
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      return { ok: false, error: `declared length: a whole number up to ${Number.MAX_SAFE_INTEGER}` };
    }
    declared = Number(text);
  }
  const length = declared ?? payloadBytes;
  const lengthBits = form.lengthBits === 'minimal' ? 'minimal' : (Number(form.lengthBits) as 7 | 16 | 64);
  if (lengthBits === 7 && length > 125)
    return { ok: false, error: `length ${length} does not fit the 7-bit field (at most 125)` };
  if (lengthBits === 16 && length > 0xffff)
    return { ok: false, error: `length ${length} does not fit the 16-bit field (at most 65535)` };

  const frame: RawFrameInput = {
    opcode: form.opcode,
    fin: form.fin,
    rsv1: form.rsv1,
    rsv2: form.rsv2,
    rsv3: form.rsv3,
    mask,
    lengthBits,
    ...(payload === undefined ? {} : { payload }),
    ...(declared === undefined ? {} : { declaredLength: declared }),
  };
  // The header alone: the encoder with an empty payload and the length the frame will declare.
  const headerKey = typeof mask === 'string' ? Number.parseInt(mask, 16) : mask ? 0 : false;
  const header = encodeFrame({ ...frame, payload: undefined, mask: headerKey, declaredLength: length });
  const headerHex = toHex(header, ' ') + (mask === true ? ' (random key shown as 00 00 00 00)' : '');
  return { ok: true, frame, payloadBytes, headerHex, breaks: rawFrameBreaks(form, payloadBytes, length) };
}

/** The RFC 6455 rules a frame with these fields breaks (empty for a compliant client frame). */
export function rawFrameBreaks(form: RawFrameForm, payloadBytes: number, declared: number): string[] {
  const out: string[] = [];
  if (!isKnownOpcode(form.opcode)) out.push(`opcode ${form.opcode} is reserved (§5.2)`);
  if (form.rsv1 || form.rsv2 || form.rsv3)
    out.push('RSV bits set: only meaningful with a negotiated extension (§5.2; RSV1 = permessage-deflate)');
  if (isControlOpcode(form.opcode) && !form.fin) out.push('control frames must not be fragmented (§5.5)');
  if (isControlOpcode(form.opcode) && declared > 125) out.push('control frame payload over 125 bytes (§5.5)');
  if (form.mask === 'off') out.push('a client must mask every frame (§5.3)');
  if (declared !== payloadBytes)
    out.push(
      `declared length ${declared} ≠ the ${payloadBytes} bytes sent: the reader will wait or misparse`,
    );
  const minimal = declared <= 125 ? '7' : declared <= 0xffff ? '16' : '64';
  if (form.lengthBits !== 'minimal' && form.lengthBits !== minimal)
    out.push(`length not in its minimal encoding (${minimal}-bit) (§5.2)`);
  return out;
}
