import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationConnection } from '../conversation.js';
import { conversationFromHar } from './har-read.js';
import { harText, toHar } from './har-write.js';

const START = Date.parse('2026-03-01T10:00:00.000Z') + 0.25;

const connection: ConversationConnection = {
  id: 4,
  url: 'ws://127.0.0.1:9000/chat?room=red&x=a%20b',
  startedAt: START,
  requestHeaders: [['Upgrade', 'websocket']],
  status: 101,
  responseHeaders: [['Sec-WebSocket-Extensions', 'permessage-deflate']],
  subprotocol: null,
  extensions: 'permessage-deflate',
  messages: [
    {
      from: 'client',
      t: 1.5,
      opcode: 'text',
      text: 'hello',
      compressed: true,
      frames: [
        {
          fin: true,
          rsv1: true,
          rsv2: false,
          rsv3: false,
          opcode: 1,
          masked: true,
          maskKey: 'a1b2c3d4',
          payloadLength: 7,
        },
      ],
    },
    { from: 'server', t: 2.25, opcode: 'binary', base64: '3q2+7w==', compressed: false },
    // Text bytes that are not UTF-8: only base64 can carry them.
    { from: 'server', t: 3, opcode: 'text', base64: '//4=', compressed: false },
  ],
  close: { initiator: 'client', code: 4000, reason: 'done', replyCode: 4000, t: 5 },
  duration: 6.5,
};
const conversation: Conversation = { source: 'mitmproxy-flows', connections: [connection] };

const reread = (c: Conversation): Conversation =>
  conversationFromHar(JSON.parse(harText(toHar(c, { tool: 'wstap 9.9.9' })))).conversation;
const model = (c: Conversation): unknown =>
  c.connections.map(({ sourceFields: _s, ...rest }) => ({
    ...rest,
    messages: rest.messages.map(({ sourceFields: _m, ...m }) => m),
  }));

describe('toHar', () => {
  it('writes Chrome’s dialect with wstap’s extras, and reads back to the same connection', () => {
    const har = toHar(conversation, { tool: 'wstap 9.9.9' });
    expect(har.log).toMatchObject({
      version: '1.2',
      creator: { name: 'wstap', version: '9.9.9' },
      pages: [],
    });
    const entry = har.log.entries[0] as Record<string, unknown>;
    expect(entry).toMatchObject({
      startedDateTime: '2026-03-01T10:00:00.000Z',
      time: 6.5,
      _resourceType: 'websocket',
      request: {
        method: 'GET',
        url: connection.url,
        queryString: [
          { name: 'room', value: 'red' },
          { name: 'x', value: 'a b' },
        ],
      },
      response: {
        status: 101,
        statusText: 'Switching Protocols',
        content: { size: 0, mimeType: 'x-unknown' },
      },
      _closeInitiator: 'client',
      _closeCode: 4000,
      _closeReason: 'done',
      _wstapStartedAt: START,
    });
    expect(entry._webSocketMessages).toEqual([
      {
        type: 'send',
        time: 1772359200.00175,
        opcode: 1,
        data: 'hello',
        _frames: connection.messages[0]?.frames,
        _compressed: true,
      },
      { type: 'receive', time: 1772359200.0025, opcode: 2, data: '3q2+7w==', _compressed: false },
      {
        type: 'receive',
        time: 1772359200.00325,
        opcode: 1,
        data: '//4=',
        _compressed: false,
        _encoding: 'base64',
      },
    ]);
    expect(model(reread(conversation))).toEqual(model(conversation));
  });

  it('keeps what a HAR source had besides the connections: fields at every level, other entries', () => {
    const source = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        browser: { name: 'Chrome', version: '140' },
        comment: 'saved by hand',
        pages: [{ id: 'page_1', title: 'x', startedDateTime: '2026-03-01T09:59:59.000Z', pageTimings: {} }],
        entries: [
          {
            startedDateTime: '2026-03-01T10:00:01.000Z',
            request: { url: 'https://x/api' },
            response: { status: 200 },
          },
          {
            startedDateTime: '2026-03-01T10:00:00.000Z',
            time: 3,
            _resourceType: 'websocket',
            _priority: 'High',
            request: {
              method: 'GET',
              url: 'wss://x/ws',
              httpVersion: 'HTTP/1.1',
              headers: [],
              cookies: [{ name: 'sid', value: '1' }],
              headersSize: 80,
              bodySize: 0,
            },
            response: {
              status: 101,
              statusText: 'Switching Protocols',
              headers: [],
              content: { size: 0, mimeType: 'x-unknown' },
              _transferSize: 9,
            },
            timings: { send: 0, wait: 1, receive: 0, _blocked_queueing: 0.5 },
            _webSocketMessages: [{ type: 'send', time: 1772359200.5, opcode: 1, data: 'hi', _note: 'kept' }],
          },
        ],
      },
    };
    const read = conversationFromHar(source).conversation;
    const written = JSON.parse(harText(toHar(read, { tool: 'wstap 9.9.9' })));
    expect(written.log).toMatchObject({
      browser: { name: 'Chrome', version: '140' },
      comment: 'saved by hand',
      pages: source.log.pages,
    });
    // Entries in order of their start: the WebSocket (10:00:00) before the API call (10:00:01).
    expect(written.log.entries[1]).toEqual(source.log.entries[0]);
    const ws = written.log.entries[0];
    expect(ws).toMatchObject({
      _priority: 'High',
      time: 3,
      startedDateTime: '2026-03-01T10:00:00.000Z',
      timings: { _blocked_queueing: 0.5 },
    });
    expect(ws.request).toMatchObject({ cookies: [{ name: 'sid', value: '1' }], headersSize: 80 });
    expect(ws.response._transferSize).toBe(9);
    expect(ws._webSocketMessages).toEqual([
      { _note: 'kept', type: 'send', time: 1772359200.5, opcode: 1, data: 'hi' },
    ]);
    // Writing what was written again changes nothing.
    const again = JSON.parse(
      harText(toHar(conversationFromHar(written).conversation, { tool: 'wstap 9.9.9' })),
    );
    expect(again).toEqual(written);
  });
});
