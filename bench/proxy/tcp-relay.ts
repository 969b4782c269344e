import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The plain TCP relay of bench/proxy, run as its own process: `node tcp-relay.js TARGET_PORT`.
 * Each connection it accepts on 127.0.0.1 gets its own connection to 127.0.0.1:TARGET_PORT, and
 * the bytes are piped both ways as they come (`stream.pipe`: backpressure and nothing else). No
 * TCP_NODELAY on either socket: wstap proxy sets none either. It prints `listening on
 * ws://127.0.0.1:PORT` on stderr, as the bench's other servers do, and stops on Ctrl-C (SIGINT).
 */

/** A relay to `targetHost:targetPort`; an error on either side destroys both. `sockets` tracks them all. */
export function tcpRelay(targetPort: number, targetHost = '127.0.0.1', sockets = new Set<Socket>()): Server {
  return createServer((app) => {
    const target = connect(targetPort, targetHost);
    const destroyBoth = (): void => {
      app.destroy();
      target.destroy();
    };
    for (const socket of [app, target]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', destroyBoth);
    }
    app.pipe(target).pipe(app);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const targetPort = Number(process.argv[2]);
  if (!Number.isInteger(targetPort) || targetPort < 1)
    throw new RangeError(`usage: node tcp-relay.js TARGET_PORT, got ${process.argv[2]}`);
  const sockets = new Set<Socket>();
  const relay = tcpRelay(targetPort, '127.0.0.1', sockets);
  relay.listen(0, '127.0.0.1', () =>
    process.stderr.write(`listening on ws://127.0.0.1:${(relay.address() as AddressInfo).port}\n`),
  );
  process.once('SIGINT', () => {
    for (const socket of sockets) socket.destroy();
    relay.close(() => process.exit(0));
  });
}
