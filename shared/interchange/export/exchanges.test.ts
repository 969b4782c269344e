import { describe, expect, it } from 'vitest';
import { connection } from './conversation.test-util.js';
import { serverScript } from './exchanges.js';

describe('serverScript', () => {
  it('splits pushes, each client message with what followed it, and the server Close', () => {
    const script = serverScript(
      connection(
        1,
        'ws://x.test/',
        [
          ['s', 5, 'welcome'],
          ['s', 9, 'news'],
          ['c', 10, 'a'],
          ['s', 10.5, 'A'],
          ['s', 50.25, 'A2'],
          ['c', 60, 'b'],
        ],
        {
          initiator: 'server',
          code: 4000,
          t: 70,
        },
      ),
    );
    const text = (r: { message: { text?: string }; gapMs: number }) => [r.message.text, r.gapMs];
    expect(script.opening.map(text)).toEqual([
      ['welcome', 0],
      ['news', 4],
    ]);
    expect(script.exchanges.map((e) => [e.request.text, e.replies.map(text)])).toEqual([
      [
        'a',
        [
          ['A', 0.5],
          ['A2', 39.75],
        ],
      ],
      ['b', []],
    ]);
    expect(script.serverClose?.code).toBe(4000);
    expect(script.closeGapMs).toBe(10);
  });

  it('has no server Close when the client closed or nobody did', () => {
    expect(
      serverScript(connection(1, 'ws://x.test/', [['c', 1, 'a']], { initiator: 'client' })).serverClose,
    ).toBeNull();
    expect(
      serverScript(connection(1, 'ws://x.test/', [['c', 1, 'a']], { initiator: 'none' })).serverClose,
    ).toBeNull();
    expect(serverScript(connection(1, 'ws://x.test/', [])).exchanges).toEqual([]);
  });
});
