import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMockBehaviour } from '../../../main/engine/mock/mock-behaviour.js';
import {
  binary,
  FakePort,
  mockFrom,
  text,
  upgradeFor,
} from '../../../main/engine/mock/mock-behaviour.test-util.js';
import type { Conversation } from '../conversation.js';
import { connection, conversation, type Said } from './conversation.test-util.js';
import type { ExportOptions } from './export-options.js';
import { toMockDefinition } from './mock.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** The exported mock, loaded by the real parser and connected on `path` (fails on any load problem). */
async function served(conv: Conversation, path = '/', options: ExportOptions = {}) {
  const yaml = toMockDefinition(conv, options);
  const behaviour = createMockBehaviour(mockFrom(yaml), { handlerFor: () => null });
  const port = new FakePort(upgradeFor(path));
  // Actions with delays resolve only as the fake clock moves.
  const settled = async (work: Promise<void> | void): Promise<void> => {
    await vi.runAllTimersAsync();
    await work;
  };
  const opened = port.events.length;
  await settled(behaviour.open(port));
  const pushed = port.events.slice(opened).filter((e) => !e.startsWith('rule'));
  const say = async (message: string | number[]): Promise<string[]> => {
    const before = port.events.length;
    await settled(behaviour.message(port, typeof message === 'string' ? text(message) : binary(message)));
    return port.events.slice(before).filter((e) => !e.startsWith('rule'));
  };
  return { yaml, pushed, say };
}

const one = (messages: readonly Said[], close: Parameters<typeof connection>[3] = null): Conversation =>
  conversation(connection(1, 'ws://app.test/ws', messages, close));

describe('toMockDefinition', () => {
  it('turns a server that echoed everything into one fallback', async () => {
    const { yaml, say } = await served(
      one([
        ['c', 0, 'a'],
        ['s', 1, 'a'],
        ['c', 2, { base64: 'AQI=' }],
        ['s', 3, { base64: 'AQI=' }],
      ]),
      '/ws',
    );
    expect(yaml).toContain(
      '    # the server echoed every message\n    fallback:\n      - reply: { same: true }\n',
    );
    expect(await say('anything')).toEqual(['send anything']);
    expect(await say([9, 9])).toEqual(['send 0909']);
  });

  it('answers a request the recording answered differently each time in turn, the last repeating', async () => {
    const { yaml, say } = await served(
      one([
        ['c', 0, 'next'],
        ['s', 1, '1'],
        ['c', 2, 'next'],
        ['s', 3, '2'],
        ['c', 4, 'next'],
        ['s', 5, '3'],
      ]),
      '/ws',
    );
    expect(yaml).toContain('# answered differently each time (3 times): in turn, the last one repeating');
    expect([await say('next'), await say('next'), await say('next'), await say('next')]).toEqual([
      ['send 1'],
      ['send 2'],
      ['send 3'],
      ['send 3'],
    ]);
  });

  it('tells JSON requests apart by a field no other request shares, ids left out and copied back', async () => {
    const { yaml, say } = await served(
      one([
        ['c', 0, '{"id":1,"a":1,"b":1}'],
        ['s', 1, '{"id":1,"r":"a1b1"}'],
        ['c', 2, '{"id":2,"a":1,"b":2}'],
        ['s', 3, '{"id":2,"r":"a1b2"}'],
        ['c', 4, '{"id":3,"a":2,"b":1}'],
        ['s', 5, '{"id":3,"r":"a2b1"}'],
        ['c', 6, '{"id":4,"a":2,"b":2}'],
        ['s', 7, '{"id":4,"r":"a2b2"}'],
      ]),
      '/ws',
    );
    expect(yaml).toContain('match: { json: "$", equals: {"id":1,"a":1,"b":1} }');
    expect(yaml).toContain('# no single field tells this request from the others');
    expect(await say('{"a":2,"b":2,"id":"x"}')).toEqual(['send {"id":"x","r":"a2b2"}']);
    expect(await say('{"b":2,"a":1,"id":10}')).toEqual(['send {"id":10,"r":"a1b2"}']);
    expect(await say('{"a":2,"b":1,"id":11}')).toEqual(['send {"id":11,"r":"a2b1"}']);
    // The request no single field tells apart matches as recorded, its id included.
    expect(await say('{"id":1,"a":1,"b":1}')).toEqual(['send {"id":1,"r":"a1b1"}']);
  });

  it('matches JSON without volatile fields whole, in any key order, with --ignore fields left out', async () => {
    const messages: Said[] = [
      ['c', 0, '{"op":"sub","topic":"t","at":100}'],
      ['s', 1, 'ok'],
    ];
    const strict = await served(one(messages), '/ws');
    expect(strict.yaml).toContain('match: { json: "$", equals: {"op":"sub","topic":"t","at":100} }');
    expect(await strict.say('{"at":100,"topic":"t","op":"sub"}')).toEqual(['send ok']);
    expect(await strict.say('{"at":101,"topic":"t","op":"sub"}')).toEqual([
      expect.stringMatching(/^log info no rule matched message #\d+$/),
    ]);
    const lenient = await served(one(messages), '/ws', { ignore: ['$.at'] });
    expect(await lenient.say('{"at":101,"topic":"t","op":"sub"}')).toEqual(['send ok']);
  });

  it('keeps pushes, delays, the Close, binary replies and texts with {{ as the recording had them', async () => {
    const { yaml, pushed, say } = await served(
      one(
        [
          ['s', 0, 'hello {{name}}'],
          ['s', 50, { base64: '3q2+7w==' }],
          ['c', 60, 'go'],
          ['s', 61, 'one'],
          ['s', 361, 'two'],
        ],
        { code: 4001, reason: 'bye {{x}}', t: 400 },
      ),
      '/ws',
    );
    expect(yaml).toContain('- raw: [{ opcode: text, payload: { base64: "aGVsbG8ge3tuYW1lfX0=" } }]');
    expect(pushed).toEqual(['raw 1', 'send deadbeef']);
    expect(yaml).toContain('- delay: 300ms');
    expect(await say('go')).toEqual(['send one', 'send two', 'close 4001']);
    expect(yaml).toContain('- close: { code: 4001 }');
  });

  it('orders binary rules longest first and routes each recorded path', async () => {
    const conv = conversation(
      connection(1, 'ws://app.test/bin?x=1', [
        ['c', 0, { base64: 'AQ==' }],
        ['s', 1, 'short'],
        ['c', 2, { base64: 'AQI=' }],
        ['s', 3, 'long'],
      ]),
      connection(
        2,
        'ws://app.test/a%20b/:odd',
        [
          ['c', 0, 'x'],
          ['s', 1, 'y'],
        ],
        { code: 1004, initiator: 'server' },
      ),
    );
    const bin = await served(conv, '/bin');
    expect(await bin.say([1, 2, 3])).toEqual(['send long']);
    expect(await bin.say([1, 9])).toEqual(['send short']);
    expect(bin.yaml).toContain('  - path: "*"');
    const other = await served(conv, '/elsewhere');
    expect(await other.say('x')).toEqual(['send y', 'close 1004']);
    expect(other.yaml).toContain('- close: { code: 1004, force: true }');
  });

  it('says what is wrong with an option', () => {
    expect(() => toMockDefinition(one([]), { ignore: ['id'] })).toThrow("ignore path 'id' must start with $");
    expect(() => toMockDefinition(one([]), { speed: 0 })).toThrow('speed must be a positive number');
  });
});
