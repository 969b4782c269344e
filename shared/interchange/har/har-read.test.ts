import { describe, expect, it } from 'vitest';
import { conversationFromHar, harAttachmentNames } from './har-read.js';

/** An entry shaped like Chrome DevTools' export (front_end/models/har/Log.ts): times in seconds, binary base64. */
function chromeEntry(messages: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _initiator: { type: 'script' },
    _priority: 'High',
    _resourceType: 'websocket',
    cache: {},
    request: {
      method: 'GET',
      url: 'wss://chat.example.com/socket?room=red',
      httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Upgrade', value: 'websocket' }],
      queryString: [{ name: 'room', value: 'red' }],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 101,
      statusText: 'Switching Protocols',
      httpVersion: 'HTTP/1.1',
      headers: [
        { name: 'sec-websocket-protocol', value: 'chat.v2' },
        { name: 'sec-websocket-extensions', value: 'permessage-deflate' },
      ],
      cookies: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: 0,
      _error: null,
    },
    serverIPAddress: '203.0.113.7',
    startedDateTime: '2026-03-01T10:00:00.000Z',
    time: 12.5,
    timings: {
      blocked: -1,
      dns: -1,
      ssl: -1,
      connect: -1,
      send: 0,
      wait: 0,
      receive: 0,
      _blocked_queueing: -1,
    },
    _webSocketMessages: messages,
    ...extra,
  };
}

const T0 = Date.parse('2026-03-01T10:00:00.000Z') / 1000;
const har = (creator: string, entries: unknown[]): unknown => ({
  log: { version: '1.2', creator: { name: creator, version: '1' }, pages: [], entries },
});

describe('conversationFromHar', () => {
  it('reads a Chrome DevTools export: seconds, sides, base64 binary, subprotocol, errors left out with a warning', () => {
    const page = {
      startedDateTime: '2026-03-01T09:59:59.000Z',
      request: { url: 'https://chat.example.com/' },
      response: { status: 200 },
    };
    const messages = [
      { type: 'send', time: T0 + 0.0105, opcode: 1, data: '{"op":"join"}' },
      { type: 'receive', time: T0 + 0.02, opcode: 2, data: 'AQID+g==' },
      { type: 'error', time: T0 + 0.03, opcode: -1, data: 'net::ERR_CONNECTION_RESET' },
    ];
    const { conversation, recording } = conversationFromHar(
      har('WebInspector', [page, chromeEntry(messages)]),
    );
    expect(recording).toBeNull();
    expect(conversation.source).toBe('har-chrome');
    expect(conversation.warnings).toEqual([
      'log.entries[1]._webSocketMessages[2]: an error, not a message (net::ERR_CONNECTION_RESET): left out',
    ]);
    const [c] = conversation.connections;
    expect(c).toMatchObject({
      id: 1,
      url: 'wss://chat.example.com/socket?room=red',
      startedAt: T0 * 1000,
      status: 101,
      subprotocol: 'chat.v2',
      extensions: 'permessage-deflate',
      close: null,
      duration: null,
    });
    expect(c?.messages).toEqual([
      { from: 'client', t: 10.5, opcode: 'text', text: '{"op":"join"}' },
      { from: 'server', t: 20, opcode: 'binary', base64: 'AQID+g==' },
    ]);
    // What the model has no place for is kept: the page entry, the entry's Chrome fields.
    expect(conversation.sourceFields?.entries).toEqual([page]);
    expect(c?.sourceFields).toMatchObject({
      _priority: 'High',
      serverIPAddress: '203.0.113.7',
      timings: { _blocked_queueing: -1 },
    });
  });

  it('tells Playwright milliseconds from seconds, and reads attached .jsonl messages', () => {
    const ms = T0 * 1000;
    const embedded = conversationFromHar(
      har('Playwright', [chromeEntry([{ type: 'send', time: ms + 3.25, opcode: 1, data: 'hi' }])]),
    ).conversation;
    expect(embedded.source).toBe('har-playwright');
    expect(embedded.connections[0]?.messages).toEqual([
      { from: 'client', t: 3.25, opcode: 'text', text: 'hi' },
    ]);
    const attached = chromeEntry([]);
    delete attached._webSocketMessages;
    (attached.response as { content: object }).content = {
      size: -1,
      mimeType: 'x-unknown',
      _file: 'abc.jsonl',
    };
    const file = har('Playwright', [attached]);
    expect(harAttachmentNames(file)).toEqual(['abc.jsonl']);
    const lines = `${JSON.stringify({ type: 'send', time: ms + 1, opcode: 1, data: 'a' })}\n${JSON.stringify({ type: 'receive', time: ms + 2, opcode: 2, data: 'Yg==' })}\n`;
    const read = conversationFromHar(file, new Map([['abc.jsonl', lines]])).conversation;
    expect(read.connections[0]?.messages.map((m) => [m.from, m.t, m.text ?? m.base64])).toEqual([
      ['client', 1, 'a'],
      ['server', 2, 'Yg=='],
    ]);
    expect(() => conversationFromHar(file, new Map([['abc.jsonl', 'not json\n']]))).toThrow(
      /^abc\.jsonl line 1: not JSON/,
    );
  });

  it('reads mitmproxy\'s export: http URLs become ws, creator "mitmproxy"', () => {
    const entry = chromeEntry([{ type: 'receive', time: T0 + 1, opcode: 1, data: 'tick' }], {
      request: { method: 'GET', url: 'http://127.0.0.1:8080/ws', headers: [] },
    });
    const { conversation } = conversationFromHar(har('mitmproxy', [entry]));
    expect(conversation.source).toBe('har-mitmproxy');
    expect(conversation.connections[0]?.url).toBe('ws://127.0.0.1:8080/ws');
    expect(conversation.connections[0]?.messages[0]).toMatchObject({ from: 'server', t: 1000 });
  });

  it('names the entry and field a bad file gets wrong', () => {
    const bad = (message: unknown, pattern: RegExp): void =>
      expect(() => conversationFromHar(har('x', [chromeEntry([message])]))).toThrow(pattern);
    bad(
      { type: 'send', time: T0, opcode: 'x', data: 'a' },
      /^log\.entries\[0\]\._webSocketMessages\[0\]\.opcode: expected 1 or 2, got "x"$/,
    );
    bad(
      { type: 'sent', time: T0, opcode: 1, data: 'a' },
      /^log\.entries\[0\]\._webSocketMessages\[0\]\.type: expected "send" or "receive", got "sent"$/,
    );
    bad({ type: 'send', time: 'now', opcode: 1, data: 'a' }, /\[0\]\.time: expected a number, got "now"$/);
    bad(
      { type: 'send', time: T0, opcode: 2, data: 'not base64!' },
      /\[0\]\.data: expected base64 \(a binary payload\), got "not base64!"$/,
    );
    bad(
      { type: 'send', time: T0, opcode: 1, data: 'a', _frames: [{ fin: 'yes' }] },
      /\[0\]\._frames\[0\]\.fin: expected true or false, got "yes"$/,
    );
    expect(() => conversationFromHar({ log: { entries: [{ request: {} }] } })).toThrow(
      /^log\.entries: none of the 1 entries is a WebSocket connection/,
    );
    expect(() => conversationFromHar({ nope: 1 })).toThrow(/^log: expected an object, got nothing$/);
    expect(() => conversationFromHar(har('x', [chromeEntry([], { startedDateTime: 'yesterday' })]))).toThrow(
      /^log\.entries\[0\]\.startedDateTime: expected an ISO 8601 date, got "yesterday"$/,
    );
  });

  it('leaves control frames out with one warning for the lot', () => {
    const messages = [8, 9, 10].map((opcode) => ({ type: 'receive', time: T0, opcode, data: '' }));
    const { conversation } = conversationFromHar(har('WebInspector', [chromeEntry(messages)]));
    expect(conversation.warnings).toEqual([
      'log.entries[0]._webSocketMessages[0]: a control frame (opcode 8), not a message (and 2 more like it): left out',
    ]);
  });
});
