import { afterEach, describe, expect, it } from 'vitest';
import { ROW_FLAG, rowDirection, rowOpcode } from '../../../shared/ipc/rows.js';
import { echo, startTestServer, type TestServer } from '../client/ws-server.test-util.js';
import { hasFlag, isMessageRow, startTestConsole, type Row, type TestConsole } from './console.test-util.js';

let console_: TestConsole;
let server: TestServer;
afterEach(async () => {
  await console_?.close();
  await server?.close();
});

const whole = (r: Row): boolean => hasFlag(r, ROW_FLAG.WHOLE_MESSAGE);

async function connected(): Promise<{ session: number; conn: number }> {
  server = await startTestServer(echo, { perMessageDeflate: false });
  console_ = await startTestConsole();
  return console_.connect({ url: server.url, perMessageDeflate: false });
}

/**
 * Waits for the echo of a message (the echo server answers in one frame: an incoming frame row with
 * the same preview), and returns the rows of that exchange: every row with that preview.
 */
async function exchange(preview: string): Promise<{ readonly frames: Row[]; readonly messages: Row[] }> {
  const mine = (r: Row) => r.preview === preview;
  await console_.until(() => console_.rows.some((r) => mine(r) && hasFlag(r, ROW_FLAG.IN)), preview);
  const rows = console_.rows.filter(mine);
  return { frames: rows.filter((r) => !isMessageRow(r)), messages: rows.filter(isMessageRow) };
}

describe('console rows', () => {
  it('turns a text exchange into one frame row each way, flagged as a whole message', async () => {
    const { session, conn } = await connected();
    await console_.value('session.send', { session, message: { kind: 'text', text: 'hello' } });
    const { frames, messages } = await exchange('hello');

    expect(frames.map((r) => rowDirection(r.flags))).toEqual(['out', 'in']);
    expect(messages).toEqual([]);
    const [out, back] = frames as [Row, Row];
    expect(rowOpcode(out.flags)).toBe(1);
    expect(hasFlag(out, ROW_FLAG.FIN) && hasFlag(out, ROW_FLAG.MASKED)).toBe(true);
    expect(hasFlag(back, ROW_FLAG.MASKED) || hasFlag(back, ROW_FLAG.COMPRESSED)).toBe(false);
    expect(frames.every(whole)).toBe(true);
    expect(out).toMatchObject({ conn, length: 5, extra: 0 });
    expect(out.id).toBeGreaterThanOrEqual(0);

    // Whole messages are not in the message store (their frames hold the payload), but they count.
    const last = console_.batches.at(-1)!;
    expect(last.stats).toMatchObject({ messages: 2, droppedFrames: 0, droppedMessages: 0, droppedBytes: 0 });
    expect(last.stats.frames).toBeGreaterThanOrEqual(2);
  });

  it('gives a single-frame message one WHOLE_MESSAGE row, a fragmented one its frame rows and a message row', async () => {
    const { session, conn } = await connected();
    await console_.value('session.send', { session, message: { kind: 'text', text: 'one' } });
    await exchange('one');
    await console_.value('session.send', { session, message: { kind: 'text', text: 'abcd' }, fragments: 2 });
    await exchange('abcd');

    // Frames: extra is the message number in the direction; the message row: extra is the frame count.
    const out = console_.rows.filter((r) => r.conn === conn && rowDirection(r.flags) === 'out');
    expect(out.map((r) => [isMessageRow(r), whole(r), r.preview, r.extra])).toEqual([
      [false, true, 'one', 0],
      [false, false, 'ab', 1],
      [false, false, 'cd', 1],
      [true, false, 'abcd', 2],
    ]);
    // Message ids count message rows only: the fragmented message is message 0.
    const message = out[3]!;
    expect(message).toMatchObject({ id: 0, length: 4 });
    expect(rowOpcode(message.flags)).toBe(1);
    expect(hasFlag(message, ROW_FLAG.FIN)).toBe(true);
    // The echoes came back in one frame each: no message row for them either.
    expect(console_.rows.filter(isMessageRow)).toEqual([message]);
    const echoes = console_.rows.filter((r) => hasFlag(r, ROW_FLAG.IN));
    expect(echoes.map((r) => [isMessageRow(r), whole(r), r.preview])).toEqual([
      [false, true, 'one'],
      [false, true, 'abcd'],
    ]);

    const detail = await console_.value('messages.detail', { id: 0 });
    expect(detail).toMatchObject({ dir: 'out', frameCount: 2, frameIds: [out[1]!.id, out[2]!.id] });
    expect(Buffer.from(detail.payloadBase64!, 'base64').toString()).toBe('abcd');
    // 'one' out, 'abcd' out (stored) and both echoes.
    expect(await console_.value('store.stats', null)).toMatchObject({ messages: 4 });
  });

  it('previews binary in hex, JSON as its text, control characters as dots', async () => {
    const { session } = await connected();
    const binary = Buffer.from([0, 1, 2, 255]).toString('base64');
    // Fragmented, so that message rows show their previews too.
    await console_.value('session.send', {
      session,
      message: { kind: 'binary', base64: binary },
      fragments: 2,
    });
    await console_.value('session.send', { session, message: { kind: 'json', text: '{"a": [1, 2]}' } });
    await console_.value('session.send', {
      session,
      message: { kind: 'text', text: 'a\nb\tc' },
      fragments: 2,
    });

    const bin = await exchange('00 01 02 ff');
    expect(bin.messages.map((r) => rowDirection(r.flags))).toEqual(['out']);
    expect(bin.frames.map((r) => rowDirection(r.flags))).toEqual(['in']);
    const binRows = [...bin.messages, ...bin.frames];
    expect(binRows.every((r) => rowOpcode(r.flags) === 2 && hasFlag(r, ROW_FLAG.BINARY_PREVIEW))).toBe(true);
    const fragments = console_.rows.filter((r) => r.preview === '00 01' || r.preview === '02 ff');
    expect(fragments.map((r) => hasFlag(r, ROW_FLAG.BINARY_PREVIEW))).toEqual([true, true]);

    const json = await exchange('{"a": [1, 2]}');
    expect(json.messages).toEqual([]);
    expect(json.frames.map((r) => [rowOpcode(r.flags), whole(r)])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(json.frames.some((r) => hasFlag(r, ROW_FLAG.BINARY_PREVIEW))).toBe(false);
    const text = await exchange('a·b·c');
    expect([text.messages.length, text.frames.length]).toEqual([1, 1]);
  });

  it('cuts long previews, shows a Close frame by code and reason, and refuses JSON that does not parse', async () => {
    const { session, conn } = await connected();
    const long = 'x'.repeat(5000);
    await console_.value('session.send', { session, message: { kind: 'text', text: long }, fragments: 2 });
    // Out: two fragments and their message row; in: the echo in one frame.
    const { frames, messages } = await exchange('x'.repeat(48));
    expect(frames.map((r) => [rowDirection(r.flags), r.length])).toEqual([
      ['out', 2500],
      ['out', 2500],
      ['in', 5000],
    ]);
    expect(messages.map((r) => [rowDirection(r.flags), r.length])).toEqual([['out', 5000]]);

    const bad = await console_.call('session.send', { session, message: { kind: 'json', text: '{"a":' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('BAD_INPUT');
    expect(!bad.ok && bad.error.message).toMatch(/^input\.message\.text: not valid JSON: /);

    await console_.value('session.close', { session, code: 4000, reason: 'bye' });
    await console_.event('closed', (e) => e.conn === conn);
    const closes = console_.rows.filter((r) => !isMessageRow(r) && rowOpcode(r.flags) === 8);
    expect(closes.map((r) => [rowDirection(r.flags), r.preview, r.extra, whole(r)])).toEqual([
      ['out', '4000 bye', -1, false],
      ['in', '4000 bye', -1, false],
    ]);
  });

  it('marks fragmented frames with their message number and keeps non-row events in order', async () => {
    const { session, conn } = await connected();
    await console_.value('session.send', {
      session,
      message: { kind: 'text', text: 'abcdef' },
      fragments: 3,
    });
    await exchange('abcdef');
    const out = console_.rows.filter(
      (r) => !isMessageRow(r) && rowDirection(r.flags) === 'out' && r.conn === conn,
    );
    expect(
      out.map((r) => [rowOpcode(r.flags), hasFlag(r, ROW_FLAG.FIN), whole(r), r.extra, r.preview]),
    ).toEqual([
      [1, false, false, 0, 'ab'],
      [0, false, false, 0, 'cd'],
      [0, true, false, 0, 'ef'],
    ]);
    // Its message row counts its frames; the echo came back in one frame, a whole message.
    expect(console_.rows.filter(isMessageRow)).toMatchObject([{ extra: 3, length: 6, preview: 'abcdef' }]);
    const back = console_.rows.find((r) => hasFlag(r, ROW_FLAG.IN) && r.preview === 'abcdef')!;
    expect([isMessageRow(back), whole(back), back.extra]).toEqual([false, true, 0]);
    const types = console_.events.filter((e) => e.conn === conn).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['connecting', 'tcp']);
    expect(types).toContain('open');
    expect(
      console_.events.some((e) => (e.type as string) === 'frame' || (e.type as string) === 'message'),
    ).toBe(false);
  });
});
