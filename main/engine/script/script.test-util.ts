// Test support for scripts: a ws server on 127.0.0.1 (port 0) that echoes, with a few commands a
// script can trigger, and a temp folder for the scripts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ScriptServer {
  readonly url: string;
  /** A fresh temp folder for this file's scripts. */
  readonly dir: string;
  close(): void;
}

/** Echoes; "bye" closes with 4001, "drop" cuts TCP, "pingme" pings the client. */
export async function startScriptServer(prefix: string): Promise<ScriptServer> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket: WebSocket) =>
    socket.on('message', (data, binary) => {
      const text = data.toString();
      if (text === 'bye') socket.close(4001, 'asked to leave');
      else if (text === 'drop') socket.terminate();
      else if (text === 'pingme') socket.ping('are you there');
      else socket.send(data, { binary });
    }),
  );
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
    dir,
    close: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
