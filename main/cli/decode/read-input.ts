import { open } from 'node:fs/promises';
import { parseHex } from '../../../shared/protocol/base64.js';
import { UserError } from '../errors.js';

/** Where `wstap decode` reads from and how. */
export interface InputSpec {
  /** A path, or '-' / undefined for standard input. */
  readonly file: string | undefined;
  readonly hex: boolean;
  /** Read at most this many bytes of the stream (after hex decoding). */
  readonly limit: number | undefined;
  readonly stdin: NodeJS.ReadStream;
}

/**
 * Yields the stream's bytes in chunks. Binary input streams from disk; hex input (raw hex, or a
 * hex dump with offsets and an ASCII column, as Wireshark's "Follow TCP Stream" exports) is
 * parsed whole.
 */
export async function* readInput(spec: InputSpec): AsyncGenerator<Uint8Array> {
  const source = await openSource(spec);
  let left = spec.limit ?? Number.POSITIVE_INFINITY;
  const chunks = spec.hex ? hexChunks(source) : source;
  for await (const chunk of chunks) {
    if (left <= 0) break;
    const piece = chunk.length > left ? chunk.subarray(0, left) : chunk;
    left -= piece.length;
    yield piece;
  }
}

async function openSource(spec: InputSpec): Promise<AsyncIterable<Uint8Array>> {
  if (spec.file === undefined || spec.file === '-') {
    if (spec.stdin.isTTY) throw new UserError('no input: give a FILE, or pipe bytes in (e.g. `wstap decode capture.bin`)');
    return spec.stdin;
  }
  try {
    const handle = await open(spec.file, 'r');
    return handle.createReadStream({ highWaterMark: 1 << 20 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((error as Error).message);
    throw new UserError(`cannot read ${spec.file}: ${why}`);
  }
}

async function* hexChunks(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const chunk of source) parts.push(Buffer.from(chunk));
  yield parseHexInput(Buffer.concat(parts).toString('utf8'));
}

// A hex-dump line: an offset of 4+ hex digits, then byte pairs, then an optional ASCII column.
const DUMP_LINE = /^\s*[0-9a-fA-F]{4,16}[:\s]\s*((?:[0-9a-fA-F]{2}[ \t]{1,2}){0,15}[0-9a-fA-F]{2})?/;

/**
 * Parses raw hex (whitespace, colons and 0x prefixes allowed) or a hex dump (offset, up to 16
 * bytes, ASCII column). Throws a UserError naming the line of the first bad character.
 */
export function parseHexInput(text: string): Uint8Array {
  const lines = text.split(/\r?\n/);
  const isDump = lines.filter((l) => l.trim() !== '').every((l) => /^\s*[0-9a-fA-F]{4,16}[:\s]\s+[0-9a-fA-F]{2}\s/.test(l) || /^\s*[0-9a-fA-F]{4,16}\s*$/.test(l));
  const pieces: Uint8Array[] = [];
  lines.forEach((line, i) => {
    const hex = isDump ? (DUMP_LINE.exec(line)?.[1] ?? '') : line.replace(/#.*$/, '');
    if (hex.trim() === '') return;
    const bytes = parseHex(hex);
    if (!(bytes instanceof Uint8Array)) throw new UserError(`--hex input, line ${i + 1}: ${bytes.error}`);
    pieces.push(bytes);
  });
  return Buffer.concat(pieces);
}
