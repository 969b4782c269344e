/** The typed arrays an IdColumn can hold. */
type NumberArray = Float64Array | Int32Array | Uint32Array | Uint16Array;

/**
 * One number per id in fixed-size typed-array chunks, allocated on the first write into them:
 * growing never copies, and ids may be written in any order (frame events of two directions are
 * not published in id order). Unwritten slots read as `fill`.
 */
export class IdColumn {
  private readonly chunks: (NumberArray | undefined)[] = [];

  constructor(
    private readonly Type: new (length: number) => NumberArray,
    private readonly fill = 0,
    private readonly chunkRows = 16384,
  ) {}

  /** Sets the value of `id` (a non-negative integer). */
  set(id: number, value: number): void {
    const k = Math.floor(id / this.chunkRows);
    let chunk = this.chunks[k];
    if (chunk === undefined) {
      chunk = new this.Type(this.chunkRows);
      if (this.fill !== 0) chunk.fill(this.fill);
      this.chunks[k] = chunk;
    }
    chunk[id - k * this.chunkRows] = value;
  }

  /** The value of `id`, or `fill` when it was never set. */
  get(id: number): number {
    const k = Math.floor(id / this.chunkRows);
    const chunk = this.chunks[k];
    return chunk === undefined ? this.fill : (chunk[id - k * this.chunkRows] ?? this.fill);
  }

  /** Typed-array bytes held. */
  get byteLength(): number {
    let bytes = 0;
    for (const chunk of this.chunks) bytes += chunk?.byteLength ?? 0;
    return bytes;
  }
}
