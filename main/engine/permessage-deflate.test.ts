import { once } from 'node:events';
import net from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type PerMessageDeflateOptions } from 'ws';
import { decodeAll } from '../../shared/protocol/decode-all.js';
import {
  perMessageDeflateFromResponse,
  type PerMessageDeflateParams,
} from '../../shared/protocol/extensions.js';
import type { Message, Sender } from '../../shared/protocol/frame.js';
import { Inflater, type InflateResult } from './permessage-deflate.js';

const DEFAULTS: PerMessageDeflateParams = {
  serverNoContextTakeover: false,
  clientNoContextTakeover: false,
  serverMaxWindowBits: null,
  clientMaxWindowBits: null,
};
const MiB = 1024 * 1024;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An inflater closed after the test. */
function inflater(
  params: Partial<PerMessageDeflateParams>,
  sender: Sender,
  maxInflatedSize?: number,
): Inflater {
  const made = new Inflater({ params: { ...DEFAULTS, ...params }, sender, maxInflatedSize });
  cleanups.push(() => made.close());
  return made;
}

/** What a compliant sender puts on the wire: sync-flushed DEFLATE minus the trailer (§7.2.1). */
function compress(deflate: zlib.DeflateRaw, data: string | Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer): number => chunks.push(chunk);
    deflate.on('data', onData);
    deflate.write(data);
    deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
      deflate.off('data', onData);
      const out = Buffer.concat(chunks);
      resolve(out.subarray(0, out.length - 4));
    });
  });
}

function deflater(windowBits = 15): zlib.DeflateRaw {
  const made = zlib.createDeflateRaw({ windowBits });
  cleanups.push(() => made.close());
  return made;
}

function text(result: InflateResult): string {
  if (!result.ok) throw new Error(result.violation.message);
  return new TextDecoder('utf-8', { fatal: true }).decode(result.data);
}

/** A ws server and client with a TCP relay between them that records both directions. */
interface Wire {
  readonly server: WebSocket;
  readonly client: WebSocket;
  /** Frames each side wrote, and the server's Sec-WebSocket-Extensions response. */
  captured(): { toClient: Buffer; toServer: Buffer; extensions: string };
}

async function connect(
  server: PerMessageDeflateOptions,
  client: PerMessageDeflateOptions = {},
): Promise<Wire> {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    perMessageDeflate: { threshold: 0, ...server },
  });
  await once(wss, 'listening');
  const toClient: Buffer[] = [];
  const toServer: Buffer[] = [];
  const sockets: net.Socket[] = [];
  const relay = net.createServer((inbound) => {
    const outbound = net.connect((wss.address() as net.AddressInfo).port, '127.0.0.1');
    sockets.push(inbound, outbound);
    inbound.on('data', (chunk: Buffer) => toServer.push(chunk));
    outbound.on('data', (chunk: Buffer) => toClient.push(chunk));
    inbound.pipe(outbound).on('error', () => undefined);
    outbound.pipe(inbound).on('error', () => undefined);
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  const serverSide = once(wss, 'connection') as Promise<[WebSocket]>;
  const ws = new WebSocket(`ws://127.0.0.1:${(relay.address() as net.AddressInfo).port}`, {
    perMessageDeflate: { threshold: 0, ...client },
  });
  cleanups.push(async () => {
    ws.terminate();
    for (const peer of wss.clients) peer.terminate();
    for (const socket of sockets) socket.destroy();
    await Promise.all([new Promise((done) => wss.close(done)), new Promise((done) => relay.close(done))]);
  });
  const [[accepted]] = await Promise.all([serverSide, once(ws, 'open')]);
  const frames = (chunks: Buffer[]): { head: string; frames: Buffer } => {
    const all = Buffer.concat(chunks);
    const end = all.indexOf('\r\n\r\n') + 4;
    return { head: all.subarray(0, end).toString('latin1'), frames: all.subarray(end) };
  };
  return {
    server: accepted,
    client: ws,
    captured() {
      const down = frames(toClient);
      const line = down.head.split('\r\n').find((l) => /^sec-websocket-extensions:/i.test(l)) ?? '';
      return {
        toClient: down.frames,
        toServer: frames(toServer).frames,
        extensions: line.replace(/^[^:]*:\s*/, ''),
      };
    },
  };
}

/** Resolves once `socket` has received `count` messages (event-driven, no sleeping). */
function received(socket: WebSocket, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    socket.on('message', () => {
      if (++seen === count) resolve();
    });
  });
}

/** Sends `messages` from one side, waits until the other has them all, and decodes the wire. */
async function exchange(
  wire: Wire,
  from: Sender,
  messages: readonly (string | Buffer)[],
): Promise<{ messages: readonly Message[]; params: PerMessageDeflateParams }> {
  const [sender, receiver] = from === 'server' ? [wire.server, wire.client] : [wire.client, wire.server];
  const arrived = received(receiver, messages.length);
  for (const message of messages) sender.send(message);
  await arrived;
  const { toClient, toServer, extensions } = wire.captured();
  const negotiated = perMessageDeflateFromResponse(extensions);
  if (!negotiated.ok || negotiated.value === null) throw new Error(`not negotiated: ${extensions}`);
  const decoded = decodeAll(from === 'server' ? toClient : toServer, {
    sender: from,
    perMessageDeflate: true,
  });
  expect(decoded.messages.every((m) => m.compressed && m.violations.length === 0)).toBe(true);
  return { messages: decoded.messages, params: negotiated.value };
}

function payloadOf(message: Message | undefined): Uint8Array {
  if (message?.payload == null) throw new Error('no payload');
  return message.payload;
}

/** Bytes with no repeats for DEFLATE to find (xorshift32, fixed seed). */
function noise(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 2463534242;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const LINE = 'wstap taps the wire and shows every frame exactly as it crossed; '.repeat(5);

describe('Inflater against a real ws peer', () => {
  it('keeps the LZ77 window across messages (context takeover), in call order', async () => {
    const wire = await connect({});
    const sent = [LINE, LINE, `${LINE}!`, 'tail'];
    const { messages, params } = await exchange(wire, 'server', sent);
    expect(params).toEqual(DEFAULTS);
    const [first, second] = messages;
    // The repeat is a back-reference into the first message: a handful of bytes.
    expect(second?.wireLength).toBeLessThan((first?.wireLength ?? 0) / 5);
    const tap = inflater(params, 'server');
    const results = await Promise.all(messages.map((m) => tap.inflate(payloadOf(m))));
    expect(results.map(text)).toEqual(sent);
    expect(results[0]).toMatchObject({ ok: true, wireLength: first?.wireLength, payloadLength: LINE.length });
    // Without the first message's window the second one cannot inflate.
    const fresh = await inflater(params, 'server').inflate(payloadOf(second));
    expect(fresh).toMatchObject({ ok: false, violation: { code: 'INFLATE_FAILED', closeCode: 1007 } });
    expect(!fresh.ok && fresh.violation.message).toMatch(/invalid distance too far back/);
  });

  it('inflates each message alone under server_no_context_takeover', async () => {
    const wire = await connect({ serverNoContextTakeover: true });
    const { messages, params } = await exchange(wire, 'server', [LINE, LINE, LINE]);
    expect(params.serverNoContextTakeover).toBe(true);
    expect(new Set(messages.map((m) => m.wireLength)).size).toBe(1);
    const tap = inflater(params, 'server');
    expect((await Promise.all(messages.map((m) => tap.inflate(payloadOf(m))))).map(text)).toEqual([
      LINE,
      LINE,
      LINE,
    ]);
    expect(text(await inflater(params, 'server').inflate(payloadOf(messages[2])))).toBe(LINE);
  });

  it('reads what a client compresses with client_max_window_bits=10', async () => {
    const wire = await connect({ clientMaxWindowBits: 10 });
    const sent = [LINE, Buffer.from(LINE.repeat(40)), 'short'];
    const { messages, params } = await exchange(wire, 'client', sent);
    expect(params.clientMaxWindowBits).toBe(10);
    expect(messages.map((m) => m.opcode)).toEqual([1, 2, 1]);
    const tap = inflater(params, 'client');
    const results = await Promise.all(messages.map((m) => tap.inflate(payloadOf(m))));
    expect(results.map(text)).toEqual([LINE, LINE.repeat(40), 'short']);
  });

  it('inflates a text message to valid UTF-8, fragmented or not', async () => {
    const wire = await connect({});
    const message = 'héllo wörld — ✓ 🎉 '.repeat(20);
    const arrived = received(wire.client, 2);
    wire.server.send(message);
    wire.server.send(message.slice(0, 10), { fin: false });
    wire.server.send(message.slice(10), { fin: true });
    await arrived;
    const decoded = decodeAll(wire.captured().toClient, { sender: 'server', perMessageDeflate: true });
    expect(decoded.messages.map((m) => [m.opcode, m.frameCount, m.compressed])).toEqual([
      [1, 1, true],
      [1, 2, true],
    ]);
    const tap = inflater(DEFAULTS, 'server');
    for (const m of decoded.messages) expect(text(await tap.inflate(payloadOf(m)))).toBe(message);
  });
});

describe('Inflater on hand-made DEFLATE data', () => {
  it('resets the window per message under *_no_context_takeover, so a reference back fails', async () => {
    const deflate = deflater();
    const first = await compress(deflate, LINE);
    const second = await compress(deflate, LINE);
    const keeping = inflater({ clientNoContextTakeover: true }, 'server');
    expect([text(await keeping.inflate(first)), text(await keeping.inflate(second))]).toEqual([LINE, LINE]);
    const resetting = inflater({ clientNoContextTakeover: true }, 'client');
    expect(text(await resetting.inflate(first))).toBe(LINE);
    expect(await resetting.inflate(second)).toMatchObject({
      ok: false,
      violation: { code: 'INFLATE_FAILED' },
    });
  });

  it('honours *_max_window_bits: a reference 2000 bytes back fails at 10 bits', async () => {
    const block = noise(2000);
    const deflate = deflater(15);
    const [first, second] = [await compress(deflate, block), await compress(deflate, block)];
    expect(second.length).toBeLessThan(40);
    const narrow = inflater({ clientMaxWindowBits: 10 }, 'client');
    expect((await narrow.inflate(first)).ok).toBe(true);
    const refused = await narrow.inflate(second);
    expect(!refused.ok && refused.violation.message).toMatch(/invalid distance too far back/);
    // The server's messages are not bound by the client's window.
    const wide = inflater({ clientMaxWindowBits: 10 }, 'server');
    const results = [await wide.inflate(first), await wide.inflate(second)];
    expect(results.map((r) => r.ok && r.data.equals(block))).toEqual([true, true]);
  });

  it('accepts server_max_window_bits=8 as zlib senders produce it', async () => {
    const block = noise(200);
    const deflate = deflater(8);
    const tap = inflater({ serverMaxWindowBits: 8 }, 'server');
    const results = [
      await tap.inflate(await compress(deflate, block)),
      await tap.inflate(await compress(deflate, block)),
    ];
    expect(results.map((r) => r.ok && r.data.equals(block))).toEqual([true, true]);
  });

  it('keeps the window after a message far larger than one zlib output chunk', async () => {
    const big = noise(3 * MiB);
    const tail = big.subarray(big.length - 1000);
    const deflate = deflater();
    const [first, second] = [await compress(deflate, big), await compress(deflate, tail)];
    expect(second.length).toBeLessThan(40);
    const tap = inflater({}, 'server');
    const results = await Promise.all([tap.inflate(first), tap.inflate(second)]);
    expect(results.map((r) => r.ok && r.payloadLength)).toEqual([big.length, tail.length]);
    expect(results[1]?.ok && results[1].data.equals(tail)).toBe(true);
  });

  it('stops a deflate bomb as soon as it passes the bound (RFC 7692 §8.1)', async () => {
    // 200 sync-flushed pieces of 1 MiB of zeros: 200 MiB inflated from about 200 KiB.
    const piece = zlib.deflateRawSync(Buffer.alloc(MiB), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const bomb = Buffer.concat(Array.from({ length: 200 }, () => piece));
    const payload = bomb.subarray(0, bomb.length - 4);
    const tap = inflater({}, 'server', MiB);
    const result = await tap.inflate(payload);
    expect(result).toMatchObject({ ok: false, violation: { code: 'INFLATED_TOO_BIG', closeCode: 1009 } });
    const message = result.ok ? '' : result.violation.message;
    expect(message).toMatch(/more than 1048576 bytes/);
    const [, read, of] = /having read (\d+) of (\d+) compressed bytes/.exec(message) ?? [];
    expect(Number(of)).toBe(payload.length);
    expect(Number(read)).toBeLessThan(payload.length / 50);
    // Exactly at the bound is fine, and the inflater carries on with a new stream.
    expect((await tap.inflate(piece.subarray(0, piece.length - 4))).ok).toBe(true);
  });

  it('reports corrupt data as INFLATE_FAILED with the zlib message and recovers', async () => {
    const tap = inflater({}, 'server');
    const bad = await tap.inflate(Uint8Array.of(0xff, 0xff, 0xff));
    expect(bad).toMatchObject({ ok: false, violation: { code: 'INFLATE_FAILED', rfc: 'RFC 7692 §7.2.2' } });
    expect(!bad.ok && bad.violation.message).toMatch(/invalid block type/);
    expect(text(await tap.inflate(await compress(deflater(), 'fine')))).toBe('fine');
    const again = await tap.inflate(Uint8Array.of(0xff));
    expect(!again.ok && again.violation.message).toMatch(/earlier message failed, losing the LZ77 window/);
  });

  it('starts a new stream after a block with BFINAL set (RFC 7692 §7.2.3.4)', async () => {
    const tap = inflater({}, 'server');
    expect(text(await tap.inflate(zlib.deflateRawSync('final block')))).toBe('final block');
    expect(text(await tap.inflate(await compress(deflater(), 'next message')))).toBe('next message');
  });

  it('refuses an empty compressed payload without losing the window', async () => {
    const deflate = deflater();
    const tap = inflater({}, 'server');
    expect(text(await tap.inflate(await compress(deflate, LINE)))).toBe(LINE);
    const empty = await tap.inflate(new Uint8Array(0));
    expect(!empty.ok && empty.violation.message).toMatch(/compressed payload is empty/);
    expect(text(await tap.inflate(await compress(deflate, '')))).toBe('');
    expect(text(await tap.inflate(await compress(deflate, LINE)))).toBe(LINE);
  });

  it('copies its input at once, so callers may reuse their buffers', async () => {
    const deflate = deflater();
    const tap = inflater({}, 'server');
    const inputs = [Buffer.from(await compress(deflate, 'one')), Buffer.from(await compress(deflate, 'two'))];
    const pending = inputs.map((input) => tap.inflate(input));
    for (const input of inputs) input.fill(0xff);
    expect((await Promise.all(pending)).map(text)).toEqual(['one', 'two']);
  });

  it('settles pending and later calls once closed', async () => {
    const tap = new Inflater({ params: DEFAULTS, sender: 'server' });
    const payload = await compress(deflater(), LINE);
    const pending = [tap.inflate(payload), tap.inflate(payload)];
    tap.close();
    for (const result of [...(await Promise.all(pending)), await tap.inflate(payload)]) {
      expect(result).toMatchObject({ ok: false, violation: { code: 'INFLATE_FAILED' } });
      expect(!result.ok && result.violation.message).toMatch(/closed/);
    }
  });
});
