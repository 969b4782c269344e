import { describe, expect, it } from 'vitest';
import type { JsonPath } from '../mock/definition.js';
import { parseJsonPath } from '../mock/json-path.js';
import { buildScript } from './script.js';
import { recordedConnection, said } from './script.test-util.js';

describe('the script of a recorded connection', () => {
  it('pushes what the server sent before the first client message, timed from the open', () => {
    const script = buildScript(
      recordedConnection([
        said('server', 7, 'welcome'),
        said('server', 57, 'motd'),
        said('client', 100, 'hi'),
      ]),
    );
    expect(script.pushes).toEqual([
      { kind: 'send', message: said('server', 7, 'welcome'), gap: 2 },
      { kind: 'send', message: said('server', 57, 'motd'), gap: 50 },
    ]);
    expect(script.exchanges).toEqual([{ index: 0, request: said('client', 100, 'hi'), replies: [] }]);
    expect(script.serverMessages).toBe(2);
  });

  it('gives each client message the server messages up to the next one, late pushes included, each timed from the one before', () => {
    const script = buildScript(
      recordedConnection([
        said('client', 10, 'sub'),
        said('server', 12, 'ok'),
        said('server', 1012, 'tick 1'),
        said('server', 2012, 'tick 2'),
        said('client', 2500, 'unsub'),
        said('client', 2501, 'quit'),
        said('server', 2600, 'bye'),
      ]),
    );
    expect(script.pushes).toEqual([]);
    expect(script.exchanges.map((e) => [e.request.text, e.replies.map((r) => r.gap)])).toEqual([
      ['sub', [2, 1000, 1000]],
      ['unsub', []],
      ['quit', [99]],
    ]);
  });

  it('ends the batch the server’s Close followed with that Close; a client’s Close is not the server’s to send', () => {
    const serverClosed = buildScript(
      recordedConnection([said('client', 10, 'bye'), said('server', 11, 'ciao')], {
        close: { initiator: 'server', code: 4000, reason: 'done', replyCode: 4000, t: 31 },
      }),
    );
    expect(serverClosed.serverCloses).toBe(true);
    expect(serverClosed.exchanges[0]?.replies.at(-1)).toEqual({
      kind: 'close',
      code: 4000,
      reason: 'done',
      gap: 20,
    });
    // A client message the server's Close overtook comes after the Close, as it did.
    const overtaken = buildScript(
      recordedConnection([said('server', 6, 'go away'), said('client', 9, 'late')], {
        close: { initiator: 'server', code: 1008, reason: '', replyCode: 1008, t: 8 },
      }),
    );
    expect(overtaken.pushes.map((s) => s.kind)).toEqual(['send', 'close']);
    expect(overtaken.exchanges[0]?.replies).toEqual([]);
    const clientClosed = buildScript(
      recordedConnection([said('client', 10, 'hi')], {
        close: { initiator: 'client', code: 1000, reason: '', replyCode: 1000, t: 20 },
      }),
    );
    expect(clientClosed.serverCloses).toBe(false);
    expect(clientClosed.exchanges[0]?.replies).toEqual([]);
  });

  it('with --correlate, gives a reply carrying a request’s id to that request, however late it came', () => {
    const id = parseJsonPath('$.id') as JsonPath;
    // Three pipelined requests; the slow one's answer comes last, then a push without an id.
    const messages = [
      said('client', 10, '{"id":1,"method":"getUser"}'),
      said('client', 11, '{"id":2,"method":"slow"}'),
      said('client', 12, '{"id":3,"method":"sum"}'),
      said('server', 15, '{"id":1,"result":"Ana"}'),
      said('server', 16, '{"id":3,"result":6}'),
      said('server', 511, '{"id":2,"result":"done"}'),
      said('server', 600, '{"method":"tick"}'),
    ];
    const byId = buildScript(recordedConnection(messages), [id]);
    expect(
      byId.exchanges.map((e) => e.replies.map((r) => (r.kind === 'send' ? [r.message.text, r.gap] : r.kind))),
    ).toEqual([
      [['{"id":1,"result":"Ana"}', 5]],
      [['{"id":2,"result":"done"}', 500]],
      [
        ['{"id":3,"result":6}', 4],
        ['{"method":"tick"}', 584],
      ],
    ]);
    // Without it, everything after the last request is that request's.
    const byTime = buildScript(recordedConnection(messages));
    expect(byTime.exchanges.map((e) => e.replies.length)).toEqual([0, 0, 4]);
  });
});
