/**
 * A fetched payload (base64 from main) in the forms the detail pane's tabs show: bytes, UTF-8 text,
 * a hex dump and base64, each bounded so a large payload never builds a huge DOM text. Pure.
 */
import { fromBase64 } from '../../../shared/protocol/base64.js';
import { hexDumpRows } from './hex-dump.js';
import { parseJsonPayload } from './json-tree.js';

/** Characters of text or base64 shown; the rest is counted in a notice. */
export const MAX_TEXT_CHARS = 256 * 1024;
/** Bytes the hex tab dumps. */
export const MAX_HEX_BYTES = 64 * 1024;

/** The payload views of one detail. */
export interface PayloadViews {
  readonly bytes: Uint8Array;
  /** Decoded UTF-8 (invalid sequences as U+FFFD), cut at MAX_TEXT_CHARS. */
  readonly text: string;
  /** Whether the bytes are valid UTF-8 (else the text tab warns that it is lossy). */
  readonly validUtf8: boolean;
  /** Characters of text left out. */
  readonly textOmitted: number;
  /** The parsed JSON value when the whole payload is a JSON object or array. */
  readonly json: { readonly value: unknown } | null;
  /** Hex dump lines: `offset  hex  ascii`. */
  readonly hex: string;
  readonly hexOmitted: number;
  readonly base64: string;
  readonly base64Omitted: number;
}

/** The tabs of the payload area, in order. */
/** `decoded`: the connection's decoder (renderer/features/decoders), when the payload's row is known. */
export type PayloadTab = 'text' | 'json' | 'hex' | 'base64' | 'decoded';

/** The classic hex dump as one block of text (one DOM text node however many lines). */
export function hexDumpText(bytes: Uint8Array, maxBytes = MAX_HEX_BYTES): string {
  return hexDumpRows(bytes, maxBytes)
    .map((r) => `${r.offset}  ${r.hex.padEnd(48)}  ${r.ascii}`)
    .join('\n');
}

/** Decodes a payload's base64 and prepares every view; null when main sent no payload. */
export function payloadViews(base64: string | null): PayloadViews | null {
  if (base64 === null) return null;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(base64);
  } catch {
    bytes = new Uint8Array(0);
  }
  let full: string;
  let validUtf8 = true;
  try {
    full = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    validUtf8 = false;
    full = new TextDecoder('utf-8').decode(bytes);
  }
  const parsed = validUtf8 ? parseJsonPayload(full) : ({ ok: false } as const);
  return {
    bytes,
    text: full.length > MAX_TEXT_CHARS ? full.slice(0, MAX_TEXT_CHARS) : full,
    validUtf8,
    textOmitted: Math.max(0, full.length - MAX_TEXT_CHARS),
    json: parsed.ok ? { value: parsed.value } : null,
    hex: hexDumpText(bytes),
    hexOmitted: Math.max(0, bytes.length - MAX_HEX_BYTES),
    base64: base64.length > MAX_TEXT_CHARS ? base64.slice(0, MAX_TEXT_CHARS) : base64,
    base64Omitted: Math.max(0, base64.length - MAX_TEXT_CHARS),
  };
}

/** The tab a payload opens on: its JSON tree, else its text when it is UTF-8, else hex. */
export function defaultTab(views: PayloadViews): PayloadTab {
  if (views.json !== null) return 'json';
  return views.validUtf8 ? 'text' : 'hex';
}

/** Human size: `512 B`, `1.5 KiB`, `2.0 MiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
