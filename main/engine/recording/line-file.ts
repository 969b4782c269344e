import type { RecordingErrorCode } from '../../../shared/record/line-codec.js';
import { ChunkPool } from './chunk-pool.js';
import { openFileOut, type FileOut } from './file-out.js';

/** How a LineFile batches; the defaults bound what a crash loses and what a slow disk costs. */
export interface LineFileOptions {
  /** Fail when the file exists (flag `wx`) instead of replacing it (`w`). */
  readonly exclusive?: boolean;
  /** Write as soon as this many bytes wait (default 1 MiB). */
  readonly flushBytes?: number;
  /** Write at the latest this long after the first unwritten line (default 100 ms). */
  readonly flushMs?: number;
  /** Stop accepting lines when more than this waits for the disk (default 64 MiB). */
  readonly maxPendingBytes?: number;
  /**
   * Ask producers to wait (`backlog()`) when more than this is accepted but not written, the write
   * in flight included (default 16 MiB); they may go on once it is down to a quarter.
   */
  readonly highWaterBytes?: number;
  /**
   * Write around the page cache (O_DIRECT) where the platform and the file system can (Linux;
   * default true): see DirectOut. Elsewhere, or with false, the file is written buffered.
   */
  readonly direct?: boolean;
}

/** Counters of a LineFile. */
export interface LineFileStats {
  /** Lines accepted. */
  readonly lines: number;
  /** Bytes written to the file. */
  readonly bytes: number;
  /** Writes completed. */
  readonly flushes: number;
  /** Lines refused because the file failed, fell behind or was closed. */
  readonly dropped: number;
  /** Bytes accepted but not yet handed to the disk. */
  readonly pendingBytes: number;
}

/** Why a LineFile stopped: open or write failure, or a backlog over the bound. */
export class LineFileError extends Error {
  constructor(
    readonly code: Extract<
      RecordingErrorCode,
      'RECORDING_OPEN_FAILED' | 'RECORDING_WRITE_FAILED' | 'RECORDING_BACKLOG_FULL'
    >,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LineFileError';
  }
}

/** Lines are encoded straight into chunks this big (one per MiB written, no copies). */
const CHUNK = 1 << 20;

interface Waiter {
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * An append-only file of lines, written off the hot path: `append` only copies the line into an
 * in-memory batch; the batch goes to disk in one write when it passes `flushBytes`, or
 * `flushMs` after its first line (an unref'd timer), one write in flight at a time. So a process
 * killed with SIGKILL loses at most the last `flushMs` of lines (plus a partial last line), as long
 * as the disk keeps up. Memory is bounded: past `maxPendingBytes` waiting, the file stops accepting
 * (RECORDING_BACKLOG_FULL), still writes out everything it accepted, and counts refused lines in
 * `dropped` — a contiguous recording that ends early is usable; one with holes is not.
 */
export class LineFile {
  private readonly pool = new ChunkPool(CHUNK);
  private chunk: Buffer = this.pool.allocate(CHUNK);
  private used = 0;
  private sealed: Buffer[] = [];
  private pendingBytes = 0;
  private lines = 0;
  private writtenLines = 0;
  private flushes = 0;
  private dropped = 0;
  private inFlight = false;
  private due = false;
  private timer: NodeJS.Timeout | null = null;
  private waiters: Waiter[] = [];
  private accepting = true;
  /** Set on the first failure; a write failure also ends writing. */
  private failure: LineFileError | null = null;
  private writeFailed = false;
  private closing: Promise<void> | null = null;
  private readonly listeners = new Set<(error: LineFileError) => void>();
  private readonly flushBytes: number;
  private readonly flushMs: number;
  private readonly maxPendingBytes: number;
  private readonly highWaterBytes: number;
  /** Bytes of the write in flight. */
  private inFlightBytes = 0;
  /** Resolves producers that wait for the backlog to shrink; null when none waits. */
  private relief: { readonly promise: Promise<void>; readonly resolve: () => void } | null = null;

  private constructor(
    private readonly out: FileOut,
    readonly path: string,
    options: LineFileOptions,
  ) {
    this.flushBytes = options.flushBytes ?? 1 << 20;
    this.flushMs = options.flushMs ?? 100;
    this.maxPendingBytes = options.maxPendingBytes ?? 64 << 20;
    this.highWaterBytes = options.highWaterBytes ?? 16 << 20;
  }

  /** Creates (or replaces, unless `exclusive`) the file; rejects with RECORDING_OPEN_FAILED. */
  static async open(path: string, options: LineFileOptions = {}): Promise<LineFile> {
    try {
      const out = await openFileOut(path, {
        exclusive: options.exclusive ?? false,
        direct: options.direct ?? true,
      });
      return new LineFile(out, path, options);
    } catch (error) {
      throw new LineFileError('RECORDING_OPEN_FAILED', `cannot create ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Queues one line (no newline inside; UTF-8); false when refused (failed, behind, closed). */
  append(line: string): boolean {
    if (!this.accepting) return this.refuse();
    // UTF-8 takes at most 3 bytes per UTF-16 unit; count exactly only when that bound is too big.
    const bound = line.length * 3 + 1;
    this.reserve(bound <= CHUNK ? bound : Buffer.byteLength(line) + 1);
    const start = this.used;
    this.used += this.chunk.write(line, start, 'utf8');
    this.chunk[this.used++] = 10;
    return this.accepted();
  }

  /**
   * Queues `lines` ASCII-only lines, joined by newlines in `text` (its last newline is added here):
   * no UTF-8 encoder (message-ref lines, a chunk's together).
   */
  appendAscii(text: string, lines = 1): boolean {
    if (!this.accepting) return this.refuse(lines);
    this.reserve(text.length + 1);
    const chunk = this.chunk;
    const at = this.used + chunk.write(text, this.used, 'latin1');
    chunk[at] = 10;
    this.used = at + 1;
    return this.accepted(lines);
  }

  /**
   * Queues an ASCII line followed by `bytes` as they are and a newline (a raw wire record,
   * docs/recording-format.md), all in one batch: a copy, so the caller may reuse `bytes` at once.
   */
  appendRaw(head: string, bytes: Uint8Array): boolean {
    if (!this.accepting) return this.refuse();
    this.reserve(head.length + bytes.length + 2);
    const chunk = this.chunk;
    let at = this.used;
    at += chunk.write(head, at, 'latin1');
    chunk[at++] = 10;
    chunk.set(bytes, at);
    at += bytes.length;
    chunk[at++] = 10;
    this.used = at;
    return this.accepted();
  }

  /** Resolves when every line accepted so far is written; rejects once the file has failed. */
  flush(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return this.drain();
  }

  /** Writes what was accepted, then closes the file; rejects with the failure, if any. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.accepting = false;
      this.relieve();
      // After a backlog failure the accepted lines are still written: nothing recorded is lost.
      await this.drain().catch(() => undefined); // a write failure is this.failure
      this.clearTimer();
      try {
        await this.out.close();
      } catch (error) {
        // A failed write explains a failed close better than the close's own error does.
        this.fail(
          new LineFileError(
            'RECORDING_WRITE_FAILED',
            `closing ${this.path} failed: ${(error as Error).message}`,
            { cause: error },
          ),
        );
      }
      if (this.failure !== null) throw this.failure;
    })();
    return this.closing;
  }

  /**
   * Null while the backlog (accepted, not yet written) is under `highWaterBytes`; else a promise
   * that resolves once it is down to a quarter of that, or the file stopped accepting. A producer
   * that can wait (the proxy: it stops reading its sockets) keeps a fast session from outrunning
   * the disk, which would otherwise end the recording at `maxPendingBytes`.
   */
  backlog(): Promise<void> | null {
    if (!this.accepting || this.waitingBytes() <= this.highWaterBytes) return null;
    if (this.relief === null) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.relief = { promise, resolve };
    }
    return this.relief.promise;
  }

  /** Calls `listener` when the file fails (once per file); returns the function that removes it. */
  onError(listener: (error: LineFileError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The counters now. */
  stats(): LineFileStats {
    const { lines, flushes, dropped, out } = this;
    const pendingBytes = this.pendingBytes + this.used + out.waiting;
    return { lines, bytes: out.written, flushes, dropped, pendingBytes };
  }

  private waitingBytes(): number {
    return this.pendingBytes + this.used + this.inFlightBytes + this.out.waiting;
  }

  /** Lets waiting producers go on once the backlog is low (or nothing more will be accepted). */
  private relieve(): void {
    if (this.relief === null) return;
    if (this.accepting && this.waitingBytes() > this.highWaterBytes / 4) return;
    this.relief.resolve();
    this.relief = null;
  }

  private refuse(lines = 1): false {
    this.dropped += lines;
    return false;
  }

  private reserve(size: number): void {
    if (this.chunk.length - this.used >= size) return;
    this.seal();
    this.chunk = this.pool.allocate(Math.max(size, CHUNK));
  }

  /** Moves the filled part of the current chunk to the write queue. */
  private seal(): void {
    if (this.used === 0) return;
    this.sealed.push(this.chunk.subarray(0, this.used));
    this.pendingBytes += this.used;
    // The rest of the chunk takes the next lines: a write never waits for a chunk to fill.
    this.chunk = this.chunk.subarray(this.used);
    this.used = 0;
  }

  private accepted(lines = 1): true {
    this.lines += lines;
    const waiting = this.pendingBytes + this.used;
    if (waiting >= this.flushBytes) this.pump();
    else if (this.timer === null) this.timer = setTimeout(this.onTimer, this.flushMs).unref();
    if (waiting > this.maxPendingBytes && this.failure === null) {
      this.fail(
        new LineFileError(
          'RECORDING_BACKLOG_FULL',
          `${this.path}: ${waiting} bytes wait for the disk (limit ${this.maxPendingBytes}); recording stopped, ${this.lines} lines kept`,
        ),
      );
    }
    return true;
  }

  private readonly onTimer = (): void => {
    this.timer = null;
    this.due = true;
    this.pump();
  };

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private drain(): Promise<void> {
    if (this.writeFailed) return Promise.reject(this.failure as LineFileError);
    if (this.writtenLines >= this.lines) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ upTo: this.lines, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts the next write when none is in flight. It is `complete` (every byte in the file when
   * it is done) when something waits for it — the timer, a flush, close; otherwise a direct file
   * may keep its last partial block for the next write.
   */
  private pump(): void {
    if (this.inFlight || this.writeFailed) return;
    this.seal();
    this.clearTimer();
    const complete = this.due || this.waiters.length > 0 || !this.accepting;
    this.due = false;
    if (this.sealed.length === 0 && !(complete && this.out.waiting > 0)) return;
    const buffers = this.sealed;
    const size = this.pendingBytes;
    const upTo = this.lines;
    this.sealed = [];
    this.pendingBytes = 0;
    this.inFlight = true;
    this.inFlightBytes = size;
    this.out.write(buffers, complete).then(
      // Lines in a partial block kept back are not in the file yet: they count from a later write.
      () => this.written(complete || this.out.waiting === 0 ? upTo : this.writtenLines),
      (error: unknown) => {
        this.inFlight = false;
        this.inFlightBytes = 0;
        this.writeFailed = true;
        this.sealed = [];
        this.pendingBytes = 0;
        this.used = 0;
        const failure = new LineFileError(
          'RECORDING_WRITE_FAILED',
          `writing ${this.path} failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
        for (const waiter of this.waiters.splice(0)) waiter.reject(failure);
        this.fail(failure);
      },
    );
  }

  /** A write is done: every line up to `upTo` is in the file (a write that was not complete says fewer). */
  private written(upTo: number): void {
    this.inFlight = false;
    this.inFlightBytes = 0;
    this.flushes++;
    this.writtenLines = upTo;
    // Nothing is in flight: the oldest unwritten byte is in the queue, or else in the current chunk.
    this.pool.written(this.sealed[0] ?? this.chunk);
    const waiters = this.waiters;
    this.waiters = waiters.filter((w) => w.upTo > upTo);
    for (const waiter of waiters) if (waiter.upTo <= upTo) waiter.resolve();
    if (this.pendingBytes + this.used >= this.flushBytes || this.due || this.waiters.length > 0) this.pump();
    // A last partial block kept back goes out by the timer at the latest, as any line does.
    else if (this.out.waiting > 0 && this.timer === null)
      this.timer = setTimeout(this.onTimer, this.flushMs).unref();
    this.relieve();
  }

  private fail(error: LineFileError): void {
    this.accepting = false;
    this.relieve();
    if (this.failure !== null) return;
    this.failure = error;
    for (const listener of this.listeners) {
      try {
        listener(error);
      } catch (thrown) {
        // One broken listener must not hide the failure from the others.
        process.stderr.write(`wstap: a recording error listener failed: ${(thrown as Error).message}\n`);
      }
    }
  }
}
