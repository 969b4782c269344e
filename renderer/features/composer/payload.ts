/**
 * The composer's draft in each mode, checked and turned into what `session.send` takes: text and
 * JSON as text, hex and base64 as binary. Pure, so every rule is unit-tested without a DOM.
 */
import type { OutgoingInput } from '../../../shared/ipc/contract.js';
import { fromBase64, toBase64, toHex } from '../../../shared/protocol/base64.js';
import { checkJson, positionAt, type TextPosition } from './json-check.js';

/** The composer's modes. */
export type ComposerMode = 'text' | 'json' | 'hex' | 'base64' | 'file';

/** Every mode, in the order of the mode buttons. */
export const COMPOSER_MODES: readonly { readonly mode: ComposerMode; readonly label: string }[] = [
  { mode: 'text', label: 'Text' },
  { mode: 'json', label: 'JSON' },
  { mode: 'hex', label: 'Hex' },
  { mode: 'base64', label: 'Base64' },
  { mode: 'file', label: 'File' },
];

/** A checked draft: the message to send and its size, or what is wrong (and where). */
export type DraftCheck =
  | { readonly ok: true; readonly message: OutgoingInput; readonly bytes: number }
  | { readonly ok: false; readonly error: string; readonly position: TextPosition | null };

/** Bytes parsed from text, or the error and where it is. */
export type BytesCheck =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: string; readonly position: TextPosition | null };

const encoder = new TextEncoder();

/** UTF-8 length of a string, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Hex digits with any whitespace between them (`48 65 6c`, one byte per line, ...). */
export function parseHexText(text: string): BytesCheck {
  const digits: number[] = [];
  let firstOfPair = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    const v = Number.parseInt(c, 16);
    if (Number.isNaN(v))
      return { ok: false, error: `${JSON.stringify(c)} is not a hex digit`, position: positionAt(text, i) };
    if (digits.length % 2 === 0) firstOfPair = i;
    digits.push(v);
  }
  if (digits.length % 2 !== 0) {
    return {
      ok: false,
      error: `odd number of hex digits (${digits.length}): the last byte is missing a digit`,
      position: positionAt(text, firstOfPair),
    };
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digits[2 * i]! << 4) | digits[2 * i + 1]!;
  return { ok: true, bytes };
}

/** Base64 checked and normalised (whitespace dropped, padding added); its decoded length. */
export function parseBase64Text(
  text: string,
):
  | { readonly ok: true; readonly base64: string; readonly bytes: number }
  | { readonly ok: false; readonly error: string; readonly position: TextPosition | null } {
  let clean = '';
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (c === '=') {
      padding++;
      if (padding > 2)
        return { ok: false, error: 'too much padding (at most two =)', position: positionAt(text, i) };
      continue;
    }
    if (!/[A-Za-z0-9+/]/.test(c)) {
      const hint = c === '-' || c === '_' ? ' (URL-safe base64: use + and / instead of - and _)' : '';
      return {
        ok: false,
        error: `${JSON.stringify(c)} is not a base64 character${hint}`,
        position: positionAt(text, i),
      };
    }
    if (padding > 0)
      return { ok: false, error: 'characters after the = padding', position: positionAt(text, i) };
    clean += c;
  }
  if (clean.length % 4 === 1)
    return {
      ok: false,
      error: `${clean.length} base64 characters: one too many or three too few`,
      position: null,
    };
  const padded = clean + '='.repeat((4 - (clean.length % 4)) % 4);
  if (padding > 0 && padded.length !== clean.length + padding) {
    return { ok: false, error: `wrong padding: expected ${padded.length - clean.length} =`, position: null };
  }
  const bytes = (clean.length * 3) >> 2;
  return { ok: true, base64: padded, bytes };
}

/** Checks the draft of a text mode (file mode is checked from the file itself). */
export function checkDraft(mode: Exclude<ComposerMode, 'file'>, text: string): DraftCheck {
  switch (mode) {
    case 'text':
      return { ok: true, message: { kind: 'text', text }, bytes: utf8Length(text) };
    case 'json': {
      const json = checkJson(text);
      if (!json.ok) return { ok: false, error: json.error, position: json.position };
      return { ok: true, message: { kind: 'json', text }, bytes: utf8Length(text) };
    }
    case 'hex': {
      const hex = parseHexText(text);
      if (!hex.ok) return hex;
      return { ok: true, message: { kind: 'binary', base64: toBase64(hex.bytes) }, bytes: hex.bytes.length };
    }
    case 'base64': {
      const b64 = parseBase64Text(text);
      if (!b64.ok) return b64;
      return { ok: true, message: { kind: 'binary', base64: b64.base64 }, bytes: b64.bytes };
    }
  }
}

/** Bytes of a draft as text/hex/base64 when it is valid, else null. */
function draftBytes(mode: ComposerMode, text: string): Uint8Array | null {
  if (mode === 'text' || mode === 'json') return encoder.encode(text);
  if (mode === 'hex') {
    const hex = parseHexText(text);
    return hex.ok ? hex.bytes : null;
  }
  if (mode === 'base64') {
    const b64 = parseBase64Text(text);
    return b64.ok ? fromBase64(b64.base64) : null;
  }
  return null;
}

/** Hex as the composer writes it: bytes in groups of 16 per line. */
export function hexLines(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += 16) lines.push(toHex(bytes.subarray(at, at + 16), ' '));
  return lines.join('\n');
}

/**
 * The draft carried over to another mode: the same bytes re-spelled (text → hex, hex → base64,
 * binary → text when it is valid UTF-8), or the text unchanged when it cannot be converted.
 */
export function convertDraft(from: ComposerMode, to: ComposerMode, text: string): string {
  if (from === to || to === 'file' || from === 'file' || text === '') return text;
  const textual = (m: ComposerMode): boolean => m === 'text' || m === 'json';
  if (textual(from) && textual(to)) return text;
  const bytes = draftBytes(from, text);
  if (bytes === null) return text;
  if (to === 'hex') return hexLines(bytes);
  if (to === 'base64') return toBase64(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return text;
  }
}

/** How a saved or loaded binary message is best shown: hex when short, base64 otherwise. */
export function draftOfMessage(message: OutgoingInput): {
  readonly mode: ComposerMode;
  readonly text: string;
} {
  if (message.kind === 'text') return { mode: 'text', text: message.text };
  if (message.kind === 'json') return { mode: 'json', text: message.text };
  const b64 = parseBase64Text(message.base64);
  if (b64.ok && b64.bytes <= 4096) return { mode: 'hex', text: hexLines(fromBase64(b64.base64)) };
  return { mode: 'base64', text: message.base64 };
}

/** Sizes for people: 512 B, 1.5 KiB, 100 MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ${units[unit]}`;
}

/** Most frames a message may be split into (shared/ipc/inputs.ts). */
export const MAX_FRAGMENTS = 10_000;

/** Parses the "fragments" field: 1 (not fragmented) up to MAX_FRAGMENTS. */
export function parseFragments(
  text: string,
): { readonly ok: true; readonly count: number } | { readonly ok: false; readonly error: string } {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_FRAGMENTS) {
    return { ok: false, error: `fragments: a whole number from 1 to ${MAX_FRAGMENTS}` };
  }
  return { ok: true, count: n };
}
