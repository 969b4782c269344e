// Test support: real upgrade heads, as bytes.

/** Latin-1 bytes of `text` (HTTP heads are octets). */
export const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Lines joined with CRLF, each terminated. */
export const crlf = (...lines: string[]): string => lines.map((l) => `${l}\r\n`).join('');

/** Chrome 120 opening a socket with permessage-deflate, header order as Chrome sends it. */
export function chromeRequest(target: string): string {
  return crlf(
    `GET ${target} HTTP/1.1`,
    'Host: localhost:8080',
    'Connection: Upgrade',
    'Pragma: no-cache',
    'Cache-Control: no-cache',
    'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Upgrade: websocket',
    'Origin: http://localhost:8080',
    'Sec-WebSocket-Version: 13',
    'Accept-Encoding: gzip, deflate, br',
    'Accept-Language: en-US,en;q=0.9',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits',
    '',
  );
}

/**
 * gorilla/websocket's Upgrader writes its 101 by hand, with Go's canonical `Sec-Websocket-*` case;
 * the answer to a ws 8.23 client that sent key IUT8dHClO+/5k1zYIOd/YA== and offered v2.json.
 */
export const GORILLA_RESPONSE = crlf(
  'HTTP/1.1 101 Switching Protocols',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Accept: OX/Y5huO3jma4w93T3lQaecF8y4=',
  'Sec-Websocket-Protocol: v2.json',
  'Sec-Websocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover',
  '',
);
