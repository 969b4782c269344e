import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { FileOut } from './file-out.js';

/**
 * What direct writes are aligned to — the memory they come from, their file offset and their
 * length: 4096 suits disks with 512-byte and 4 KiB sectors alike.
 */
export const DIRECT_BLOCK = 4096;
/** WebAssembly, as far as this file needs it (the main process's libs do not declare it). */
declare const WebAssembly:
  | { Memory: new (size: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer } }
  | undefined;

/** The most one direct write carries: the bounce buffer, in WebAssembly pages (64 KiB). */
const BOUNCE_PAGES = 32;

/**
 * A recording written around the page cache (O_DIRECT). A recording is written once, in order,
 * and not read back while it grows: through the page cache each new page costs an allocation
 * (and, in a VM that hands freed memory back to its host, a fault into the host: 2.3 µs of kernel
 * time per 4 KiB here, against 0.08 µs direct — bench/proxy), and a long session would push
 * everything else out of the cache.
 *
 * Direct writes need aligned memory, offsets and lengths. Batches are copied into a bounce buffer
 * whose memory is page-aligned (a WebAssembly.Memory: the only aligned memory JavaScript can get)
 * and written in whole blocks; a last partial block stays at the front of the buffer and is written
 * again with what follows it. When every byte must be in the file (`complete`: a flush, the
 * timer, close), the partial block is written padded and the file cut back to its length, so the
 * file only ever holds what was recorded (a crash between the two leaves at most a block of
 * zeros after the last line, which readers report as a cut last line). If the file system takes
 * O_DIRECT at open but refuses a write (EINVAL), the file is reopened and written buffered.
 */
export class DirectOut implements FileOut {
  /** Whether this process can write direct: Linux's O_DIRECT and WebAssembly (not under --jitless). */
  static supported(): boolean {
    return typeof constants.O_DIRECT === 'number' && typeof WebAssembly === 'object';
  }

  private readonly bounce: Buffer;
  /** The file offset of the bounce buffer's first byte (a multiple of DIRECT_BLOCK). */
  private pos = 0;
  /** Bytes at the front of the bounce buffer: the last partial block, in the file or not yet. */
  private carry = 0;
  /** Bytes in the file. */
  written = 0;
  /** False once a write was refused and the file reopened buffered. */
  direct = true;

  constructor(
    private fd: FileHandle,
    private readonly path: string,
    /** For tests: the buffer to write from (default: page-aligned memory). */
    bounce?: Buffer,
  ) {
    this.bounce = bounce ?? alignedMemory(BOUNCE_PAGES);
  }

  get waiting(): number {
    return this.pos + this.carry - this.written;
  }

  async write(buffers: readonly Buffer[], complete: boolean): Promise<void> {
    const bounce = this.bounce;
    const size = bounce.length - (bounce.length % DIRECT_BLOCK);
    let i = 0;
    let from = 0;
    for (;;) {
      let n = this.carry;
      while (i < buffers.length && n < size) {
        const buffer = buffers[i] as Buffer;
        const take = Math.min(buffer.length - from, size - n);
        buffer.copy(bounce, n, from, from + take);
        n += take;
        from += take;
        if (from === buffer.length) {
          i++;
          from = 0;
        }
      }
      const more = i < buffers.length;
      const whole = n - (n % DIRECT_BLOCK);
      if (more || !complete || whole === n) {
        if (whole > 0) await this.put(whole);
        this.advance(whole, n);
        this.written = Math.max(this.written, this.pos);
        if (more) continue;
        return;
      }
      // Every byte in the file now: the last block padded with zeros, then the file cut back.
      bounce.fill(0, n, whole + DIRECT_BLOCK);
      await this.put(whole + DIRECT_BLOCK);
      await this.fd.truncate(this.pos + n);
      this.advance(whole, n);
      this.written = this.pos + this.carry;
      return;
    }
  }

  close(): Promise<void> {
    return this.fd.close();
  }

  /** The blocks before `whole` are written: the partial one after them moves to the front. */
  private advance(whole: number, n: number): void {
    if (whole > 0 && whole < n) this.bounce.copy(this.bounce, 0, whole, n);
    this.pos += whole;
    this.carry = n - whole;
  }

  /** Writes the bounce buffer's first `length` bytes at `pos`, all of them. */
  private async put(length: number): Promise<void> {
    let done = 0;
    while (done < length) {
      try {
        const { bytesWritten } = await this.fd.write(this.bounce, done, length - done, this.pos + done);
        done += bytesWritten;
      } catch (error) {
        if (!this.direct || (error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
        await this.reopenBuffered();
      }
    }
  }

  private async reopenBuffered(): Promise<void> {
    const buffered = await open(this.path, 'r+');
    const old = this.fd;
    this.fd = buffered;
    this.direct = false;
    await old.close().catch(() => undefined); // the new handle writes from here on
  }
}

/** `pages` × 64 KiB of page-aligned memory: a WebAssembly.Memory's (its start is a page of its own). */
export function alignedMemory(pages: number): Buffer {
  const wasm = WebAssembly as NonNullable<typeof WebAssembly>;
  return Buffer.from(new wasm.Memory({ initial: pages, maximum: pages }).buffer);
}
