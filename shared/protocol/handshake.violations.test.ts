import { describe, expect, it } from 'vitest';
import { acceptFor, checkUpgradeRequest, checkUpgradeResponse, headErrorViolation } from './handshake.js';
import { HANDSHAKE_FAIL_CLOSE_CODE, HANDSHAKE_RULES, type HandshakeRuleCode } from './handshake-rules.js';
import { parseHttpHead, type HttpHead } from './http-message.js';

const KEY = 'x3JJHMbDL1EzLkh9GBhXDw==';
const ACCEPT = 'HSmrc0sMlYUkAGmm5OPpG2HaGWk=';

type Headers = ReadonlyArray<readonly [string, string]>;

const REQUEST: Headers = [
  ['Host', 'example.com'],
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Key', KEY],
  ['Sec-WebSocket-Version', '13'],
  ['Sec-WebSocket-Protocol', 'chat, superchat'],
  ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits, x-webkit-deflate-frame'],
];
const RESPONSE: Headers = [
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Accept', ACCEPT],
  ['Sec-WebSocket-Protocol', 'chat'],
  ['Sec-WebSocket-Extensions', 'permessage-deflate'],
];

/** `headers` with each named field replaced (null drops it); unknown names are appended. */
function edit(headers: Headers, changes: Record<string, string | null>): Headers {
  const out = headers.filter(([n]) => changes[n] !== null).map(([n, v]): readonly [string, string] => [n, changes[n] ?? v]);
  for (const [n, v] of Object.entries(changes)) if (v !== null && !headers.some(([h]) => h === n)) out.push([n, v]);
  return out;
}

function head(start: string, headers: Headers, eol = '\r\n'): HttpHead {
  const text = [start, ...headers.map(([n, v]) => `${n}: ${v}`), '', ''].join(eol);
  const result = parseHttpHead(Uint8Array.from(text, (c) => c.charCodeAt(0)));
  if (result.state !== 'complete') throw new Error(`test head does not parse: ${JSON.stringify(result)}`);
  return result.head;
}

const request = (changes: Record<string, string | null> = {}, start = 'GET /chat HTTP/1.1'): HttpHead => head(start, edit(REQUEST, changes));
const response = (changes: Record<string, string | null> = {}, start = 'HTTP/1.1 101 Switching Protocols'): HttpHead => head(start, edit(RESPONSE, changes));

interface Case {
  readonly name: string;
  /** The heads to check: a request alone, or a request and the response to it. */
  readonly request: HttpHead;
  readonly response?: HttpHead;
  readonly codes: readonly HandshakeRuleCode[];
  /** A fragment every reported message must contain, naming what was seen. */
  readonly says?: string;
}

const cases: Case[] = [
  { name: 'a response where a request belongs', request: response(), codes: ['HANDSHAKE_MALFORMED_HTTP'], says: 'status line' },
  { name: 'bare LF line endings', request: head('GET /chat HTTP/1.1', REQUEST, '\n'), codes: ['HANDSHAKE_HTTP_SYNTAX'], says: 'bare LF' },
  { name: 'POST', request: request({}, 'POST /chat HTTP/1.1'), codes: ['HANDSHAKE_METHOD_NOT_GET'], says: 'POST' },
  { name: 'lowercase get', request: request({}, 'get /chat HTTP/1.1'), codes: ['HANDSHAKE_METHOD_NOT_GET'], says: 'get' },
  { name: 'HTTP/1.0', request: request({}, 'GET /chat HTTP/1.0'), codes: ['HANDSHAKE_HTTP_VERSION'], says: 'HTTP/1.0' },
  { name: 'no Host', request: request({ Host: null }), codes: ['HANDSHAKE_BAD_HOST'], says: 'missing' },
  { name: 'two Hosts', request: head('GET /chat HTTP/1.1', [...REQUEST, ['host', 'evil.example']]), codes: ['HANDSHAKE_BAD_HOST'], says: '2 Host headers' },
  { name: 'Upgrade: h2c', request: request({ Upgrade: 'h2c' }), codes: ['HANDSHAKE_UPGRADE_NOT_WEBSOCKET'], says: 'Upgrade: h2c' },
  { name: 'no Upgrade', request: request({ Upgrade: null }), codes: ['HANDSHAKE_UPGRADE_NOT_WEBSOCKET'], says: 'missing' },
  { name: 'Connection: keep-alive', request: request({ Connection: 'keep-alive' }), codes: ['HANDSHAKE_CONNECTION_NOT_UPGRADE'], says: 'keep-alive' },
  { name: 'Connection: Upgraded (not the token)', request: request({ Connection: 'Upgraded' }), codes: ['HANDSHAKE_CONNECTION_NOT_UPGRADE'] },
  { name: 'no Sec-WebSocket-Key', request: request({ 'Sec-WebSocket-Key': null }), codes: ['HANDSHAKE_MISSING_KEY'] },
  { name: 'a 15-byte key', request: request({ 'Sec-WebSocket-Key': 'AAAAAAAAAAAAAAAAAAAA' }), codes: ['HANDSHAKE_BAD_KEY'], says: 'decodes to 15 bytes, not 16' },
  { name: 'a 17-byte key', request: request({ 'Sec-WebSocket-Key': 'AAAAAAAAAAAAAAAAAAAAAAA=' }), codes: ['HANDSHAKE_BAD_KEY'], says: 'decodes to 17 bytes' },
  { name: 'an unpadded key', request: request({ 'Sec-WebSocket-Key': 'x3JJHMbDL1EzLkh9GBhXDw' }), codes: ['HANDSHAKE_BAD_KEY'], says: 'is not base64' },
  { name: 'a key that is not base64', request: request({ 'Sec-WebSocket-Key': 'x3JJHMbDL1Ez-kh9GBhXDw==' }), codes: ['HANDSHAKE_BAD_KEY'], says: 'is not base64' },
  { name: 'two keys', request: head('GET /chat HTTP/1.1', [...REQUEST, ['Sec-WebSocket-Key', KEY]]), codes: ['HANDSHAKE_BAD_KEY'], says: '2 Sec-WebSocket-Key headers' },
  { name: 'version 8', request: request({ 'Sec-WebSocket-Version': '8' }), codes: ['HANDSHAKE_BAD_VERSION'], says: '"8"' },
  { name: 'no version', request: request({ 'Sec-WebSocket-Version': null }), codes: ['HANDSHAKE_BAD_VERSION'], says: 'missing' },
  { name: 'a subprotocol offered twice', request: request({ 'Sec-WebSocket-Protocol': 'chat, chat' }), codes: ['HANDSHAKE_BAD_SUBPROTOCOL_OFFER'], says: '"chat"' },
  { name: 'a subprotocol that is no token', request: request({ 'Sec-WebSocket-Protocol': 'chat, my chat' }), codes: ['HANDSHAKE_BAD_SUBPROTOCOL_OFFER'], says: '"my chat"' },
  { name: 'an empty subprotocol offer', request: request({ 'Sec-WebSocket-Protocol': '' }), codes: ['HANDSHAKE_BAD_SUBPROTOCOL_OFFER'], says: 'empty' },
  { name: 'an extension offer with an empty value', request: request({ 'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits=' }), codes: ['HANDSHAKE_MALFORMED_EXTENSIONS'], says: 'expected a parameter value' },
  { name: 'everything wrong at once', request: head('PUT / HTTP/1.0', [['Connection', 'close']]), codes: ['HANDSHAKE_METHOD_NOT_GET', 'HANDSHAKE_HTTP_VERSION', 'HANDSHAKE_BAD_HOST', 'HANDSHAKE_UPGRADE_NOT_WEBSOCKET', 'HANDSHAKE_CONNECTION_NOT_UPGRADE', 'HANDSHAKE_MISSING_KEY', 'HANDSHAKE_BAD_VERSION'] },

  { name: 'a request where the response belongs', request: request(), response: request(), codes: ['HANDSHAKE_MALFORMED_HTTP'], says: 'request line' },
  { name: 'a status line without SP before the empty reason', request: request(), response: response({}, 'HTTP/1.1 101'), codes: ['HANDSHAKE_HTTP_SYNTAX'], says: 'no space after the status code' },
  { name: '401 with a body', request: request(), response: head('HTTP/1.1 401 Unauthorized', [['Content-Length', '12']]), codes: ['HANDSHAKE_NOT_101'], says: '401 Unauthorized' },
  { name: '200 OK from a plain web server', request: request(), response: response({}, 'HTTP/1.1 200 OK'), codes: ['HANDSHAKE_NOT_101'], says: '200 OK' },
  { name: 'Upgrade: h2c in the 101', request: request(), response: response({ Upgrade: 'h2c' }), codes: ['HANDSHAKE_UPGRADE_NOT_WEBSOCKET'] },
  { name: 'no Connection in the 101', request: request(), response: response({ Connection: null }), codes: ['HANDSHAKE_CONNECTION_NOT_UPGRADE'] },
  { name: 'no Sec-WebSocket-Accept', request: request(), response: response({ 'Sec-WebSocket-Accept': null }), codes: ['HANDSHAKE_MISSING_ACCEPT'] },
  { name: 'the accept of another key', request: request(), response: response({ 'Sec-WebSocket-Accept': acceptFor('dGhlIHNhbXBsZSBub25jZQ==') }), codes: ['HANDSHAKE_ACCEPT_MISMATCH'], says: `expected "${ACCEPT}" for key "${KEY}"` },
  { name: 'the key echoed as accept', request: request(), response: response({ 'Sec-WebSocket-Accept': KEY }), codes: ['HANDSHAKE_ACCEPT_MISMATCH'], says: `got "${KEY}"` },
  { name: 'two accepts, one right', request: request(), response: head('HTTP/1.1 101 Switching Protocols', [...RESPONSE, ['Sec-WebSocket-Accept', ACCEPT]]), codes: ['HANDSHAKE_ACCEPT_MISMATCH'], says: '2 Sec-WebSocket-Accept headers' },
  { name: 'an unoffered subprotocol', request: request(), response: response({ 'Sec-WebSocket-Protocol': 'superduperchat' }), codes: ['HANDSHAKE_UNOFFERED_SUBPROTOCOL'], says: '"superduperchat"; offered chat, superchat' },
  { name: 'a subprotocol differing in case', request: request(), response: response({ 'Sec-WebSocket-Protocol': 'Chat' }), codes: ['HANDSHAKE_UNOFFERED_SUBPROTOCOL'], says: '"Chat"' },
  { name: 'a subprotocol when none was offered', request: request({ 'Sec-WebSocket-Protocol': null }), response: response(), codes: ['HANDSHAKE_UNOFFERED_SUBPROTOCOL'], says: 'the client offered none' },
  { name: 'two subprotocols', request: request(), response: response({ 'Sec-WebSocket-Protocol': 'chat, superchat' }), codes: ['HANDSHAKE_MULTIPLE_SUBPROTOCOLS'], says: 'chat, superchat' },
  { name: 'two subprotocol headers', request: request(), response: head('HTTP/1.1 101 Switching Protocols', [...RESPONSE, ['Sec-WebSocket-Protocol', 'superchat']]), codes: ['HANDSHAKE_MULTIPLE_SUBPROTOCOLS'] },
  { name: 'an unoffered extension', request: request({ 'Sec-WebSocket-Extensions': 'permessage-deflate' }), response: response({ 'Sec-WebSocket-Extensions': 'permessage-deflate, x-webkit-deflate-frame' }), codes: ['HANDSHAKE_UNOFFERED_EXTENSION'], says: 'x-webkit-deflate-frame; offered permessage-deflate' },
  { name: 'an extension when none was offered', request: request({ 'Sec-WebSocket-Extensions': null }), response: response(), codes: ['HANDSHAKE_UNOFFERED_EXTENSION'], says: 'the client offered none' },
  { name: 'an extension accepted twice', request: request(), response: response({ 'Sec-WebSocket-Extensions': 'permessage-deflate, permessage-deflate; server_no_context_takeover' }), codes: ['HANDSHAKE_REPEATED_EXTENSION'], says: 'permessage-deflate' },
  { name: 'a malformed extension answer', request: request(), response: response({ 'Sec-WebSocket-Extensions': 'permessage-deflate;' }), codes: ['HANDSHAKE_MALFORMED_EXTENSIONS'], says: 'expected a parameter name' },
  { name: 'an answer to a malformed offer', request: request({ 'Sec-WebSocket-Extensions': 'permessage-deflate; x="a b"' }), response: response(), codes: [] },
  { name: 'a window size out of range', request: request(), response: response({ 'Sec-WebSocket-Extensions': 'permessage-deflate; server_max_window_bits=16' }), codes: ['HANDSHAKE_BAD_DEFLATE_PARAMS'], says: "got '16'" },
  { name: 'an unknown deflate parameter', request: request(), response: response({ 'Sec-WebSocket-Extensions': 'permessage-deflate; x_compression_level=9' }), codes: ['HANDSHAKE_BAD_DEFLATE_PARAMS'], says: "'x_compression_level'" },
  { name: 'a client window limit nobody offered', request: request({ 'Sec-WebSocket-Extensions': 'permessage-deflate' }), response: response({ 'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits=10' }), codes: ['HANDSHAKE_BAD_DEFLATE_PARAMS'], says: 'RFC 7692 §7.1.2.2' },
];

describe('handshake violations', () => {
  it.each(cases)('$name', ({ request: req, response: res, codes, says }) => {
    const found = res === undefined ? checkUpgradeRequest(req) : checkUpgradeResponse(req, res);
    expect(found.map((v) => v.code)).toEqual(codes);
    for (const v of found) {
      const rule = HANDSHAKE_RULES[v.code as HandshakeRuleCode];
      expect(v).toMatchObject({ closeCode: rule.closeCode, rfc: rule.rfc, severity: rule.severity });
      expect(v.message.startsWith(rule.summary)).toBe(true);
    }
    if (says !== undefined) for (const v of found) expect(v.message).toContain(says);
  });

  it('has a case for every rule', () => {
    const covered = new Set(cases.flatMap((c) => c.codes));
    expect(Object.keys(HANDSHAKE_RULES).filter((code) => !covered.has(code as HandshakeRuleCode))).toEqual([]);
  });

  it('passes the base request and response it edits', () => {
    expect(checkUpgradeRequest(request())).toEqual([]);
    expect(checkUpgradeResponse(request(), response())).toEqual([]);
    const limited = response({ 'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits=10; server_no_context_takeover' });
    expect(checkUpgradeResponse(request(), limited)).toEqual([]);
  });

  it('reports a malformed offer on the request, not again on the response', () => {
    const offer = request({ 'Sec-WebSocket-Extensions': 'permessage-deflate; x="a b"' });
    expect(checkUpgradeRequest(offer).map((v) => v.code)).toEqual(['HANDSHAKE_MALFORMED_EXTENSIONS']);
  });

  it('leaves the accept unchecked when the request had no single key to check it against', () => {
    expect(checkUpgradeResponse(request({ 'Sec-WebSocket-Key': null }), response()).map((v) => v.code)).toEqual([]);
  });
});

describe('the rule table', () => {
  it('uses HANDSHAKE_ codes and one close code, the 1006 a failed handshake shows', () => {
    for (const [code, rule] of Object.entries(HANDSHAKE_RULES)) {
      expect(code).toMatch(/^HANDSHAKE_[A-Z0-9_]+$/);
      expect(rule.closeCode).toBe(HANDSHAKE_FAIL_CLOSE_CODE);
      expect(rule.rfc).toMatch(/^RFC \d+ §\d/);
      expect(rule.httpStatus === null).toBe(rule.side === 'response');
    }
    expect(HANDSHAKE_FAIL_CLOSE_CODE).toBe(1006);
  });

  it('turns a parser error into HANDSHAKE_MALFORMED_HTTP', () => {
    const result = parseHttpHead(Uint8Array.from('GET / HTTP/1.1\r\nX: ' + 'a'.repeat(17_000), (c) => c.charCodeAt(0)));
    if (result.state !== 'error') throw new Error('expected the head to be too large');
    expect(headErrorViolation(result.error)).toEqual({
      code: 'HANDSHAKE_MALFORMED_HTTP',
      closeCode: 1006,
      rfc: 'RFC 9112 §2.2',
      message: 'the HTTP head does not parse: HTTP head larger than 16384 bytes (no empty line ends it)',
      severity: 'error',
    });
  });
});
