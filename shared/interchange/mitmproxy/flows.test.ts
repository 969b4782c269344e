import { describe, expect, it } from 'vitest';
import { conversationFromFlows } from './flows.js';
import { parseTnetstrings } from './tnetstring.js';
import { tnetFile, type TnetInput } from './tnetstring.test-util.js';

const b = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A flow shaped like mitmproxy 8.1's (flow format 17), trimmed to what an import reads and a little more. */
function wsFlow(
  overrides: {
    request?: Record<string, TnetInput>;
    websocket?: Record<string, TnetInput> | null;
    version?: number;
  } = {},
): TnetInput {
  return {
    type: 'http',
    version: overrides.version ?? 17,
    request: {
      path: b('/chat?x=1'),
      authority: b(''),
      scheme: b('http'),
      method: b('GET'),
      port: 43429,
      host: '127.0.0.1',
      timestamp_start: { float: 1795304386.8839693 },
      headers: [
        [b('Upgrade'), b('websocket')],
        [b('Host'), b('127.0.0.1:43429')],
      ],
      ...overrides.request,
    },
    response: {
      status_code: 101,
      reason: b('Switching Protocols'),
      timestamp_start: { float: 1795304386.8899992 },
      headers: [[b('Sec-WebSocket-Protocol'), b('chat')]],
    },
    websocket:
      overrides.websocket === null
        ? null
        : {
            messages: [
              [1, true, b('hello'), { float: 1795304386.8928354 }, false, false],
              [2, false, Uint8Array.of(0xde, 0xad), { float: 1795304386.894 }, false, false],
              [1, false, Uint8Array.of(0xff, 0xfe), { float: 1795304386.895 }, false, false],
            ],
            closed_by_client: false,
            close_code: 4000,
            close_reason: 'room closed',
            timestamp_end: { float: 1795304387.10395 },
            ...overrides.websocket,
          },
  };
}

const read = (...flows: TnetInput[]) => conversationFromFlows(parseTnetstrings(tnetFile(...flows)));

describe('conversationFromFlows', () => {
  it('reads a WebSocket flow: URL, handshake, sides, times in ms from the request, the close', () => {
    const conversation = read(wsFlow());
    expect(conversation.source).toBe('mitmproxy-flows');
    expect(conversation.warnings).toEqual([]);
    const [c] = conversation.connections;
    expect(c).toMatchObject({
      id: 1,
      url: 'ws://127.0.0.1:43429/chat?x=1',
      startedAt: 1795304386883.969,
      status: 101,
      subprotocol: 'chat',
      extensions: null,
      opened: 6.03,
      close: { initiator: 'server', code: 4000, reason: 'room closed', replyCode: null, t: 219.981 },
      duration: 219.981,
    });
    expect(c?.requestHeaders).toEqual([
      ['Upgrade', 'websocket'],
      ['Host', '127.0.0.1:43429'],
    ]);
    expect(c?.messages).toEqual([
      { from: 'client', t: 8.866, opcode: 'text', text: 'hello' },
      { from: 'server', t: 10.031, opcode: 'binary', base64: '3q0=' },
      // A text message that is not UTF-8 keeps its bytes, as base64.
      { from: 'server', t: 11.031, opcode: 'text', base64: '//4=' },
    ]);
  });

  it('numbers connections by flow, skips other flows, and builds wss and IPv6 URLs', () => {
    const plain = { type: 'http', version: 17, request: {}, websocket: null };
    const https = wsFlow({ request: { scheme: b('https'), port: 443, host: b('::1') } });
    const conversation = read(plain, https, { type: 'tcp', version: 17 });
    expect(conversation.connections.map((c) => [c.id, c.url])).toEqual([[2, 'wss://[::1]/chat?x=1']]);
  });

  it('leaves out dropped messages with a warning, and reads drops and empty Closes', () => {
    const dropped = wsFlow({
      websocket: { messages: [[1, true, b('gone'), { float: 1795304386.9 }, true, false]], close_code: 1006 },
    });
    const conversation = read(dropped);
    expect(conversation.warnings).toEqual([
      'flow 1 (byte 0): 1 message mitmproxy dropped (never delivered) left out',
    ]);
    expect(conversation.connections[0]?.messages).toEqual([]);
    expect(conversation.connections[0]?.close).toMatchObject({ initiator: 'none', code: null });
    expect(
      read(wsFlow({ websocket: { close_code: 1005, closed_by_client: true } })).connections[0]?.close,
    ).toMatchObject({ initiator: 'client', code: null });
    expect(read(wsFlow({ websocket: { closed_by_client: null } })).connections[0]?.close).toBeNull();
  });

  it('says what is wrong, and where', () => {
    expect(() => read(wsFlow({ version: 11 }))).toThrow(
      /^flow 1 \(byte 0\): flow format 11 is from mitmproxy 6 or older.*mitmproxy 7 or newer$/,
    );
    expect(() => read({ type: 'http', version: 17, websocket: null })).toThrow(
      /^none of the 1 flows is a WebSocket connection$/,
    );
    expect(() =>
      read(wsFlow({ websocket: { messages: [[8, true, b('x'), { float: 1 }, false, false]] } })),
    ).toThrow(/^flow 1 \(byte 0\)\.websocket\.messages\[0\]\[0\]: expected opcode 1 or 2, got 8$/);
    expect(() => read(wsFlow({ request: { timestamp_start: null } }))).toThrow(
      /^flow 1 \(byte 0\)\.request\.timestamp_start: expected a number, got null$/,
    );
    expect(() => read([1, 2])).toThrow(/^flow 1 \(byte 0\): expected an object, got \[1,2\]$/);
  });
});
