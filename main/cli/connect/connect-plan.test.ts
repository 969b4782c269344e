import { describe, expect, it } from 'vitest';
import { DEFAULT_HEARTBEAT, DEFAULT_RECONNECT } from '../../engine/client/client-options.js';
import { planConnect, type ConnectFlags } from './connect-plan.js';
import { isFailureCode, parseFailOn, parseHeader, parseWait, proxyUrl } from './values.js';

// What commander hands over when no flag is given (defaults and --no-* flags included).
const base: ConnectFlags = { check: true, deflate: true, autoPong: true, color: true, wait: '2', closeStatusCode: '1000' };
const plan = (flags: ConnectFlags) => planConnect('ws://h:1/p', { ...base, ...flags });

describe('planConnect: handshake flags', () => {
  it('maps the wscat flags onto client options', () => {
    const { client } = plan({
      header: ['X-One: 1', 'x-two:2'],
      subprotocol: ['chat', 'json'],
      origin: 'https://app',
      host: 'example.org',
      auth: 'ana:pw',
      check: false,
      ca: 'ca.pem',
      cert: 'c.pem',
      key: 'k.pem',
      passphrase: 'pp',
      proxy: '127.0.0.1:3128',
      location: true,
      maxRedirects: '3',
    });
    expect(client).toMatchObject({
      url: 'ws://h:1/p',
      headers: [
        ['X-One', '1'],
        ['x-two', '2'],
        ['Host', 'example.org'],
      ],
      subprotocols: ['chat', 'json'],
      origin: 'https://app',
      basicAuth: 'ana:pw',
      tls: { caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'k.pem', passphrase: 'pp', insecure: true },
      proxy: 'http://127.0.0.1:3128/',
      followRedirects: true,
      maxRedirects: 3,
    });
    expect(client.perMessageDeflate).toBeUndefined();
    expect(client.heartbeat).toBeUndefined();
    expect(client.reconnect).toBeUndefined();
  });

  it('maps the websocat flags: -k, --no-deflate, limits, pings, reconnect', () => {
    const { client } = plan({ insecure: true, deflate: false, maxPayload: '1_000', handshakeTimeout: '2.5', autoPong: false, reconnect: true, bearer: 'T' });
    expect(client).toMatchObject({ tls: { insecure: true }, perMessageDeflate: false, maxPayload: 1000, handshakeTimeout: 2500, autoPong: false, bearerToken: 'T' });
    expect(client.reconnect).toEqual(DEFAULT_RECONNECT);
    expect(plan({ pingInterval: '5' }).client.heartbeat).toEqual({ ...DEFAULT_HEARTBEAT, interval: 5000 });
    // websocat: no pong within --ping-timeout drops the connection at once.
    expect(plan({ pingInterval: '1', pingTimeout: '3' }).client.heartbeat).toEqual({ interval: 1000, timeout: 3000, misses: 1 });
  });

  it('refuses bad values with a message naming the flag', () => {
    expect(() => plan({ header: ['nocolon'] })).toThrow("-H/--header takes 'Name: value', got 'nocolon'");
    expect(() => plan({ auth: 'nopassword' })).toThrow('--auth takes user:password');
    expect(() => plan({ protocol: '8' })).toThrow('version 13 (RFC 6455) only');
    expect(() => plan({ maxPayload: '-1' })).toThrow('--max-payload takes a whole number ≥ 1');
    expect(() => plan({ handshakeTimeout: '0' })).toThrow('--handshake-timeout must be more than 0 seconds');
    expect(() => plan({ proxy: 'socks5://x:1' })).toThrow('--proxy takes http://');
    expect(() => plan({ closeStatusCode: '1005' })).toThrow('--close-status-code 1005 (No Status Received) may not be sent');
    expect(() => plan({ closeReason: 'x'.repeat(124) })).toThrow('at most 123 bytes');
    expect(() => plan({ timeout: '3' })).toThrow('--timeout limits the wait for --expect');
    expect(() => plan({ expect: ['$.a b'] })).toThrow("cannot read the JSON path at ' b'");
  });
});

describe('planConnect: behaviour flags', () => {
  it('defaults: human output, text lines, wait 2 s, close 1000, default fail rule', () => {
    expect(plan({})).toMatchObject({
      output: { format: 'human', pretty: false, include: false, showPingPong: false, base64: false, noColor: false },
      input: 'text',
      slash: false,
      execute: [],
      waitMs: 2000,
      exitOnEof: false,
      maxMessages: null,
      close: { code: 1000, reason: '' },
      expectations: [],
      timeoutMs: null,
      failOn: { kind: 'default' },
      record: null,
    });
  });

  it('maps input, waiting, stopping and output flags', () => {
    expect(plan({ execute: ['a', 'b'], wait: '-1', exitOnEof: true, oneMessage: true, closeStatusCode: '4000', closeReason: 'bye' })).toMatchObject({
      execute: ['a', 'b'],
      waitMs: null,
      exitOnEof: true,
      maxMessages: 1,
      close: { code: 4000, reason: 'bye' },
    });
    expect(plan({ binary: true }).input).toBe('binary');
    expect(plan({ base64: true })).toMatchObject({ input: 'base64', output: { base64: true } });
    expect(plan({ maxMessages: '3' }).maxMessages).toBe(3);
    expect(plan({ json: true }).output.format).toBe('json');
    expect(plan({ frames: true, color: false }).output).toMatchObject({ format: 'frames', noColor: true });
    expect(plan({ expect: ['pong'] })).toMatchObject({ timeoutMs: 10_000, expectations: [{ kind: 'substring', text: 'pong' }] });
    expect(plan({ expect: ['pong'], timeout: '0.25' }).timeoutMs).toBe(250);
    expect(plan({ record: 's.jsonl', failOn: '1011,4000-4999' })).toMatchObject({ record: 's.jsonl', failOn: { kind: 'ranges', ranges: [[1011, 1011], [4000, 4999]] } });
  });
});

describe('values', () => {
  it('parses -w (-1 stays open), headers, proxies', () => {
    expect(parseWait('-1')).toBeNull();
    expect(parseWait('0.5')).toBe(500);
    expect(() => parseWait('soon')).toThrow('-w/--wait takes a number of seconds');
    expect(parseHeader('Authorization: Bearer a:b')).toEqual(['Authorization', 'Bearer a:b']);
    expect(proxyUrl('http://u:p@proxy:8080')).toBe('http://u:p@proxy:8080/');
  });

  it('--fail-on: ranges, none, and the default rule', () => {
    const def = { kind: 'default' } as const;
    expect([1000, 1001, 1005, 1002, 1011, 4000].map((c) => isFailureCode(def, c))).toEqual([false, false, false, true, true, true]);
    const ranges = parseFailOn('1011, 4000-4099');
    expect([1011, 4000, 4099, 4100, 1002].map((c) => isFailureCode(ranges, c))).toEqual([true, true, true, false, false]);
    expect(isFailureCode(parseFailOn('none'), 1011)).toBe(false);
    expect(() => parseFailOn('4099-4000')).toThrow('--fail-on takes close codes and ranges');
    expect(() => parseFailOn('abc')).toThrow('--fail-on takes close codes and ranges');
  });
});
