import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { encodeFrame } from '../../shared/protocol/encoder.js';
import { acceptFor } from '../../shared/protocol/handshake.js';
import { OPCODE } from '../../shared/protocol/opcodes.js';

/**
 * The load's WebSocket client, by hand: the opening handshake through node:http (the request ws
 * sends with `perMessageDeflate: false`: no extension offered), then the bare socket, so the load
 * writes ready-made frames and reads echoes without a WebSocket library's per-message work.
 */

/** An open WebSocket's socket and whatever bytes came with the 101. */
export interface RawWebSocket {
  readonly socket: Socket;
  readonly head: Buffer;
}

/** Opens a WebSocket to `url`; rejects unless the server answered a correct 101 with no extension. */
export function openRawWebSocket(url: string): Promise<RawWebSocket> {
  const key = randomBytes(16).toString('base64');
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: hostname,
      port,
      path: `${pathname}${search}`,
      agent: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
      },
    });
    req.once('upgrade', (response, socket: Socket, head: Buffer) => {
      const accept = response.headers['sec-websocket-accept'];
      const extensions = response.headers['sec-websocket-extensions'];
      const problem =
        accept !== acceptFor(key)
          ? `Sec-WebSocket-Accept is ${String(accept)}, expected ${acceptFor(key)}`
          : extensions !== undefined
            ? `the server put extensions in force that nobody offered: ${extensions}`
            : null;
      if (problem !== null) {
        socket.destroy();
        reject(new Error(`${url}: ${problem}`));
        return;
      }
      socket.setNoDelay(true);
      resolve({ socket, head });
    });
    req.once('response', (response) => {
      response.resume();
      reject(new Error(`${url} answered ${response.statusCode} instead of 101 Switching Protocols`));
    });
    req.once('error', reject);
    req.end();
  });
}

const CLOSE_1000 = encodeFrame({ opcode: OPCODE.CLOSE, payload: Uint8Array.of(0x03, 0xe8), mask: true });

/**
 * Closes cleanly: a Close (1000), then waits for the server to close the TCP connection after its
 * own Close, as RFC 6455 has the server do; destroys the socket after `timeoutMs` otherwise.
 */
export function closeRawWebSocket(socket: Socket, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve();
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.on('error', () => undefined);
    // What comes now is the server's Close: read and let go.
    socket.removeAllListeners('data');
    socket.on('data', () => undefined);
    socket.on('end', () => socket.end());
    socket.write(CLOSE_1000);
  });
}
