import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import { readRecordingEvents } from '../recording/recording-reader.js';
import { tempDir } from '../recording/recording.test-util.js';
import { startTestServer, type TestServer } from './ws-server.test-util.js';

let engine: Engine;
let server: TestServer;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await engine?.dispose();
  await server?.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const BIG = 'the quick brown fox '.repeat(50_000);

/** What a line of `wstap connect` or `wstap show` would stand for: the event, in short. */
function label(event: SessionEvent): string {
  if (event.type === 'frame') return `${event.dir} frame ${event.opcodeName}`;
  if (event.type === 'message') return `${event.dir} message ${event.size}`;
  return event.type;
}

describe('client events in wire order (permessage-deflate)', () => {
  it('a server that sends a large compressed message, a small one and its Close at once: the messages come first, live and in the recording', async () => {
    server = await startTestServer(
      (ws) => {
        ws.send(BIG);
        ws.send('small');
        ws.close(1000, 'bye');
      },
      { perMessageDeflate: { threshold: 0 } },
    );
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    engine = createEngine();
    const log = new EventLog(engine);
    const recording = await engine.startRecording(join(dir, 'order.jsonl'));
    const id = engine.connect({ url: `${server.url}/order`, perMessageDeflate: { threshold: 0 } });
    await engine.done(id);
    await recording.stop();

    const conn = log.of('open')[0]!.conn;
    const live = log.events.filter((e) => e.conn === conn);
    const data = live
      .filter((e) => e.type === 'frame' || e.type === 'message' || e.type === 'closed')
      .map(label);
    expect(data.filter((l) => l.startsWith('in') || l === 'closed')).toEqual([
      'in frame text',
      `in message ${BIG.length}`,
      'in frame text',
      'in message 5',
      'in frame close',
      'closed',
    ]);
    expect(live.map((e) => e.seq)).toEqual(live.map((_, i) => i));

    // `wstap show` derives the frames from the wire records: the same events in the same order.
    const { events } = await readRecordingEvents(join(dir, 'order.jsonl'));
    const recorded = events.filter((e) => e.conn === conn);
    expect(recorded.map((e) => [e.seq, label(e)])).toEqual(live.map((e) => [e.seq, label(e)]));
  });
});
