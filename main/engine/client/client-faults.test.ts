// Fault injection: each broken frame the engine can send on purpose, what the tap saw in it, and
// how a strict server (ws) failed the connection — named in the verdict.
import { afterEach, describe, expect, it } from 'vitest';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { echo, startTestServer, type TestServer } from './ws-server.test-util.js';

let engine: Engine;
let server: TestServer | null = null;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  server = null;
});

const cases: [string, FrameSpec, string, number, RegExp][] = [
  ['a reserved opcode', { opcode: 3, payload: 'x', mask: true }, 'RESERVED_OPCODE', 1002, /after we sent reserved-3 frame \(RESERVED_OPCODE\)/],
  ['an unmasked client frame', { opcode: OPCODE.TEXT, payload: 'plain' }, 'UNMASKED_CLIENT_FRAME', 1002, /after we sent unmasked text frame \(UNMASKED_CLIENT_FRAME\)/],
  ['invalid UTF-8 in a text message', { opcode: OPCODE.TEXT, payload: Uint8Array.of(0x6f, 0x6b, 0xc3, 0x28), mask: true }, 'INVALID_UTF8', 1007, /1007 Invalid Frame Payload Data .*after we sent text frame \(INVALID_UTF8\)/],
  ['a 126-byte ping', { opcode: OPCODE.PING, payload: new Uint8Array(126), mask: true }, 'CONTROL_PAYLOAD_TOO_LONG', 1002, /after we sent ping \(CONTROL_PAYLOAD_TOO_LONG\)/],
];

describe('fault injection', () => {
  it.each(cases)('%s: the tap flags it and the verdict names it', async (_name, spec, code, closeCode, verdict) => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url, perMessageDeflate: false });
    await engine.opened(id);
    await engine.sendRaw(id, [spec]);
    await engine.done(id);
    const sent = log.of('frame').find((f) => f.dir === 'out' && f.opcode === spec.opcode)!;
    expect(sent.violations.map((v) => v.code)).toContain(code);
    const closed = log.of('closed')[0]!;
    expect(closed.received?.code).toBe(closeCode);
    expect(closed.explanation).toMatch(/^server failed the connection: /);
    expect(closed.explanation).toMatch(verdict);
  });
});
