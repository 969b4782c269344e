/**
 * WebSocket close codes: RFC 6455 §7.4, the IANA "WebSocket Close Code Number Registry", and what
 * may legally appear in a Close frame on the wire (§7.4.1, §7.4.2).
 */
export interface CloseCodeInfo {
  /** Registered name, e.g. "Normal Closure"; a range name for unregistered codes. */
  readonly name: string;
  /** One plain-language sentence a user can act on. */
  readonly meaning: string;
  /** Whether an endpoint may put this code in a Close frame. */
  readonly allowedOnWire: boolean;
}

const REGISTERED: Readonly<Record<number, readonly [string, string]>> = {
  1000: ['Normal Closure', 'The purpose of the connection was fulfilled; a clean close.'],
  1001: ['Going Away', 'The endpoint is going away: a server shutting down or a browser leaving the page.'],
  1002: ['Protocol Error', 'The endpoint received a frame that breaks the WebSocket protocol.'],
  1003: ['Unsupported Data', 'The endpoint received a type of data it cannot accept (e.g. binary when it takes only text).'],
  1004: ['Reserved', 'Reserved by RFC 6455; must not be sent.'],
  1005: ['No Status Received', 'Reported locally when a Close frame carried no code; must not be sent.'],
  1006: ['Abnormal Closure', 'Reported locally when the connection dropped without a Close frame; must not be sent.'],
  1007: ['Invalid Frame Payload Data', 'A message had data inconsistent with its type, e.g. invalid UTF-8 in a text message.'],
  1008: ['Policy Violation', 'A message violated the endpoint\'s policy (generic; used when no better code fits).'],
  1009: ['Message Too Big', 'A message was too big for the endpoint to process.'],
  1010: ['Mandatory Extension', 'The client expected the server to negotiate an extension it did not.'],
  1011: ['Internal Error', 'The server hit an unexpected condition that kept it from fulfilling the request.'],
  1012: ['Service Restart', 'The service is restarting; a client may reconnect (with a randomised delay).'],
  1013: ['Try Again Later', 'The service is overloaded or temporarily unavailable; reconnect later.'],
  1014: ['Bad Gateway', 'A gateway or proxy received an invalid response from the upstream server.'],
  1015: ['TLS Handshake', 'Reported locally when the TLS handshake failed; must not be sent.'],
  3000: ['Unauthorized', 'The endpoint requires authentication (IANA registered).'],
  3003: ['Forbidden', 'The endpoint is authenticated but not allowed to do this (IANA registered).'],
  3008: ['Timeout', 'The endpoint timed out (IANA registered).'],
};

/** Everything known about a close code, including unregistered and illegal ones. */
export function closeCodeInfo(code: number): CloseCodeInfo {
  const registered = REGISTERED[code];
  const allowedOnWire = isCloseCodeAllowedOnWire(code);
  if (registered) return { name: registered[0], meaning: registered[1], allowedOnWire };
  if (code >= 0 && code <= 999) return { name: 'Unused', meaning: 'Codes 0–999 are not used; must not be sent.', allowedOnWire };
  if (code >= 1016 && code <= 2999)
    return { name: 'Reserved for the protocol', meaning: 'Reserved for future WebSocket revisions; must not be sent.', allowedOnWire };
  if (code >= 3000 && code <= 3999)
    return { name: 'Registered use', meaning: 'For libraries, frameworks and applications, registered with IANA.', allowedOnWire };
  if (code >= 4000 && code <= 4999)
    return { name: 'Private use', meaning: 'Application-defined; its meaning is agreed between the two endpoints.', allowedOnWire };
  return { name: 'Invalid', meaning: 'Close codes are 16-bit values below 5000; must not be sent.', allowedOnWire };
}

/** RFC 6455 §7.4.1/§7.4.2: 1000–1003, 1007–1014 and 3000–4999 may appear in a Close frame. */
export function isCloseCodeAllowedOnWire(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** Short label for lists: `1000 Normal Closure`. */
export function closeCodeLabel(code: number): string {
  return `${code} ${closeCodeInfo(code).name}`;
}
