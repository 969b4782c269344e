import type { FileHandle } from 'node:fs/promises';
import type { StreamPiece } from './stream-chunks.js';

/** Spill bytes still in memory (queued for writing, or staged), at their file offset. */
export interface Segment {
  readonly fileAt: number;
  readonly bytes: Uint8Array;
}

/** A part of a read that must come from the file: file range → offset in the output. */
export interface FileRead {
  readonly fileAt: number;
  readonly outAt: number;
  readonly length: number;
}

// Parts of one read closer than this in the file are fetched with one read call: a stream that
// arrived in small chunks interleaved with other streams' is thousands of pieces a few bytes apart.
const MAX_GAP = 64 * 1024;

/**
 * Copies the parts of `pieces` (in file order) at or after `memoryStart` from `memory` (in file
 * order, covering [memoryStart, end)) into `out`, and returns the parts before it, for the file.
 */
export function copyFromMemory(
  pieces: readonly StreamPiece[],
  memory: readonly Segment[],
  memoryStart: number,
  out: Uint8Array,
): FileRead[] {
  const fromFile: FileRead[] = [];
  let outAt = 0;
  // Pieces ascend in the file, so one cursor walks the segments once for the whole read.
  let j = 0;
  for (const piece of pieces) {
    const diskPart = Math.max(0, Math.min(piece.length, memoryStart - piece.fileAt));
    if (diskPart > 0) fromFile.push({ fileAt: piece.fileAt, outAt, length: diskPart });
    let at = piece.fileAt + diskPart;
    const end = piece.fileAt + piece.length;
    while (at < end) {
      const segment = memory[j];
      if (segment === undefined) throw new Error(`spill bytes at ${at} are neither written nor in memory`);
      const segmentEnd = segment.fileAt + segment.bytes.length;
      if (segmentEnd <= at) {
        j++;
        continue;
      }
      const to = Math.min(end, segmentEnd);
      out.set(segment.bytes.subarray(at - segment.fileAt, to - segment.fileAt), outAt + (at - piece.fileAt));
      at = to;
    }
    outAt += piece.length;
  }
  return fromFile;
}

/** Reads `parts` (in file order) from `file` into `out`, one read call per run of nearby parts. */
export async function readFromFile(
  file: FileHandle,
  parts: readonly FileRead[],
  out: Uint8Array,
): Promise<void> {
  for (let i = 0; i < parts.length;) {
    const first = parts[i] as FileRead;
    let last = first;
    let k = i + 1;
    for (
      let next = parts[k];
      next !== undefined && next.fileAt - (last.fileAt + last.length) <= MAX_GAP;
      next = parts[++k]
    )
      last = next;
    if (k === i + 1) {
      await readFully(file, out, first.outAt, first.length, first.fileAt);
    } else {
      const span = new Uint8Array(last.fileAt + last.length - first.fileAt);
      await readFully(file, span, 0, span.length, first.fileAt);
      for (let p = i; p < k; p++) {
        const part = parts[p] as FileRead;
        const from = part.fileAt - first.fileAt;
        out.set(span.subarray(from, from + part.length), part.outAt);
      }
    }
    i = k;
  }
}

async function readFully(
  file: FileHandle,
  into: Uint8Array,
  at: number,
  length: number,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(into, at + done, length - done, position + done);
    if (bytesRead === 0) throw new Error(`unexpected end of the spill file at ${position + done}`);
    done += bytesRead;
  }
}
