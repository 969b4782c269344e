import { expect } from 'vitest';
import { connectLockstep, type LockstepClient } from '../peers/node-client.js';
import { runPythonClient, type PythonStep } from '../peers/python.js';

/** Deterministic bytes that do not compress to nothing: an LCG, so runs are comparable. */
export function pseudoRandom(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Sizes at the edges of the three length encodings (RFC 6455 §5.2). */
export const EDGE_SIZES = [0, 125, 126, 65535, 65536] as const;

async function echo(client: LockstepClient, data: string | Buffer): Promise<void> {
  client.ws.send(data);
  const got = await client.next();
  expect(got.isBinary).toBe(typeof data !== 'string');
  expect(got.data.equals(typeof data === 'string' ? Buffer.from(data) : data)).toBe(true);
}

/**
 * node `ws` ↔ an echo server: text, binary, a 0-byte message, every length encoding, fragments
 * both ways, pings both ways, and a server-initiated Close 4000 with a reason.
 */
export async function wsSessionServerClose(url: string): Promise<void> {
  const client = await connectLockstep(url);
  await echo(client, 'hello wstap');
  await echo(client, Buffer.from([0, 1, 2, 0xfe, 0xff]));
  await echo(client, '');
  for (const size of EDGE_SIZES) await echo(client, pseudoRandom(size, size));
  client.ws.send('fragmented ', { fin: false });
  client.ws.send('by the client', { fin: true });
  expect((await client.next()).data.toString()).toBe('fragmented by the client');
  client.ws.send('frag:3:fragmented by the server');
  expect((await client.next()).data.toString()).toBe('fragmented by the server');
  client.ws.ping('client ping');
  expect((await client.nextPong()).toString()).toBe('client ping');
  client.ws.send('ping:server ping');
  expect((await client.nextPing()).toString()).toBe('server ping');
  client.ws.send('close:4000:server says bye');
  expect(await client.closed).toEqual({ code: 4000, reason: 'server says bye' });
}

/** node `ws` ↔ an echo server, closed by the client with 1000 and a reason. */
export async function wsSessionClientClose(url: string): Promise<void> {
  const client = await connectLockstep(url);
  await echo(client, 'one message, then a client close');
  client.ws.close(1000, 'client says bye');
  expect((await client.closed).code).toBe(1000);
}

/**
 * node `ws` with permessage-deflate on every message (threshold 0) ↔ a compressing echo server.
 * Connect to gorilla with ?wbuf=256 and it cuts each compressed message into 256-byte frames,
 * RSV1 on the first only; ws also sends a compressed message in two fragments.
 */
export async function wsSessionDeflate(url: string): Promise<void> {
  const client = await connectLockstep(url, { perMessageDeflate: { threshold: 0 } });
  expect(client.ws.extensions).toContain('permessage-deflate');
  await echo(client, 'compress me '.repeat(20));
  await echo(client, pseudoRandom(1500, 7).toString('base64'));
  await echo(client, '');
  await echo(client, Buffer.alloc(65536, 0x61));
  await echo(client, pseudoRandom(70_000, 9));
  client.ws.send('compressed fragment one, ', { fin: false, compress: true });
  client.ws.send('compressed fragment two', { fin: true, compress: true });
  expect((await client.next()).data.toString()).toBe('compressed fragment one, compressed fragment two');
  client.ws.ping('ping under deflate');
  await client.nextPong();
  client.ws.close(1000, 'deflate done');
  expect((await client.closed).code).toBe(1000);
}

/** The python3-websockets client's script: lengths, fragments, a ping, a client Close 1000. */
export function pythonSteps(closeByServer: boolean): PythonStep[] {
  const b64 = (size: number): string => pseudoRandom(size, size + 3).toString('base64');
  return [
    { op: 'text', data: 'hello from python' },
    { op: 'recv' },
    { op: 'text', data: '' },
    { op: 'recv' },
    ...EDGE_SIZES.flatMap((size): PythonStep[] => [{ op: 'binary', base64: b64(size) }, { op: 'recv' }]),
    { op: 'fragments', data: ['python ', 'fragments'] },
    { op: 'recv' },
    { op: 'text', data: 'frag:3:split by the server' },
    { op: 'recv' },
    { op: 'ping', data: 'python ping' },
    { op: 'text', data: 'ping:ping for python' },
    { op: 'text', data: 'still here' },
    { op: 'recv' },
    ...(closeByServer
      ? [{ op: 'text', data: 'close:4000:server closes python' } as const, { op: 'wait_closed' } as const]
      : [{ op: 'close', code: 1000, reason: 'python says bye' } as const]),
  ];
}

/** Runs the python3-websockets client and checks it ran its script to the end. */
export async function pythonSession(url: string, closeByServer: boolean, deflate = false): Promise<void> {
  const result = await runPythonClient(url, pythonSteps(closeByServer), { deflate });
  expect(result.exitCode, result.stderr + JSON.stringify(result.events)).toBe(0);
  const closed = result.events.at(-1);
  expect(closed).toMatchObject(
    closeByServer ? { event: 'closed', code: 4000 } : { event: 'closed', code: 1000 },
  );
}
