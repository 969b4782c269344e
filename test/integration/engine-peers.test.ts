// The engine against servers no one here wrote: gorilla/websocket (the Go guides' echo and chat
// servers) and python3-websockets. For each: connect, send text, binary, fragmented and compressed
// messages, ping, close with 4000; check the decoded frames (bits, keys, lengths, close codes) and
// the timeline.
import { afterAll, afterEach, expect, it } from 'vitest';
import type { FrameEvent } from '../../shared/model/events.js';
import { OPCODE } from '../../shared/protocol/opcodes.js';
import { createEngine, type Engine } from '../../main/engine/engine.js';
import { EventLog, MemoryRecording } from '../../main/engine/engine.test-util.js';
import { decodeAll } from '../../shared/protocol/decode-all.js';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import type { RunningPeer } from '../peers/process.js';
import { startPythonServer } from '../peers/python.js';

const [go, python] = await Promise.all([requirePeers('go'), requirePeers('python')]);

const peers: RunningPeer[] = [];
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});
afterAll(() => Promise.all(peers.map((peer) => peer.stop())));

async function started(peer: Promise<RunningPeer>): Promise<RunningPeer> {
  const running = await peer;
  peers.push(running);
  return running;
}

/** The whole exchange the issue asks for, against an echo server that negotiates permessage-deflate. */
async function exchange(
  url: string,
  peer: { closeReasonEchoed: boolean; contextTakeover: boolean },
): Promise<void> {
  engine = createEngine();
  const log = new EventLog(engine);
  const recording = new MemoryRecording();
  engine.record(recording);
  const id = engine.connect({ url, perMessageDeflate: { threshold: 16 } });
  expect(await engine.opened(id)).toBe(true);
  const open = log.of('open')[0]!;
  expect(open.extensions).toMatch(/^permessage-deflate/);

  await engine.send(id, { kind: 'text', text: 'short' }); // under the threshold: not compressed
  await engine.send(id, { kind: 'binary', bytes: Uint8Array.from({ length: 300 }, (_, i) => i % 256) });
  await engine.send(id, { kind: 'text', text: 'fragment '.repeat(100) }, { fragments: 3, compress: false });
  await engine.send(id, { kind: 'text', text: 'compress me '.repeat(50) });
  const echoed = (text: string) => log.waitFor('message', (m) => m.dir === 'in' && m.text === text);
  await echoed('short');
  await log.waitFor('message', (m) => m.dir === 'in' && m.opcodeName === 'binary');
  await echoed('fragment '.repeat(100));
  await echoed('compress me '.repeat(50));
  engine.ping(id, 'rtt?');
  const rtt = await log.waitFor('rtt');
  expect(rtt.payload).toBe('rtt?');
  engine.close(id, { code: 4000, reason: 'done' });
  await engine.done(id);

  const out = log.of('frame').filter((f) => f.dir === 'out');
  const inbound = log.of('frame').filter((f) => f.dir === 'in');
  // Client frames: all masked, every key different; server frames never masked.
  expect(out.every((f) => f.masked && f.maskKey !== null)).toBe(true);
  expect(new Set(out.map((f) => f.maskKey)).size).toBe(out.length);
  expect(inbound.every((f) => !f.masked && f.maskKey === null)).toBe(true);
  expect([...out, ...inbound].flatMap((f) => f.violations)).toEqual([]);

  const data = (frames: FrameEvent[]) => frames.filter((f) => f.opcode <= OPCODE.BINARY);
  const sent = data(out);
  expect(sent.map((f) => [f.opcodeName, f.fin, f.rsv1])).toEqual([
    // ws applies its threshold only without context takeover (gorilla); python keeps the context.
    ['text', true, peer.contextTakeover],
    ['binary', true, true],
    ['text', false, false],
    ['continuation', false, false],
    ['continuation', true, false],
    ['text', true, true],
  ]);
  expect(sent[1]!.compressed).toBe(true);
  expect(sent.slice(2, 5).map((f) => f.payloadLength)).toEqual([300, 300, 300]);
  expect(sent.slice(2, 5).map((f) => f.lengthBits)).toEqual([16, 16, 16]);

  // What the tap recorded decodes, independently, to the same frames.
  const conn = open.conn;
  const redecoded = decodeAll(recording.stream(conn, 'in'), { sender: 'server', perMessageDeflate: true });
  expect(redecoded.frames.map((f) => [f.opcode, f.fin, f.rsv1, f.payloadLength])).toEqual(
    inbound.map((f) => [f.opcode, f.fin, f.rsv1, f.payloadLength]),
  );

  const closed = log.of('closed')[0]!;
  expect(closed.sent).toMatchObject({ code: 4000, reason: 'done' });
  expect(closed.received).toMatchObject({ code: 4000, reason: peer.closeReasonEchoed ? 'done' : '' });
  expect(closed).toMatchObject({ initiator: 'us', code: 4000 });
  expect(closed.explanation).toMatch(/^we closed with 4000 Private use "done"; the server answered 4000/);
  const types = log.types(conn).filter((t) => t !== 'frame' && t !== 'message');
  expect(types).toEqual([
    'connecting',
    'tcp',
    'upgrade-request',
    'upgrade-response',
    'open',
    'rtt',
    'closed',
  ]);
}

describeWithPeers(go, 'engine vs gorilla/websocket', () => {
  it('echo server (-compress): text, binary, fragments, compression, ping, close 4000', async () => {
    const echo = await started(startGoPeer('echo', ['-compress']));
    await exchange(`ws://127.0.0.1:${echo.port}/echo`, { closeReasonEchoed: false, contextTakeover: false });
  });

  it("echo server: a server-initiated close and a server ping, with gorilla's own fragmentation", async () => {
    const echo = await started(startGoPeer('echo', ['-compress']));
    engine = createEngine();
    const log = new EventLog(engine);
    const id = engine.connect({
      url: `ws://127.0.0.1:${echo.port}/echo?wbuf=256`,
      perMessageDeflate: { threshold: 0 },
    });
    await engine.opened(id);
    await engine.send(id, { kind: 'text', text: 'ping:from gorilla' });
    await log.waitFor('frame', (f) => f.dir === 'out' && f.opcode === OPCODE.PONG);
    // Incompressible enough that the compressed message is several 256-byte write buffers long.
    let seed = 7;
    const noise = Array.from({ length: 3000 }, () =>
      String.fromCharCode(33 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 90)),
    ).join('');
    await engine.send(id, { kind: 'text', text: `xxxx${noise}` });
    await log.waitFor('message', (m) => m.dir === 'in' && (m.text ?? '').startsWith('xxxx'));
    await engine.send(id, { kind: 'text', text: 'close:4001:server says bye' });
    await engine.done(id);
    const pong = log.of('frame').find((f) => f.dir === 'out' && f.opcode === OPCODE.PONG)!;
    expect(pong).toMatchObject({ text: 'from gorilla', masked: true });
    const big = log.of('message').find((m) => m.dir === 'in' && (m.text ?? '').startsWith('xxxx'))!;
    expect(big.frameCount).toBeGreaterThan(1);
    expect(big.compressed).toBe(true);
    const closed = log.of('closed')[0]!;
    expect(closed).toMatchObject({
      initiator: 'peer',
      code: 4001,
      received: { code: 4001, reason: 'server says bye' },
    });
    expect(closed.explanation).toMatch(
      /^server closed with 4001 Private use "server says bye"; we answered 4001/,
    );
  });

  it('chat server: two sessions in one room see each other; rooms are separate', async () => {
    const chat = await started(startGoPeer('chat'));
    engine = createEngine();
    const log = new EventLog(engine);
    const base = `ws://127.0.0.1:${chat.port}/ws`;
    const ana = engine.connect({ url: `${base}/red` });
    const bo = engine.connect({ url: `${base}/red` });
    const cy = engine.connect({ url: `${base}/blue` });
    await Promise.all([ana, bo, cy].map((id) => engine!.opened(id)));
    await chat.waitForLine(/^JOIN red 2$/);
    await engine.send(ana, { kind: 'json', value: { from: 'ana', text: 'hi red' } });
    // gorilla reads each client on its own goroutine: bo's message could reach the hub first.
    await log.waitFor('message', (m) => m.conn === 2 && m.opcodeName === 'text' && m.dir === 'in');
    await engine.send(bo, { kind: 'binary', bytes: Uint8Array.of(1, 2, 3) }, { fragments: 3 });
    await log.waitFor('message', (m) => m.conn === 1 && m.opcodeName === 'binary' && m.dir === 'in');
    await log.waitFor('message', (m) => m.conn === 2 && m.opcodeName === 'binary' && m.dir === 'in');
    engine.ping(cy, 'blue?');
    await log.waitFor('rtt', (r) => r.conn === 3);
    for (const id of [ana, bo, cy]) engine.close(id, { code: 4000, reason: 'leaving' });
    await Promise.all([ana, bo, cy].map((id) => engine!.done(id)));
    const inbound = (conn: number) =>
      log
        .of('message', conn)
        .filter((m) => m.dir === 'in')
        .map((m) => m.text ?? m.base64);
    expect(inbound(1)).toEqual(['{"from":"ana","text":"hi red"}', 'AQID']);
    expect(inbound(2)).toEqual(['{"from":"ana","text":"hi red"}', 'AQID']);
    expect(inbound(3)).toEqual([]);
    const fragments = log.of('frame', 2).filter((f) => f.dir === 'out' && f.opcode <= 2);
    expect(fragments.map((f) => [f.opcode, f.fin, f.payloadLength])).toEqual([
      [2, false, 1],
      [0, false, 1],
      [0, true, 1],
    ]);
    expect(log.of('closed').map((c) => c.code)).toEqual([4000, 4000, 4000]);
  });
});

describeWithPeers(python, 'engine vs python3-websockets', () => {
  it('echo server (deflate): text, binary, fragments, compression, ping, close 4000', async () => {
    const server = await started(startPythonServer({ deflate: true }));
    await exchange(`ws://127.0.0.1:${server.port}/`, { closeReasonEchoed: true, contextTakeover: true });
  });
});
