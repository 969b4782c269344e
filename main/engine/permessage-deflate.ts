import { createInflateRaw, type InflateRaw } from 'node:zlib';
import type { PerMessageDeflateParams } from '../../shared/protocol/extensions.js';
import type { Sender } from '../../shared/protocol/frame.js';
import { violation, type Violation } from '../../shared/protocol/violations.js';

/** RFC 7692 §7.2.2: the empty stored block a sender strips from every compressed message. */
const TRAILER = Uint8Array.of(0x00, 0x00, 0xff, 0xff);

/** The default bound on one inflated message, as `ws` (100 MiB). */
export const DEFAULT_MAX_INFLATED_SIZE = 100 * 1024 * 1024;

/** Options of an Inflater. */
export interface InflaterOptions {
  /** The parameters the server's response accepted (see `perMessageDeflateFromResponse`). */
  readonly params: PerMessageDeflateParams;
  /** Whose compressed messages this inflater reads: the client_* or the server_* parameters apply. */
  readonly sender: Sender;
  /** Largest inflated message in bytes; inflation stops as soon as it is passed (deflate bombs). */
  readonly maxInflatedSize?: number;
}

/** One message inflated, or the violation that stopped it. */
export type InflateResult =
  | {
      readonly ok: true;
      readonly data: Buffer;
      /** Compressed bytes, as they crossed the wire (without the RFC 7692 §7.2.2 trailer). */
      readonly wireLength: number;
      /** Inflated bytes. */
      readonly payloadLength: number;
    }
  | { readonly ok: false; readonly violation: Violation };

/** The message being inflated and where its output goes. */
interface Job {
  readonly resolve: (result: InflateResult) => void;
  readonly wireLength: number;
  /** The message plus trailer, as written to zlib. */
  readonly inputLength: number;
  /** `bytesWritten` of the stream when the job began: how much input earlier messages used. */
  readonly inputBefore: number;
  readonly chunks: Buffer[];
  total: number;
  settled: boolean;
}

/**
 * Inflates the compressed messages of one direction of a permessage-deflate connection (RFC 7692
 * §7.2.2), in order. One zlib stream carries the LZ77 window from message to message (context
 * takeover) unless the sender agreed to `*_no_context_takeover`, in which case it is reset after
 * each message; a message that then refers back fails, as it would at a strict peer.
 */
export class Inflater {
  private readonly windowBits: number;
  private readonly noContextTakeover: boolean;
  private readonly maxInflatedSize: number;
  private stream: InflateRaw | null = null;
  private job: Job | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** A failure discarded the LZ77 window this sender's later messages may still refer to. */
  private windowLost = false;

  constructor(options: InflaterOptions) {
    const { params, sender } = options;
    const bits = sender === 'client' ? params.clientMaxWindowBits : params.serverMaxWindowBits;
    // null (and `true`, which only an offer carries) mean the sender may use the full 2^15 window.
    this.windowBits = typeof bits === 'number' ? bits : 15;
    this.noContextTakeover =
      sender === 'client' ? params.clientNoContextTakeover : params.serverNoContextTakeover;
    this.maxInflatedSize = options.maxInflatedSize ?? DEFAULT_MAX_INFLATED_SIZE;
  }

  /**
   * Inflates one compressed message: the reassembled payload of a message whose first frame had
   * RSV1 set. The bytes are copied at once, so the caller may reuse its buffer. Calls queue: each
   * result settles after the previous one, whenever they were made.
   */
  inflate(compressed: Uint8Array): Promise<InflateResult> {
    const input = Buffer.allocUnsafe(compressed.length + TRAILER.length);
    input.set(compressed, 0);
    input.set(TRAILER, compressed.length);
    const run = this.tail.then(() => this.run(input, compressed.length));
    this.tail = run;
    return run;
  }

  /** Releases the zlib stream; queued and later calls settle with INFLATE_FAILED. */
  close(): void {
    this.closed = true;
    this.settle(this.job, { ok: false, violation: violation('INFLATE_FAILED', 'the inflater was closed') });
    this.discard();
  }

  private run(input: Buffer, wireLength: number): Promise<InflateResult> {
    if (this.closed) {
      return Promise.resolve({
        ok: false,
        violation: violation('INFLATE_FAILED', 'the inflater was closed'),
      });
    }
    if (wireLength === 0) {
      // The trailer alone starts a stored block zlib would wait on, swallowing the next message's
      // bytes as its content; the smallest compressed message is 0x00 (RFC 7692 §7.2.3.6). The
      // stream is left untouched, so later messages keep their window.
      const detail =
        'the compressed payload is empty (an empty message compresses to 0x00, RFC 7692 §7.2.3.6)';
      return Promise.resolve({ ok: false, violation: violation('INFLATE_FAILED', detail) });
    }
    return new Promise((resolve) => {
      let stream: InflateRaw;
      try {
        stream = this.stream ?? this.open();
      } catch (error) {
        // Only parameters outside RFC 7692's 8..15 get here; keep the queue alive regardless.
        resolve({ ok: false, violation: violation('INFLATE_FAILED', (error as Error).message) });
        return;
      }
      const job: Job = {
        resolve,
        wireLength,
        inputLength: input.length,
        inputBefore: stream.bytesWritten,
        chunks: [],
        total: 0,
        settled: false,
      };
      this.job = job;
      stream.write(input);
      stream.flush(() => this.finish(stream, job));
    });
  }

  private open(): InflateRaw {
    const stream = this.createStream();
    // Listeners ignore a stream once it is discarded: its late events must not touch a newer job.
    stream.on('data', (chunk: Buffer) => {
      if (this.stream === stream && this.job !== null) this.onData(stream, this.job, chunk);
    });
    stream.on('error', (error: Error) => {
      if (this.stream !== stream) return;
      // zlib closed its handle when it emitted the error; the window is gone with it.
      this.stream = null;
      this.fail(this.job, 'INFLATE_FAILED', error.message);
    });
    this.stream = stream;
    return stream;
  }

  /**
   * RFC 7692 §7.1.2: the sender never refers further back than 2^windowBits bytes, so with that
   * window a message that does fails here as it would at a strict peer. Node hands 8 to raw inflate
   * as given (only DeflateRaw rewrites 8 to 9, because zlib >= 1.2.9 refuses a 256-byte window when
   * compressing, which is why a zlib sender's matches stay within 250 bytes); should a zlib refuse
   * 8, 9 still reads everything a conforming sender writes.
   */
  private createStream(): InflateRaw {
    try {
      return createInflateRaw({ windowBits: this.windowBits });
    } catch (error) {
      if (this.windowBits !== 8) throw error;
      return createInflateRaw({ windowBits: 9 });
    }
  }

  private onData(stream: InflateRaw, job: Job, chunk: Buffer): void {
    job.total += chunk.length;
    if (job.total <= this.maxInflatedSize) {
      job.chunks.push(chunk);
      return;
    }
    // RFC 7692 §8.1 (deflate bombs): stop zlib at once rather than inflate the rest to discard it.
    const read = stream.bytesWritten - job.inputBefore;
    this.discard();
    this.fail(
      job,
      'INFLATED_TOO_BIG',
      `more than ${this.maxInflatedSize} bytes (stopped after ${job.total} bytes, having read ${Math.min(read, job.wireLength)} of ${job.wireLength} compressed bytes)`,
    );
  }

  private finish(stream: InflateRaw, job: Job): void {
    if (job.settled) return;
    if (this.stream !== stream || stream.errored) {
      // The flush callback can run before the 'error' event: settle from the stream's error.
      this.discard();
      this.fail(job, 'INFLATE_FAILED', stream.errored?.message ?? 'the zlib stream stopped');
      return;
    }
    // zlib stops reading at the end of a DEFLATE stream, so unread input (at least the trailer)
    // means a block with BFINAL set ended it (RFC 7692 §7.2.3.4): the stream takes no more data,
    // and the next message starts a new one with an empty window.
    if (stream.readableEnded || stream.bytesWritten - job.inputBefore < job.inputLength) {
      this.discard();
    } else if (this.noContextTakeover) {
      stream.reset();
    }
    this.settle(job, {
      ok: true,
      data: Buffer.concat(job.chunks, job.total),
      wireLength: job.wireLength,
      payloadLength: job.total,
    });
  }

  private fail(job: Job | null, code: 'INFLATE_FAILED' | 'INFLATED_TOO_BIG', detail: string): void {
    if (job === null || job.settled) return;
    let why = detail;
    // With context takeover the window goes with the failed stream; say so on later failures.
    if (code === 'INFLATE_FAILED' && this.windowLost) {
      why += ' (an earlier message failed, losing the LZ77 window)';
    }
    if (!this.noContextTakeover) this.windowLost = true;
    this.settle(job, { ok: false, violation: violation(code, why) });
  }

  private settle(job: Job | null, result: InflateResult): void {
    if (job === null || job.settled) return;
    job.settled = true;
    if (this.job === job) this.job = null;
    job.resolve(result);
  }

  private discard(): void {
    const stream = this.stream;
    this.stream = null;
    stream?.close();
  }
}
