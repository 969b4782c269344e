import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { ReplayProgress } from '../../../shared/ipc/recording-commands.js';
import { ROW_FLAG } from '../../../shared/ipc/rows.js';
import { hasFlag, isMessageRow, startTestConsole, type TestConsole } from './console.test-util.js';
import { OPENED_SESSION_BASE } from './recording-open.js';

let console_: TestConsole | null = null;
const servers: WebSocketServer[] = [];
afterEach(async () => {
  await console_?.close();
  console_ = null;
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

/** A `ws` server that answers every text message with `answer(text)`. */
async function answering(answer: (text: string) => string): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  wss.on('connection', (ws) => ws.on('message', (data) => ws.send(answer(String(data)))));
  await new Promise((resolve) => wss.once('listening', resolve));
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/chat`;
}

/** Records a session that sends `{"user":"ann","n":1}` and `bye` to `url` and gets the answers; returns the file. */
async function recordSession(c: TestConsole, url: string): Promise<string> {
  const started = await c.value('recording.start', {});
  expect(started.active).toHaveLength(1);
  expect(started.active[0]!.path.startsWith(join(c.dir, 'data', 'recordings'))).toBe(true);
  expect(started.active[0]!.scope).toBeNull();
  const { session, conn } = await c.connect({ url });
  await c.value('session.send', { session, message: { kind: 'json', text: '{"user":"ann","n":1}' } });
  await c.value('session.send', { session, message: { kind: 'text', text: 'bye' } });
  await c.until(
    () => c.rows.filter((r) => r.conn === conn && hasFlag(r, ROW_FLAG.IN)).length >= 2,
    'answers',
  );
  await c.value('session.close', { session, code: 1000 });
  await c.event('closed', (e) => e.conn === conn);
  const stopped = await c.value('recording.stop', { recording: started.active[0]!.recording });
  expect(stopped.active).toEqual([]);
  return stopped.last!;
}

/** Waits for the replay's pushed ticks to say it ended (the bar moved on with them), then asks for the report. */
async function finished(c: TestConsole, replay: number): Promise<ReplayProgress> {
  const ticks = () => c.batches.flatMap((b) => b.replays ?? []).filter((t) => t.replay === replay);
  await c.until(() => ticks().some((t) => t.finished), `replay ${replay}'s finished tick`);
  const last = ticks().at(-1)!;
  const progress = await c.value('recording.replayStatus', { replay });
  expect(progress.finished).toBe(true);
  expect([last.done, last.total]).toEqual([progress.done, progress.total]);
  return progress;
}

describe('recordings in the console', () => {
  it('records every connection to a file in the recordings folder and lists it', async () => {
    const c = (console_ = await startTestConsole());
    const file = await recordSession(c, await answering((t) => t));
    const list = await c.value('recording.list', null);
    expect(list.map((f) => f.path)).toEqual([file]);
    expect(list[0]!.bytes).toBeGreaterThan(100);
    expect((await readFile(file, 'utf8')).split('\n')[0]).toContain('"format":"wstap-recording"');
    const again = await c.call('recording.stop', { recording: 1 });
    expect(again.ok ? null : again.error.code).toBe('RECORDING_BUSY');
  });

  it('opens a recording as closed connections with fresh ids whose frame rows open in the detail pane', async () => {
    const c = (console_ = await startTestConsole());
    const file = await recordSession(c, await answering((t) => t));
    const before = c.rows.length;
    const opened = await c.value('recording.open', { path: file });
    expect(opened.source).toBe('wstap-recording');
    expect(opened.connections).toHaveLength(1);
    const [conn] = opened.connections;
    expect(conn!.conn).not.toBe(conn!.recorded);
    expect(conn!.messages).toBe(4);
    await c.event('closed', (e) => e.conn === conn!.conn);
    const connecting = await c.event('connecting', (e) => e.conn === conn!.conn);
    expect(connecting.session).toBe(OPENED_SESSION_BASE + conn!.conn);
    const rows = c.rows.slice(before).filter((r) => r.conn === conn!.conn);
    const hello = rows.find((r) => hasFlag(r, ROW_FLAG.IN) && r.preview.includes('ann'));
    expect(hello).toBeDefined();
    const detail = await c.value('frames.detail', { id: hello!.id });
    expect(detail.conn).toBe(conn!.conn);
    expect(Buffer.from(detail.payloadBase64!, 'base64').toString()).toBe('{"user":"ann","n":1}');
    // An outgoing frame keeps its mask, as recorded.
    const out = rows.find((r) => !hasFlag(r, ROW_FLAG.IN) && r.preview === 'bye');
    const outDetail = await c.value('frames.detail', { id: out!.id });
    expect(outDetail.frame.masked).toBe(true);
    expect(Buffer.from(outDetail.payloadBase64!, 'base64').toString()).toBe('bye');
  });

  it('ends a connection the file leaves open (a recording stopped mid-session) with a closed event', async () => {
    const c = (console_ = await startTestConsole());
    const started = await c.value('recording.start', { path: join(c.dir, 'mid.jsonl') });
    const { session, conn } = await c.connect({ url: await answering((t) => t) });
    await c.value('session.send', { session, message: { kind: 'text', text: 'still open' } });
    await c.until(() => c.rows.filter((r) => r.conn === conn).length >= 2, 'the echo');
    const { last } = await c.value('recording.stop', { recording: started.active[0]!.recording });
    const opened = await c.value('recording.open', { path: last! });
    const closed = await c.event('closed', (e) => e.conn === opened.connections[0]!.conn);
    expect(closed).toMatchObject({ initiator: 'none', code: 1006, framesIn: 1, framesOut: 1 });
    expect(closed.explanation).toBe(`${last!} ends before this connection closed`);
    expect(c.events.some((e) => e.type === 'closed' && e.conn === conn)).toBe(false);
  });

  it('exports to HAR, k6 and Playwright beside the file; a HAR opens as message rows', async () => {
    const c = (console_ = await startTestConsole());
    const file = await recordSession(c, await answering((t) => t));
    const har = await c.value('recording.export', { path: file, format: 'har' });
    expect(har.output).toBe(file.replace(/\.jsonl$/, '.har'));
    expect(har).toMatchObject({ connections: 1, messages: 4 });
    const k6 = await c.value('recording.export', {
      path: file,
      format: 'k6',
      output: join(c.dir, 'load.js'),
    });
    expect(await readFile(k6.output, 'utf8')).toContain("from 'k6'");
    const pw = await c.value('recording.export', { path: file, format: 'playwright' });
    expect(await readFile(pw.output, 'utf8')).toContain('@playwright/test');
    const before = c.rows.length;
    const opened = await c.value('recording.open', { path: har.output });
    expect(opened.source).toBe('har-wstap');
    await c.until(() => c.rows.length >= before + 4, 'the HAR rows');
    const rows = c.rows.slice(before);
    expect(rows).toHaveLength(4);
    expect(rows.every(isMessageRow)).toBe(true);
    const answer = rows.find((r) => hasFlag(r, ROW_FLAG.IN) && r.preview.includes('ann'));
    const detail = await c.value('messages.detail', { id: answer!.id });
    expect(Buffer.from(detail.payloadBase64!, 'base64').toString()).toBe('{"user":"ann","n":1}');
  });

  it('replays against the same server cleanly, against a changed one with field-level differences', async () => {
    const c = (console_ = await startTestConsole());
    const file = await recordSession(c, await answering((t) => t));
    const same = await c.value('recording.replay', { path: file, mode: 'lockstep', timeoutMs: 3000 });
    expect(same.total).toBe(4);
    const clean = await finished(c, same.replay);
    expect(clean.error).toBeNull();
    expect(clean.report?.differences).toBe(0);
    expect(clean.done).toBe(4);
    expect(clean.liveConns).toHaveLength(1);
    const changed = await answering((t) => t.replace('ann', 'ANN'));
    const run = await c.value('recording.replay', {
      path: file,
      mode: 'fast',
      target: changed,
      timeoutMs: 3000,
    });
    const report = (await finished(c, run.replay)).report!;
    expect(report.differences).toBe(1);
    const finding = report.connections[0]!.findings[0]!;
    expect(finding.kind).toBe('different');
    expect(finding.kind === 'different' ? finding.fields : []).toEqual([
      { path: '$.user', expected: '"ann"', actual: '"ANN"' },
    ]);
    const bad = await c.call('recording.replayStatus', { replay: 999 });
    expect(bad.ok ? null : bad.error.code).toBe('UNKNOWN_REPLAY');
  });

  it('serves a recording as a mock on 127.0.0.1 that answers as recorded', async () => {
    const c = (console_ = await startTestConsole());
    const file = await recordSession(c, await answering((t) => `${t}!`));
    const mock = await c.value('recording.serve', { path: file, noDelays: true });
    expect(mock.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+/);
    const { session, conn } = await c.connect({ url: mock.url });
    // The recorded answers came after both messages: the mock answers the second with both.
    await c.value('session.send', { session, message: { kind: 'text', text: '{"user":"ann","n":1}' } });
    await c.value('session.send', { session, message: { kind: 'text', text: 'bye' } });
    await c.until(
      () => c.rows.some((r) => r.conn === conn && hasFlag(r, ROW_FLAG.IN) && r.preview.endsWith('}!')),
      'the recorded answer',
    );
    await c.value('recording.stopServe', { url: mock.url });
  });

  it('takes a dropped file in chunks up to the announced size, and no more', async () => {
    const c = (console_ = await startTestConsole());
    const { upload } = await c.value('recording.uploadBegin', { name: '../../etc/x y.har', bytes: 6 });
    await c.value('recording.uploadChunk', { upload, base64: Buffer.from('abc').toString('base64') });
    await c.value('recording.uploadChunk', { upload, base64: Buffer.from('def').toString('base64') });
    const { path } = await c.value('recording.uploadEnd', { upload });
    expect(path).toMatch(/[\\/]1-x_y\.har$/);
    expect(await readFile(path, 'utf8')).toBe('abcdef');
    const second = await c.value('recording.uploadBegin', { name: 'a', bytes: 2 });
    const over = await c.call('recording.uploadChunk', { upload: second.upload, base64: 'AAAA' });
    expect(over.ok ? null : over.error.code).toBe('UPLOAD_TOO_LARGE');
    const big = await c.call('recording.uploadBegin', { name: 'a', bytes: 300 * 1024 * 1024 });
    expect(big.ok ? null : big.error.code).toBe('BAD_INPUT');
  });
});
