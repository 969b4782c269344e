/**
 * The memory of a LineFile's batch chunks: a recording writing hundreds of MB/s would otherwise
 * allocate as much and leave it to the garbage collector (bench/proxy at 64 KiB: GC was a fifth
 * of wstap's time). Chunks are written out in the order they were made, so once a write is done
 * every chunk older than the one holding the first unwritten byte is free for reuse.
 */
export class ChunkPool {
  /** The memory of every chunk not yet known to be written out, oldest first. */
  private readonly owned: ArrayBuffer[] = [];
  /** Written-out memory of the usual size, for new chunks. */
  private readonly spare: ArrayBuffer[] = [];

  constructor(
    /** The usual chunk size: only chunks of this size are reused. */
    private readonly size: number,
    /** How many free chunks are kept at most. */
    private readonly keep = 4,
  ) {}

  /** A chunk of `size` bytes (reused memory when it is the usual size and some is free). */
  allocate(size: number): Buffer {
    const reused = size === this.size ? this.spare.pop() : undefined;
    // Memory of its own (allocUnsafe would slice small ones out of Node's shared pool).
    const chunk = reused !== undefined ? Buffer.from(reused) : Buffer.allocUnsafeSlow(size);
    this.owned.push(chunk.buffer as ArrayBuffer);
    return chunk;
  }

  /** Everything before `firstUnwritten` (a view of a chunk from `allocate`) is on disk: frees those chunks. */
  written(firstUnwritten: Buffer): void {
    const live = firstUnwritten.buffer as ArrayBuffer;
    while (this.owned.length > 0 && this.owned[0] !== live) {
      const free = this.owned.shift() as ArrayBuffer;
      if (free.byteLength === this.size && this.spare.length < this.keep) this.spare.push(free);
    }
  }
}
