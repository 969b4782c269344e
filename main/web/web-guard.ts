/**
 * Who may talk to browser mode: the per-run token, the Host header (DNS rebinding: a page on
 * evil.example that resolves to 127.0.0.1 still sends `Host: evil.example:PORT`), the Origin of the
 * bridge upgrade (no cross-site WebSocket), and the headers every response carries.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** A fresh token: 32 random bytes, base64url (43 characters, safe in a URL as is). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when `given` is the token; constant-time whatever the length of `given`. */
export function tokenMatches(token: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  // Hashing first gives equal lengths, which timingSafeEqual needs, without leaking the length.
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(token), digest(given));
}

/** True for addresses only this machine reaches. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

/** True for the any-address (every interface). */
export function isWildcard(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === '0.0.0.0' || h === '::' || h === '';
}

/** A host as it appears in a URL and a Host header (IPv6 in brackets). */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * The `host:port` values a request may name: 127.0.0.1 and localhost on the bound port, plus the
 * bound address itself when it is a specific one (`--host 192.168.1.5`).
 */
export function allowedHosts(host: string, port: number): readonly string[] {
  const names = ['127.0.0.1', 'localhost'];
  if (!isWildcard(host) && !names.includes(host.toLowerCase())) names.push(urlHost(host.toLowerCase()));
  return names.map((name) => `${name}:${port}`);
}

/** True when the Host header is exactly one of the allowed `host:port` values. */
export function hostAllowed(allowed: readonly string[], header: string | undefined): boolean {
  return typeof header === 'string' && allowed.includes(header.toLowerCase());
}

/** True when Origin is `http://` plus an allowed `host:port` (a missing Origin is refused). */
export function originAllowed(allowed: readonly string[], header: string | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('http://')) return false;
  return allowed.includes(header.slice('http://'.length).toLowerCase());
}

/** The Content-Security-Policy of every response: nothing but this server, no inline script. */
export function contentSecurityPolicy(allowed: readonly string[]): string {
  const sockets = allowed.map((h) => `ws://${h}`).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${sockets}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response carries (the page URL holds the token: no Referer may leak it). */
export function securityHeaders(csp: string): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
