import type { Direction } from '../../../shared/model/events.js';
import type { Frame } from '../../../shared/protocol/frame.js';
import { NO_VIOLATIONS, type Violation } from '../../../shared/protocol/violations.js';

/** Bits of the flags column; the message opcode (0–3) takes bits 12–13. */
export const FLAG = {
  FIN: 1 << 0,
  RSV1: 1 << 1,
  RSV2: 1 << 2,
  RSV3: 1 << 3,
  MASKED: 1 << 4,
  OUT: 1 << 5,
  COMPRESSED: 1 << 6,
  LENGTH_16: 1 << 7,
  LENGTH_64: 1 << 8,
  LENGTH_MINIMAL: 1 << 9,
  VIOLATIONS: 1 << 10,
  // Close code 0 can appear on the wire (and is a violation), so "0 = none" needs this bit.
  CLOSE_CODE: 1 << 11,
} as const;
const MESSAGE_OPCODE_SHIFT = 12;

/**
 * Bytes of one row: t, offset, payloadLength (Float64: streams pass 4 GiB, and a declared length
 * over the decoder's limit may pass 2^32); conn, seq, maskKey, message (32-bit); flags, close
 * code (16-bit); header length, opcode (8-bit).
 */
export const ROW_BYTES = 3 * 8 + 4 * 4 + 2 * 2 + 2 * 1;

/** The header fields of a Frame the index keeps as they are. */
type KeptFrameFields =
  | 'offset'
  | 'headerLength'
  | 'fin'
  | 'rsv1'
  | 'rsv2'
  | 'rsv3'
  | 'opcode'
  | 'masked'
  | 'maskKey'
  | 'payloadLength'
  | 'lengthBits'
  | 'lengthMinimal'
  | 'message'
  | 'messageOpcode'
  | 'compressed'
  | 'violations';

/** Everything the index keeps about one frame: its header fields, where and when it was seen. */
export interface FrameSummary extends Pick<Frame, KeptFrameFields> {
  /** Engine-wide frame id. */
  readonly id: number;
  readonly conn: number;
  readonly seq: number;
  readonly dir: Direction;
  /** Ms on the engine clock. */
  readonly t: number;
  /** The Close frame's status code, or null (no Close, or an empty one). */
  readonly closeCode: number | null;
}

/**
 * The summary of `frame` as a plain object: what get() must give back for it. The index never
 * builds these on add(); tests use it as the oracle and bench/store as the baseline it beats.
 */
export function summarizeFrame(
  id: number,
  conn: number,
  seq: number,
  dir: Direction,
  t: number,
  frame: Frame,
): FrameSummary {
  return {
    id,
    conn,
    seq,
    dir,
    t,
    offset: frame.offset,
    headerLength: frame.headerLength,
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    opcode: frame.opcode,
    masked: frame.masked,
    maskKey: frame.maskKey,
    payloadLength: frame.payloadLength,
    lengthBits: frame.lengthBits,
    lengthMinimal: frame.lengthMinimal,
    message: frame.message,
    messageOpcode: frame.messageOpcode,
    compressed: frame.compressed,
    closeCode: frame.close?.code ?? null,
    violations: frame.violations,
  };
}

/** Sizes of the index's chunks. */
export interface FrameIndexOptions {
  /** Rows per full chunk, a power of two (default 65536). */
  readonly chunkRows?: number;
  /** Rows of a chunk when it is created, a power of two ≤ chunkRows (default 1024). */
  readonly firstRows?: number;
}

/** One chunk: a single ArrayBuffer holding every column, widest first so each view is aligned. */
interface Chunk {
  readonly capacity: number;
  readonly buffer: ArrayBuffer;
  readonly t: Float64Array;
  readonly offset: Float64Array;
  readonly payloadLength: Float64Array;
  readonly conn: Uint32Array;
  readonly seq: Uint32Array;
  readonly maskKey: Uint32Array;
  readonly message: Int32Array;
  readonly flags: Uint16Array;
  readonly closeCode: Uint16Array;
  readonly headerLength: Uint8Array;
  readonly opcode: Uint8Array;
}

function allocateChunk(capacity: number): Chunk {
  const buffer = new ArrayBuffer(capacity * ROW_BYTES);
  let at = 0;
  const view = <T>(Type: new (b: ArrayBuffer, at: number, n: number) => T, size: number): T => {
    const v = new Type(buffer, at, capacity);
    at += size * capacity;
    return v;
  };
  return {
    capacity,
    buffer,
    t: view(Float64Array, 8),
    offset: view(Float64Array, 8),
    payloadLength: view(Float64Array, 8),
    conn: view(Uint32Array, 4),
    seq: view(Uint32Array, 4),
    maskKey: view(Uint32Array, 4),
    message: view(Int32Array, 4),
    flags: view(Uint16Array, 2),
    closeCode: view(Uint16Array, 2),
    headerLength: view(Uint8Array, 1),
    opcode: view(Uint8Array, 1),
  };
}

const COLUMNS = [
  't',
  'offset',
  'payloadLength',
  'conn',
  'seq',
  'maskKey',
  'message',
  'flags',
  'closeCode',
  'headerLength',
  'opcode',
] as const;

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/**
 * The frames of every connection as a struct of arrays, one row per frame, id = row number.
 * Rows live in fixed-size chunks so growing never copies more than one chunk; the last chunk
 * starts small and doubles, so a store with few frames stays small (≈46 B per frame plus at most
 * one chunk's slack; measured in bench/store). Violations are rare and live in a sparse map.
 */
export class FrameIndex {
  private readonly chunkRows: number;
  private readonly firstRows: number;
  private readonly chunks: Chunk[] = [];
  private tail: Chunk;
  private tailUsed = 0;
  private count = 0;
  private readonly violations = new Map<number, readonly Violation[]>();

  constructor(options: FrameIndexOptions = {}) {
    this.chunkRows = options.chunkRows ?? 65536;
    this.firstRows = Math.min(options.firstRows ?? 1024, this.chunkRows);
    if (!isPowerOfTwo(this.chunkRows) || !isPowerOfTwo(this.firstRows)) {
      throw new RangeError(
        `chunkRows and firstRows must be powers of two, got ${this.chunkRows} and ${this.firstRows}`,
      );
    }
    this.tail = allocateChunk(this.firstRows);
    this.chunks.push(this.tail);
  }

  /** Rows stored. */
  get length(): number {
    return this.count;
  }

  /** Bytes of typed-array memory held, growth slack included (not the sparse violation map). */
  get byteLength(): number {
    let bytes = 0;
    for (const chunk of this.chunks) bytes += chunk.buffer.byteLength;
    return bytes;
  }

  /** Stores one decoded frame and returns its id. Keeps no reference to `frame`. */
  push(conn: number, seq: number, dir: Direction, t: number, frame: Frame): number {
    if (this.tailUsed === this.tail.capacity) this.grow();
    const c = this.tail;
    const r = this.tailUsed++;
    const id = this.count++;
    c.t[r] = t;
    c.offset[r] = frame.offset;
    c.payloadLength[r] = frame.payloadLength;
    c.conn[r] = conn;
    c.seq[r] = seq;
    c.maskKey[r] = frame.maskKey ?? 0;
    c.message[r] = frame.message ?? -1;
    c.closeCode[r] = frame.close?.code ?? 0;
    c.headerLength[r] = frame.headerLength;
    c.opcode[r] = frame.opcode;
    c.flags[r] =
      (frame.fin ? FLAG.FIN : 0) |
      (frame.rsv1 ? FLAG.RSV1 : 0) |
      (frame.rsv2 ? FLAG.RSV2 : 0) |
      (frame.rsv3 ? FLAG.RSV3 : 0) |
      (frame.masked ? FLAG.MASKED : 0) |
      (dir === 'out' ? FLAG.OUT : 0) |
      (frame.compressed ? FLAG.COMPRESSED : 0) |
      (frame.lengthBits === 16 ? FLAG.LENGTH_16 : frame.lengthBits === 64 ? FLAG.LENGTH_64 : 0) |
      (frame.lengthMinimal ? FLAG.LENGTH_MINIMAL : 0) |
      (frame.violations.length > 0 ? FLAG.VIOLATIONS : 0) |
      (frame.close !== null && frame.close.code !== null ? FLAG.CLOSE_CODE : 0) |
      ((frame.messageOpcode & 3) << MESSAGE_OPCODE_SHIFT);
    // The decoder hands every frame a fresh violations array (it never reuses one), so keeping it
    // holds no decoder state.
    if (frame.violations.length > 0) this.violations.set(id, frame.violations);
    return id;
  }

  /** The row of `id`, or undefined when no frame has that id. */
  get(id: number): FrameSummary | undefined {
    if (!Number.isInteger(id) || id < 0 || id >= this.count) return undefined;
    const k = Math.floor(id / this.chunkRows);
    const c = this.chunks[k];
    if (c === undefined) return undefined;
    const r = id - k * this.chunkRows;
    const flags = c.flags[r] as number;
    const masked = (flags & FLAG.MASKED) !== 0;
    const message = c.message[r] as number;
    return {
      id,
      conn: c.conn[r] as number,
      seq: c.seq[r] as number,
      dir: flags & FLAG.OUT ? 'out' : 'in',
      t: c.t[r] as number,
      offset: c.offset[r] as number,
      headerLength: c.headerLength[r] as number,
      fin: (flags & FLAG.FIN) !== 0,
      rsv1: (flags & FLAG.RSV1) !== 0,
      rsv2: (flags & FLAG.RSV2) !== 0,
      rsv3: (flags & FLAG.RSV3) !== 0,
      opcode: c.opcode[r] as number,
      masked,
      maskKey: masked ? (c.maskKey[r] as number) : null,
      payloadLength: c.payloadLength[r] as number,
      lengthBits: flags & FLAG.LENGTH_16 ? 16 : flags & FLAG.LENGTH_64 ? 64 : 7,
      lengthMinimal: (flags & FLAG.LENGTH_MINIMAL) !== 0,
      message: message < 0 ? null : message,
      messageOpcode: (flags >>> MESSAGE_OPCODE_SHIFT) & 3,
      compressed: (flags & FLAG.COMPRESSED) !== 0,
      closeCode: flags & FLAG.CLOSE_CODE ? (c.closeCode[r] as number) : null,
      violations: flags & FLAG.VIOLATIONS ? (this.violations.get(id) ?? NO_VIOLATIONS) : NO_VIOLATIONS,
    };
  }

  /** The tail chunk is full: double it while it is below full size, else start a new chunk. */
  private grow(): void {
    const old = this.tail;
    if (old.capacity < this.chunkRows) {
      const bigger = allocateChunk(old.capacity * 2);
      for (const column of COLUMNS) bigger[column].set(old[column]);
      this.chunks[this.chunks.length - 1] = bigger;
      this.tail = bigger;
      return;
    }
    this.tail = allocateChunk(this.firstRows);
    this.chunks.push(this.tail);
    this.tailUsed = 0;
  }
}
