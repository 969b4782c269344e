import type { Direction } from '../../../shared/model/events.js';
import { DEFAULT_LIMITS, type Frame } from '../../../shared/protocol/frame.js';
import { unmask } from '../../../shared/protocol/mask.js';
import { FrameIndex, type FrameIndexOptions, type FrameSummary } from './frame-index.js';
import { SpillFile, type SpillErrorCode } from './spill-file.js';

/** Caps and places of a FrameStore. */
export interface FrameStoreOptions {
  /** Most frames indexed; later ones are counted in droppedFrames (default 10 million). */
  readonly maxFrames?: number;
  /** Most raw stream bytes kept in the spill file (default 1 GiB). */
  readonly maxSpillBytes?: number;
  /** Folder the spill file's temp dir is created in (default os.tmpdir()). */
  readonly spillDir?: string;
  /** Largest payload payload() returns (default 100 MiB, the decoder's own limit). */
  readonly maxPayloadFetch?: number;
  /** Spill write batching, for tests: bytes and ms before a background write. */
  readonly flushBytes?: number;
  readonly flushMs?: number;
  /** Index chunk sizes, for tests and the memory bench. */
  readonly index?: FrameIndexOptions;
}

/** Stable codes of a payload fetch that failed. */
export type PayloadErrorCode = SpillErrorCode | 'UNKNOWN_FRAME' | 'PAYLOAD_TOO_LARGE';

/** A frame's payload bytes, unmasked, or why they cannot be had. */
export type PayloadResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly code: PayloadErrorCode; readonly reason: string };

/** Counters of a FrameStore; the drop counters are what the UI shows next to a capped view. */
export interface FrameStoreStats {
  readonly frames: number;
  readonly droppedFrames: number;
  /** Typed-array bytes of the index, growth slack included. */
  readonly indexBytes: number;
  /** Raw stream bytes kept in the spill file (or on their way to it). */
  readonly spillBytes: number;
  /** Raw stream bytes not kept: over maxSpillBytes, or lost to a failed write. */
  readonly droppedBytes: number;
}

export type { FrameSummary } from './frame-index.js';

/**
 * The engine's memory of every frame it saw: a compact in-memory index (≈46 B per frame) with
 * engine-wide ids 0, 1, 2, … in arrival order, and the raw stream bytes in a bounded spill file,
 * so a payload is read back only when the UI opens its row. It keeps no reference to a Frame or
 * its payload: the decoder reuses pooled buffers.
 */
export class FrameStore {
  private readonly index: FrameIndex;
  private readonly spill: SpillFile;
  /** Most frames indexed: engine frame ids from here on name frames this store dropped. */
  readonly maxFrames: number;
  private readonly maxPayloadFetch: number;
  private dropped = 0;
  private closed = false;

  constructor(options: FrameStoreOptions = {}) {
    this.maxFrames = options.maxFrames ?? 10_000_000;
    this.maxPayloadFetch = options.maxPayloadFetch ?? DEFAULT_LIMITS.maxPayload;
    this.index = new FrameIndex(options.index);
    this.spill = new SpillFile({
      maxBytes: options.maxSpillBytes,
      parentDir: options.spillDir,
      flushBytes: options.flushBytes,
      flushMs: options.flushMs,
    });
  }

  /**
   * Keeps a chunk of (conn, dir)'s stream, the bytes after the HTTP head, starting at stream
   * offset `streamOffset`; call it before the decoder sees the chunk. Copies `bytes`.
   */
  appendWire(conn: number, dir: Direction, streamOffset: number, bytes: Uint8Array): void {
    this.spill.append(conn, dir, streamOffset, bytes);
  }

  /** Indexes a decoded frame and returns its id, or -1 when maxFrames is reached (or closed). */
  add(conn: number, seq: number, dir: Direction, t: number, frame: Frame): number {
    if (this.closed || this.index.length >= this.maxFrames) {
      this.dropped++;
      return -1;
    }
    return this.index.push(conn, seq, dir, t, frame);
  }

  /** Everything indexed about frame `id`, or undefined for an unknown id. */
  get(id: number): FrameSummary | undefined {
    return this.index.get(id);
  }

  /**
   * The payload of frame `id` as it crossed the wire, unmasked. The bytes of a permessage-deflate
   * frame are returned still compressed (`get(id).compressed`): a frame alone does not inflate.
   */
  async payload(id: number): Promise<PayloadResult> {
    const frame = this.index.get(id);
    if (frame === undefined) return { ok: false, code: 'UNKNOWN_FRAME', reason: `no frame with id ${id}` };
    if (frame.payloadLength > this.maxPayloadFetch) {
      return {
        ok: false,
        code: 'PAYLOAD_TOO_LARGE',
        reason: `payload of ${frame.payloadLength} bytes is over the ${this.maxPayloadFetch}-byte fetch limit`,
      };
    }
    const read = await this.spill.read(
      frame.conn,
      frame.dir,
      frame.offset + frame.headerLength,
      frame.payloadLength,
    );
    if (!read.ok || frame.maskKey === null) return read;
    return { ok: true, bytes: unmask(read.bytes, frame.maskKey) };
  }

  /** Counts of what is kept and what was dropped. */
  stats(): FrameStoreStats {
    return {
      frames: this.index.length,
      droppedFrames: this.dropped,
      indexBytes: this.index.byteLength,
      spillBytes: this.spill.bytes,
      droppedBytes: this.spill.droppedBytes,
    };
  }

  /** Writes out nothing more and removes the spill file's temp dir; get() keeps working. */
  async close(): Promise<void> {
    this.closed = true;
    await this.spill.close();
  }

  /** The spill file's temp dir once created, for tests; null before the first write and after close. */
  get spillDirectory(): string | null {
    return this.spill.directory;
  }

  /** Resolves when buffered spill bytes are written, for tests and benchmarks. */
  flush(): Promise<void> {
    return this.spill.flush();
  }
}
