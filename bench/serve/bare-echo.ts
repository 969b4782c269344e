import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * The baseline of bench/serve, run as its own process: `node bare-echo.js MAX_PAYLOAD`. ws's
 * WebSocketServer with the settings wstap serve gives it (main/engine/server/server.ts): the same
 * maxPayload, permessage-deflate accepted when offered; ws keeps its set of clients (wstap keeps
 * its own maps instead). It sends every message back as it came, prints `listening on
 * ws://127.0.0.1:PORT` on stderr as wstap does, and stops on Ctrl-C (SIGINT).
 */

const maxPayload = Number(process.argv[2]);
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload, perMessageDeflate: true });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary }));
  ws.on('error', () => undefined);
});
wss.on('listening', () =>
  process.stderr.write(`listening on ws://127.0.0.1:${(wss.address() as AddressInfo).port}\n`),
);
process.once('SIGINT', () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
});
