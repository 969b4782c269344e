import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { FrameEvent, MessageEvent, SessionEvent } from '../../../shared/model/events.js';
import { handshakeViolation } from '../../../shared/protocol/handshake-rules.js';
import { violation } from '../../../shared/protocol/violations.js';
import { humanEventPrinter, jsonEventPrinter, type HumanOptions, type OutputLine } from './event-printer.js';

const plain = pc.createColors(false);
const defaults: HumanOptions = { frames: false, pretty: false, include: false, showPingPong: false, base64: false };
const base = { conn: 1, seq: 0, wall: 1_700_000_000_000 };

function frame(fields: Partial<FrameEvent>): FrameEvent {
  return {
    ...base,
    type: 'frame',
    t: 0,
    dir: 'in',
    id: 1,
    index: 0,
    offset: 0,
    headerLength: 2,
    fin: true,
    rsv1: false,
    rsv2: false,
    rsv3: false,
    opcode: 1,
    opcodeName: 'text',
    masked: false,
    maskKey: null,
    payloadLength: 5,
    lengthBits: 7,
    lengthMinimal: true,
    message: 0,
    compressed: false,
    text: 'hello',
    closeCode: null,
    closeReason: null,
    closeName: null,
    violations: [],
    ...fields,
  } as FrameEvent;
}

function message(fields: Partial<MessageEvent>): MessageEvent {
  return {
    ...base,
    type: 'message',
    t: 0,
    dir: 'in',
    index: 0,
    opcodeName: 'text',
    firstFrame: 0,
    frameCount: 1,
    offset: 0,
    wireLength: 5,
    compressed: false,
    text: 'hello',
    size: 5,
    violations: [],
    ...fields,
  } as MessageEvent;
}

/** Prints events with a printer that first saw a `connecting` at t=1000. */
function print(events: SessionEvent[], options: Partial<HumanOptions> = {}): OutputLine[] {
  const printer = humanEventPrinter({ ...defaults, ...options }, plain, plain);
  printer.lines({ ...base, type: 'connecting', t: 1000, role: 'client', url: 'ws://h/', attempt: 1, session: 1 });
  return events.flatMap((e) => printer.lines(e));
}
const out = (lines: OutputLine[]) => lines.filter((l) => l.to === 'out').map((l) => l.text);
const err = (lines: OutputLine[]) => lines.filter((l) => l.to === 'err').map((l) => l.text);

describe('human output', () => {
  it('messages: direction, time since connect, type, size, text (escaped)', () => {
    const lines = print([
      message({ t: 1012.3456, dir: 'out', text: 'hi\nthere', size: 8 }),
      message({ t: 2234, text: '{"a":1}', size: 7, frameCount: 3, compressed: true, wireLength: 5 }),
    ]);
    expect(out(lines)).toEqual(['> +0.012s [text 8 B] hi\\nthere', '< +1.234s [text 7 B, 3 frames, 5 B on the wire] {"a":1}']);
  });

  it('without a connecting first (a recording begun mid-session), times count from the first event', () => {
    const printer = humanEventPrinter(defaults, plain, plain);
    const lines = [message({ t: 5000, text: 'a', size: 1 }), message({ t: 5250.5, text: 'b', size: 1 })].flatMap((e) => printer.lines(e));
    expect(out(lines)).toEqual(['< +0.000s [text 1 B] a', '< +0.251s [text 1 B] b']);
  });

  it('binary: a 16-byte hex preview, or base64 in full', () => {
    const bytes = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(100)]);
    const event = message({ t: 1000, opcodeName: 'binary', text: undefined, base64: bytes.toString('base64'), size: 70000 });
    expect(out(print([event]))).toEqual(['< +0.000s [binary 70000 B] 89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52 …']);
    expect(out(print([event], { base64: true }))).toEqual([`< +0.000s [binary 70000 B] ${bytes.toString('base64')}`]);
  });

  it('--pretty: JSON objects over indented lines, C1 controls escaped', () => {
    expect(out(print([message({ t: 1000, text: '{"a":[1],"b":"\u009b"}', size: 12 })], { pretty: true }))).toEqual([
      '< +0.000s [text 12 B]',
      '    {',
      '      "a": [',
      '        1',
      '      ],',
      '      "b": "\\u009b"',
      '    }',
    ]);
    expect(out(print([message({ t: 1000, text: 'plain', size: 5 })], { pretty: true }))).toEqual(['< +0.000s [text 5 B] plain']);
  });

  it('data frames show as their messages; pings only with -P; closes always', () => {
    const ping = frame({ t: 1100, opcode: 9, opcodeName: 'ping', text: 'hb', payloadLength: 2, message: null });
    const close = frame({ t: 1200, dir: 'out', opcode: 8, opcodeName: 'close', masked: true, maskKey: '01020304', text: undefined, base64: 'A+hieWU=', payloadLength: 5, closeCode: 1000, closeReason: 'bye', closeName: 'Normal Closure', message: null });
    expect(out(print([frame({}), ping, close]))).toEqual(['> +0.200s close 1000 Normal Closure "bye"']);
    expect(out(print([ping], { showPingPong: true }))).toEqual(['< +0.100s ping "hb"']);
  });

  it('a frame that broke a rule is shown with the rule, in any mode', () => {
    const bad = frame({ t: 1000, rsv2: true, violations: [violation('RSV_NOT_NEGOTIATED', 'RSV2')] });
    expect(out(print([bad]))).toEqual([
      '< +0.000s ✗ frame FIN RSV2 op=text unmasked len=5/7-bit  "hello"',
      '   ✗ RSV_NOT_NEGOTIATED: RSV bit set without a negotiated extension that defines it: RSV2 — a strict peer closes with 1002 (RFC 6455 §5.2)',
    ]);
  });

  it('--frames: one line per frame with its bits; compressed messages add their content', () => {
    const lines = print(
      [
        frame({ t: 1001, dir: 'out', masked: true, maskKey: '3f9a12c0', payloadLength: 126, lengthBits: 16, rsv1: true, compressed: true, text: undefined, base64: 'AA==' }),
        message({ t: 1001, dir: 'out', compressed: true, wireLength: 126, text: 'x'.repeat(300), size: 300 }),
        frame({ t: 1002, opcode: 8, opcodeName: 'close', text: undefined, payloadLength: 0, message: null }),
      ],
      { frames: true },
    );
    expect(out(lines)).toEqual([
      '> +0.001s FIN RSV1 op=text mask=3f9a12c0 len=126/16-bit  [compressed 126 B]',
      `          = [text 300 B, 126 B on the wire] "${'x'.repeat(80)}…" (300 B)`,
      '< +0.002s FIN op=close unmasked len=0/7-bit  no status code (1005)',
    ]);
  });

  it('a refused handshake shows its status, telling headers and body on stderr', () => {
    const lines = print([
      {
        ...base,
        type: 'upgrade-response',
        t: 1003,
        statusLine: 'HTTP/1.1 401 Unauthorized',
        status: 401,
        headers: [
          ['Date', 'today'],
          ['WWW-Authenticate', 'Bearer realm="x"'],
        ],
        body: { text: '{"error":"invalid token"}\n', length: 26, truncated: false },
        ms: 3,
        violations: [handshakeViolation('HANDSHAKE_NOT_101', '401 Unauthorized')],
      },
    ]);
    expect(err(lines)).toEqual(['< HTTP/1.1 401 Unauthorized', '< WWW-Authenticate: Bearer realm="x"', '< body (26 B):', '<   {"error":"invalid token"}']);
    expect(out(lines)).toEqual([]);
  });

  it('-i shows the request and the 101; without it a 101 is one "connected" line', () => {
    const events: SessionEvent[] = [
      { ...base, type: 'upgrade-request', t: 1001, requestLine: 'GET / HTTP/1.1', headers: [['Host', 'h']] },
      { ...base, type: 'upgrade-response', t: 1002, statusLine: 'HTTP/1.1 101 Switching Protocols', status: 101, headers: [['Upgrade', 'websocket']], body: null, ms: 1, violations: [] },
      { ...base, type: 'open', t: 1002, subprotocol: 'chat', extensions: null, ms: 2.5 },
    ];
    expect(err(print(events))).toEqual(['connected in 2.5 ms (subprotocol chat)']);
    expect(err(print(events, { include: true }))).toEqual([
      '> GET / HTTP/1.1',
      '> Host: h',
      '< HTTP/1.1 101 Switching Protocols',
      '< Upgrade: websocket',
      'connected in 2.5 ms (subprotocol chat)',
    ]);
  });

  it('the close verdict, errors after open, and keep-alive round trips only with -P', () => {
    const closed: SessionEvent = {
      ...base,
      type: 'closed',
      t: 2000,
      initiator: 'peer',
      sent: null,
      received: null,
      code: 1006,
      handshakeMs: null,
      tcpClean: false,
      explanation: 'server closed TCP without a Close frame (1006): no close handshake',
      duration: 1000,
      framesIn: 1,
      framesOut: 1,
      bytesIn: 7,
      bytesOut: 11,
    };
    const connectError: SessionEvent = { ...base, type: 'error', t: 1001, code: 'CONNECT_FAILED', message: 'ECONNREFUSED' };
    const heartbeat: SessionEvent = { ...base, type: 'rtt', t: 1500, payload: 'wstap-heartbeat-1', rtt: 0.4 };
    const mine: SessionEvent = { ...base, type: 'rtt', t: 1500, payload: 'abc', rtt: 12 };
    expect(err(print([connectError, heartbeat, mine, closed]))).toEqual([
      'round trip 12 ms (ping "abc")',
      'closed: server closed TCP without a Close frame (1006): no close handshake',
    ]);
    expect(err(print([heartbeat], { showPingPong: true }))).toEqual(['round trip 0.4 ms (ping "wstap-heartbeat-1")']);
  });

  it('colors: direction arrows, closes and violations; none with a plain palette', () => {
    const colored = humanEventPrinter(defaults, pc.createColors(true), pc.createColors(true));
    expect(colored.lines(message({})).map((l) => l.text)[0]).toContain('\u001b[');
  });
});

describe('--json output', () => {
  it('prints every event as it is, one per line', () => {
    const event = message({ t: 12.5 });
    expect(jsonEventPrinter().lines(event)).toEqual([{ to: 'out', text: JSON.stringify(event) }]);
  });
});
