/** A run of one stream's bytes stored contiguously in the spill file. */
export interface StreamPiece {
  /** Offset in the spill file of the piece's first byte. */
  readonly fileAt: number;
  readonly length: number;
}

/**
 * Where one (conn, dir) stream's bytes sit in the spill file: sorted stream offsets → file
 * offsets, one entry per appended chunk. A chunk that continues the previous one in both the
 * stream and the file extends it instead, so a busy connection whose chunks are not interleaved
 * with another's needs a handful of entries, not one per chunk.
 */
export class StreamChunks {
  private readonly starts: number[] = [];
  private readonly files: number[] = [];
  private readonly lengths: number[] = [];
  /** Stream offset just after the last stored byte. */
  private end = 0;
  /** Stream offset of the first byte not stored because the spill file was full; -1 when none. */
  droppedFrom = -1;

  /** Entries held (for tests and memory accounting). */
  get entries(): number {
    return this.starts.length;
  }

  /** Records that stream bytes [streamAt, streamAt + length) are at file offset `fileAt`. */
  add(streamAt: number, fileAt: number, length: number): void {
    if (streamAt < this.end) {
      throw new RangeError(`stream bytes must be appended in order: ${streamAt} is before ${this.end}`);
    }
    const last = this.starts.length - 1;
    if (
      last >= 0 &&
      streamAt === this.end &&
      fileAt === (this.files[last] as number) + (this.lengths[last] as number)
    ) {
      this.lengths[last] = (this.lengths[last] as number) + length;
    } else {
      this.starts.push(streamAt);
      this.files.push(fileAt);
      this.lengths.push(length);
    }
    this.end = streamAt + length;
  }

  /** Marks the stream's bytes from `streamAt` on as dropped (the first drop wins). */
  drop(streamAt: number): void {
    if (this.droppedFrom < 0) this.droppedFrom = streamAt;
  }

  /**
   * The file pieces holding stream bytes [start, start + length), in order, or the stream offset
   * of the first byte that is not stored.
   */
  locate(start: number, length: number): { readonly pieces: StreamPiece[] } | { readonly missingAt: number } {
    const pieces: StreamPiece[] = [];
    const end = start + length;
    let i = this.lastAtOrBefore(start);
    let pos = start;
    while (pos < end) {
      const s = this.starts[i];
      if (s === undefined || s > pos) return { missingAt: pos };
      const pieceEnd = s + (this.lengths[i] as number);
      if (pieceEnd <= pos) return { missingAt: pos };
      const n = Math.min(end, pieceEnd) - pos;
      pieces.push({ fileAt: (this.files[i] as number) + (pos - s), length: n });
      pos += n;
      i++;
    }
    return { pieces };
  }

  /** Index of the last entry starting at or before `at`; -1 when there is none. */
  private lastAtOrBefore(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) <= at) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
