/**
 * Opening handshake checks (RFC 6455 §4): what a strict server checks in the upgrade request
 * (§4.2.1) and a strict client checks in the response (§4.1), reported as Violations with
 * HANDSHAKE_* codes (handshake-rules.ts) just as the frame decoder reports frame violations.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { toBase64 } from './base64.js';
import { parseExtensions, parsePerMessageDeflate, PERMESSAGE_DEFLATE, type Extension } from './extensions.js';
import { handshakeViolation } from './handshake-rules.js';
import { headerCount, headerValue, isToken, listElements, type HeadError, type HttpHead } from './http-message.js';
import type { Violation } from './violations.js';

/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2). */
export function acceptFor(key: string): string {
  return toBase64(sha1(headerBytes(key + WEBSOCKET_GUID)));
}

/** What the 101 response put in force. */
export interface Negotiated {
  /** The one subprotocol the server chose from the client's offer, or null. */
  readonly subprotocol: string | null;
  /** The response's Sec-WebSocket-Extensions value, raw (order matters, RFC 6455 §9.1), or null. */
  readonly extensions: string | null;
}

/** The HANDSHAKE_MALFORMED_HTTP violation for a head the parser rejected. */
export function headErrorViolation(error: HeadError): Violation {
  return handshakeViolation('HANDSHAKE_MALFORMED_HTTP', error.message);
}

/** What a strict server finds wrong with an upgrade request (RFC 6455 §4.1, §4.2.1). */
export function checkUpgradeRequest(head: HttpHead): Violation[] {
  if (head.start.kind !== 'request') return [handshakeViolation('HANDSHAKE_MALFORMED_HTTP', 'a status line where the upgrade request was expected')];
  const out = syntaxWarnings(head);
  const { method, version } = head.start;
  // RFC 9110 §9.1: methods are case-sensitive, so `get` is not GET.
  if (method !== 'GET') out.push(handshakeViolation('HANDSHAKE_METHOD_NOT_GET', method));
  if (!atLeastHttp11(version)) out.push(handshakeViolation('HANDSHAKE_HTTP_VERSION', version));
  const hosts = headerCount(head, 'host');
  if (hosts !== 1) out.push(handshakeViolation('HANDSHAKE_BAD_HOST', hosts === 0 ? 'missing' : `${hosts} Host headers`));
  checkUpgradeTokens(head, out);

  const keys = headerCount(head, 'sec-websocket-key');
  const key = headerValue(head, 'sec-websocket-key');
  if (key === undefined) out.push(handshakeViolation('HANDSHAKE_MISSING_KEY'));
  else if (keys > 1) out.push(handshakeViolation('HANDSHAKE_BAD_KEY', `${keys} Sec-WebSocket-Key headers`));
  else {
    const length = base64Length(key);
    if (length === null) out.push(handshakeViolation('HANDSHAKE_BAD_KEY', `${JSON.stringify(key)} is not base64`));
    else if (length !== 16) out.push(handshakeViolation('HANDSHAKE_BAD_KEY', `${JSON.stringify(key)} decodes to ${length} bytes, not 16`));
  }

  const wsVersion = headerValue(head, 'sec-websocket-version');
  if (wsVersion === undefined) out.push(handshakeViolation('HANDSHAKE_BAD_VERSION', 'missing'));
  else if (wsVersion !== '13') out.push(handshakeViolation('HANDSHAKE_BAD_VERSION', JSON.stringify(wsVersion)));

  const protocols = headerValue(head, 'sec-websocket-protocol');
  if (protocols !== undefined) {
    const offered = listElements(protocols);
    // RFC 6455 §4.1 (client requirement 10): elements are tokens and all unique.
    const bad = offered.filter((p, i) => !isToken(p) || offered.indexOf(p) !== i);
    if (offered.length === 0) out.push(handshakeViolation('HANDSHAKE_BAD_SUBPROTOCOL_OFFER', 'empty Sec-WebSocket-Protocol'));
    else if (bad.length > 0) out.push(handshakeViolation('HANDSHAKE_BAD_SUBPROTOCOL_OFFER', bad.map((p) => JSON.stringify(p)).join(', ')));
  }
  const extensions = headerValue(head, 'sec-websocket-extensions');
  if (extensions !== undefined) {
    const parsed = parseExtensions(extensions);
    if (!parsed.ok) out.push(handshakeViolation('HANDSHAKE_MALFORMED_EXTENSIONS', parsed.error.message));
  }
  return out;
}

/** What a strict client finds wrong with the server's answer to `request` (RFC 6455 §4.1, §4.2.2). */
export function checkUpgradeResponse(request: HttpHead, response: HttpHead): Violation[] {
  if (response.start.kind !== 'response') return [handshakeViolation('HANDSHAKE_MALFORMED_HTTP', 'a request line where the response was expected')];
  const out = syntaxWarnings(response);
  const { status, reason } = response.start;
  // Anything but 101 is the server declining (RFC 6455 §4.1: handled per HTTP): its headers owe the
  // WebSocket rules nothing, so the other checks would only add noise.
  if (status !== 101) {
    out.push(handshakeViolation('HANDSHAKE_NOT_101', reason === '' ? String(status) : `${status} ${reason}`));
    return out;
  }
  checkUpgradeTokens(response, out);
  checkAccept(request, response, out);
  checkSubprotocol(request, response, out);
  checkExtensions(request, response, out);
  return out;
}

/**
 * The subprotocol and extensions a 101 response put in force; nulls for any other status. The
 * subprotocol counts only when it is exactly one the client offered: otherwise a strict client
 * fails the connection and nothing was agreed. Extensions are the response's raw value either way,
 * since the server compresses by what it answered (checkUpgradeResponse reports the mismatch).
 */
export function negotiatedFrom(request: HttpHead, response: HttpHead): Negotiated {
  if (response.start.kind !== 'response' || response.start.status !== 101) return { subprotocol: null, extensions: null };
  const chosen = listElements(headerValue(response, 'sec-websocket-protocol') ?? '');
  const offered = listElements(headerValue(request, 'sec-websocket-protocol') ?? '');
  const only = chosen.length === 1 && headerCount(response, 'sec-websocket-protocol') === 1 ? (chosen[0] as string) : null;
  const extensions = headerValue(response, 'sec-websocket-extensions');
  return {
    subprotocol: only !== null && offered.includes(only) ? only : null,
    extensions: extensions === undefined || extensions === '' ? null : extensions,
  };
}

function syntaxWarnings(head: HttpHead): Violation[] {
  return head.problems.map((p) => handshakeViolation('HANDSHAKE_HTTP_SYNTAX', p.message));
}

/** Upgrade must list `websocket` and Connection `Upgrade`, both case-insensitive tokens (§4.1, §4.2.1). */
function checkUpgradeTokens(head: HttpHead, out: Violation[]): void {
  const upgrade = headerValue(head, 'upgrade');
  // RFC 9110 §7.8: an Upgrade element is protocol-name ["/" protocol-version].
  if (upgrade === undefined) out.push(handshakeViolation('HANDSHAKE_UPGRADE_NOT_WEBSOCKET', 'missing'));
  else if (!listElements(upgrade).some((p) => p.toLowerCase() === 'websocket')) {
    out.push(handshakeViolation('HANDSHAKE_UPGRADE_NOT_WEBSOCKET', `Upgrade: ${upgrade}`));
  }
  const connection = headerValue(head, 'connection');
  if (connection === undefined) out.push(handshakeViolation('HANDSHAKE_CONNECTION_NOT_UPGRADE', 'missing'));
  else if (!listElements(connection).some((t) => t.toLowerCase() === 'upgrade')) {
    out.push(handshakeViolation('HANDSHAKE_CONNECTION_NOT_UPGRADE', `Connection: ${connection}`));
  }
}

function checkAccept(request: HttpHead, response: HttpHead, out: Violation[]): void {
  const accept = headerValue(response, 'sec-websocket-accept');
  if (accept === undefined) {
    out.push(handshakeViolation('HANDSHAKE_MISSING_ACCEPT'));
    return;
  }
  const accepts = headerCount(response, 'sec-websocket-accept');
  // §11.3.3: the header appears once; two copies are a mismatch even if one is right.
  if (accepts > 1) {
    out.push(handshakeViolation('HANDSHAKE_ACCEPT_MISMATCH', `${accepts} Sec-WebSocket-Accept headers`));
    return;
  }
  // With no single key in the request there is nothing to check against; checkUpgradeRequest says why.
  const key = headerCount(request, 'sec-websocket-key') === 1 ? headerValue(request, 'sec-websocket-key') : undefined;
  if (key === undefined) return;
  const expected = acceptFor(key);
  if (accept !== expected) out.push(handshakeViolation('HANDSHAKE_ACCEPT_MISMATCH', `got ${JSON.stringify(accept)}, expected ${JSON.stringify(expected)} for key ${JSON.stringify(key)}`));
}

function checkSubprotocol(request: HttpHead, response: HttpHead, out: Violation[]): void {
  const value = headerValue(response, 'sec-websocket-protocol');
  if (value === undefined) return;
  const chosen = listElements(value);
  const count = headerCount(response, 'sec-websocket-protocol');
  if (chosen.length > 1 || count > 1) out.push(handshakeViolation('HANDSHAKE_MULTIPLE_SUBPROTOCOLS', `Sec-WebSocket-Protocol: ${value}`));
  // Compared exactly, as browsers and `ws` do: the client offered these very strings.
  const offered = listElements(headerValue(request, 'sec-websocket-protocol') ?? '');
  const offer = offered.length === 0 ? 'the client offered none' : `offered ${offered.join(', ')}`;
  if (chosen.length === 0) out.push(handshakeViolation('HANDSHAKE_UNOFFERED_SUBPROTOCOL', `empty Sec-WebSocket-Protocol; ${offer}`));
  for (const p of chosen) if (!offered.includes(p)) out.push(handshakeViolation('HANDSHAKE_UNOFFERED_SUBPROTOCOL', `${JSON.stringify(p)}; ${offer}`));
}

function checkExtensions(request: HttpHead, response: HttpHead, out: Violation[]): void {
  const value = headerValue(response, 'sec-websocket-extensions');
  if (value === undefined) return;
  const accepted = parseExtensions(value);
  if (!accepted.ok) {
    out.push(handshakeViolation('HANDSHAKE_MALFORMED_EXTENSIONS', accepted.error.message));
    return;
  }
  const offers = offeredExtensions(request);
  const offeredNames = offers === null ? null : new Set(offers.map((e) => e.name));
  const seen = new Set<string>();
  for (const extension of accepted.value) {
    const { name } = extension;
    // A malformed offer (reported on the request) leaves nothing to compare against.
    if (offeredNames !== null && !offeredNames.has(name)) {
      const offer = offeredNames.size === 0 ? 'the client offered none' : `offered ${[...offeredNames].join(', ')}`;
      out.push(handshakeViolation('HANDSHAKE_UNOFFERED_EXTENSION', `${name}; ${offer}`));
    }
    if (seen.has(name)) out.push(handshakeViolation('HANDSHAKE_REPEATED_EXTENSION', name));
    else if (name === PERMESSAGE_DEFLATE) checkDeflateResponse(extension, offers, out);
    seen.add(name);
  }
}

/** RFC 7692 §7.1: parameters a client must fail the connection on (names are compared exactly). */
function checkDeflateResponse(extension: Extension, offers: readonly Extension[] | null, out: Violation[]): void {
  const params = parsePerMessageDeflate(extension, 'response');
  if (!params.ok) {
    out.push(handshakeViolation('HANDSHAKE_BAD_DEFLATE_PARAMS', params.error.message));
    return;
  }
  // §7.1.2.2: a response may limit the client's window only if an offer said the client can.
  const offered = offers?.some((e) => e.name === PERMESSAGE_DEFLATE && e.params['client_max_window_bits'] !== undefined) ?? true;
  if (params.value.clientMaxWindowBits !== null && !offered) {
    out.push(handshakeViolation('HANDSHAKE_BAD_DEFLATE_PARAMS', 'client_max_window_bits in the response, but no offer included it (RFC 7692 §7.1.2.2)'));
  }
}

/** The request's offered extensions: empty when it offered none, null when its offer is malformed. */
function offeredExtensions(request: HttpHead): readonly Extension[] | null {
  const value = headerValue(request, 'sec-websocket-extensions');
  if (value === undefined) return [];
  const parsed = parseExtensions(value);
  return parsed.ok ? parsed.value : null;
}

function atLeastHttp11(version: string): boolean {
  const major = version.charCodeAt(5) - 0x30;
  const minor = version.charCodeAt(7) - 0x30;
  return major > 1 || (major === 1 && minor >= 1);
}

/** Decoded length of strict, padded standard base64 (RFC 4648 §4), or null when it is not. */
function base64Length(text: string): number | null {
  if (text.length === 0 || text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  for (let i = 0; i < text.length - pad; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f;
    if (!ok) return null;
  }
  return (text.length / 4) * 3 - pad;
}

/** Header text back to wire bytes: the parser decodes Latin-1, so a char is a byte; else UTF-8. */
function headerBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return new TextEncoder().encode(text);
    out[i] = c;
  }
  return out;
}
