import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { HttpHeadParser } from '../../../shared/protocol/http-message.js';

/** What happens to a socket while it connects, as the timeline records it. */
export interface SocketTimeline {
  readonly onLookup: (host: string, address: string, family: number) => void;
  readonly onTcp: (socket: net.Socket) => void;
  readonly onTls: (socket: tls.TLSSocket) => void;
  /** The socket that will carry the upgrade: tap it now, before any byte moves. */
  readonly onSocket: (socket: Duplex) => void;
  /** The proxy refused the tunnel or failed. */
  readonly onProxyError: (message: string) => void;
}

type ConnectOptions = tls.ConnectionOptions & net.TcpNetConnectOpts & { defaultPort?: number; host: string; port: number };
type Callback = (error: Error | null, socket?: Duplex) => void;

/**
 * The `createConnection` `ws` gets: connects (through an HTTP CONNECT proxy when given), reports
 * DNS, TCP and TLS to the timeline, and hands the socket to the tap before the upgrade is written.
 * `ws` marks wss with defaultPort 443 (redirects may switch scheme, so it is read per call).
 */
export function createConnector(proxy: URL | null, timeline: SocketTimeline) {
  return (options: ConnectOptions, callback: Callback): Duplex | undefined => {
    const secure = options.defaultPort === 443;
    if (proxy) {
      tunnel(proxy, options, secure, timeline, callback);
      return undefined;
    }
    const socket = secure ? tls.connect(tlsOptions(options)) : net.connect({ ...options, path: undefined } as net.NetConnectOpts);
    watch(socket, secure, timeline);
    timeline.onSocket(socket);
    return socket;
  };
}

function tlsOptions(options: ConnectOptions, socket?: Duplex): tls.ConnectionOptions {
  const servername = options.servername ?? (net.isIP(options.host) ? undefined : options.host);
  return { ...options, path: undefined, socket, servername } as tls.ConnectionOptions;
}

function watch(socket: net.Socket, secure: boolean, timeline: SocketTimeline): void {
  socket.once('lookup', (error: Error | null, address: string, family: number | string, host: string) => {
    if (!error) timeline.onLookup(host, address, typeof family === 'number' ? family : Number(String(family).replace(/\D/g, '')));
  });
  socket.once('connect', () => timeline.onTcp(socket));
  if (secure) socket.once('secureConnect', () => timeline.onTls(socket as tls.TLSSocket));
}

/** RFC 9110 §9.3.6: CONNECT host:port, wait for a 2xx, then speak (TLS and) HTTP through the tunnel. */
function tunnel(proxy: URL, options: ConnectOptions, secure: boolean, timeline: SocketTimeline, callback: Callback): void {
  const raw = net.connect({ host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 80) });
  watch(raw, false, timeline);
  const target = `${net.isIPv6(options.host) ? `[${options.host}]` : options.host}:${options.port}`;
  const auth = proxy.username ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n` : '';
  const parser = new HttpHeadParser({ expect: 'response' });
  let done = false;
  const fail = (message: string): void => {
    if (done) return;
    done = true;
    timeline.onProxyError(message);
    raw.destroy();
    callback(new Error(message));
  };
  raw.once('error', (error) => fail(`proxy ${proxy.host}: ${error.message}`));
  raw.once('close', () => fail(`proxy ${proxy.host} closed the connection before answering CONNECT`));
  raw.once('connect', () => raw.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`));
  const onData = (chunk: Buffer): void => {
    const result = parser.push(chunk);
    if (result.state === 'partial') return;
    raw.off('data', onData);
    if (result.state === 'error') return fail(`proxy ${proxy.host} answered CONNECT with something that is not HTTP: ${result.error.message}`);
    const start = result.head.start;
    if (start.kind !== 'response' || start.status < 200 || start.status > 299) {
      const status = start.kind === 'response' ? `${start.status} ${start.reason}` : 'a request';
      return fail(`proxy ${proxy.host} refused CONNECT ${target}: ${status}`);
    }
    done = true;
    raw.removeAllListeners('error');
    raw.removeAllListeners('close');
    if (result.rest.length > 0) raw.unshift(Buffer.from(result.rest));
    const socket = secure ? tls.connect(tlsOptions(options, raw)) : raw;
    if (secure) socket.once('secureConnect', () => timeline.onTls(socket as tls.TLSSocket));
    timeline.onSocket(socket);
    callback(null, socket);
  };
  raw.on('data', onData);
}
