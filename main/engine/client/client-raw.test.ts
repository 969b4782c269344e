// sendBytes (hand-made frames written as they are) and the runtime auto-pong toggle, against a
// real ws server: what the server received, and what the tap reported.
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { encodeFrame } from '../../../shared/protocol/encoder.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { startTestServer, type TestServer } from './ws-server.test-util.js';

let engine: Engine;
let server: TestServer | null = null;
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  server = null;
});

describe('sendBytes', () => {
  it('writes the bytes unchanged; the tap decodes them as the frame they are', async () => {
    const got: string[] = [];
    server = await startTestServer((ws) => ws.on('message', (data) => got.push(String(data))));
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url, perMessageDeflate: false });
    await engine.opened(id);
    const bytes = encodeFrame({ opcode: OPCODE.TEXT, payload: 'by hand', mask: 0x01020304 });
    await engine.sendBytes(id, bytes);
    const frame = await log.waitFor('frame', (f) => f.dir === 'out' && f.opcode === OPCODE.TEXT);
    expect(frame).toMatchObject({ maskKey: '01020304', text: 'by hand', violations: [] });
    await expect.poll(() => got).toEqual(['by hand']);
    expect(Buffer.concat(server.raw[0]!.received).subarray(-bytes.length)).toEqual(Buffer.from(bytes));
  });

  it('refuses when the connection is not open', async () => {
    server = await startTestServer(() => undefined);
    engine = createEngine();
    const id = engine.connect({ url: server.url });
    expect(() => engine.sendBytes(id, Uint8Array.of(0x81, 0x00))).toThrow(/nothing can be sent/);
  });
});

describe('setAutoPong', () => {
  async function pingsAnswered(initial: boolean | undefined, toggles: boolean[]): Promise<string[]> {
    let peer: WebSocket | null = null;
    const pongs: string[] = [];
    server = await startTestServer((ws) => {
      peer = ws;
      ws.on('pong', (data) => pongs.push(String(data)));
    });
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({ url: server.url, autoPong: initial });
    await engine.opened(id);
    for (const [i, on] of toggles.entries()) {
      engine.setAutoPong(id, on);
      peer!.ping(`p${i}`);
      await log.waitFor('frame', (f) => f.dir === 'in' && f.opcode === OPCODE.PING && f.text === `p${i}`);
    }
    // A last ping with pongs on: once its pong is back, every earlier answer has arrived too.
    engine.setAutoPong(id, true);
    peer!.ping('last');
    await expect.poll(() => pongs.at(-1)).toBe('last');
    return pongs.slice(0, -1);
  }

  it('stops and resumes answering pings on a live connection', async () => {
    expect(await pingsAnswered(undefined, [false, true, false])).toEqual(['p1']);
  });

  it('turns answering on for a connection that started without it', async () => {
    expect(await pingsAnswered(false, [true, true])).toEqual(['p0', 'p1']);
  });
});
