import { describe, expect, it } from 'vitest';
import { chunkings } from './chunkings.test-util.js';
import { bytes, chromeRequest, crlf, GORILLA_RESPONSE } from './http-fixtures.test-util.js';
import { acceptFor, checkUpgradeRequest, checkUpgradeResponse, negotiatedFrom } from './handshake.js';
import { HttpHeadParser, type HttpHead } from './http-message.js';


// Chrome 120 with permessage-deflate, paired below with the 101 a ws 8.23 server sent it.
const CHROME_REQUEST = chromeRequest('/chat');
const WS_RESPONSE = crlf('HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=', 'Sec-WebSocket-Extensions: permessage-deflate', '');

// Captured from a ws 8.23 client, answered the way gorilla/websocket's Upgrader writes its 101.
const WS_CLIENT_REQUEST =
  'GET /feed HTTP/1.1\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: IUT8dHClO+/5k1zYIOd/YA==\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
  'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\nSec-WebSocket-Protocol: v2.json,v1.json\r\nHost: 127.0.0.1:38077\r\n\r\n';

/** Parses `text` fed as `parts`; throws unless the head completes. */
function headFrom(parts: readonly Uint8Array[]): HttpHead {
  const parser = new HttpHeadParser();
  for (const part of parts) {
    const result = parser.push(part);
    if (result.state === 'complete') return result.head;
    if (result.state === 'error') throw new Error(result.error.message);
  }
  throw new Error('incomplete head');
}

const head = (text: string): HttpHead => headFrom([bytes(text)]);

/** The violations of a request/response pair, the same under every chunking of either head. */
function checkEveryWay(requestText: string, responseText: string): { request: unknown; response: unknown } {
  const check = (req: HttpHead, res: HttpHead) => ({ request: checkUpgradeRequest(req), response: checkUpgradeResponse(req, res) });
  const whole = check(head(requestText), head(responseText));
  const requestCuts = chunkings(bytes(requestText), 7);
  const responseCuts = chunkings(bytes(responseText), 11);
  for (const [i, [name, parts]] of requestCuts.entries()) {
    const responseParts = (responseCuts[i] ?? responseCuts[0])?.[1] ?? [];
    expect(check(headFrom(parts), headFrom(responseParts)), `chunking ${name}`).toEqual(whole);
  }
  return whole;
}

describe('acceptFor (RFC 6455 §4.2.2)', () => {
  it("matches the RFC's worked example", () => {
    expect(acceptFor('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('matches keys and accepts seen on the wire', () => {
    expect(acceptFor('x3JJHMbDL1EzLkh9GBhXDw==')).toBe('HSmrc0sMlYUkAGmm5OPpG2HaGWk=');
    expect(acceptFor('IUT8dHClO+/5k1zYIOd/YA==')).toBe('OX/Y5huO3jma4w93T3lQaecF8y4=');
  });

  it('hashes the key as sent, whitespace and all', () => {
    expect(acceptFor(' dGhlIHNhbXBsZSBub25jZQ==')).not.toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});

describe('real handshakes', () => {
  it('Chrome -> ws: no violations under any chunking', () => {
    expect(checkEveryWay(CHROME_REQUEST, WS_RESPONSE)).toEqual({ request: [], response: [] });
    expect(negotiatedFrom(head(CHROME_REQUEST), head(WS_RESPONSE))).toEqual({ subprotocol: null, extensions: 'permessage-deflate' });
  });

  it('ws client -> gorilla: no violations, the chosen subprotocol and raw extensions', () => {
    expect(checkEveryWay(WS_CLIENT_REQUEST, GORILLA_RESPONSE)).toEqual({ request: [], response: [] });
    expect(negotiatedFrom(head(WS_CLIENT_REQUEST), head(GORILLA_RESPONSE))).toEqual({
      subprotocol: 'v2.json',
      extensions: 'permessage-deflate; server_no_context_takeover; client_no_context_takeover',
    });
  });

  it('accepts token lists and case variants the RFC allows', () => {
    // Firefox sends `Connection: keep-alive, Upgrade`; tokens compare case-insensitively (§4.2.1).
    const request = CHROME_REQUEST.replace('Connection: Upgrade', 'Connection: keep-alive, Upgrade').replace('Upgrade: websocket', 'Upgrade: WebSocket');
    const response = WS_RESPONSE.replace('Connection: Upgrade', 'connection: upgrade').replace('Upgrade: websocket', 'upgrade: h2c, WEBSOCKET');
    expect(checkEveryWay(request, response)).toEqual({ request: [], response: [] });
  });
});

describe('negotiatedFrom', () => {
  const request = head(WS_CLIENT_REQUEST);
  const response = (protocol: string): HttpHead => head(GORILLA_RESPONSE.replace('Sec-Websocket-Protocol: v2.json', protocol));

  it('is empty for a response that is not 101', () => {
    expect(negotiatedFrom(request, head(crlf('HTTP/1.1 403 Forbidden', 'Sec-WebSocket-Protocol: v2.json', '')))).toEqual({ subprotocol: null, extensions: null });
  });

  it('agrees on no subprotocol when the server chose none, two, or one never offered', () => {
    expect(negotiatedFrom(request, response('X-Other: 1')).subprotocol).toBeNull();
    expect(negotiatedFrom(request, response('Sec-WebSocket-Protocol: v2.json, v1.json')).subprotocol).toBeNull();
    expect(negotiatedFrom(request, response('Sec-WebSocket-Protocol: v3.json')).subprotocol).toBeNull();
    expect(negotiatedFrom(request, response('Sec-WebSocket-Protocol: v1.json')).subprotocol).toBe('v1.json');
  });

  it('has null extensions when the response names none', () => {
    expect(negotiatedFrom(request, head(crlf('HTTP/1.1 101 Switching Protocols', '')))).toEqual({ subprotocol: null, extensions: null });
  });
});
