import { afterEach, describe, expect, it } from 'vitest';
import { ROW_FLAG, rowDirection } from '../../../shared/ipc/rows.js';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { isMessageRow as isMessage, startTestConsole, type TestConsole } from './console.test-util.js';
import { frameDetail } from './frame-detail.js';

let console_: TestConsole;
let server: TestServer;
afterEach(async () => {
  await console_?.close();
  await server?.close();
});

const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** Waits for the echo of the message last sent: `n` incoming messages in all. */
const echoes = (n: number): Promise<void> => console_.incomingMessages(n);

describe('frames.detail', () => {
  it('returns the payload unmasked and the mask key the client really used', async () => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    console_ = await startTestConsole();
    const { session, conn } = await console_.connect({ url: server.url, perMessageDeflate: false });
    await console_.value('session.send', { session, message: { kind: 'text', text: 'hello' } });
    await echoes(1);
    // A whole message: no message row, its frame row (and frames.detail) stands for it.
    expect(console_.rows.filter(isMessage)).toEqual([]);
    const out = console_.rows.find((r) => !isMessage(r) && rowDirection(r.flags) === 'out')!;
    expect(out.flags & ROW_FLAG.WHOLE_MESSAGE).not.toBe(0);

    const detail = await console_.value('frames.detail', { id: out.id });
    expect(detail).toMatchObject({ id: out.id, conn, dir: 'out', payloadError: null, truncated: 0 });
    expect(detail.payloadBase64).toBe(b64('hello'));
    expect(detail.frame).toMatchObject({
      index: 0,
      opcode: 1,
      opcodeName: 'text',
      masked: true,
      payloadLength: 5,
    });
    expect(detail.frame).not.toHaveProperty('text');
    // The server read the frame header: bytes 2..5 are the mask key on the wire.
    const wire = Buffer.concat(server.raw[0]!.received);
    expect(detail.frame.maskKey).toBe(wire.subarray(2, 6).toString('hex'));

    const unknown = await console_.call('frames.detail', { id: 999_999 });
    expect(unknown).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_FRAME', message: 'no frame with id 999999' },
    });
  });

  it('reads a Close frame reason back and bounds a long payload', async () => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    console_ = await startTestConsole();
    const { session, conn } = await console_.connect({ url: server.url, perMessageDeflate: false });
    await console_.value('session.send', { session, message: { kind: 'text', text: 'y'.repeat(3000) } });
    await echoes(1);
    await console_.value('session.close', { session, code: 4001, reason: 'done' });
    await console_.event('closed', (e) => e.conn === conn);
    const close = console_.rows.find((r) => !isMessage(r) && (r.flags & 0x0f) === 8)!;
    const detail = await console_.value('frames.detail', { id: close.id });
    expect(detail.frame).toMatchObject({ closeCode: 4001, closeReason: 'done', closeName: 'Private use' });

    const big = console_.rows.find((r) => !isMessage(r) && r.length === 3000)!;
    const cut = await frameDetail(console_.service.engine.store!, big.id, 0, 1000);
    expect(cut).toMatchObject({ truncated: 2000, payloadBase64: b64('y'.repeat(1000)) });
  });

  it('gives rows of frames over the store cap id -1 and counts them', async () => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    console_ = await startTestConsole({ store: { maxFrames: 1 } });
    const { session } = await console_.connect({ url: server.url, perMessageDeflate: false });
    await console_.value('session.send', { session, message: { kind: 'text', text: 'a' } });
    await echoes(1);
    // Fragmented, so it has a message row, whose frames are all over the cap.
    await console_.value('session.send', { session, message: { kind: 'text', text: 'bc' }, fragments: 2 });
    await echoes(2);
    const frames = console_.rows.filter((r) => !isMessage(r));
    expect(frames.map((r) => [r.id, r.preview])).toEqual([
      [0, 'a'],
      [-1, 'a'],
      [-1, 'b'],
      [-1, 'c'],
      [-1, 'bc'],
    ]);
    expect(console_.batches.at(-1)!.stats).toMatchObject({ frames: 1, droppedFrames: 4 });
    expect((await console_.call('frames.detail', { id: 1 })).ok).toBe(false);
    const message = await console_.value('messages.detail', { id: 0 });
    expect(message).toMatchObject({ frameCount: 2, frameIds: [], payloadBase64: b64('bc') });
  });
});

describe('messages.detail', () => {
  it('returns a compressed message inflated, with its frames', async () => {
    server = await startTestServer(echo, { perMessageDeflate: { threshold: 0 } });
    console_ = await startTestConsole();
    const { session } = await console_.connect({ url: server.url, perMessageDeflate: { threshold: 0 } });
    const text = 'compress me '.repeat(500);
    await console_.value('session.send', { session, message: { kind: 'text', text } });
    await echoes(1);
    // Compressed both ways: each has a message row (its frame is no whole message).
    expect(console_.rows.filter(isMessage).map((r) => rowDirection(r.flags))).toEqual(['out', 'in']);
    expect(console_.rows.some((r) => (r.flags & ROW_FLAG.WHOLE_MESSAGE) !== 0)).toBe(false);
    const back = console_.rows.find((r) => isMessage(r) && rowDirection(r.flags) === 'in')!;
    expect(back.flags & ROW_FLAG.COMPRESSED).not.toBe(0);

    const detail = await console_.value('messages.detail', { id: back.id });
    expect(detail).toMatchObject({ dir: 'in', opcodeName: 'text', compressed: true, size: text.length });
    expect(detail.wireLength).toBeLessThan(text.length / 10);
    expect(Buffer.from(detail.payloadBase64!, 'base64').toString()).toBe(text);
    const frames = console_.rows.filter((r) => !isMessage(r) && rowDirection(r.flags) === 'in');
    expect(detail.frameIds).toEqual(frames.map((r) => r.id));
    const frame = await console_.value('frames.detail', { id: detail.frameIds[0]! });
    expect(frame.frame.rsv1).toBe(true);
    expect(Buffer.from(frame.payloadBase64!, 'base64')).toHaveLength(detail.wireLength);
  });

  it('names the frames of a fragmented message and cuts payloads at maxFetch', async () => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    console_ = await startTestConsole({ messages: { maxFetch: 4 } });
    const { session } = await console_.connect({ url: server.url, perMessageDeflate: false });
    const base64 = Buffer.from('0123456789').toString('base64');
    await console_.value('session.send', { session, message: { kind: 'binary', base64 }, fragments: 3 });
    await echoes(1);
    const detail = await console_.value('messages.detail', { id: 0 });
    const outFrames = console_.rows.filter((r) => !isMessage(r) && rowDirection(r.flags) === 'out');
    expect(detail).toMatchObject({ dir: 'out', opcodeName: 'binary', frameCount: 3, truncated: 6 });
    expect(detail.frameIds).toEqual(outFrames.map((r) => r.id));
    expect(detail.payloadBase64).toBe(b64('0123'));

    const unknown = await console_.call('messages.detail', { id: 99 });
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_MESSAGE');
  });

  it('drops payloads past the spill cap and says so', async () => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    console_ = await startTestConsole({ messages: { maxSpillBytes: 6 } });
    const { session } = await console_.connect({ url: server.url, perMessageDeflate: false });
    // Fragmented, so the message store keeps them (their one-frame echoes it does not).
    await console_.value('session.send', {
      session,
      message: { kind: 'text', text: 'hello!' },
      fragments: 2,
    });
    await echoes(1);
    await console_.value('session.send', {
      session,
      message: { kind: 'text', text: 'world!' },
      fragments: 2,
    });
    await echoes(2);

    expect((await console_.value('messages.detail', { id: 0 })).payloadBase64).toBe(b64('hello!'));
    const dropped = await console_.value('messages.detail', { id: 1 });
    expect(dropped).toMatchObject({ payloadBase64: null, payloadError: { code: 'PAYLOAD_DROPPED' } });
    // Two stored (the second without its payload) and their two one-frame echoes.
    expect(await console_.value('store.stats', null)).toMatchObject({ messages: 4, droppedBytes: 6 });
  });

  it('keeps message ids when the message cap is reached: later rows get -1', async () => {
    server = await startTestServer(echo, { perMessageDeflate: false });
    console_ = await startTestConsole({ messages: { maxMessages: 1 } });
    const { session } = await console_.connect({ url: server.url, perMessageDeflate: false });
    // Fragmented (one-frame messages take no message id): both have a message row.
    await console_.value('session.send', { session, message: { kind: 'text', text: 'hi' }, fragments: 2 });
    await echoes(1);
    await console_.value('session.send', { session, message: { kind: 'text', text: 'yo' }, fragments: 2 });
    await echoes(2);
    expect(console_.rows.filter(isMessage).map((r) => r.id)).toEqual([0, -1]);
    expect(await console_.value('store.stats', null)).toMatchObject({ messages: 3, droppedMessages: 1 });
  });
});
