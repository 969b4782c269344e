/** Base64 without Node's Buffer, for shared/ (recordings and --json carry binary as base64). */

const CHUNK = 0x8000;

let nativeToBase64: ((bytes: Uint8Array) => string) | null = null;

/**
 * Lets the host encode with a native function giving the same text (Node: Buffer's base64, ~5×
 * faster than btoa over a binary string for the 16–512 B payloads events carry).
 */
export function useNativeBase64(encode: (bytes: Uint8Array) => string): void {
  nativeToBase64 = encode;
}

/** Standard base64 of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  if (nativeToBase64 !== null) return nativeToBase64(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

/** Decodes standard base64; throws on invalid input. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Lowercase hex of `bytes`, optionally with a separator between bytes. */
export function toHex(bytes: Uint8Array, separator = ''): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && separator) out += separator;
    out += ((bytes[i] as number) < 16 ? '0' : '') + (bytes[i] as number).toString(16);
  }
  return out;
}

/** Parses hex text, ignoring whitespace, colons and a leading 0x; returns an error message when invalid. */
export function parseHex(text: string): Uint8Array | { readonly error: string } {
  const clean = text.replace(/0x/gi, '').replace(/[\s:,]/g, '');
  const bad = clean.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return { error: `'${clean[bad]}' is not a hex digit` };
  if (clean.length % 2 !== 0) return { error: `odd number of hex digits (${clean.length})` };
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
