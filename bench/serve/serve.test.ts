import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { ServerContestant } from './contestants.js';
import { EchoConnection } from './echo-connection.js';
import { EchoCheck, echoStreams, messageText, SendCursor, WrongEcho } from './echo-stream.js';
import { parseCpuTicks, parseOpenFilesLimit, parseVmRssKiB } from './proc.js';
import { openRawWebSocket } from './raw-client.js';
import { formatThroughput, GOAL_VS_BARE, summarizeMemory, summarizeThroughput } from './report.js';
import { checkOpenFiles } from './spawn-node.js';
import { positiveInts } from '../stats.js';

// The serve bench's arithmetic, parsers and referee, checked without timing anything.
const server = (id: ServerContestant['id']): ServerContestant => ({ id, label: id, args: [] });

/** An in-process echo server; `corrupt` changes the echo of message #1.5 (a server bug). */
async function echoServer(corrupt = false): Promise<{ url: string; close: () => void }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true });
  wss.on('connection', (ws) => {
    if (ws.extensions !== '') throw new Error(`negotiated ${ws.extensions}`);
    ws.on('message', (data: Buffer) =>
      ws.send(corrupt && data.toString().startsWith('#1.5 ') ? data.toString().toUpperCase() : data, {
        binary: false,
      }),
    );
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, close: () => wss.close() };
}
const good = await echoServer();
const bad = await echoServer(true);
afterAll(() => [good, bad].forEach((s) => s.close()));

/** Runs one load connection against `url` until `messages` echoes came back, then drains and closes. */
async function echoes(url: string, messages: number): Promise<number> {
  const failed: WrongEcho[] = [];
  const connection = new EchoConnection(await openRawWebSocket(url), echoStreams(1, 64, 100), 32, (e) =>
    failed.push(e),
  );
  connection.start();
  while (connection.received < messages && failed.length === 0)
    await new Promise((resolve) => setTimeout(resolve, 5));
  if (failed.length > 0) throw failed[0];
  await connection.drain(5000);
  await connection.close();
  return connection.received;
}

describe('bench/serve', () => {
  it('throughput ratios are each median over the bare median; the goal, ≥ 0.8×, is for wstap only', () => {
    const rows = summarizeThroughput([
      {
        server: server('wstap'),
        perSecond: [80, 90, 100],
        serverCpu: [0.8, 0.9, 1],
        loadCpu: [0.2, 0.2, 0.2],
        printedPerMessage: [180, 180, 181],
        printedLate: [0, 0.5, 0.25],
        rssEndKiB: [2048, 1024, 3072],
      },
      {
        server: server('bare'),
        perSecond: [100, 100, 125],
        serverCpu: [0.5, 0.5, 0.5],
        loadCpu: [0.3, 0.3, 0.3],
        printedPerMessage: [0, 0, 0],
        printedLate: [0, 0, 0],
        rssEndKiB: [1024, 1024, 1024],
      },
    ]);
    expect(rows[0]).toMatchObject({
      vsBare: 0.9,
      goal: GOAL_VS_BARE,
      goalMet: true,
      serverCpu: 0.9,
      cpuPerMessageUs: 10_000,
      printedPerMessage: 180,
      printedLate: 0.25,
      rssEndMiB: 2,
    });
    expect(rows[0]?.pairedVsBare).toEqual({ median: 0.8, min: 0.8, max: 0.9 });
    expect(rows[1]).toMatchObject({ vsBare: 1, goal: null, goalMet: null, cpuPerMessageUs: 5000 });
    const missed = summarizeThroughput([
      {
        server: server('wstap'),
        perSecond: [79],
        serverCpu: [1],
        loadCpu: [0],
        printedPerMessage: [0],
        printedLate: [0],
        rssEndKiB: [1],
      },
      {
        server: server('bare'),
        perSecond: [100],
        serverCpu: [1],
        loadCpu: [0],
        printedPerMessage: [0],
        printedLate: [0],
        rssEndKiB: [1],
      },
    ]);
    expect(formatThroughput('64 B', missed).join('\n')).toMatch(/0\.79×.*≥ 0\.8×: MISSED/);
  });

  it('memory per client is (after − before) ÷ clients, its ratio to bare per run and of medians', () => {
    const rows = summarizeMemory(
      [
        { server: server('wstap'), beforeKiB: [50_000, 50_000], afterKiB: [60_000, 70_000] },
        { server: server('bare'), beforeKiB: [40_000, 40_000], afterKiB: [42_000, 42_000] },
      ],
      1000,
    );
    expect(rows[0]?.perClientKiB).toEqual({ median: 15, min: 10, max: 20 });
    expect(rows[0]).toMatchObject({ vsBare: 7.5, pairedVsBare: { min: 5, max: 10, median: 7.5 } });
    expect(rows[1]?.beforeMiB).toBeCloseTo(39.06, 2);
  });

  it('reads /proc: CPU ticks past a command name with parentheses, VmRSS, the open-files limit', () => {
    const stat = '42 (node (x) y) S 1 42 42 0 -1 4194560 100 0 0 0 250 31 0 0 20 0 11 0 1000 0 0';
    expect(parseCpuTicks(stat)).toBe(281);
    expect(parseVmRssKiB('Name:\tnode\nVmHWM:\t  9 kB\nVmRSS:\t   51234 kB\n')).toBe(51234);
    expect(
      parseOpenFilesLimit('Max open files            1024                 524288               files\n'),
    ).toEqual({ soft: 1024, hard: 524288 });
    expect(
      parseOpenFilesLimit('Max open files            unlimited            unlimited            files\n').soft,
    ).toBe(Infinity);
  });

  it('checks the open-files limit and says what to do when it is too low; parses --size lists', () => {
    expect(() => checkOpenFiles({ soft: 20_000, hard: 20_000 }, 1064)).not.toThrow();
    expect(() => checkOpenFiles({ soft: 1024, hard: 1024 }, 1064)).toThrow(
      /ulimit -n.*1024.*fewer --clients/,
    );
    expect(positiveInts('size', '64, 1024')).toEqual([64, 1024]);
    expect(() => positiveInts('size', '64,')).toThrow(/--size/);
  });

  it('messages have exactly their size in UTF-8, multi-byte characters included, and differ', () => {
    for (const size of [8, 16, 17, 18, 64, 100, 1024])
      expect(Buffer.byteLength(messageText(3, 17, size))).toBe(size);
    expect(messageText(3, 17, 64)).toMatch(/^#3\.17 .*é/);
    expect(new Set(Array.from({ length: 64 }, (_, i) => messageText(1, i, 64))).size).toBe(64);
    expect(() => messageText(1, 12345, 4)).toThrow(RangeError);
  });

  it('sent frames unmask to the expected echoes; the cursor wraps around the ring', () => {
    for (const size of [64, 200, 70_000]) {
      const s = echoStreams(2, 3, size);
      const frame = s.sent.subarray(s.sentFrameLength, 2 * s.sentFrameLength);
      const at = frame.length - size - 4;
      const key = frame.subarray(at, at + 4);
      const payload = frame.subarray(at + 4).map((b, i) => b ^ (key[i % 4] as number));
      expect(Buffer.from(payload).toString()).toBe(messageText(2, 1, size));
      expect(
        s.echoed
          .subarray(s.echoFrameLength, 2 * s.echoFrameLength)
          .subarray(-size)
          .toString(),
      ).toBe(messageText(2, 1, size));
    }
    const s = echoStreams(1, 4, 64);
    const cursor = new SendCursor(s);
    cursor.take(3);
    const wrapped = cursor.take(3);
    expect(wrapped.map((b) => b.length / s.sentFrameLength)).toEqual([1, 2]);
    expect(wrapped[1]?.equals(s.sent.subarray(0, 2 * s.sentFrameLength))).toBe(true);
    expect(cursor.sent).toBe(6);
  });

  it('the referee takes the echo stream in any chunking and fails a wrong, lost or re-framed echo', () => {
    const s = echoStreams(1, 4, 64);
    const stream = Buffer.concat([s.echoed, s.echoed.subarray(0, s.echoFrameLength)]);
    const check = new EchoCheck(s);
    let completed = 0;
    for (let at = 0; at < stream.length; at += 7) completed += check.push(stream.subarray(at, at + 7));
    expect(completed).toBe(5);
    expect(check.received).toBe(5);

    const altered = Buffer.from(s.echoed);
    altered.writeUInt8(altered.readUInt8(s.echoFrameLength + 20) ^ 1, s.echoFrameLength + 20);
    expect(() => new EchoCheck(s).push(altered)).toThrow(/echo 2 \(message #1\.1\): byte 20/);
    expect(() => new EchoCheck(s).push(s.echoed.subarray(s.echoFrameLength))).toThrow(WrongEcho);
    const fragmented = Buffer.from(s.echoed.subarray(0, s.echoFrameLength));
    fragmented[0] = 0x01; // FIN clear: the first fragment of the same message
    expect(() => new EchoCheck(s).push(fragmented)).toThrow(/byte 0 of the frame is wrong: got 01/);
  });

  it('a load connection echoes through a real ws server, and fails a server that alters one message', async () => {
    expect(await echoes(good.url, 500)).toBeGreaterThanOrEqual(500);
    await expect(echoes(bad.url, 500)).rejects.toThrow(/message #1\.5\)/);
  });
});
