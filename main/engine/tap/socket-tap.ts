import type { Duplex } from 'node:stream';

/** Receives the bytes a tapped socket carries, before anyone else sees them. */
export interface SocketTapHandlers {
  /** Bytes read from the network (for TLS: after decryption). */
  readonly onRead: (bytes: Uint8Array) => void;
  /** Bytes about to be written (for TLS: before encryption). */
  readonly onWrite: (bytes: Uint8Array) => void;
  /** We are ending our side (FIN), before it is sent. */
  readonly onEnd?: () => void;
}

type Chunk = Uint8Array | string;
type WriteCallback = (error?: Error | null) => void;

function bytesOf(chunk: Chunk, encoding: unknown): Uint8Array {
  if (typeof chunk !== 'string') return chunk;
  return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

/**
 * Taps a socket in place, without changing a byte: reads at `push` (where the network hands data
 * to the stream — `unshift` of already-read bytes, which `ws` does after the 101, does not pass
 * through it again) and writes at `write`/`end`. The handlers run synchronously before the data
 * moves on, so an incoming frame is seen before `ws` reacts to it.
 */
export function tapSocket(socket: Duplex, handlers: SocketTapHandlers): void {
  const push = socket.push.bind(socket);
  socket.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk !== null && chunk !== undefined) handlers.onRead(bytesOf(chunk as Chunk, encoding));
    return push(chunk, encoding);
  };
  const write = socket.write.bind(socket) as (chunk: Chunk, encoding?: unknown, callback?: WriteCallback) => boolean;
  socket.write = ((chunk: Chunk, encoding?: unknown, callback?: WriteCallback): boolean => {
    handlers.onWrite(bytesOf(chunk, encoding));
    return write(chunk, encoding, callback);
  }) as typeof socket.write;
  const end = socket.end.bind(socket) as (chunk?: unknown, encoding?: unknown, callback?: unknown) => Duplex;
  socket.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown): Duplex => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') handlers.onWrite(bytesOf(chunk as Chunk, encoding));
    handlers.onEnd?.();
    return end(chunk, encoding, callback);
  }) as typeof socket.end;
}
