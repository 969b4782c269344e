/**
 * Every rule wstap checks, with a stable code, the RFC section behind it, and the close code a
 * strict peer sends when it sees the violation. One table: docs/protocol.md is generated from it.
 */
export interface ViolationRule {
  /** The close code a strict peer sends; null for warnings, which strict peers accept. */
  readonly closeCode: number | null;
  readonly rfc: string;
  readonly summary: string;
  /** `warning`: worth showing, but a strict peer accepts it. */
  readonly severity: 'error' | 'warning';
}

export const VIOLATION_RULES = {
  RSV_NOT_NEGOTIATED: { closeCode: 1002, rfc: 'RFC 6455 §5.2', summary: 'RSV bit set without a negotiated extension that defines it', severity: 'error' },
  RSV1_ON_CONTROL_FRAME: { closeCode: 1002, rfc: 'RFC 7692 §6.1', summary: 'RSV1 (compressed) set on a control frame', severity: 'error' },
  RSV1_ON_CONTINUATION: { closeCode: 1002, rfc: 'RFC 7692 §6.1', summary: 'RSV1 (compressed) set on a continuation frame', severity: 'error' },
  RESERVED_OPCODE: { closeCode: 1002, rfc: 'RFC 6455 §5.2', summary: 'reserved opcode', severity: 'error' },
  UNMASKED_CLIENT_FRAME: { closeCode: 1002, rfc: 'RFC 6455 §5.1', summary: 'a client frame was not masked', severity: 'error' },
  MASKED_SERVER_FRAME: { closeCode: 1002, rfc: 'RFC 6455 §5.1', summary: 'a server frame was masked', severity: 'error' },
  CONTROL_PAYLOAD_TOO_LONG: { closeCode: 1002, rfc: 'RFC 6455 §5.5', summary: 'control frame payload longer than 125 bytes', severity: 'error' },
  FRAGMENTED_CONTROL_FRAME: { closeCode: 1002, rfc: 'RFC 6455 §5.5', summary: 'control frame without FIN (control frames cannot be fragmented)', severity: 'error' },
  UNEXPECTED_CONTINUATION: { closeCode: 1002, rfc: 'RFC 6455 §5.4', summary: 'continuation frame with no fragmented message to continue', severity: 'error' },
  EXPECTED_CONTINUATION: { closeCode: 1002, rfc: 'RFC 6455 §5.4', summary: 'new data frame while a fragmented message is unfinished', severity: 'error' },
  INVALID_UTF8: { closeCode: 1007, rfc: 'RFC 6455 §8.1', summary: 'text message is not valid UTF-8', severity: 'error' },
  INVALID_CLOSE_REASON_UTF8: { closeCode: 1007, rfc: 'RFC 6455 §5.5.1', summary: 'close reason is not valid UTF-8', severity: 'error' },
  CLOSE_PAYLOAD_ONE_BYTE: { closeCode: 1002, rfc: 'RFC 6455 §5.5.1', summary: 'close payload of 1 byte (a code needs 2)', severity: 'error' },
  INVALID_CLOSE_CODE: { closeCode: 1002, rfc: 'RFC 6455 §7.4.1', summary: 'close code that must not appear on the wire', severity: 'error' },
  LENGTH_MSB_SET: { closeCode: 1002, rfc: 'RFC 6455 §5.2', summary: '64-bit payload length with the most significant bit set', severity: 'error' },
  PAYLOAD_TOO_BIG: { closeCode: 1009, rfc: 'RFC 6455 §7.4.1', summary: 'frame payload over the configured limit', severity: 'error' },
  MESSAGE_TOO_BIG: { closeCode: 1009, rfc: 'RFC 6455 §7.4.1', summary: 'message over the configured limit', severity: 'error' },
  TOO_MANY_FRAGMENTS: { closeCode: 1008, rfc: 'RFC 6455 §7.4.1', summary: 'message split into more fragments than the configured limit', severity: 'error' },
  DATA_AFTER_CLOSE: { closeCode: 1002, rfc: 'RFC 6455 §5.5.1', summary: 'frame sent after a Close frame', severity: 'error' },
  TRUNCATED_FRAME: { closeCode: 1006, rfc: 'RFC 6455 §7.1.5', summary: 'the stream ended in the middle of a frame', severity: 'error' },
  UNFINISHED_MESSAGE: { closeCode: 1006, rfc: 'RFC 6455 §5.4', summary: 'the stream ended inside a fragmented message', severity: 'warning' },
  INFLATE_FAILED: { closeCode: 1007, rfc: 'RFC 7692 §7.2.2', summary: 'compressed message does not inflate', severity: 'error' },
  INFLATED_TOO_BIG: { closeCode: 1009, rfc: 'RFC 7692 §8.1', summary: 'inflated message over the configured limit', severity: 'error' },
  NON_MINIMAL_LENGTH: { closeCode: null, rfc: 'RFC 6455 §5.2', summary: 'payload length not in its minimal encoding', severity: 'warning' },
} as const satisfies Record<string, ViolationRule>;

/** A stable violation code such as `UNMASKED_CLIENT_FRAME`. */
export type ViolationCode = keyof typeof VIOLATION_RULES;

/** One observed violation: the rule plus a message that names the observed values. */
export interface Violation {
  readonly code: ViolationCode | HandshakeViolationCode;
  readonly closeCode: number | null;
  readonly rfc: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** Handshake problems share the Violation shape; their codes live in handshake-rules.ts. */
export type HandshakeViolationCode = `HANDSHAKE_${string}`;

/** Builds a violation of `code` with a message naming what was seen. */
export function violation(code: ViolationCode, detail?: string): Violation {
  return violationOf(code, VIOLATION_RULES[code], detail);
}

/** A violation of any rule table's `rule` (frame or handshake), with `detail` after its summary. */
export function violationOf(code: Violation['code'], rule: ViolationRule, detail?: string): Violation {
  return {
    code,
    closeCode: rule.closeCode,
    rfc: rule.rfc,
    message: detail ? `${rule.summary}: ${detail}` : rule.summary,
    severity: rule.severity,
  };
}

/** A shared empty list, so frames without violations allocate nothing. */
export const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);
