// The replay behaviour in wstap's real server, with real ws clients, from conversations written by
// hand (so every recorded gap, close and frame count is known exactly).
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationConnection } from '../../../shared/interchange/conversation.js';
import { createEngine, type Engine } from '../engine.js';
import { EventLog } from '../engine.test-util.js';
import type { JsonPath } from '../mock/definition.js';
import { parseJsonPath } from '../mock/json-path.js';
import type { RunningServer } from '../server/server.js';
import { openClient } from '../server/server.test-util.js';
import { createReplayBehaviour, type ReplayServerOptions } from './replay-behaviour.js';
import { recordedConnection, said } from './script.test-util.js';

let engine: Engine | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
});

async function serve(
  connections: readonly ConversationConnection[],
  options: ReplayServerOptions = {},
): Promise<{ server: RunningServer; log: EventLog }> {
  engine = createEngine();
  const log = new EventLog(engine);
  const server = await engine.serve({ behaviour: createReplayBehaviour(connections, options) });
  return { server, log };
}

const logs = (log: EventLog, level?: string): string[] =>
  log
    .of('log')
    .filter((e) => level === undefined || e.level === level)
    .map((e) => e.message);

describe('serving a recorded connection', () => {
  it('pushes on connect, answers each request after its recorded gap divided by --speed, and nothing sooner', async () => {
    const conversation = recordedConnection([
      said('server', 5, 'welcome'),
      said('client', 100, 'slow'),
      said('server', 500, 'slow done'),
    ]);
    for (const [speed, low, high] of [
      [1, 390, 900],
      [4, 95, 350],
      [0, 0, 80],
    ] as const) {
      const { server } = await serve([conversation], { speed });
      const client = await openClient(server.url);
      expect(await client.next()).toEqual({ text: 'welcome' });
      const sent = performance.now();
      client.ws.send('slow');
      expect(await client.next()).toEqual({ text: 'slow done' });
      const took = performance.now() - sent;
      expect(took, `speed ${speed}`).toBeGreaterThanOrEqual(low);
      expect(took, `speed ${speed}`).toBeLessThan(high);
      await engine?.dispose();
    }
  });

  it('sends binary as binary, and text that was not UTF-8 as the same bytes in a text frame', async () => {
    const { server, log } = await serve([
      recordedConnection([
        said('client', 10, 'go'),
        { from: 'server', t: 11, opcode: 'binary', base64: 'AAH/' },
        { from: 'server', t: 12, opcode: 'text', base64: 'b2vDKA==' },
      ]),
    ]);
    const client = await openClient(server.url);
    // ws fails a text frame of invalid UTF-8 as the RFC says (1007): the bytes went out as recorded.
    client.ws.send('go');
    expect(await client.next()).toEqual({ binary: [0, 1, 255] });
    expect((await log.waitFor('closed')).received).toMatchObject({ code: 1007 });
    const out = log.of('frame').filter((f) => f.dir === 'out' && f.opcode !== 8);
    expect(out.map((f) => [f.opcodeName, f.payloadLength])).toEqual([
      ['binary', 3],
      ['text', 4],
    ]);

    const again = await openClient(`${server.url}/api`);
    again.ws.send('go');
    await again.next();
    // The second client got the same connection again (the only one), so the same bytes.
    expect(logs(log)).toContainEqual(
      expect.stringMatching(
        /2 server messages; the only recorded connection on \/api already served a client: reusing #1 \(client 2 of it\)$/,
      ),
    );
  });

  it('fragments a message as recorded', async () => {
    const frame = {
      fin: false,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode: 1,
      masked: false,
      maskKey: null,
      payloadLength: 3,
    };
    const { server, log } = await serve([
      recordedConnection([
        said('client', 10, 'go'),
        {
          from: 'server',
          t: 13,
          opcode: 'text',
          text: 'abcdefghi',
          frames: [frame, { ...frame, opcode: 0 }, { ...frame, opcode: 0, fin: true }],
        },
      ]),
    ]);
    const client = await openClient(server.url);
    client.ws.send('go');
    expect(await client.next()).toEqual({ text: 'abcdefghi' });
    const out = log.of('frame').filter((f) => f.dir === 'out');
    expect(out.map((f) => [f.opcodeName, f.fin, f.text])).toEqual([
      ['text', false, 'abc'],
      ['continuation', false, 'def'],
      ['continuation', true, 'ghi'],
    ]);
  });

  it('closes as the recorded server did, at that point of the script, and says the recording ended', async () => {
    const { server, log } = await serve([
      recordedConnection([said('client', 10, 'hi'), said('server', 11, 'hello'), said('client', 20, 'bye')], {
        close: { initiator: 'server', code: 4000, reason: 'done', replyCode: 4000, t: 25 },
      }),
    ]);
    const client = await openClient(server.url);
    client.ws.send('hi');
    expect(await client.next()).toEqual({ text: 'hello' });
    client.ws.send('bye');
    expect(await client.closed).toEqual({ code: 4000, reason: 'done' });
    await log.waitFor('log', (e) => e.message.includes('end of the recording'));
    expect(logs(log)).toContain('recorded #1: end of the recording: closing as its server did');
    expect(log.of('rule').map((r) => [r.route, r.rule, r.actions])).toEqual([
      ['recorded #1', 'client message 1', ['reply text 5 B after 1ms']],
      ['recorded #1', 'client message 2', ['close 4000 "done" after 5ms']],
    ]);
  });

  it('stays open at the end of the recording, naming what never came; warns of extras; closes with 1008 when asked', async () => {
    const conversation = recordedConnection(
      [
        said('client', 10, 'a'),
        said('server', 11, 'A'),
        said('client', 20, 'b'),
        said('client', 30, 'c'),
        said('server', 31, 'C'),
      ],
      { close: { initiator: 'client', code: 1000, reason: '', replyCode: 1000, t: 40 } },
    );
    const { server, log } = await serve([conversation]);
    const client = await openClient(server.url);
    client.ws.send('a');
    expect(await client.next()).toEqual({ text: 'A' });
    client.ws.send('zzz');
    client.ws.send('c');
    expect(await client.next()).toEqual({ text: 'C' });
    const end = await log.waitFor('log', (e) => e.message.includes('end of the recording'));
    expect(end.message).toBe(
      'recorded #1: end of the recording, 2 of 3 recorded client messages matched (not received: 2 "b"); in the recording the client closed next (1000); staying open',
    );
    expect(logs(log, 'warn')).toEqual([
      'recorded #1: message 2 "zzz" is not in the recording; closest expected: client message 2 "b" (differs from character 0)',
    ]);
    expect(client.ws.readyState).toBe(client.ws.OPEN);

    await engine?.dispose();
    const strict = await serve([conversation], { onMismatch: 'close' });
    const other = await openClient(strict.server.url);
    other.ws.send('a');
    await other.next();
    other.ws.send('{"unexpected":true}');
    expect(await other.closed).toEqual({ code: 1008, reason: 'message not in the recording' });
    expect(logs(strict.log, 'warn')[0]).toMatch(
      /message 2 "\{"unexpected":true\}" is not in the recording; .*; closing with 1008$/,
    );
  });

  it('gives two clients their own cursors and their own ids back', async () => {
    const id = parseJsonPath('$.id') as JsonPath;
    const conversation = recordedConnection([
      said('client', 10, '{"id":1,"op":"a"}'),
      said('server', 11, '{"id":1,"r":"A"}'),
      said('client', 20, '{"id":2,"op":"b"}'),
      said('server', 21, '{"id":2,"r":"B"}'),
    ]);
    const { server } = await serve([conversation, { ...conversation, id: 2 }], { correlate: [id] });
    const one = await openClient(server.url);
    const two = await openClient(server.url);
    two.ws.send('{"id":"two-1","op":"a"}');
    one.ws.send('{"id":"one-1","op":"a"}');
    expect(await two.next()).toEqual({ text: '{"id":"two-1","r":"A"}' });
    expect(await one.next()).toEqual({ text: '{"id":"one-1","r":"A"}' });
    one.ws.send('{"id":"one-2","op":"b"}');
    expect(await one.next()).toEqual({ text: '{"id":"one-2","r":"B"}' });
    two.ws.send('{"id":"two-2","op":"b"}');
    expect(await two.next()).toEqual({ text: '{"id":"two-2","r":"B"}' });
  });

  it('selects the recorded subprotocol when the client offers it, else the first offered, saying so', async () => {
    const { server, log } = await serve([recordedConnection([], { subprotocol: 'v2.chat' })]);
    const offered = await openClient(server.url, { protocols: ['v1.chat', 'v2.chat'] });
    expect(offered.ws.protocol).toBe('v2.chat');
    const other = await openClient(server.url, { protocols: ['v1.chat'] });
    expect(other.ws.protocol).toBe('v1.chat');
    expect(logs(log)).toContain(
      'the recording used subprotocol v2.chat; the client offered v1.chat: selecting v1.chat',
    );
  });
});
