import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationConnection } from './conversation.js';
import { conversationFromEvents } from './from-recording.js';
import { recordingEvents, recordingFileText } from './recording-text.js';
import { recordingFromConversation } from './to-recording.js';

const base: ConversationConnection = {
  id: 1,
  url: 'wss://chat.example.com/socket?room=red',
  startedAt: 1772359200000.125,
  requestHeaders: [
    ['Upgrade', 'websocket'],
    ['Sec-WebSocket-Protocol', 'chat'],
  ],
  status: 101,
  responseHeaders: [['Sec-WebSocket-Protocol', 'chat']],
  subprotocol: 'chat',
  extensions: null,
  opened: 4.5,
  messages: [
    { from: 'client', t: 10.5, opcode: 'text', text: 'héllo' },
    { from: 'server', t: 12, opcode: 'binary', base64: 'AQID+g==' },
    { from: 'server', t: 13, opcode: 'text', base64: '//4=' },
  ],
  close: { initiator: 'server', code: 4000, reason: 'room closed', replyCode: 4000, t: 20 },
  duration: 21.5,
};

/** What a recording made from a conversation must give back. */
const view = (c: ConversationConnection): unknown => ({
  url: c.url,
  startedAt: c.startedAt,
  requestHeaders: c.requestHeaders,
  status: c.status,
  responseHeaders: c.responseHeaders,
  subprotocol: c.subprotocol,
  opened: c.opened,
  messages: c.messages.map((m) => ({
    from: m.from,
    t: m.t,
    opcode: m.opcode,
    text: m.text,
    base64: m.base64,
  })),
  close: c.close,
  duration: c.duration,
});

function roundTrip(conversation: Conversation): Conversation {
  const recording = recordingFromConversation(conversation, 'wstap 9.9.9');
  const { header, events } = recordingEvents(recording);
  expect(header).toMatchObject({
    format: 'wstap-recording',
    version: 1,
    tool: 'wstap 9.9.9',
    connections: [],
  });
  return conversationFromEvents(events, header.anchor);
}

describe('recordingFromConversation', () => {
  it('writes the events of a client session, messages whole and no wire records, that read back to the conversation', () => {
    const second: ConversationConnection = {
      ...base,
      id: 7,
      startedAt: base.startedAt + 1000,
      close: { initiator: 'none', code: null, reason: '', replyCode: null, t: 3 },
      duration: 3,
    };
    const conversation: Conversation = { source: 'har-chrome', connections: [base, second] };
    const text = recordingFileText(recordingFromConversation(conversation, 'wstap 9.9.9'));
    expect(text).not.toMatch(/"type":"wire/);
    expect(text.split('\n')[2]).toBe(
      '{"conn":1,"seq":1,"t":0,"wall":1772359200000.125,"type":"upgrade-request","requestLine":"GET /socket?room=red HTTP/1.1","headers":[["Upgrade","websocket"],["Sec-WebSocket-Protocol","chat"]]}',
    );
    const back = roundTrip(conversation);
    expect(back.connections.map(view)).toEqual([base, second].map(view));
  });

  it('writes the verdict a user reads in wstap show, and says when the answer to a Close is unknown', () => {
    const closedLine = (c: ConversationConnection): Record<string, unknown> => {
      const { events } = recordingEvents(
        recordingFromConversation({ source: 'mitmproxy-flows', connections: [c] }, 'wstap 9.9.9'),
      );
      return events.find((e) => e.type === 'closed') as unknown as Record<string, unknown>;
    };
    expect(closedLine(base)).toMatchObject({
      initiator: 'peer',
      code: 4000,
      explanation: 'server closed with 4000 Private use "room closed"; we answered 4000 Private use',
    });
    const unknown = closedLine({ ...base, close: { ...base.close!, replyCode: null } });
    expect(unknown.explanation).toBe(
      'server closed with 4000 Private use "room closed"; the answer is not recorded',
    );
    expect(closedLine({ ...base, close: null, duration: null })).toBeUndefined();
  });

  it('writes a refused handshake without an open', () => {
    const refused: ConversationConnection = {
      ...base,
      status: 401,
      messages: [],
      close: { initiator: 'none', code: null, reason: '', replyCode: null, t: 2 },
    };
    const { events } = recordingEvents(
      recordingFromConversation({ source: 'har-chrome', connections: [refused] }, 'wstap 9.9.9'),
    );
    expect(events.map((e) => e.type)).toEqual([
      'connecting',
      'upgrade-request',
      'upgrade-response',
      'closed',
    ]);
    expect(events[3]).toMatchObject({
      explanation: expect.stringMatching(/^server answered 401 instead of 101 Switching Protocols/),
    });
  });
});
