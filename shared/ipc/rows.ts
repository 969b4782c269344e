/**
 * The inspector's rows as they cross the bridge: columnar batches of frames and messages with a
 * short preview, never their payloads (a payload is fetched by id when its row is opened). A batch
 * is plain JSON arrays, so it survives structured clone (Electron IPC) and JSON (browser mode).
 */

/** Row kinds: a frame as it crossed the wire, or a reassembled (inflated) data message. */
export const ROW_KIND = { FRAME: 0, MESSAGE: 1 } as const;

/** Bits of a row's `flags` column. Opcode sits in the low 4 bits. */
export const ROW_FLAG = {
  OPCODE_MASK: 0x0f,
  FIN: 1 << 4,
  RSV1: 1 << 5,
  RSV2: 1 << 6,
  RSV3: 1 << 7,
  MASKED: 1 << 8,
  /** Direction: set = in (read by wstap), clear = out. */
  IN: 1 << 9,
  /** Part of (or is) a permessage-deflate compressed message. */
  COMPRESSED: 1 << 10,
  /** The decoder found at least one violation in it. */
  VIOLATION: 1 << 11,
  /** A message row (else a frame row). */
  MESSAGE: 1 << 12,
  /** Binary preview (hex) rather than text. */
  BINARY_PREVIEW: 1 << 13,
  /** Length field width: 16-bit / 64-bit (neither = 7-bit). */
  LEN16: 1 << 14,
  LEN64: 1 << 15,
  /**
   * A frame row that is a whole message by itself (FIN, not a continuation, not compressed): the
   * messages view shows it as that message, and no separate message row is sent for it, which
   * halves the rows of a typical session. Message rows come only for fragmented or compressed ones
   * (and for a whole one with violations of its own, which then shows twice in the messages view).
   */
  WHOLE_MESSAGE: 1 << 16,
} as const;

/** Characters of payload text a row carries for its preview column. */
export const PREVIEW_CHARS = 48;

/**
 * Rows in columns; every array has the same length. `id` is the frame id (the frame store's key)
 * for frame rows and the message id for message rows.
 */
export interface RowBatch {
  readonly id: readonly number[];
  readonly conn: readonly number[];
  /** Engine ms (monotonic, sub-ms). */
  readonly t: readonly number[];
  readonly flags: readonly number[];
  /** Payload length on the wire (frames) or inflated size (messages). */
  readonly length: readonly number[];
  /** Frames: the message number the frame belongs to (-1 for control frames); messages: frame count. */
  readonly extra: readonly number[];
  /** Up to PREVIEW_CHARS of text, control characters shown as `·`; hex for binary. */
  readonly preview: readonly string[];
}

/** An empty batch to fill. */
export function emptyRowBatch(): {
  id: number[];
  conn: number[];
  t: number[];
  flags: number[];
  length: number[];
  extra: number[];
  preview: string[];
} {
  return { id: [], conn: [], t: [], flags: [], length: [], extra: [], preview: [] };
}

/** Opcode of a row. */
export const rowOpcode = (flags: number): number => flags & ROW_FLAG.OPCODE_MASK;

/** Direction of a row. */
export const rowDirection = (flags: number): 'in' | 'out' => ((flags & ROW_FLAG.IN) !== 0 ? 'in' : 'out');

/** Length-field width of a frame row. */
export const rowLengthBits = (flags: number): 7 | 16 | 64 =>
  (flags & ROW_FLAG.LEN64) !== 0 ? 64 : (flags & ROW_FLAG.LEN16) !== 0 ? 16 : 7;

/** A preview: the start of a text with control characters made visible, or the first bytes in hex. */
export function previewText(text: string): string {
  const head = text.length > PREVIEW_CHARS ? text.slice(0, PREVIEW_CHARS) : text;
  // eslint-disable-next-line no-control-regex
  return head.replace(/[\u0000-\u001f\u007f]/g, '·');
}

/** Hex preview of the first bytes. */
export function previewHex(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, 16);
  let out = '';
  for (let i = 0; i < n; i++) out += (i ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return out;
}
