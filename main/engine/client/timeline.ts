import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { EventFields, PeerCertificate, TcpEvent, TlsEvent } from '../../../shared/model/events.js';
import type { ErrorCode } from '../../../shared/model/error-codes.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The `tcp` event of a connected socket. */
export function tcpEvent(socket: Socket, ms: number): EventFields<TcpEvent> {
  return {
    type: 'tcp',
    localAddress: socket.localAddress ?? '',
    localPort: socket.localPort ?? 0,
    remoteAddress: socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    ms: round(ms),
  };
}

/** The `tls` event of a socket whose TLS handshake finished. */
export function tlsEvent(socket: TLSSocket, ms: number, now = Date.now()): EventFields<TlsEvent> {
  const cert = socket.getPeerCertificate();
  const peerCertificate: PeerCertificate | null =
    cert && Object.keys(cert).length > 0
      ? {
          subject: distinguishedName(cert.subject),
          issuer: distinguishedName(cert.issuer),
          validFrom: cert.valid_from,
          validTo: cert.valid_to,
          daysLeft: Math.floor((Date.parse(cert.valid_to) - now) / DAY_MS),
          fingerprint256: cert.fingerprint256,
          subjectAltName: cert.subjectaltname ?? null,
        }
      : null;
  const error = socket.authorizationError as Error | string | undefined;
  return {
    type: 'tls',
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.name ?? null,
    alpn: typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : null,
    authorized: socket.authorized,
    authorizationError: error === undefined || error === null ? null : String(error instanceof Error ? error.message : error),
    peerCertificate,
    ms: round(ms),
  };
}

function distinguishedName(name: object | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Our code for an error `ws` (or the socket under it) reported. */
export function wsErrorCode(error: Error & { code?: string }, reached: 'connecting' | 'handshake' | 'open', proxyFailed: boolean): ErrorCode {
  const code = error.code ?? '';
  if (proxyFailed && reached === 'connecting') return 'PROXY_FAILED';
  if (TLS_CODES.test(code)) return 'TLS_FAILED';
  if (error.message === 'Opening handshake has timed out') return 'HANDSHAKE_TIMEOUT';
  if (code.startsWith('WS_ERR_')) return 'PROTOCOL_ERROR';
  if (reached === 'connecting') return 'CONNECT_FAILED';
  if (reached === 'handshake' && /Sec-WebSocket|Upgrade header|subprotocol|extension/i.test(error.message)) return 'HANDSHAKE_INVALID';
  return 'SOCKET_ERROR';
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
