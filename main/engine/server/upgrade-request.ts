import type { Header } from '../../../shared/model/events.js';
import { headerValue, listElements, type HttpHead } from '../../../shared/protocol/http-message.js';
import type { UpgradeInfo } from './behaviour.js';

/** What the server does with a request head before any behaviour sees it. */
export type RequestKind =
  | { readonly kind: 'upgrade' }
  /** A plain HTTP request (a browser opening the URL): answered 426 with a hint. */
  | { readonly kind: 'plain' };

/** An upgrade request is a GET with `Upgrade: websocket`; everything else is plain HTTP. */
export function requestKind(head: HttpHead): RequestKind {
  const upgrade = headerValue(head, 'upgrade');
  const isUpgrade =
    upgrade !== undefined && listElements(upgrade).some((token) => token.toLowerCase() === 'websocket');
  return isUpgrade ? { kind: 'upgrade' } : { kind: 'plain' };
}

/** The request target's path and query (the target is origin-form `/path?q`, or absolute-form). */
export function splitTarget(target: string): { path: string; query: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(target, 'http://wstap.invalid');
  } catch {
    return { path: target, query: {} };
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value;
  return { path: decodePath(url.pathname), query };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Cookies of a Cookie header (`a=1; b=2`), first value of each name. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (name && !(name in cookies))
      cookies[name] = part
        .slice(at + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return cookies;
}

/** The UpgradeInfo a behaviour decides on. */
export function upgradeInfo(head: HttpHead, remoteAddress: string, remotePort: number): UpgradeInfo {
  const target = head.start.kind === 'request' ? head.start.target : '/';
  const { path, query } = splitTarget(target);
  const headers: Record<string, string> = {};
  for (const [name, value] of head.fields) headers[name] = value;
  // Several Cookie lines are one list (RFC 6265 §5.4): `; `, not the generic `, `.
  const cookieLines = head.headers
    .filter(([name]) => name.toLowerCase() === 'cookie')
    .map(([, value]) => value);
  if (cookieLines.length > 0) headers.cookie = cookieLines.join('; ');
  const protocols = headerValue(head, 'sec-websocket-protocol');
  return {
    path,
    query,
    headers,
    rawHeaders: head.headers.map(([name, value]): Header => [name, value]),
    cookies: parseCookies(headers.cookie),
    subprotocols: protocols === undefined ? [] : listElements(protocols),
    origin: headerValue(head, 'origin') ?? null,
    remoteAddress,
    remotePort,
  };
}

/** The fields ws's handleUpgrade reads from Node's IncomingMessage. */
export interface UpgradeRequestLike {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly headers: Record<string, string>;
  readonly socket: unknown;
}

/** An IncomingMessage look-alike for ws: the server parses heads itself (see server-connection.ts). */
export function wsRequest(head: HttpHead, socket: unknown): UpgradeRequestLike {
  const start =
    head.start.kind === 'request' ? head.start : { method: 'GET', target: '/', version: 'HTTP/1.1' };
  const headers: Record<string, string> = {};
  for (const [name, value] of head.fields) headers[name] = value;
  return {
    method: start.method,
    url: start.target,
    httpVersion: start.version.replace(/^HTTP\//, ''),
    headers,
    socket,
  };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  426: 'Upgrade Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** A complete HTTP/1.1 response that refuses an upgrade: status line, headers, Content-Length, body. */
export function refusalResponse(status: number, headers: readonly Header[], body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const names = new Set(headers.map(([name]) => name.toLowerCase()));
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Refused'}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value.replace(/[\r\n]+/g, ' ')}`);
  if (!names.has('content-type'))
    lines.push(`Content-Type: ${body.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8'}`);
  lines.push(`Content-Length: ${bytes.length}`, 'Connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), bytes]);
}
