const POOL_SIZE = 256 * 1024;
/** The first pool a decoder allocates, on its first payload. */
const FIRST_POOL_SIZE = 4 * 1024;
const POOLED_MAX = 4096;
/** The largest payload whose memory is kept for reuse (`recycle`), and how many are kept. */
const MAX_SPARE = 1 << 20;
const KEEP = 4;

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
  /** The latest payloads too big for the pool (newest last), and memory given back for reuse. */
  private readonly big: ArrayBuffer[] = [];
  private readonly spare: { readonly bytes: Uint8Array; readonly words: Int32Array }[] = [];

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
   * Takes back a payload nobody will read (no event holds it): its memory serves a later payload
   * too big for the pool. Taken only when it is one of the last few such payloads handed out,
   * whole (the next one may have begun in the same read before this one's owner was done with
   * it); anything else (pooled, a view of the input, older, over 1 MiB) is ignored.
   */
  recycle(payload: Uint8Array): void {
    const buffer = payload.buffer as ArrayBuffer;
    const at = this.big.indexOf(buffer);
    if (at < 0 || payload.byteOffset !== 0 || buffer.byteLength > MAX_SPARE) return;
    this.big.splice(at, 1);
    if (this.spare.length >= KEEP) return;
    this.spare.push({
      bytes: new Uint8Array(buffer),
      words: new Int32Array(buffer, 0, buffer.byteLength >>> 2),
    });
  }

  private allocateBig(size: number): Uint8Array {
    this.destAt = 0;
    const at = this.spare.findIndex((s) => s.bytes.length >= size);
    const spare = at < 0 ? null : (this.spare.splice(at, 1)[0] ?? null);
    const bytes = spare?.bytes ?? new Uint8Array(size);
    this.dest32 = spare?.words ?? new Int32Array(bytes.buffer, 0, size >>> 2);
    this.big.push(bytes.buffer as ArrayBuffer);
    if (this.big.length > KEEP) this.big.shift();
    return spare === null ? bytes : bytes.subarray(0, size);
  }
}
