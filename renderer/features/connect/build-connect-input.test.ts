import { describe, expect, it } from 'vitest';
import type { ConnectInput } from '../../../shared/ipc/contract.js';
import { checkInput } from '../../../shared/ipc/inputs.js';
import { buildConnectInput, problemSummary } from './build-connect-input.js';
import { EMPTY_FORM, formFromInput, type ConnectFormState } from './connect-form-state.js';

const form = (patch: Partial<ConnectFormState>): ConnectFormState => ({ ...EMPTY_FORM, ...patch });

function built(patch: Partial<ConnectFormState>): ConnectInput {
  const result = buildConnectInput(form(patch));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(checkInput('session.connect', result.input)).toBeNull();
  return result.input;
}

function fieldsWithErrors(patch: Partial<ConnectFormState>): string[] {
  const result = buildConnectInput(form(patch));
  return result.ok ? [] : result.errors.map((e) => e.field);
}

describe('buildConnectInput', () => {
  it('leaves every empty field out: a bare form is just the URL', () => {
    expect(built({ url: '  localhost:8080/chat ' })).toEqual({ url: 'localhost:8080/chat' });
  });

  it('ignores blank header rows and text fields of sections that are off', () => {
    const input = built({
      url: 'ws://h',
      headers: [{ name: '', value: '' }],
      subprotocols: ' , ',
      auth: 'none',
      bearerToken: 'stale',
      followRedirects: false,
      maxRedirects: '5',
      reconnect: false,
      reconnectFactor: '3',
      deflate: false,
      clientMaxWindowBits: '9',
    });
    expect(input).toEqual({ url: 'ws://h', perMessageDeflate: false });
  });

  it('builds every option, and the result passes main input check', () => {
    const input = built({
      url: 'wss://example.com/socket?x=1',
      headers: [
        { name: 'X-Trace', value: ' abc ' },
        { name: 'Cookie', value: 'a=b' },
      ],
      subprotocols: 'chat.v2, json',
      origin: 'https://example.com',
      auth: 'basic',
      basicUser: 'ann',
      basicPassword: 'p:ss word',
      caFile: '/ca.pem',
      certFile: '/c.pem',
      keyFile: '/k.pem',
      passphrase: ' secret ',
      insecure: true,
      servername: 'api.example.com',
      proxy: 'http://u:p@proxy:3128',
      followRedirects: true,
      maxRedirects: '3',
      clientNoContextTakeover: true,
      serverMaxWindowBits: '10',
      deflateThreshold: '0',
      maxPayload: '1048576',
      handshakeTimeout: '5000',
      autoPong: false,
      heartbeatInterval: '1000',
      heartbeatTimeout: '500',
      heartbeatMisses: '2',
      reconnect: true,
      reconnectInitialDelay: '0',
      reconnectMaxDelay: '10000',
      reconnectFactor: '1.5',
      reconnectJitter: '.25',
      reconnectMaxAttempts: '7',
    });
    expect(input).toEqual({
      url: 'wss://example.com/socket?x=1',
      headers: [
        ['X-Trace', 'abc'],
        ['Cookie', 'a=b'],
      ],
      subprotocols: ['chat.v2', 'json'],
      origin: 'https://example.com',
      basicAuth: 'ann:p:ss word',
      tls: {
        caFile: '/ca.pem',
        certFile: '/c.pem',
        keyFile: '/k.pem',
        passphrase: ' secret ',
        insecure: true,
        servername: 'api.example.com',
      },
      proxy: 'http://u:p@proxy:3128',
      followRedirects: true,
      maxRedirects: 3,
      perMessageDeflate: { clientNoContextTakeover: true, serverMaxWindowBits: 10, threshold: 0 },
      maxPayload: 1048576,
      handshakeTimeout: 5000,
      autoPong: false,
      heartbeat: { interval: 1000, timeout: 500, misses: 2 },
      reconnect: { initialDelay: 0, maxDelay: 10000, factor: 1.5, jitter: 0.25, maxAttempts: 7 },
    });
  });

  it('turns the heartbeat on from the interval alone, with the engine defaults', () => {
    expect(built({ url: 'h:1', heartbeatInterval: '250' }).heartbeat).toEqual({
      interval: 250,
      timeout: 10_000,
      misses: 3,
    });
  });

  it('sends an empty reconnect object when reconnecting with defaults, and a bearer token trimmed', () => {
    expect(built({ url: 'h:1', reconnect: true, auth: 'bearer', bearerToken: ' t0k ' })).toEqual({
      url: 'h:1',
      reconnect: {},
      bearerToken: 't0k',
    });
  });

  it('names the field of each problem', () => {
    expect(fieldsWithErrors({ url: '' })).toEqual(['url']);
    expect(fieldsWithErrors({ url: 'ftp://x' })).toEqual(['url']);
    expect(fieldsWithErrors({ url: 'h:1', headers: [{ name: 'Bad Name', value: 'v' }] })).toEqual([
      'headers.0',
    ]);
    expect(fieldsWithErrors({ url: 'h:1', headers: [{ name: '', value: 'v' }] })).toEqual(['headers.0']);
    expect(fieldsWithErrors({ url: 'h:1', headers: [{ name: 'X', value: 'a\r\nb' }] })).toEqual([
      'headers.0',
    ]);
    expect(fieldsWithErrors({ url: 'h:1', subprotocols: 'a b' })).toEqual(['subprotocols']);
    expect(fieldsWithErrors({ url: 'h:1', subprotocols: 'a, a' })).toEqual(['subprotocols']);
    expect(fieldsWithErrors({ url: 'h:1', auth: 'bearer' })).toEqual(['bearerToken']);
    expect(fieldsWithErrors({ url: 'h:1', auth: 'basic', basicUser: 'a:b' })).toEqual(['basicUser']);
    expect(fieldsWithErrors({ url: 'h:1', certFile: '/c.pem' })).toEqual(['keyFile']);
    expect(fieldsWithErrors({ url: 'h:1', proxy: 'socks5://p:1' })).toEqual(['proxy']);
    expect(fieldsWithErrors({ url: 'h:1', followRedirects: true, maxRedirects: '101' })).toEqual([
      'maxRedirects',
    ]);
    expect(fieldsWithErrors({ url: 'h:1', clientMaxWindowBits: '7' })).toEqual(['clientMaxWindowBits']);
    expect(fieldsWithErrors({ url: 'h:1', maxPayload: '0' })).toEqual(['maxPayload']);
    expect(fieldsWithErrors({ url: 'h:1', handshakeTimeout: '1.5' })).toEqual(['handshakeTimeout']);
    expect(fieldsWithErrors({ url: 'h:1', heartbeatMisses: '2' })).toEqual(['heartbeatInterval']);
    expect(fieldsWithErrors({ url: 'h:1', reconnect: true, reconnectJitter: '2' })).toEqual([
      'reconnectJitter',
    ]);
    expect(fieldsWithErrors({ url: 'h:1', reconnect: true, reconnectFactor: '0.5' })).toEqual([
      'reconnectFactor',
    ]);
    expect(fieldsWithErrors({ url: '', maxPayload: 'x', heartbeatInterval: '-1' })).toEqual([
      'url',
      'maxPayload',
      'heartbeatInterval',
    ]);
  });

  it('gives messages a user can act on', () => {
    const result = buildConnectInput(form({ url: 'h:1', maxPayload: 'lots' }));
    expect(result.ok ? null : result.errors[0]!.message).toBe(
      'Max payload (bytes): expected a whole number from 1 to 1099511627776',
    );
  });
});

describe('problemSummary', () => {
  it('shows the first problem and counts the rest', () => {
    expect(problemSummary([])).toBe('');
    expect(problemSummary([{ field: 'url', message: 'A' }])).toBe('A');
    expect(
      problemSummary([
        { field: 'url', message: 'A' },
        { field: 'origin', message: 'B' },
      ]),
    ).toBe('A (and 1 more problem marked below)');
  });
});

describe('formFromInput', () => {
  const inputs: ConnectInput[] = [
    { url: 'ws://a' },
    { url: 'ws://a', perMessageDeflate: false, autoPong: false, reconnect: {} },
    {
      url: 'wss://b/p',
      headers: [['A', '1']],
      subprotocols: ['x', 'y'],
      bearerToken: 'tok',
      tls: { insecure: true, caFile: '/ca' },
      followRedirects: true,
      maxRedirects: 2,
      perMessageDeflate: { serverNoContextTakeover: true, clientMaxWindowBits: 12 },
      heartbeat: { interval: 1, timeout: 2, misses: 3 },
      reconnect: { factor: 1.5, maxAttempts: 4 },
    },
    { url: 'h:1', basicAuth: 'user:pa:ss' },
  ];
  it.each(inputs)('loads a saved input back into a form that builds it again (%j)', (input) => {
    expect(built(formFromInput(input))).toEqual(input);
  });
});
