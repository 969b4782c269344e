import { violationOf, type HandshakeViolationCode, type Violation, type ViolationRule } from './violations.js';

/**
 * What `closeCode` means for a handshake rule. A client that sees a bad handshake must Fail the
 * WebSocket Connection (RFC 6455 §4.1) before the connection is open, so no Close frame is ever
 * sent: it just drops TCP, and its application sees 1006 Abnormal Closure (RFC 6455 §7.1.5,
 * §7.1.7) — what a browser's CloseEvent and `ws` report. We record that observable 1006 rather than
 * 1002, which would suggest a Close frame that never crosses the wire (TRUNCATED_FRAME uses 1006 in
 * the same sense). A server that rejects a request answers with an HTTP status instead: `httpStatus`.
 */
export const HANDSHAKE_FAIL_CLOSE_CODE = 1006;

/** A handshake rule: the ViolationRule fields plus which head it reads and the server's answer. */
export interface HandshakeRule extends ViolationRule {
  /** The head the rule checks; `both` rules apply to whichever head is being checked. */
  readonly side: 'request' | 'response' | 'both';
  /** The status a strict server answers a request breaking the rule with; null for response rules. */
  readonly httpStatus: number | null;
}

const FAIL = HANDSHAKE_FAIL_CLOSE_CODE;

/** Every handshake rule wstap checks, mirroring VIOLATION_RULES in violations.ts. */
export const HANDSHAKE_RULES = {
  HANDSHAKE_MALFORMED_HTTP: { closeCode: FAIL, rfc: 'RFC 9112 §2.2', summary: 'the HTTP head does not parse', severity: 'error', side: 'both', httpStatus: 400 },
  HANDSHAKE_HTTP_SYNTAX: { closeCode: FAIL, rfc: 'RFC 9112 §2.2', summary: 'HTTP syntax that lenient peers tolerate (bare LF, obs-fold, control characters)', severity: 'warning', side: 'both', httpStatus: 400 },
  HANDSHAKE_METHOD_NOT_GET: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'the upgrade request method is not GET', severity: 'error', side: 'request', httpStatus: 405 },
  HANDSHAKE_HTTP_VERSION: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'the upgrade request is not HTTP/1.1 or later', severity: 'error', side: 'request', httpStatus: 400 },
  HANDSHAKE_BAD_HOST: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'Host header missing or repeated (RFC 9112 §3.2)', severity: 'error', side: 'request', httpStatus: 400 },
  HANDSHAKE_UPGRADE_NOT_WEBSOCKET: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'Upgrade header missing or without the token "websocket"', severity: 'error', side: 'both', httpStatus: 400 },
  HANDSHAKE_CONNECTION_NOT_UPGRADE: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'Connection header missing or without the token "Upgrade"', severity: 'error', side: 'both', httpStatus: 400 },
  HANDSHAKE_MISSING_KEY: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'no Sec-WebSocket-Key header', severity: 'error', side: 'request', httpStatus: 400 },
  HANDSHAKE_BAD_KEY: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'Sec-WebSocket-Key is not the base64 of 16 bytes, or is repeated (§11.3.1)', severity: 'error', side: 'request', httpStatus: 400 },
  HANDSHAKE_BAD_VERSION: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'Sec-WebSocket-Version missing or not 13 (a server answers 426, §4.4)', severity: 'error', side: 'request', httpStatus: 426 },
  HANDSHAKE_BAD_SUBPROTOCOL_OFFER: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'offered subprotocols must be unique tokens', severity: 'error', side: 'request', httpStatus: 400 },
  HANDSHAKE_MALFORMED_EXTENSIONS: { closeCode: FAIL, rfc: 'RFC 6455 §9.1', summary: 'Sec-WebSocket-Extensions does not match the §9.1 grammar', severity: 'error', side: 'both', httpStatus: 400 },
  HANDSHAKE_NOT_101: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'the server did not answer 101 Switching Protocols', severity: 'error', side: 'response', httpStatus: null },
  HANDSHAKE_MISSING_ACCEPT: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'no Sec-WebSocket-Accept header', severity: 'error', side: 'response', httpStatus: null },
  HANDSHAKE_ACCEPT_MISMATCH: { closeCode: FAIL, rfc: 'RFC 6455 §4.2.2', summary: 'Sec-WebSocket-Accept is not base64(SHA-1(key + GUID))', severity: 'error', side: 'response', httpStatus: null },
  HANDSHAKE_UNOFFERED_SUBPROTOCOL: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'the server chose a subprotocol the client did not offer', severity: 'error', side: 'response', httpStatus: null },
  HANDSHAKE_MULTIPLE_SUBPROTOCOLS: { closeCode: FAIL, rfc: 'RFC 6455 §4.2.2', summary: 'the server chose more than one subprotocol (§11.3.4)', severity: 'error', side: 'response', httpStatus: null },
  HANDSHAKE_UNOFFERED_EXTENSION: { closeCode: FAIL, rfc: 'RFC 6455 §4.1', summary: 'the server accepted an extension the client did not offer', severity: 'error', side: 'response', httpStatus: null },
  HANDSHAKE_BAD_DEFLATE_PARAMS: { closeCode: FAIL, rfc: 'RFC 7692 §7.1', summary: 'permessage-deflate response parameters a client must reject', severity: 'error', side: 'response', httpStatus: null },
  HANDSHAKE_REPEATED_EXTENSION: { closeCode: FAIL, rfc: 'RFC 6455 §9.1', summary: 'the server accepted the same extension more than once', severity: 'error', side: 'response', httpStatus: null },
} as const satisfies Record<HandshakeViolationCode, HandshakeRule>;

/** A stable handshake code such as `HANDSHAKE_ACCEPT_MISMATCH`. */
export type HandshakeRuleCode = keyof typeof HANDSHAKE_RULES;

/** Builds a handshake violation of `code` with a message naming what was seen. */
export function handshakeViolation(code: HandshakeRuleCode, detail?: string): Violation {
  return violationOf(code, HANDSHAKE_RULES[code], detail);
}
