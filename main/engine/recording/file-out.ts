import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { DirectOut } from './direct-out.js';

/**
 * Where a LineFile's batches go, in order, one write at a time: the file through the page cache
 * (`BufferedOut`), or around it (`DirectOut`, Linux's O_DIRECT).
 */
export interface FileOut {
  /** Whether writes go around the page cache. */
  readonly direct: boolean;
  /** Bytes in the file. */
  readonly written: number;
  /** Bytes handed to `write` that are not in the file yet (a direct file's last partial block). */
  readonly waiting: number;
  /**
   * Writes `buffers` after everything handed over before; they may be reused once it resolves.
   * With `complete`, every byte is in the file when it resolves; without, up to one partial
   * block may wait for the next write (it is copied: the buffers may still be reused).
   */
  write(buffers: readonly Buffer[], complete: boolean): Promise<void>;
  close(): Promise<void>;
}

/** How to open a FileOut. */
export interface FileOutOptions {
  /** Fail when the file exists instead of replacing it. */
  readonly exclusive: boolean;
  /** Go around the page cache where the platform and the file system can (default for recordings). */
  readonly direct: boolean;
}

/**
 * Creates (or replaces, unless `exclusive`) the file at `path`. With `direct`, on Linux, the file
 * is opened with O_DIRECT; a file system that refuses it (EINVAL) gets a buffered file instead.
 */
export async function openFileOut(path: string, options: FileOutOptions): Promise<FileOut> {
  // Direct only into a regular file: a pipe takes O_DIRECT as packet mode, and no offsets.
  if (options.direct && DirectOut.supported() && (await isFileOrMissing(path))) {
    const flags =
      constants.O_WRONLY |
      constants.O_CREAT |
      (options.exclusive ? constants.O_EXCL : constants.O_TRUNC) |
      constants.O_DIRECT;
    try {
      return new DirectOut(await open(path, flags, 0o666), path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
      // The file system does no direct I/O. Linux refuses O_DIRECT once the file exists: an
      // exclusive open that created it takes it as it is (empty) rather than failing on it.
      if (options.exclusive) return new BufferedOut(await openCreated(path));
    }
  }
  return new BufferedOut(await open(path, options.exclusive ? 'wx' : 'w'));
}

async function isFileOrMissing(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return true; // missing (created as a file) or not reachable: the open says which
  }
}

async function openCreated(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const fd = await open(path, 'r+');
    if ((await fd.stat()).size === 0) return fd;
    await fd.close();
    throw error;
  }
}

/** The file through the page cache: each batch in one `writev`, continued after partial writes. */
export class BufferedOut implements FileOut {
  readonly direct = false;
  readonly waiting = 0;
  written = 0;

  constructor(private readonly fd: FileHandle) {}

  async write(buffers: readonly Buffer[]): Promise<void> {
    let rest = buffers;
    while (rest.length > 0) {
      const { bytesWritten } = await this.fd.writev(rest as Buffer[]);
      this.written += bytesWritten;
      let skip = bytesWritten;
      let i = 0;
      while (i < rest.length && skip >= (rest[i] as Buffer).length) skip -= (rest[i++] as Buffer).length;
      rest = rest.slice(i);
      if (skip > 0 && rest.length > 0) rest = [(rest[0] as Buffer).subarray(skip), ...rest.slice(1)];
    }
  }

  close(): Promise<void> {
    return this.fd.close();
  }
}
