// Test support: loopback servers for `wstap connect` end-to-end tests.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { encodeFrame, type FrameSpec } from '../../../shared/protocol/encoder.js';
import { acceptFor } from '../../../shared/protocol/handshake.js';

/** A raw TCP server that answers the upgrade by hand and then writes whatever frames it is told. */
export interface RawServer {
  readonly url: string;
  /** Bytes each connection sent after its upgrade request. */
  readonly received: Buffer[];
  close(): Promise<void>;
}

/**
 * Answers any upgrade request with a correct 101 (Sec-WebSocket-Accept from the request's key,
 * via our own handshake code) and then writes `frames`, built by our encoder — e.g. an RSV2 frame
 * no real server library would send.
 */
export async function startRawServer(frames: readonly FrameSpec[]): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const received: Buffer[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    let head = Buffer.alloc(0);
    let upgraded = false;
    socket.on('data', (chunk: Buffer) => {
      if (upgraded) return void received.push(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      upgraded = true;
      const key = /^sec-websocket-key:\s*(\S+)\s*$/im.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? '';
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptFor(key)}\r\n\r\n`);
      for (const frame of frames) socket.write(encodeFrame(frame));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/`,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
