import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Direction } from '../../../shared/model/events.js';
import { copyFromMemory, readFromFile, type Segment } from './spill-read.js';
import { StreamChunks } from './stream-chunks.js';

/** Where and how much a SpillFile stores. */
export interface SpillFileOptions {
  /** Most bytes stored; later bytes are dropped and counted (default 1 GiB). */
  readonly maxBytes?: number;
  /** Folder the temp dir is created in (default os.tmpdir()). */
  readonly parentDir?: string;
  /** Bytes buffered in memory before a background write (default 1 MiB). */
  readonly flushBytes?: number;
  /** Longest time bytes wait in memory before a background write (default 100 ms). */
  readonly flushMs?: number;
}

/** Stable codes of a failed read. */
export type SpillErrorCode =
  'PAYLOAD_DROPPED' | 'PAYLOAD_UNAVAILABLE' | 'SPILL_WRITE_FAILED' | 'STORE_CLOSED';

/** The bytes asked for, or why they cannot be had. */
export type SpillRead =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly code: SpillErrorCode; readonly reason: string };

const GIB = 1024 * 1024 * 1024;

const fail = (code: SpillErrorCode, reason: string): SpillRead => ({ ok: false, code, reason });

/**
 * The raw bytes of every tapped stream, out of the JS heap: one append-only file in a private temp
 * dir (created on the first write, removed by close()). Appends are copied into a staging buffer
 * and written in the background when it fills or after `flushMs`, so the tap never waits for the
 * disk; a read of bytes not written yet is served from memory.
 */
export class SpillFile {
  private readonly maxBytes: number;
  private readonly parentDir: string;
  private readonly flushBytes: number;
  private readonly flushMs: number;
  private readonly streams = new Map<number, StreamChunks>();
  /** Bytes accepted: the file offset the next stored byte gets. */
  private stored = 0;
  private dropped = 0;
  private stage: Uint8Array | null = null;
  private stageUsed = 0;
  /** File offset of stage[0]. */
  private stageAt = 0;
  /** Handed to the writer, not yet written, oldest first. */
  private readonly segments: Segment[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly reads = new Set<Promise<unknown>>();
  private dir: string | null = null;
  private file: FileHandle | null = null;
  /** File offset from which bytes were lost to a failed write, and why; -1 while all is well. */
  private failedAt = -1;
  private failure = '';
  private closed = false;

  constructor(options: SpillFileOptions = {}) {
    this.maxBytes = options.maxBytes ?? GIB;
    this.parentDir = options.parentDir ?? tmpdir();
    this.flushBytes = Math.max(1, options.flushBytes ?? 1024 * 1024);
    this.flushMs = options.flushMs ?? 100;
  }

  /** Bytes stored (written or on their way); bytes lost to a failed write are not counted. */
  get bytes(): number {
    return this.failedAt >= 0 ? this.failedAt : this.stored;
  }

  /** Bytes not stored: over the cap, after a failed write, or after close. */
  get droppedBytes(): number {
    return this.dropped;
  }

  /** The temp dir, once the first write created it; null before and after close. */
  get directory(): string | null {
    return this.dir;
  }

  /** Stores stream bytes [streamOffset, streamOffset + bytes.length) of (conn, dir); copies them. */
  append(conn: number, dir: Direction, streamOffset: number, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const stream = this.streamOf(conn, dir, true);
    const room = this.closed || this.failedAt >= 0 ? 0 : Math.max(0, this.maxBytes - this.stored);
    const keep = Math.min(bytes.length, room);
    if (keep > 0) {
      stream.add(streamOffset, this.stored, keep);
      this.stored += keep;
      this.stageIn(keep === bytes.length ? bytes : bytes.subarray(0, keep));
    }
    if (keep < bytes.length) {
      stream.drop(streamOffset + keep);
      this.dropped += bytes.length - keep;
    }
  }

  /** Stream bytes [start, start + length) of (conn, dir), from memory or the file. */
  async read(conn: number, dir: Direction, start: number, length: number): Promise<SpillRead> {
    if (this.closed) return fail('STORE_CLOSED', 'the frame store is closed');
    if (length === 0) return { ok: true, bytes: new Uint8Array(0) };
    const stream = this.streamOf(conn, dir, false);
    const found = stream?.locate(start, length) ?? { missingAt: start };
    if ('missingAt' in found) {
      if (stream !== undefined && stream.droppedFrom >= 0 && found.missingAt >= stream.droppedFrom) {
        return this.failedAt >= 0
          ? fail('SPILL_WRITE_FAILED', `payload lost: the spill file could not be written (${this.failure})`)
          : fail('PAYLOAD_DROPPED', `payload dropped: spill file cap ${this.maxBytes} bytes reached`);
      }
      return fail(
        'PAYLOAD_UNAVAILABLE',
        `payload unavailable: stream byte ${found.missingAt} was never received`,
      );
    }
    const lost = this.failedAt >= 0 && found.pieces.some((p) => p.fileAt + p.length > this.failedAt);
    if (lost)
      return fail(
        'SPILL_WRITE_FAILED',
        `payload lost: the spill file could not be written (${this.failure})`,
      );
    const out = new Uint8Array(length);
    // Copy what is still in memory now: once its write completes the segment is let go.
    const fromFile = copyFromMemory(
      found.pieces,
      this.inMemory(),
      this.segments[0]?.fileAt ?? this.stageAt,
      out,
    );
    if (fromFile.length === 0) return { ok: true, bytes: out };
    const file = this.file;
    if (file === null) return fail('PAYLOAD_UNAVAILABLE', 'payload unavailable: the spill file is not open');
    const reading = readFromFile(file, fromFile, out);
    this.reads.add(reading);
    try {
      await reading;
      return { ok: true, bytes: out };
    } catch (error) {
      return fail(
        'PAYLOAD_UNAVAILABLE',
        `payload unavailable: spill file read failed (${(error as Error).message})`,
      );
    } finally {
      this.reads.delete(reading);
    }
  }

  /** Writes what is buffered and resolves when every write so far is done (tests, shutdown). */
  async flush(): Promise<void> {
    this.handOff();
    await this.writing;
  }

  /** Drops everything and removes the temp dir; reads after this fail with STORE_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stage = null;
    this.stageUsed = 0;
    // The writer skips what is queued once closed; wait for the write in progress and the reads.
    await this.writing;
    await Promise.allSettled([...this.reads]);
    this.segments.length = 0;
    const { file, dir } = this;
    this.file = null;
    this.dir = null;
    await file?.close().catch(() => undefined);
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }

  private streamOf(conn: number, dir: Direction, create: true): StreamChunks;
  private streamOf(conn: number, dir: Direction, create: false): StreamChunks | undefined;
  private streamOf(conn: number, dir: Direction, create: boolean): StreamChunks | undefined {
    const key = conn * 2 + (dir === 'out' ? 1 : 0);
    let stream = this.streams.get(key);
    if (stream === undefined && create) {
      stream = new StreamChunks();
      this.streams.set(key, stream);
    }
    return stream;
  }

  /** Copies accepted bytes into the staging buffer, handing it to the writer whenever it fills. */
  private stageIn(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      this.stage ??= new Uint8Array(this.flushBytes);
      const n = Math.min(bytes.length - at, this.stage.length - this.stageUsed);
      this.stage.set(bytes.subarray(at, at + n), this.stageUsed);
      this.stageUsed += n;
      at += n;
      if (this.stageUsed === this.stage.length) this.handOff();
    }
    if (this.stageUsed > 0 && this.timer === null) {
      this.timer = setTimeout(() => this.handOff(), this.flushMs);
      // A pending flush must not keep a CLI run alive.
      this.timer.unref();
    }
  }

  /** Queues the staged bytes for writing. */
  private handOff(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const stage = this.stage;
    if (stage === null || this.stageUsed === 0 || this.closed) return;
    // A full stage goes as is; a partial one (timer) is copied so the stage can be reused.
    const bytes = this.stageUsed === stage.length ? stage : stage.slice(0, this.stageUsed);
    if (bytes === stage) this.stage = null;
    this.stageUsed = 0;
    const segment = { fileAt: this.stageAt, bytes };
    this.stageAt += bytes.length;
    this.segments.push(segment);
    this.writing = this.writing.then(() => this.write(segment));
  }

  /** The bytes not yet written, in file order. */
  private inMemory(): readonly Segment[] {
    if (this.stage === null || this.stageUsed === 0) return this.segments;
    return [...this.segments, { fileAt: this.stageAt, bytes: this.stage.subarray(0, this.stageUsed) }];
  }

  /** Writes one segment at its offset; never rejects (a failure is recorded and reported by reads). */
  private async write(segment: Segment): Promise<void> {
    if (this.closed || this.failedAt >= 0) return;
    try {
      if (this.file === null) {
        this.dir = await mkdtemp(join(this.parentDir, 'wstap-spill-'));
        this.file = await open(join(this.dir, 'streams.bin'), 'w+');
      }
      let done = 0;
      while (done < segment.bytes.length) {
        const { bytesWritten } = await this.file.write(
          segment.bytes,
          done,
          segment.bytes.length - done,
          segment.fileAt + done,
        );
        done += bytesWritten;
      }
      this.segments.shift();
    } catch (error) {
      this.failedAt = segment.fileAt;
      this.failure = (error as Error).message;
      // Nothing after a failed write is kept: every byte from failedAt on is lost, and said so.
      this.dropped += this.stored - segment.fileAt;
      this.segments.length = 0;
      this.stage = null;
      this.stageUsed = 0;
    }
  }
}
