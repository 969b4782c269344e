/**
 * Tells what a file is from its first bytes, never from its name: a wstap recording, a HAR file
 * (plain, or zlib-compressed as mitmproxy's `.zhar`), a zip archive (Playwright's `.zip` HAR),
 * mitmproxy flows (tnetstrings).
 */
import { open } from 'node:fs/promises';
import { EngineError } from '../errors.js';

/** The file kinds the sniffer tells apart. */
export type FileKind = 'wstap-recording' | 'har' | 'mitmproxy-flows' | 'zlib' | 'zip' | 'unknown';

const SNIFF_BYTES = 4096;

/** Tells a file's kind from its first bytes (as latin1 text). */
export function sniffKind(head: string): FileKind {
  if (head.startsWith('PK\x03\x04')) return 'zip';
  // RFC 1950: deflate with a 32 KiB window (0x78) at one of the four compression levels, no dictionary.
  if (head.charCodeAt(0) === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(head.charCodeAt(1))) return 'zlib';
  const text = head.replace(/^(\uFEFF|\xEF\xBB\xBF)/, '').trimStart();
  if (/^\{\s*"format"\s*:\s*"wstap-recording"/.test(text)) return 'wstap-recording';
  if (text.startsWith('{') && /"log"\s*:/.test(text)) return 'har';
  if (/^\d+:/.test(text)) return 'mitmproxy-flows';
  return 'unknown';
}

/** A file system failure in words people use. */
export function unreadable(path: string, error: unknown): EngineError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (error as Error).message;
  return new EngineError('FILE_UNREADABLE', `cannot read ${path}: ${reason}`);
}

/** The first bytes of a file, as latin1 text for sniffKind. */
export async function readHead(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.toString('latin1', 0, bytesRead);
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    await handle?.close();
  }
}
