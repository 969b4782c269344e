/**
 * The inspector's rows in the renderer: columns in typed-array chunks (≈ 28 B per row plus its
 * short preview string), never payloads. Rows are addressed by an absolute index that never changes;
 * past `maxRows` the oldest chunk is dropped (counted), so a long session keeps its newest rows.
 */
import type { RowBatch } from '../../shared/ipc/rows.js';

const CHUNK = 1 << 16;

/** One chunk of columns. */
interface Chunk {
  readonly id: Int32Array;
  readonly conn: Int32Array;
  readonly t: Float64Array;
  readonly flags: Int32Array;
  readonly length: Float64Array;
  readonly extra: Int32Array;
  readonly preview: string[];
}

const newChunk = (): Chunk => ({
  id: new Int32Array(CHUNK),
  conn: new Int32Array(CHUNK),
  t: new Float64Array(CHUNK),
  flags: new Int32Array(CHUNK),
  length: new Float64Array(CHUNK),
  extra: new Int32Array(CHUNK),
  preview: [],
});

/** Every row the renderer keeps, by absolute index (first retained index is `start`). */
export class RowStore {
  private chunks: Chunk[] = [];
  /** Absolute index of chunks[0][0]. */
  private base = 0;
  private end = 0;
  /** Rows dropped from the front because of maxRows. */
  dropped = 0;

  constructor(private readonly maxRows = 2_000_000) {}

  /** First retained absolute index. */
  get start(): number {
    return this.base;
  }

  /** One past the last absolute index. */
  get size(): number {
    return this.end;
  }

  private retained(): number {
    return this.end - this.base;
  }

  /** Appends a batch; returns the absolute index of its first row. */
  append(batch: RowBatch): number {
    const first = this.end;
    const n = batch.id.length;
    for (let i = 0; i < n; i++) {
      const at = this.end - this.base;
      const c = at >>> 16;
      const k = at & (CHUNK - 1);
      if (c === this.chunks.length) this.chunks.push(newChunk());
      const chunk = this.chunks[c]!;
      chunk.id[k] = batch.id[i]!;
      chunk.conn[k] = batch.conn[i]!;
      chunk.t[k] = batch.t[i]!;
      chunk.flags[k] = batch.flags[i]!;
      chunk.length[k] = batch.length[i]!;
      chunk.extra[k] = batch.extra[i]!;
      chunk.preview[k] = batch.preview[i]!;
      this.end++;
    }
    while (this.retained() > this.maxRows + CHUNK) {
      this.chunks.shift();
      this.base += CHUNK;
      this.dropped += CHUNK;
    }
    return first;
  }

  /** True when absolute index `row` is still retained. */
  has(row: number): boolean {
    return row >= this.base && row < this.end;
  }

  private at(row: number): [Chunk, number] {
    const at = row - this.base;
    return [this.chunks[at >>> 16]!, at & (CHUNK - 1)];
  }

  id(row: number): number {
    const [c, k] = this.at(row);
    return c.id[k]!;
  }
  conn(row: number): number {
    const [c, k] = this.at(row);
    return c.conn[k]!;
  }
  t(row: number): number {
    const [c, k] = this.at(row);
    return c.t[k]!;
  }
  flags(row: number): number {
    const [c, k] = this.at(row);
    return c.flags[k]!;
  }
  length(row: number): number {
    const [c, k] = this.at(row);
    return c.length[k]!;
  }
  extra(row: number): number {
    const [c, k] = this.at(row);
    return c.extra[k]!;
  }
  preview(row: number): string {
    const [c, k] = this.at(row);
    return c.preview[k] ?? '';
  }
}
