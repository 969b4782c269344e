import { describe, expect, it } from 'vitest';
import { chunkings } from './chunkings.test-util.js';
import { bytes, chromeRequest, crlf, GORILLA_RESPONSE } from './http-fixtures.test-util.js';
import { HttpHeadParser, headerCount, headerValue, isToken, listElements, parseHttpHead, trimOws, type HeadParserOptions, type HttpHead } from './http-message.js';


// Chrome 120 opening a socket with permessage-deflate, header order as Chrome sends it.
const CHROME_REQUEST = chromeRequest('/chat?room=1');

// Captured from ws 8.23 on loopback: the 101 and the first (compressed) frame in one TCP segment.
const WS_RESPONSE =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n' +
  'Sec-WebSocket-Protocol: superchat\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n';
const WS_FIRST_FRAME = [0xc1, 0x04, 0xca, 0xc8, 0x04, 0x00];


type Fed = { head: unknown; end: number } | { error: string; line: number | null };

/** Feeds `parts` to one parser; `end` is the stream offset where the head stopped. */
function feed(parts: readonly Uint8Array[], options?: HeadParserOptions): Fed {
  const parser = new HttpHeadParser(options);
  let offset = 0;
  for (const part of parts) {
    const result = parser.push(part);
    if (result.state === 'complete') {
      expect(result.rest).toEqual(part.subarray(result.consumed));
      return { head: plain(result.head), end: offset + result.consumed };
    }
    if (result.state === 'error') return { error: result.error.message, line: result.error.line };
    offset += part.length;
  }
  const error = parser.end();
  return error === null ? { error: 'no result', line: null } : { error: error.message, line: error.line };
}

/** The head as plain data, so two parses compare with toEqual. */
function plain(head: HttpHead): unknown {
  return { ...head, fields: [...head.fields] };
}

/** Parses `text` (+ `after`) under every chunking, checks they agree, returns the whole-buffer result. */
function feedEveryWay(text: string, after: readonly number[] = [], options?: HeadParserOptions): Fed {
  const all = Uint8Array.from([...bytes(text), ...after]);
  const results = chunkings(all, text.length).map(([name, parts]) => [name, feed(parts, options)] as const);
  const whole = results[0]?.[1] as Fed;
  for (const [name, result] of results) expect(result, `chunking ${name}`).toEqual(whole);
  return whole;
}

function complete(text: string, options?: HeadParserOptions): HttpHead {
  const result = parseHttpHead(bytes(text), options);
  if (result.state !== 'complete') throw new Error(`expected a complete head, got ${JSON.stringify(result)}`);
  return result.head;
}

function errorOf(text: string, options?: HeadParserOptions): { error: string; line: number | null } {
  const result = feedEveryWay(text, [], options);
  if (!('error' in result)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result;
}

describe('HttpHeadParser on real heads', () => {
  it('parses a Chrome upgrade request the same under every chunking', () => {
    const fed = feedEveryWay(CHROME_REQUEST);
    expect(fed).toMatchObject({ end: CHROME_REQUEST.length });
    const head = complete(CHROME_REQUEST);
    expect(head.start).toEqual({ kind: 'request', method: 'GET', target: '/chat?room=1', version: 'HTTP/1.1' });
    expect(head.headers).toHaveLength(12);
    expect(head.headers[0]).toEqual(['Host', 'localhost:8080']);
    expect(head.headers[11]).toEqual(['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits']);
    expect(head.fields.get('sec-websocket-key')).toBe('dGhlIHNhbXBsZSBub25jZQ==');
    expect(headerValue(head, 'Accept-Language')).toBe('en-US,en;q=0.9');
    expect(head.byteLength).toBe(CHROME_REQUEST.length);
    expect(head.problems).toEqual([]);
  });

  it('stops a ws 101 at the empty line and hands back the first frame', () => {
    const fed = feedEveryWay(WS_RESPONSE, WS_FIRST_FRAME);
    expect(fed).toMatchObject({ end: WS_RESPONSE.length });
    const result = parseHttpHead(Uint8Array.from([...bytes(WS_RESPONSE), ...WS_FIRST_FRAME]));
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(result.consumed).toBe(WS_RESPONSE.length);
    expect([...result.rest]).toEqual(WS_FIRST_FRAME);
    expect(result.head.start).toEqual({ kind: 'response', version: 'HTTP/1.1', status: 101, reason: 'Switching Protocols' });
    expect(headerValue(result.head, 'sec-websocket-protocol')).toBe('superchat');
  });

  it('looks up gorilla/websocket headers whatever their case', () => {
    feedEveryWay(GORILLA_RESPONSE);
    const head = complete(GORILLA_RESPONSE);
    expect(head.headers[3]).toEqual(['Sec-Websocket-Protocol', 'v2.json']);
    expect(head.fields.get('sec-websocket-protocol')).toBe('v2.json');
    expect(headerValue(head, 'SEC-WEBSOCKET-EXTENSIONS')).toBe('permessage-deflate; server_no_context_takeover; client_no_context_takeover');
  });

  it('stops a 401 at the end of its head and leaves the body unconsumed', () => {
    const head = crlf('HTTP/1.1 401 Unauthorized', 'Content-Type: text/plain', 'Content-Length: 13', 'WWW-Authenticate: Bearer', '');
    const body = [...bytes('token needed\n')];
    const fed = feedEveryWay(head, body);
    expect(fed).toMatchObject({ end: head.length });
    const result = parseHttpHead(Uint8Array.from([...bytes(head), ...body]));
    expect(result.state === 'complete' && [...result.rest]).toEqual(body);
    expect(result.state === 'complete' && result.head.start).toEqual({ kind: 'response', version: 'HTTP/1.1', status: 401, reason: 'Unauthorized' });
  });
});

describe('header fields', () => {
  it('combines repeated fields with ", " but keeps Set-Cookie lines apart (RFC 9110 §5.3)', () => {
    const head = complete(crlf('HTTP/1.1 101 Switching Protocols', 'Set-Cookie: a=1; Path=/', 'X-Tag: one', 'set-cookie: b=2, c', 'x-tag: two', 'X-Tag:', ''));
    expect(head.fields.get('x-tag')).toBe('one, two, ');
    expect(head.fields.has('set-cookie')).toBe(false);
    expect(head.setCookies).toEqual(['a=1; Path=/', 'b=2, c']);
    expect(headerCount(head, 'X-TAG')).toBe(3);
    expect(head.headers.map(([n]) => n)).toEqual(['Set-Cookie', 'X-Tag', 'set-cookie', 'x-tag', 'X-Tag']);
  });

  it('is a Map, so names like __proto__ and constructor are just names', () => {
    const head = complete(crlf('GET / HTTP/1.1', '__proto__: x', 'Host: h', ''));
    expect(head.fields.get('__proto__')).toBe('x');
    expect(head.fields.get('constructor')).toBeUndefined();
    expect(Object.getPrototypeOf(head.fields)).toBe(Map.prototype);
  });

  it('trims SP and HTAB around values, keeps inner whitespace and obs-text bytes', () => {
    const head = complete(crlf('GET / HTTP/1.1', 'A: \t spaced  out \t', 'B:', 'C: caf\xe9', ''));
    expect(head.headers).toEqual([['A', 'spaced  out'], ['B', ''], ['C', 'caf\xe9']]);
  });

  it('joins obs-fold continuations with one space and reports them (RFC 9112 §5.2)', () => {
    const head = complete(crlf('GET / HTTP/1.1', 'X-Long: first', '   second', '\tthird', 'Host: h', ''));
    expect(head.fields.get('x-long')).toBe('first second third');
    expect(head.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(head.problems[0]?.message).toMatch(/^line 3: obsolete line folding continues header X-Long/);
  });

  it('reports control characters in a value but keeps them', () => {
    const head = complete(crlf('GET / HTTP/1.1', 'X: a\x00b', ''));
    expect(head.fields.get('x')).toBe('a\x00b');
    expect(head.problems).toEqual([{ line: 2, message: 'line 2: control character in the value of X (RFC 9110 §5.5)' }]);
  });
});

describe('line endings', () => {
  it('parses bare LF heads and reports every such line', () => {
    const fed = feedEveryWay('GET / HTTP/1.1\nHost: h\r\nUpgrade: websocket\n\n', [0x81]);
    expect(fed).toMatchObject({ end: 44 });
    const head = complete('GET / HTTP/1.1\nHost: h\r\nUpgrade: websocket\n\n');
    expect(head.headers).toEqual([['Host', 'h'], ['Upgrade', 'websocket']]);
    expect(head.problems).toEqual([{ line: 1, message: 'line 1: 3 line(s) end in a bare LF instead of CRLF, lines 1, 3, 4 (RFC 9112 §2.2)' }]);
  });

  it('ends the head at CRLF LF and LF CRLF too', () => {
    expect(complete('GET / HTTP/1.1\r\nA: b\r\n\n').byteLength).toBe(23);
    expect(complete('GET / HTTP/1.1\nA: b\n\r\n').byteLength).toBe(22);
  });

  it('rejects a bare CR inside a line (RFC 9112 §2.2)', () => {
    expect(errorOf('GET / HTTP/1.1\r\nA: b\rc\r\n\r\n')).toEqual({ line: 2, error: 'line 2: bare CR inside line "A: b\\rc" (RFC 9112 §2.2)' });
  });
});

describe('start lines', () => {
  it('accepts a status line without a reason, reporting a missing SP', () => {
    expect(complete('HTTP/1.1 101 \r\n\r\n').start).toEqual({ kind: 'response', version: 'HTTP/1.1', status: 101, reason: '' });
    const bare = complete('HTTP/1.1 101\r\n\r\n');
    expect(bare.start).toMatchObject({ status: 101, reason: '' });
    expect(bare.problems).toEqual([{ line: 1, message: 'line 1: no space after the status code (RFC 9112 §4)' }]);
  });

  it.each([
    ['GET /  HTTP/1.1', /malformed request line .*expected method SP target SP version/],
    ['GET /', /malformed request line/],
    ['GET / HTTP/1', /"HTTP\/1" is not an HTTP version/],
    ['G{T / HTTP/1.1', /the method is not a token/],
    ['HTTP/1.1 1O1 Switching', /3-digit status code/],
    ['HTTP/1.1 1011 Switching', /longer than 3 digits/],
    ['HTTP/11 101 Switching', /not an HTTP version/],
  ])('rejects %j on line 1', (line, message) => {
    const error = errorOf(`${line}\r\nHost: h\r\n\r\n`);
    expect(error.line).toBe(1);
    expect(error.error).toMatch(/^line 1: /);
    expect(error.error).toMatch(message);
  });

  it('checks the kind of start line when told which to expect', () => {
    expect(errorOf('HTTP/1.1 200 OK\r\n\r\n', { expect: 'request' }).error).toMatch(/expected a request line, got status line "HTTP\/1.1 200 OK"/);
    expect(errorOf('GET / HTTP/1.1\r\n\r\n', { expect: 'response' }).error).toMatch(/expected a status line, got "GET \/ HTTP\/1.1"/);
  });

  it('fails on the first byte when it cannot start an HTTP message, naming TLS', () => {
    const parser = new HttpHeadParser();
    const result = parser.push(Uint8Array.of(0x16, 0x03, 0x01, 0x02, 0x00));
    expect(result).toEqual({ state: 'error', error: { line: 1, message: 'line 1: not an HTTP message: it starts with byte 0x16, a TLS handshake record: is the peer speaking wss://?' } });
    expect(errorOf('\r\n\r\n').error).toBe('line 1: not an HTTP message: it starts with byte 0x0d');
  });
});

describe('malformed field lines', () => {
  it.each([
    ['Host h', 3, 'line 3: header line without a colon: "Host h" (RFC 9112 §5)'],
    [': v', 3, 'line 3: header line with an empty name: ": v" (RFC 9112 §5)'],
    ['Host : h', 3, 'line 3: whitespace between the header name and the colon: "Host : h" (RFC 9112 §5.1)'],
    ['Ho(st): h', 3, 'line 3: invalid character in header name "Ho(st)" (RFC 9110 §5.1)'],
  ])('rejects %j naming its line', (line, n, message) => {
    expect(errorOf(`GET / HTTP/1.1\r\nUpgrade: websocket\r\n${line}\r\n\r\n`)).toEqual({ line: n, error: message });
  });

  it('rejects whitespace before the first field line (RFC 9112 §2.2)', () => {
    expect(errorOf('GET / HTTP/1.1\r\n Host: h\r\n\r\n')).toEqual({ line: 2, error: 'line 2: whitespace before the first header field: " Host: h" (RFC 9112 §2.2)' });
  });
});

describe('limits', () => {
  const start = 'GET / HTTP/1.1\r\nX: ';

  it('rejects a head over 16 KiB as soon as it cannot fit, whatever follows', () => {
    const error = errorOf(start + 'a'.repeat(20_000) + '\r\n\r\n');
    expect(error).toEqual({ line: null, error: 'HTTP head larger than 16384 bytes (no empty line ends it)' });
    const parser = new HttpHeadParser();
    expect(parser.push(bytes(start + 'a'.repeat(16_384 - start.length - 1)))).toEqual({ state: 'partial', buffered: 16_383 });
    expect(parser.push(bytes('aaaa')).state).toBe('error');
  });

  it('accepts a head of exactly the limit and rejects one byte more', () => {
    const exact = (size: number): string => start + 'a'.repeat(size - start.length - 4) + '\r\n\r\n';
    expect(complete(exact(16_384)).byteLength).toBe(16_384);
    expect(errorOf(exact(16_385)).error).toMatch(/larger than 16384 bytes/);
    expect(complete(exact(200), { maxHeadBytes: 200 }).byteLength).toBe(200);
    expect(errorOf(exact(201), { maxHeadBytes: 200 }).error).toMatch(/larger than 200 bytes/);
  });

  it('accepts 100 header fields and rejects 101, naming the line', () => {
    const lines = (n: number): string => crlf('GET / HTTP/1.1', ...Array.from({ length: n }, (_, i) => `X-${i}: ${i}`), '');
    expect(complete(lines(100)).headers).toHaveLength(100);
    expect(errorOf(lines(101))).toEqual({ line: 102, error: 'line 102: more than 100 header fields' });
    expect(errorOf(lines(3), { maxHeaders: 2 }).error).toBe('line 4: more than 2 header fields');
  });
});

describe('the stream around the head', () => {
  it('reports a stream that ends before or inside the head', () => {
    expect(new HttpHeadParser().end()).toEqual({ line: null, message: 'the stream ended before any HTTP head' });
    const parser = new HttpHeadParser();
    expect(parser.push(bytes('GET / HTTP/1.1\r\nHost:'))).toEqual({ state: 'partial', buffered: 21 });
    expect(parser.end()?.message).toBe('the stream ended 21 bytes into the HTTP head, before the empty line that ends it');
  });

  it('has nothing to report at the end of a complete head, and refuses more bytes', () => {
    const parser = new HttpHeadParser();
    expect(parser.push(bytes('GET / HTTP/1.1\r\n\r\n')).state).toBe('complete');
    expect(parser.end()).toBeNull();
    expect(() => parser.push(Uint8Array.of(0x81))).toThrow(/after the head was complete/);
  });
});

describe('list helpers', () => {
  it('splits comma lists, trimming OWS and dropping empty elements (RFC 9110 §5.6.1)', () => {
    expect(listElements(' keep-alive ,, Upgrade\t,')).toEqual(['keep-alive', 'Upgrade']);
    expect(listElements('')).toEqual([]);
  });

  it('knows tokens and OWS', () => {
    expect(isToken("permessage-deflate!#$%&'*+.^_`|~09")).toBe(true);
    expect(['', 'a b', 'a,b', 'a"', 'caf\xe9'].map(isToken)).toEqual([false, false, false, false, false]);
    expect(trimOws(' \t x y\t ')).toBe('x y');
    expect(trimOws('\u00a0x')).toBe('\u00a0x');
  });
});
