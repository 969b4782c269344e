const POOL_SIZE = 256 * 1024;
/** The first pool a decoder allocates, on its first payload. */
const FIRST_POOL_SIZE = 4 * 1024;
const POOLED_MAX = 4096;
/** The most memory kept for reuse (`recycle`). */
const MAX_SPARE = 1 << 20;

/**
 * Where a FrameDecoder puts the payloads it copies (unmasked, or from reused input), with long-lived
 * word views for one-pass unmasking (no typed-array view per frame). A payload is never rewritten
 * once handed out (events read payloads lazily), with one exception its owner asks for: `recycle`.
 */
export class PayloadMemory {
  // The pool starts empty and doubles from FIRST_POOL_SIZE up to POOL_SIZE as payloads come: an
  // idle connection (two decoders) costs no pool memory, a busy one soon runs on 256 KiB. Pools
  // are replaced, not recycled.
  private pool = new Uint8Array(0);
  private poolUsed = 0;
  private pool32 = new Int32Array(this.pool.buffer);
  /** The word view of the last payload allocated, and where that payload starts in it (bytes). */
  dest32: Int32Array = this.pool32;
  destAt = 0;
  /** The latest payload too big for the pool, and memory its owner gave back for reuse. */
  private big: ArrayBuffer | null = null;
  private spare: { readonly bytes: Uint8Array; readonly words: Int32Array } | null = null;

  /** Memory for a payload of `size` bytes. */
  allocate(size: number): Uint8Array {
    if (size > POOLED_MAX) return this.allocateBig(size);
    if (this.poolUsed + size > this.pool.length) {
      let next = Math.min(POOL_SIZE, Math.max(FIRST_POOL_SIZE, this.pool.length * 2));
      while (next < size) next *= 2;
      this.pool = new Uint8Array(next);
      this.pool32 = new Int32Array(this.pool.buffer);
      this.poolUsed = 0;
    }
    this.dest32 = this.pool32;
    this.destAt = this.poolUsed;
    const view = this.pool.subarray(this.poolUsed, this.poolUsed + size);
    this.poolUsed += (size + 7) & ~7;
    return view;
  }

  /**
   * Takes back a payload nobody will read (no event holds it): its memory serves the next payload
   * too big for the pool. Taken only when it is the latest such payload; anything else (pooled,
   * a view of the input, older, over 1 MiB) is ignored.
   */
  recycle(payload: Uint8Array): void {
    const buffer = payload.buffer as ArrayBuffer;
    if (buffer !== this.big || payload.byteOffset !== 0 || buffer.byteLength > MAX_SPARE) return;
    this.big = null;
    this.spare = { bytes: new Uint8Array(buffer), words: new Int32Array(buffer, 0, buffer.byteLength >>> 2) };
  }

  private allocateBig(size: number): Uint8Array {
    const spare = this.spare;
    this.destAt = 0;
    if (spare !== null && spare.bytes.length >= size) {
      this.spare = null;
      this.big = spare.bytes.buffer as ArrayBuffer;
      this.dest32 = spare.words;
      return spare.bytes.subarray(0, size);
    }
    const big = new Uint8Array(size);
    this.big = big.buffer;
    this.dest32 = new Int32Array(big.buffer, 0, size >>> 2);
    return big;
  }
}
